import ArgumentParser
import Export
import Extraction
import Foundation
import Pipeline

/// `cvsieve preview FILE [--format md|json|html] [--purpose P]`: the redacted profile one file
/// would give, nothing stored — for a recruiter to check before ingesting.
struct PreviewCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json, html }

    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Show the client profile one file would give (nothing stored).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "A PDF or DOCX file.")
    var file: String

    @Option(help: "md, json or html.")
    var format: Format = .md

    @Option(help: "The purpose to preview under (default: the inbox's default purpose).")
    var purpose: String?

    func run() throws {
        let config = try options.loadConfig()
        if let purpose { _ = try config.purpose(named: purpose) }
        let document = try TypedPathError.naming(file) { () throws(ExtractionError) in
            try WorkerProcess(limits: config.extraction).extract(path: file)
        }
        let exportFormat = ExportFormat(rawValue: format.rawValue) ?? .md
        let service = ExportService(config: config)
        let (bytes, profile) = try service.preview(document, format: exportFormat)
        FileHandle.standardOutput.write(bytes)
        // How many stored candidates this profile would look like (the file itself is not stored).
        if FileManager.default.fileExists(atPath: config.vaultPath) {
            let similar = try service.similarCandidates(to: profile, vault: try config.openVault(), now: Date())
            let note = similar < config.export.kAnonymity ? " (below export.k = \(config.export.kAnonymity))" : ""
            Output.standardError(
                "preview: \(similar) stored candidate(s) share this profile's region, headline, experience band and "
                    + "education\(note)\n")
        }
    }
}
