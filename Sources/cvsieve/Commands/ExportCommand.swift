import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve export CODE --client NAME [--format …] [--out PATH]`: a client profile, leak-gated,
/// disclosure recorded. Exit 3 when the leak gate refuses.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a candidate's anonymous profile for a client (leak-gated, recorded).")

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    @Argument(help: "The candidate's code.")
    var code: String

    @Option(help: "The client receiving the profile (recorded as a recipient).")
    var client: String

    @Option(help: "json, md, html, pdf or docx.")
    var format: String = "pdf"

    @Option(help: "Where to write it (default: data/exports/CODE-CLIENT.FORMAT).")
    var out: String?

    @Flag(help: "Refuse when fewer than export.k stored candidates share the profile's quasi-identifiers.")
    var strict = false

    func run() async throws {
        guard let exportFormat = ExportFormat(rawValue: format) else {
            throw ValidationError("--format must be one of json, md, html, pdf, docx")
        }
        let service = try options.service()
        let result = try await service.export(
            code: code, client: client, format: exportFormat, out: out, strict: strict, at: try now.date())
        if result.belowK {
            Output.warning(
                "\(code): only \(result.similarCandidates) stored candidate(s) share this profile's region, headline, "
                    + "experience band and education (export.k = \(service.config.export.kAnonymity)); the client may single the person out"
            )
        }
        for item in result.leftOut {
            Output.warning(
                "\(code): left out \(item.field) (\(item.categories.joined(separator: ", "))): it holds personal data")
        }
        if options.json {
            try Output.json(result)
        } else {
            print(
                "\(result.path): \(result.format) profile for \(result.client), disclosure recorded (sha256 \(result.sha256.prefix(12)))"
            )
        }
    }
}
