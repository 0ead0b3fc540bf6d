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
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A one-line progress bar on the terminal: done/total, rate, time left.
    static func progress(done: Int, total: Int, elapsed: Double) {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Int((Double(total - done) / rate).rounded()) : 0
        let line =
            "\r[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate)) files/s  ETA \(left / 60)m\(left % 60)s"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Whether stdout is a terminal (progress bars only there).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
