import ArgumentParser
import Foundation
import Pipeline

/// Options every command takes (CLI contract: `--config FILE`, `--json`).
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The pipeline configuration.")
    var config: String = "./pipeline.yml"

    @Flag(name: .long, help: "Print one JSON document on stdout.")
    var json = false

    /// The configuration; a missing default `./pipeline.yml` gives the built-in defaults, a missing
    /// explicitly named file is an error.
    func loadConfig(requireFile: Bool = false) throws -> PipelineConfig {
        let isDefault = config == "./pipeline.yml"
        if isDefault && !requireFile && !FileManager.default.fileExists(atPath: config) {
            return try PipelineConfig.parse("{}", file: config)
        }
        return try PipelineConfig.load(path: config)
    }

    /// The use cases over this configuration's vault, acting as the operating-system user.
    func service(actor: String = currentActor) throws -> Service {
        try Service(config: try loadConfig(requireFile: true), actor: actor)
    }
}

/// `--now DATE` for commands that act on time (purge, run): `2026-12-31` or full ISO 8601.
struct NowOption: ParsableArguments {
    @Option(
        name: .long, help: "Act as if it were this date (YYYY-MM-DD or ISO 8601), e.g. to see what a purge would do.")
    var now: String?

    func date() throws -> Date {
        guard let now else { return Date() }
        if let date = ISO8601DateFormatter().date(from: now) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        if let date = formatter.date(from: now) { return date }
        throw ValidationError("--now must be a date such as 2026-12-31 (got '\(now)')")
    }
}

/// Who is acting, for the audit log: the operating-system user running the command.
var currentActor: String {
    ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
}

/// Dates in human output: `2026-12-31`.
func day(_ date: Date?) -> String {
    guard let date else { return "while agreement runs" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
}
