import CVModel
import Foundation
import TestSupport
import Testing

/// `cvsieve notice` and the outbox of `cvsieve run`, end to end on the built binary.
@Suite(.serialized) struct NoticeCommandTests {
    /// The shipped pipeline.yml in `folder`, the outbox switched on; returns its path.
    static func setUp(_ folder: URL) throws -> String {
        let path = try TestSupport.writeConfig(in: folder)
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(yaml.contains("  # outbox: ./var/outbox"))
        try yaml.replacingOccurrences(of: "  # outbox: ./var/outbox", with: "  outbox: ./outbox")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct RunSummary: Decodable {
        struct File: Decodable {
            var code: String?
            var status: String
            var notice: String?
        }
        var files: [File]
        var stored: Int
        var duplicates: Int
        var notices: Int
    }

    struct Record: Decodable {
        var action: String
        var code: String?
        var detail: String
    }

    static func outbox(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("outbox").path).sorted()
    }

    @Test("run fills the outbox once per new candidate; notice prints nl, en, html and eml, writes and audits --out")
    func endToEnd() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            let samples = ["nl-single-column.pdf", "en-docx-references.docx"].map {
                TestSupport.samplesFolder.appendingPathComponent($0)
            }
            try TestSupport.dropSamples(samples, into: folder)
            let run = try TestSupport.cvsieve(["run", "--now", "2026-03-15T09:00:00Z", "--config", config, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try JSONDecoder().decode(RunSummary.self, from: Data(run.stdout.utf8))
            #expect(summary.stored == 2 && summary.notices == 2)
            #expect(summary.files.allSatisfy { $0.notice == "written" })
            let codes = summary.files.compactMap(\.code).sorted()
            #expect(try Self.outbox(folder) == codes.map { "\($0).eml" })
            let code = try #require(codes.first)

            let dutch = try TestSupport.cvsieve(["notice", code, "--now", "2026-03-16", "--config", config])
            #expect(dutch.status == 0)
            #expect(dutch.stderr.isEmpty, "\(dutch.stderr)")
            #expect(dutch.stdout.hasPrefix("Informatie aan de kandidaat\n"))
            #expect(dutch.stdout.contains("Kandidaatcode: \(code). Datum: 16-03-2026."))
            #expect(dutch.stdout.contains("Bewaard tot: 12-04-2026"))
            let english = try TestSupport.cvsieve([
                "notice", code, "--lang", "en", "--now", "2026-03-16", "--config", config,
            ])
            #expect(english.status == 0)
            #expect(english.stdout.hasPrefix("Information for the candidate\n"))
            #expect(english.stdout.contains("Kept until: 12 April 2026"))
            let html = try TestSupport.cvsieve(["notice", code, "--format", "html", "--config", config])
            #expect(html.status == 0)
            #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
            #expect(html.stdout.hasSuffix("</html>\n"))
            let eml = try TestSupport.cvsieve(["notice", code, "--format", "eml", "--config", config])
            #expect(eml.status == 0)
            #expect(eml.stdout.contains("MIME-Version: 1.0\r\n"))
            #expect(eml.stdout.contains("Content-Type: multipart/alternative;\r\n"))

            // Written with --out: mode 0600, a real message, recorded without the path.
            let out = folder.appendingPathComponent("kandidaat.eml").path
            let written = try TestSupport.cvsieve([
                "notice", code, "--lang", "en", "--format", "eml", "--out", out, "--config", config,
            ])
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout == "\(out): eml notice in en, recorded\n")
            let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let message = try TestSupport.parseEmail(at: out)
            #expect(message.defects.isEmpty && message.to.count == 1 && message.parts.count == 2)
            let show = try TestSupport.cvsieve(["audit", "show", "--candidate", code, "--config", config, "--json"])
            let notices = try JSONDecoder().decode([Record].self, from: Data(show.stdout.utf8))
                .filter { $0.action == "notice" }
            #expect(
                notices.map(\.detail) == [
                    "information notice (GDPR art. 13/14) in nl as eml to outbox",
                    "information notice (GDPR art. 13/14) in en as eml to file",
                ])
            #expect(!show.stdout.contains("kandidaat.eml"))
            #expect(!show.stdout.contains(message.to.first ?? "-"))
            #expect(try TestSupport.cvsieve(["audit", "verify", "--config", config]).status == 0)

            // --json: the notice's content, without the address.
            let json = try TestSupport.cvsieve(["notice", code, "--json", "--config", config])
            #expect(json.status == 0)
            #expect(json.stdout.contains("\"categories\""))
            #expect(!json.stdout.contains("mailbox"))
            #expect(!json.stdout.contains(message.to.first ?? "-"))

            // The same CV again: a duplicate, no new notice.
            try FileManager.default.copyItem(
                at: samples[0], to: folder.appendingPathComponent("inbox/sollicitatie/opnieuw.pdf"))
            let again = try TestSupport.cvsieve(["run", "--now", "2026-03-16", "--config", config, "--json"])
            let second = try JSONDecoder().decode(RunSummary.self, from: Data(again.stdout.utf8))
            #expect(second.duplicates == 1 && second.notices == 0)
            #expect(try Self.outbox(folder) == codes.map { "\($0).eml" })
        }
    }

    @Test("an unknown code is the subject commands' error (exit 2); bad --lang and --format are usage errors")
    func errors() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            try TestSupport.dropSamples(
                [TestSupport.samplesFolder.appendingPathComponent("nl-single-column.pdf")], into: folder)
            let run = try TestSupport.cvsieve(["run", "--config", config])
            #expect(run.status == 0)
            let code = try #require(try Self.outbox(folder).first.map { String($0.dropLast(4)) })

            let unknown = try TestSupport.cvsieve(["notice", "C-ZZZZ-ZZZZ", "--config", config])
            let subject = try TestSupport.cvsieve(["subject", "access", "C-ZZZZ-ZZZZ", "--config", config])
            #expect(unknown.status == 2)
            #expect(unknown.status == subject.status)
            #expect(unknown.stderr == subject.stderr)
            #expect(unknown.stderr.hasPrefix("error: C-ZZZZ-ZZZZ: no such candidate"))
            #expect(unknown.stdout.isEmpty)
            let language = try TestSupport.cvsieve(["notice", code, "--lang", "de", "--config", config])
            #expect(language.status == 2)
            #expect(language.stderr.contains("--lang must be one of nl, en"))
            let format = try TestSupport.cvsieve(["notice", code, "--format", "pdf", "--config", config])
            #expect(format.status == 2)
            #expect(format.stderr.contains("--format must be one of txt, html, eml"))
            let missing = try TestSupport.cvsieve([
                "notice", code, "--out", folder.appendingPathComponent("no/such/folder/n.txt").path, "--config", config,
            ])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("cannot write the notice"))
            // Only the outbox's notice is recorded: nothing was written by the failed --out.
            let show = try TestSupport.cvsieve(["audit", "show", "--candidate", code, "--config", config, "--json"])
            let records = try JSONDecoder().decode([Record].self, from: Data(show.stdout.utf8))
            #expect(
                records.filter { $0.action == "notice" }.map(\.detail) == [
                    "information notice (GDPR art. 13/14) in nl as eml to outbox"
                ])
        }
    }
}
