import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve notice CODE [--lang nl|en] [--format txt|html|eml] [--out FILE]`: the information
/// notice (GDPR art. 13/14) for a candidate, on stdout or written to FILE (recorded in the audit
/// log with its language and format).
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "The GDPR art. 13/14 information notice for a candidate (categories held, purposes, rights).",
        discussion: """
            The notice names kinds of data, never the data itself; an .eml message is addressed to the
            candidate's stored e-mail address, when one is held. Written to a file with --out, the notice
            is recorded in the audit log (code, language, format). --json prints the notice's content.
            """)

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    @Argument(help: "The candidate's code (C-XXXX-XXXX).")
    var code: String

    @Option(
        name: .customLong("lang"), help: "nl or en (default: notices.language, else nl).",
        transform: { try choice($0, as: NoticeLanguage.self, option: "--lang") })
    var language: NoticeLanguage?

    @Option(help: "txt, html or eml.", transform: { try choice($0, as: NoticeFormat.self, option: "--format") })
    var format: NoticeFormat = .txt

    @Option(help: "Write the notice to this file (mode 0600) instead of standard output, and record it.")
    var out: String?

    func run() async throws {
        let service = try options.service()
        let date = try now.date()
        if service.config.notices.contact == nil {
            Output.warning("pipeline.yml has no notices.contact: the notice cannot say how to reach the agency")
        }
        if let out {
            let written = try await service.writeNotice(
                code: code, language: language, format: format, to: out, at: date)
            if format == .eml && !written.hasRecipient { warnNoAddress() }
            if options.json {
                try Output.json(written)
            } else {
                print("\(written.path): \(written.format.rawValue) notice in \(written.language.rawValue), recorded")
            }
            return
        }
        let notice = try await service.notice(code: code, language: language, at: date)
        if options.json {
            try Output.json(notice)
            return
        }
        if format == .eml && notice.mailbox == nil { warnNoAddress() }
        FileHandle.standardOutput.write(service.renderNotice(notice, format: format))
    }

    private func warnNoAddress() {
        Output.warning("\(code): no usable e-mail address is held: the message has no To header; send it another way")
    }
}

/// A closed set's value from its command-line text, or a usage error listing the allowed values.
private func choice<Value: RawRepresentable & CaseIterable>(_ text: String, as: Value.Type, option: String) throws
    -> Value where Value.RawValue == String
{
    if let value = Value(rawValue: text) { return value }
    let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
    throw ValidationError("\(option) must be one of \(known) (got '\(text)')")
}
