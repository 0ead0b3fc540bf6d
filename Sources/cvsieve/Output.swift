import Foundation

/// Where the CLI writes: people on stdout, scripts with `--json` on stdout, diagnostics on stderr.
enum Output {
    /// Writes to stderr through `FileHandle` (the C global `stderr` is not concurrency-safe).
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `error: <text>` on stderr, once per line of `text`.
    static func errorLines(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            standardError("error: \(line)\n")
        }
    }

    static func warning(_ text: String) { standardError("warning: \(text)\n") }

    /// One JSON document on stdout, keys sorted so output is stable for scripts and golden files.
    /// Every date is ISO 8601 with its offset (`2026-11-30T06:12:00+01:00`, Europe/Amsterdam by
    /// default, the `TZ` of the process otherwise), never seconds since some epoch.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(isoDate(date))
        }
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// An ISO 8601 date with the local offset.
    static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone.current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A one-line progress bar on the terminal: done/total, rate, time left, and `label` (the
    /// name of the file just done), overwritten by the next line and never written to a file.
    static func progress(done: Int, total: Int, elapsed: Double, label: String? = nil) {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded()) : 0
        let line =
            "\r[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) files/s  ETA \(left / 60)m\(left % 60)s"
        let name = label.map {
            "  "
                + String(
                    String.UnicodeScalarView($0.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 }.prefix(40)))
        }
        FileHandle.standardOutput.write(Data((line + (name ?? "") + "\u{1B}[K").utf8))
    }

    /// Ends the progress line: erased, so no name stays on the screen.
    static func clearProgress() {
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }

    /// Whether stdout is a terminal (progress bars only there).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
