public import CVModel
public import Extraction
import Foundation
import Yams

/// pipeline.yml, loaded and validated. Paths are resolved against the file's folder.
public struct PipelineConfig: Sendable {
    /// The file it was read from (for error messages and `config check`).
    public var file: String
    /// Inbox folder; its subfolders are intake channels.
    public var inbox: String
    /// Data folder: vault, quarantine, exports, audit.
    public var data: String
    public var extraction: ExtractionLimits
    /// Worker processes for extraction (default: the number of cores).
    public var workers: Int
    /// Declared purposes by name.
    public var purposes: [String: Purpose]
    /// Inbox subfolder → purpose name.
    public var channels: [String: String]
    /// The purpose of files dropped in the inbox itself, not in a channel folder.
    public var defaultPurpose: String?
    /// How long an original file is kept after processing (`0d`: deleted at once).
    public var keepOriginals: TimeSpan
    /// Export settings (fields, formats, branding, k-anonymity threshold).
    public var export: ExportSettings
    /// Daemon intake timing.
    public var intake: IntakeSettings
    /// Information notices to candidates (GDPR art. 13/14).
    public var notices: NoticeSettings
    /// The web app's sessions and log-in limit (`web:`).
    public var web = WebAppSettings()
    /// Where the vault lives (`vault:`): SQLite under `data`, or a shared PostgreSQL database.
    public var vault = VaultSettings()

    /// Where the vault, quarantine, exports and key live under `data`.
    public var vaultPath: String { (data as NSString).appendingPathComponent("vault.sqlite") }
    public var quarantineFolder: String { (data as NSString).appendingPathComponent("quarantine") }
    public var exportsFolder: String { (data as NSString).appendingPathComponent("exports") }
    public var keyPath: String { (data as NSString).appendingPathComponent("master.key") }
    /// The audit anchor: `vault.anchor`, else beside the SQLite vault under `data`.
    public var anchorPath: String { vault.anchor ?? (data as NSString).appendingPathComponent("audit.anchor") }

    /// The top-level sections and what each holds; issue-by-issue the later stages add theirs.
    static let topLevelKeys: Set<String> = [
        "inbox", "data", "extraction", "channels", "default_purpose", "purposes", "export", "originals", "intake",
        "notices", "web", "vault",
    ]

    /// Reads and validates `path`. Every problem is collected; the first few are thrown together.
    public static func load(path: String) throws(ConfigErrors) -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors([ConfigError(file: path, problem: "cannot read the configuration file (does it exist?)")]
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors([ConfigError(file: path, problem: "not UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Validates YAML text as if it were the file `file`.
    public static func parse(_ text: String, file: String) throws(ConfigErrors) -> PipelineConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigErrors([Self.describe(error, file: file)])
        } catch {
            throw ConfigErrors([ConfigError(file: file, problem: "not valid YAML")])
        }
        let reader = ConfigReader(file: file)
        guard let top = reader.mapping(root, path: "the file", allowed: topLevelKeys) else {
            throw ConfigErrors(
                reader.errors.isEmpty ? [ConfigError(file: file, problem: "the file is empty")] : reader.errors)
        }
        let folder = (file as NSString).deletingLastPathComponent
        let resolve = { (path: String) -> String in
            (path.hasPrefix("/") ? path : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(path))
                .standardizingPath
        }
        var config = PipelineConfig(
            file: file, inbox: resolve("var/inbox"), data: resolve("var/data"), extraction: .default,
            workers: ProcessInfo.processInfo.activeProcessorCount, purposes: [:], channels: [:], defaultPurpose: nil,
            keepOriginals: TimeSpan(amount: 0, unit: .days), export: ExportSettings(), intake: IntakeSettings(),
            notices: NoticeSettings())
        if let inbox = reader.string(top["inbox"], path: "inbox") { config.inbox = resolve(inbox) }
        if let data = reader.string(top["data"], path: "data") { config.data = resolve(data) }
        if let section = reader.mapping(top["extraction"], path: "extraction", allowed: ExtractionSection.keys) {
            ExtractionSection.apply(section, reader: reader, to: &config)
        }
        config.purposes = PolicySection.purposes(top["purposes"], reader: reader)
        config.channels = PolicySection.channels(top["channels"], purposes: config.purposes, reader: reader)
        if let name = reader.string(top["default_purpose"], path: "default_purpose") {
            if config.purposes[name] == nil {
                reader.error(
                    "default_purpose names '\(name)', which purposes: does not declare", at: top["default_purpose"])
            }
            config.defaultPurpose = name
        } else if config.purposes.count == 1 {
            config.defaultPurpose = config.purposes.keys.first
        }
        if let originals = reader.mapping(top["originals"], path: "originals", allowed: ["keep"]) {
            if let keep = reader.duration(originals["keep"], path: "originals.keep") { config.keepOriginals = keep }
        }
        if let export = reader.mapping(top["export"], path: "export", allowed: ExportSettings.keys) {
            config.export = ExportSettings.parse(export, reader: reader)
        }
        if let intake = reader.mapping(top["intake"], path: "intake", allowed: IntakeSettings.keys) {
            config.intake = IntakeSettings.parse(intake, reader: reader)
        }
        if let web = reader.mapping(top["web"], path: "web", allowed: WebAppSettings.keys) {
            config.web = WebAppSettings.parse(web, reader: reader)
        }
        if let vault = reader.mapping(top["vault"], path: "vault", allowed: VaultSettings.keys) {
            config.vault = VaultSettings.parse(vault, reader: reader, resolve: resolve)
        }
        if let notices = reader.mapping(top["notices"], path: "notices", allowed: NoticeSettings.keys) {
            config.notices = NoticeSettings.parse(notices, reader: reader, resolve: resolve)
        }
        if !reader.errors.isEmpty { throw ConfigErrors(reader.errors) }
        return config
    }

    private static func describe(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            ConfigError(file: file, line: mark.line, column: mark.column, problem: "YAML syntax: \(problem)")
        default:
            ConfigError(file: file, problem: "not valid YAML")
        }
    }
}

/// All problems found in one configuration file, each on its own line.
public struct ConfigErrors: ReportableError {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
    public var exitCode: Int32 { 2 }
    public var kind: String { "config" }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// `extraction:` — the limits untrusted files are parsed under.
enum ExtractionSection {
    static let keys: Set<String> = [
        "max_file_size", "max_pages", "max_part_size", "max_unpacked", "max_ratio", "timeout", "worker_memory",
        "workers", "max_text", "max_blocks", "ocr_max_pixels", "ocr_max_pages", "ocr_page_timeout",
        "ocr_min_confidence",
    ]

    static func apply(_ section: ConfigReader.Mapping, reader: ConfigReader, to config: inout PipelineConfig) {
        if let value = reader.size(section["max_file_size"], path: "extraction.max_file_size") {
            config.extraction.maxFileBytes = value
        }
        if let value = reader.integer(section["max_pages"], path: "extraction.max_pages", range: 1...10_000) {
            config.extraction.maxPages = value
        }
        if let value = reader.size(section["max_part_size"], path: "extraction.max_part_size") {
            config.extraction.maxPartBytes = value
        }
        if let value = reader.size(section["max_unpacked"], path: "extraction.max_unpacked") {
            config.extraction.maxUnpackedBytes = value
        }
        if let value = reader.integer(section["max_ratio"], path: "extraction.max_ratio", range: 10...100_000) {
            config.extraction.maxCompressionRatio = value
        }
        if let value = reader.duration(section["timeout"], path: "extraction.timeout") {
            if value.seconds > 0 && value.seconds <= 3600 {
                config.extraction.timeoutSeconds = value.seconds
            } else {
                reader.error("extraction.timeout must be between 1s and 1h", at: section["timeout"])
            }
        }
        if let value = reader.size(section["worker_memory"], path: "extraction.worker_memory") {
            if value >= 128 << 20 {
                config.extraction.workerMemoryMiB = value >> 20
            } else {
                reader.error("extraction.worker_memory must be at least 128MB", at: section["worker_memory"])
            }
        }
        if let value = reader.integer(section["max_text"], path: "extraction.max_text", range: 1000...100_000_000) {
            config.extraction.maxTextCharacters = value
        }
        if let value = reader.integer(section["max_blocks"], path: "extraction.max_blocks", range: 100...10_000_000) {
            config.extraction.maxBlocks = value
        }
        if let value = reader.integer(section["workers"], path: "extraction.workers", range: 1...256) {
            config.workers = value
        }
        applyOCR(section, reader: reader, to: &config)
    }

    /// The OCR limits: pixels and time per scanned page, scanned pages per file, and the
    /// confidence below which a page is flagged.
    static func applyOCR(_ section: ConfigReader.Mapping, reader: ConfigReader, to config: inout PipelineConfig) {
        if let value = reader.integer(
            section["ocr_max_pixels"], path: "extraction.ocr_max_pixels", range: 100_000...1_000_000_000)
        {
            config.extraction.ocrMaxPixels = value
        }
        if let value = reader.integer(section["ocr_max_pages"], path: "extraction.ocr_max_pages", range: 0...10_000) {
            config.extraction.ocrMaxPages = value
        }
        if let value = reader.duration(section["ocr_page_timeout"], path: "extraction.ocr_page_timeout") {
            if value.seconds > 0 && value.seconds <= 3600 {
                config.extraction.ocrPageTimeoutSeconds = value.seconds
            } else {
                reader.error("extraction.ocr_page_timeout must be between 1s and 1h", at: section["ocr_page_timeout"])
            }
            // The worker is stopped at `timeout` whatever it is doing: a page allowed longer would
            // end as a whole-file timeout, naming the wrong key.
            if config.extraction.ocrPageTimeoutSeconds > config.extraction.timeoutSeconds {
                reader.error(
                    "extraction.ocr_page_timeout (\(Int(config.extraction.ocrPageTimeoutSeconds))s) is longer than "
                        + "extraction.timeout (\(Int(config.extraction.timeoutSeconds))s), which stops the whole file "
                        + "first: make it at most the timeout",
                    at: section["ocr_page_timeout"])
            }
        }
        if let value = reader.integer(
            section["ocr_min_confidence"], path: "extraction.ocr_min_confidence", range: 0...100)
        {
            config.extraction.ocrMinConfidence = Double(value)
        }
    }
}
