import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve preview FILE [--format md|json|html] [--purpose P]`: the redacted profile one file
/// would give, nothing stored — for a recruiter to check before ingesting.
struct PreviewCommand: AsyncParsableCommand {
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

    func run() async throws {
        let config = try options.loadConfig()
        let preview = try await SingleFile(config: config).preview(
            file, format: ExportFormat(rawValue: format.rawValue) ?? .md, purpose: purpose)
        FileHandle.standardOutput.write(preview.bytes)
        for item in preview.leftOut { Output.standardError("preview: left out \(item): it holds personal data\n") }
        // How many stored candidates this profile would look like (the file itself is not stored).
        if let similar = preview.similarCandidates {
            let note = similar < preview.kAnonymity ? " (below export.k = \(preview.kAnonymity))" : ""
            Output.standardError(
                "preview: \(similar) stored candidate(s) share this profile's region, headline, experience band and "
                    + "education\(note)\n")
        }
    }
}
