import CVModel
import Foundation
import Logging
import Pipeline
import TestSupport
import Testing
import Vault

/// The information notice (GDPR art. 13/14) from a real vault filled by the real pipeline: what
/// it says, what it never says, the three renderings, the outbox of `run` and the audit record.
@Suite(.serialized) struct NoticeTests {
    static let samples = ["nl-single-column.pdf", "nl-personalia-table.docx", "en-docx-references.docx"]
    /// 15 March 2026 10:00 in Amsterdam: application data is kept until 12 April 10:00.
    static let received = Date(timeIntervalSince1970: 1_773_565_200)

    /// The shipped pipeline.yml in `folder` with the outbox on (`folder/outbox`), then `edits`.
    static func config(in folder: URL, edits: [(String, String)] = []) throws -> PipelineConfig {
        let path = try TestSupport.writeConfig(in: folder)
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        for (old, new) in [("  # outbox: ./var/outbox", "  outbox: ./outbox")] + edits {
            guard yaml.contains(old) else { throw EditFailure(text: old) }
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path)
    }

    struct EditFailure: Error, CustomStringConvertible {
        var text: String
        var description: String { "pipeline.yml no longer has '\(text)'" }
    }

    /// Drops `names` into the application channel and runs the pipeline over them.
    static func run(_ names: [String], in folder: URL, service: Service) async throws -> BatchRunner.Summary {
        try TestSupport.dropSamples(names.map { TestSupport.samplesFolder.appendingPathComponent($0) }, into: folder)
        return try await service.runBatch(
            at: received, logger: Logger(label: "test"), workerCommand: TestSupport.workerCommand)
    }

    /// Values that must never be in a notice: the samples' identifying truth values and
    /// everything the vault holds on the candidate (at least 5 characters, so none is a word of
    /// the notice by chance).
    static func forbiddenValues(_ service: Service, code: String) async throws -> [String] {
        let truth = try samples.flatMap { try TestSupport.truth(for: $0).personal }
            .filter { !["nationality", "gender", "marital_status"].contains($0.category) }.map(\.text)
        let stored = try await service.vault.values(of: code).map(\.value)
        #expect(!stored.isEmpty)
        return Array(Set(truth + stored)).filter { $0.count >= 5 }.sorted()
    }

    static func outboxFiles(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("outbox").path).sorted()
    }

    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test(
        "run writes one .eml per new candidate into the outbox (0700 folder, 0600 files, named by code), none for a duplicate, each audited"
    )
    func outbox() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let service = try Service(config: try Self.config(in: folder), actor: "test")
            let summary = try await Self.run(Self.samples, in: folder, service: service)
            #expect(summary.stored == 3)
            #expect(summary.notices == 3)
            let codes = summary.files.compactMap(\.code).sorted()
            #expect(summary.files.allSatisfy { $0.notice == .written })
            #expect(try Self.outboxFiles(folder) == codes.map { "\($0).eml" })
            let outbox = folder.appendingPathComponent("outbox").path
            #expect(try Self.mode(outbox) == 0o700)
            for code in codes {
                #expect(try Self.mode(outbox + "/\(code).eml") == 0o600)
                let records = try await service.auditRecords(code: code, since: nil).filter { $0.action == "notice" }
                #expect(records.map(\.detail) == ["information notice (GDPR art. 13/14) in nl as eml to outbox"])
            }

            // The same CV again, under another name: a duplicate, and no second notice.
            let again = folder.appendingPathComponent("inbox/sollicitatie/opnieuw.pdf")
            try FileManager.default.copyItem(
                at: TestSupport.samplesFolder.appendingPathComponent(Self.samples[0]), to: again)
            let second = try await service.runBatch(
                at: Self.received.addingTimeInterval(3600), logger: Logger(label: "test"),
                workerCommand: TestSupport.workerCommand)
            #expect(second.duplicates == 1 && second.stored == 0)
            #expect(second.notices == 0)
            #expect(second.files.allSatisfy { $0.notice == nil })
            #expect(try Self.outboxFiles(folder) == codes.map { "\($0).eml" })
            let notices = try await service.auditRecords(code: nil, since: nil).filter { $0.action == "notice" }
            #expect(notices.count == 3)
            #expect(try await service.verifyAudit().isIntact)
        }
    }

    @Test(
        "the notice names the categories, purposes, legal bases and dates held, and no stored value",
        arguments: NoticeLanguage.allCases)
    func categoriesNotValues(language: NoticeLanguage) async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let service = try Service(config: try Self.config(in: folder), actor: "test")
            _ = try await Self.run(Self.samples, in: folder, service: service)
            let candidates = try await service.candidates()
            #expect(candidates.count == 3)
            for candidate in candidates {
                let notice = try await service.notice(code: candidate.code, language: language, at: Self.received)
                #expect(notice.purposes.map(\.purpose) == ["application"])
                let section = try #require(notice.purposes.first)
                #expect(section.legalBasis == .consent)
                #expect(Set(section.categories).isSuperset(of: ["name", "email", "career", "narrative"]))
                #expect(notice.sources.map(\.channel) == ["sollicitatie"])
                let text = String(decoding: service.renderNotice(notice, format: .txt), as: UTF8.self)
                let html = String(decoding: service.renderNotice(notice, format: .html), as: UTF8.self)
                for rendered in [text, html] {
                    switch language {
                    case .nl:
                        #expect(rendered.contains("Informatie aan de kandidaat"))
                        #expect(rendered.contains("Beoordelen van uw sollicitatie op een vacature"))
                        #expect(rendered.contains("naam, e-mailadres, telefoonnummer"))
                        #expect(rendered.contains("uw toestemming (AVG artikel 6 lid 1 onder a)"))
                        #expect(rendered.contains("Bewaard tot: 12-04-2026"))
                        #expect(rendered.contains("cv ontvangen op 15-03-2026"))
                        #expect(rendered.contains("4 weken na ontvangst van uw laatste cv"))
                        #expect(rendered.contains("Autoriteit Persoonsgegevens"))
                        for right in [
                            "inzage", "rectificatie", "verwijdering", "beperking", "bezwaar",
                            "overdraagbaarheid", "toestemming intrekken", "klagen",
                        ] {
                            #expect(rendered.contains("\(right):"), "right \(right)")
                        }
                    case .en:
                        #expect(rendered.contains("Information for the candidate"))
                        #expect(rendered.contains("Assessing an application for a vacancy"))
                        #expect(rendered.contains("name, e-mail address, phone number"))
                        #expect(rendered.contains("your consent (GDPR article 6(1)(a))"))
                        #expect(rendered.contains("Kept until: 12 April 2026"))
                        #expect(rendered.contains("CV received on 15 March 2026"))
                        #expect(rendered.contains("Autoriteit Persoonsgegevens"))
                        for right in [
                            "access", "rectification", "erasure", "restriction", "objection", "portability",
                            "withdraw consent", "complain",
                        ] {
                            #expect(rendered.contains("\(right):"), "right \(right)")
                        }
                    }
                    #expect(rendered.contains("https://autoriteitpersoonsgegevens.nl"))
                    #expect(rendered.contains("privacy@voorbeeld.example"))
                    #expect(rendered.contains(candidate.code))
                }
                for (index, value) in try await Self.forbiddenValues(service, code: candidate.code).enumerated() {
                    #expect(!text.contains(value), "value #\(index) of \(candidate.code) is in the text notice")
                    #expect(!html.contains(value), "value #\(index) of \(candidate.code) is in the HTML notice")
                    let escaped = value.replacingOccurrences(of: "&", with: "&amp;")
                        .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "'", with: "&#39;")
                    #expect(!html.contains(escaped), "value #\(index) of \(candidate.code) is in the HTML, escaped")
                }
            }
        }
    }

    @Test(
        ".eml: Python's email package reads it; To is the stored address, and no other value is anywhere in it",
        arguments: NoticeLanguage.allCases)
    func emailMessage(language: NoticeLanguage) async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let service = try Service(config: try Self.config(in: folder), actor: "test")
            _ = try await Self.run(Self.samples, in: folder, service: service)
            for candidate in try await service.candidates() {
                let path = folder.appendingPathComponent("\(candidate.code)-\(language.rawValue).eml").path
                let written = try await service.writeNotice(
                    code: candidate.code, language: language, format: .eml, to: path, at: Self.received)
                #expect(written.hasRecipient)
                #expect(try Self.mode(path) == 0o600)
                let message = try TestSupport.parseEmail(at: path)
                let addresses = try await service.vault.values(of: candidate.code).filter { $0.category == "email" }
                #expect(message.to.count == 1)
                #expect(addresses.map(\.value).contains(message.to.first ?? "-"))
                #expect(message.from == ["privacy@voorbeeld.example"])
                #expect(message.fromName == "Uitzendbureau Voorbeeld")
                #expect(message.defects.isEmpty)
                #expect(message.isCRLF)
                #expect(message.longestLine <= 78)
                #expect(message.contentType == "multipart/alternative")
                #expect(message.contentLanguage == language.rawValue)
                #expect(message.parts.map(\.type) == ["text/plain", "text/html"])
                #expect(message.parts.allSatisfy { $0.charset == "utf-8" && $0.defects.isEmpty })
                #expect(message.parts.allSatisfy { $0.transferEncoding == "quoted-printable" })
                #expect(message.rawSubject.hasPrefix("=?UTF-8?B?"))
                #expect(
                    message.subject
                        == (language == .nl
                            ? "Informatie aan de kandidaat: uw persoonsgegevens bij Uitzendbureau Voorbeeld"
                            : "Information for the candidate: your personal data at Uitzendbureau Voorbeeld"))
                #expect(message.date == "2026-03-15T10:00:00+01:00")
                #expect(message.messageID.hasPrefix("<") && message.messageID.hasSuffix("@voorbeeld.example>"))
                let notice = try await service.notice(code: candidate.code, language: language, at: Self.received)
                // Decoded, the bodies are the text and HTML renderings (with the message's CRLF).
                let bodies = message.parts.map { $0.text.replacingOccurrences(of: "\r\n", with: "\n") }
                #expect(bodies == [NoticeRenderer.text(notice), NoticeRenderer.html(notice)])

                // Apart from To, no header, no decoded body and no raw line holds a value.
                let raw = try String(contentsOfFile: path, encoding: .utf8)
                let withoutTo = raw.components(separatedBy: "\r\n").filter { !$0.hasPrefix("To: ") }
                    .joined(separator: "\r\n")
                let otherHeaders = message.headers.filter { $0.first != "To" }.flatMap { $0 }.joined(separator: "\n")
                for (index, value) in try await Self.forbiddenValues(service, code: candidate.code).enumerated() {
                    #expect(!withoutTo.contains(value), "value #\(index) is in the raw message outside To")
                    #expect(!otherHeaders.contains(value), "value #\(index) is in a header other than To")
                    for part in message.parts {
                        #expect(!part.text.contains(value), "value #\(index) is in the \(part.type) part")
                    }
                }
            }
        }
    }

    @Test("without an e-mail address held the .eml has no To header, and run says so")
    func noAddress() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(
                in: folder,
                edits: [
                    (
                        "keep: [name, email, phone, city, career, narrative]",
                        "keep: [name, phone, city, career, narrative]"
                    )
                ])
            let service = try Service(config: config, actor: "test")
            let summary = try await Self.run([Self.samples[0]], in: folder, service: service)
            let file = try #require(summary.files.first)
            #expect(file.status == .stored)
            #expect(file.notice == .writtenWithoutAddress)
            #expect(summary.notices == 1)
            let code = try #require(file.code)
            let message = try TestSupport.parseEmail(
                at: folder.appendingPathComponent("outbox/\(code).eml").path)
            #expect(!message.hasTo)
            #expect(message.defects.isEmpty)
            #expect(message.parts.count == 2)
            let notice = try await service.notice(code: code, at: Self.received)
            #expect(notice.mailbox == nil)
            #expect(!notice.purposes.flatMap(\.categories).contains("email"))
        }
    }

    @Test("the HTML notice is one escaped document: no script, no style, only known tags")
    func htmlEscaped() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(
                in: folder,
                edits: [
                    ("agency: Uitzendbureau Voorbeeld", "agency: 'Voorbeeld & <Zonen> \"BV\"'"),
                    (
                        "contact: privacy@voorbeeld.example ",
                        "contact: '<script>alert(1)</script> <b style=\"x\">privacy@voorbeeld.example</b>' "
                    ),
                ])
            let service = try Service(config: config, actor: "test")
            let summary = try await Self.run([Self.samples[0]], in: folder, service: service)
            let code = try #require(summary.files.first?.code)
            let notice = try await service.notice(code: code, language: .nl, at: Self.received)
            let html = String(decoding: service.renderNotice(notice, format: .html), as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
            #expect(html.contains("Voorbeeld &amp; &lt;Zonen&gt; &quot;BV&quot;"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.lowercased().contains("<style"))
            let path = folder.appendingPathComponent("notice.html").path
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            let tags = try TestSupport.run(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    """
                    import html.parser, sys
                    class P(html.parser.HTMLParser):
                        def handle_starttag(self, tag, attrs):
                            print(tag, *sorted(name for name, _ in attrs))
                    P().feed(open(sys.argv[1]).read())
                    """,
                    path,
                ])
            #expect(tags.status == 0)
            let seen = Set(tags.stdout.split(separator: "\n").map(String.init))
            let allowed: Set<String> = [
                "html lang", "head", "meta charset", "meta content name", "title", "body", "h1", "h2", "h3", "p", "ul",
                "li", "a href", "br",
            ]
            #expect(seen.isSubset(of: allowed), "\(seen.subtracting(allowed))")
            // The e-mail's From carries the name encoded, and Python reads it back whole.
            let eml = folder.appendingPathComponent("notice.eml").path
            _ = try await service.writeNotice(code: code, format: .eml, to: eml, at: Self.received)
            let message = try TestSupport.parseEmail(at: eml)
            #expect(message.fromName == "Voorbeeld & <Zonen> \"BV\"")
            #expect(message.from == ["privacy@voorbeeld.example"])
            #expect(message.defects.isEmpty)
        }
    }

    @Test("clients who received a profile, consent and a restriction appear; erasure takes the outbox notice along")
    func recipientsAndRights() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let service = try Service(config: try Self.config(in: folder), actor: "test")
            let summary = try await Self.run([Self.samples[0]], in: folder, service: service)
            let code = try #require(summary.files.first?.code)
            let before = try await service.notice(code: code, language: .nl, at: Self.received)
            #expect(before.recipients.isEmpty)
            let text = NoticeRenderer.text(before)
            #expect(text.contains("Wij hebben nog geen gegevens van u aan een opdrachtgever gegeven."))

            let exported = try await service.export(
                code: code, client: "Klant Fictief BV", format: .json,
                out: folder.appendingPathComponent("profile.json").path, strict: false,
                at: Self.received.addingTimeInterval(86_400))
            #expect(exported.client == "Klant Fictief BV")
            try await service.consent(code, purpose: "application", granted: true, at: Self.received)
            _ = try await service.restrict(.code(code), isObjection: false, at: Self.received)
            let after = try await service.notice(code: code, language: .en, at: Self.received)
            #expect(after.recipients.map(\.client) == ["Klant Fictief BV"])
            #expect(after.purposes.first?.consent == true)
            #expect(after.isRestricted)
            let english = NoticeRenderer.text(after)
            #expect(english.contains("- Klant Fictief BV, on 16 March 2026"))
            #expect(english.contains("Consent: you gave your consent"))
            #expect(english.contains("At your request processing is restricted"))
            #expect(english.contains("Kept until: 15 March 2027"))

            let outboxFile = folder.appendingPathComponent("outbox/\(code).eml").path
            #expect(FileManager.default.fileExists(atPath: outboxFile))
            _ = try await service.erase(.code(code), at: Self.received)
            #expect(!FileManager.default.fileExists(atPath: outboxFile))
            await #expect(throws: VaultError.unknownCandidate(code: code)) {
                _ = try await service.notice(code: code, at: Self.received)
            }
        }
    }

    @Test("notices: in pipeline.yml is validated; a description may be given per language")
    func settings() throws {
        let config = try PipelineConfig.parse(
            """
            purposes:
              application:
                legal_basis: consent
                keep: [name]
                retention: {no_agreement: 4w}
                description: {nl: Sollicitatie beoordelen, en: Assessing an application}
            notices: {contact: 'privacy@agency.example, Postbus 1', outbox: out, language: en}
            """, file: "/srv/cvsieve/pipeline.yml")
        #expect(config.notices.contact == "privacy@agency.example, Postbus 1")
        #expect(config.notices.outbox == "/srv/cvsieve/out")
        #expect(config.notices.language == .en)
        #expect(config.notices.senderAddress == "privacy@agency.example")
        let purpose = try #require(config.purposes["application"])
        #expect(purpose.description == "Assessing an application")
        #expect(purpose.description(in: .nl) == "Sollicitatie beoordelen")
        #expect(try PipelineConfig.parse("{}", file: "p.yml").notices.outbox == nil)
        #expect(try PipelineConfig.parse("{}", file: "p.yml").notices.senderAddress == "privacy@invalid")
        for bad in [
            "notices: {language: de}", "notices: {from: 'Agency <privacy@agency.example>'}",
            "notices: {from: \"a@b.example\\r\\nBcc: x@y.example\"}", "notices: {outbox_folder: x}",
            "purposes: {a: {legal_basis: consent, keep: [name], retention: {no_agreement: 4w}, description: {de: x}}}",
        ] {
            #expect(throws: ConfigErrors.self, "\(bad)") { try PipelineConfig.parse(bad, file: "p.yml") }
        }
    }
}
