import CVModel
import Foundation
import InMemoryLogging
import Intake
import Logging
import Pipeline
import TestSupport
import Testing
import Vault

/// After every sample is processed: no personal value from `Samples/truth` in the database file,
/// the WAL, or any log entry.
@Suite(.serialized) struct PrivacyTests {
    static func config(in folder: URL, keep: String = "0d") throws -> PipelineConfig {
        let yaml = """
            inbox: ./inbox
            data: ./data
            channels: {sollicitatie: application}
            purposes:
              application:
                legal_basis: consent
                keep: [name, email, phone, city, career]
                retention: {no_agreement: 4w, with_consent: 1y}
                disclose: true
            originals: {keep: \(keep)}
            export: {fields: [career, region, years_of_experience]}
            """
        let path = folder.appendingPathComponent("pipeline.yml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path.path)
    }

    /// Truth values long enough not to occur by chance in hex, dates or category names.
    static func truthValues() throws -> [String] {
        try TestSupport.sampleNames().flatMap { try TestSupport.truth(for: $0).personal.map(\.text) }
            .filter { $0.count >= 5 }
    }

    /// Truth values of the categories that never belong in any file cvsieve writes, with the forms
    /// they can hide in: as written, folded (case, diacritics), and digits only.
    static func identifyingForms() throws -> [(index: Int, forms: [String])] {
        let categories: Set<String> = [
            "name", "email", "phone", "address", "postcode", "birth_date", "bsn", "iban", "other_id",
        ]
        let values = try TestSupport.sampleNames().flatMap { try TestSupport.truth(for: $0).personal }
            .filter { categories.contains($0.category) && $0.text.count >= 5 }.map(\.text)
        return Array(Set(values)).sorted().enumerated().map { index, value in
            let digits = value.filter(\.isNumber)
            var forms = [value, TextFolding.fold(value)]
            if digits.count >= 6 { forms.append(digits) }
            return (index, forms)
        }
    }

    @Test("every file under data/ and every log entry holds no personal value after run, export and quarantine")
    func nothingInPlainText() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "30d")
            let channel = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(at: channel, withIntermediateDirectories: true)
            for file in TestSupport.sampleFiles() {
                try FileManager.default.copyItem(at: file, to: channel.appendingPathComponent(file.lastPathComponent))
            }
            try FileManager.default.copyItem(
                at: TestSupport.hostileFile("truncated.pdf"), to: channel.appendingPathComponent("broken.pdf"))
            let handler = InMemoryLogHandler()
            var logger = Logger(label: "test") { _ in handler }
            logger.logLevel = .trace
            let vault = try openTestVault(config)
            let runner = BatchRunner(
                config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "test"),
                workerCommand: TestSupport.workerCommand)
            let summary = try await runner.run(at: Date(), logger: logger)
            #expect(summary.stored == TestSupport.sampleFiles().count)
            #expect(summary.quarantined == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: channel.path).isEmpty)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("data/work").path)
                    .isEmpty)
            // Profiles of every candidate, in the text formats, into data/exports.
            let service = try Service(config: config, actor: "test")
            for candidate in try vault.candidates() {
                for format in [ExportFormat.md, .json, .html] {
                    _ = try? await service.export(
                        code: candidate.code, client: "Klant BV", format: format, out: nil, strict: false, at: Date())
                }
            }

            // Every file cvsieve wrote under data/ (the quarantined originals are the dropped files).
            var files: [String: Data] = [:]
            let data = folder.appendingPathComponent("data")
            let walker = FileManager.default.enumerator(atPath: data.path)
            while let relative = walker?.nextObject() as? String {
                if relative.hasPrefix("quarantine/") && relative.hasSuffix("/original") { continue }
                var isFolder: ObjCBool = false
                let path = data.appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    files[relative] = FileManager.default.contents(atPath: path) ?? Data()
                }
            }
            #expect(files.keys.contains("vault.sqlite"))
            #expect(files.keys.contains { $0.hasPrefix("exports/") })
            #expect(files.keys.contains { $0.hasSuffix("reason.json") })
            let logText = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(!handler.entries.isEmpty)
            let foldedLogs = TextFolding.fold(logText)
            // Each file as written and folded.
            let raw = files.mapValues { [UInt8]($0) }
            let foldedFiles = files.mapValues { Array(TextFolding.fold(String(decoding: $0, as: UTF8.self)).utf8) }
            for (index, forms) in try Self.identifyingForms() {
                for (name, bytes) in raw {
                    let folded = foldedFiles[name] ?? []
                    for form in forms {
                        #expect(!TestSupport.bytes(bytes, contain: form), "truth value #\(index) is in \(name)")
                        #expect(
                            !TestSupport.bytes(folded, contain: TextFolding.fold(form)),
                            "truth value #\(index) (folded) is in \(name)")
                    }
                }
                for form in forms {
                    #expect(!foldedLogs.contains(TextFolding.fold(form)), "truth value #\(index) is in a log entry")
                }
            }
            let audit = try vault.auditRecords(code: nil, since: nil).map(\.detail).joined(separator: "\n")
            for (index, forms) in try Self.identifyingForms() {
                #expect(!forms.contains { audit.contains($0) }, "truth value #\(index) is in the audit log")
            }
        }
    }

    @Test("a file that cannot be processed is quarantined with a reason, and nothing is lost")
    func quarantine() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder)
            let inbox = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for name in ["truncated.pdf", "zip-bomb.docx"] {
                try FileManager.default.copyItem(
                    at: TestSupport.hostileFile(name), to: inbox.appendingPathComponent(name))
            }
            try Data("partial".utf8).write(to: inbox.appendingPathComponent("upload.docx.part"))
            let vault = try openTestVault(config)
            let summary = try await BatchRunner(
                config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "test"),
                workerCommand: TestSupport.workerCommand
            ).run(at: Date(), logger: Logger(label: "test"))
            #expect(summary.quarantined == 2)
            #expect(Set(summary.files.compactMap(\.reason)) == [.corruptPDF, .zipBomb])
            // The partial upload is not touched.
            #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("upload.docx.part").path))
            #expect(
                config.makeInbox().quarantineReasons() == [.corruptPDF: 1, .zipBomb: 1])
            let folders = try FileManager.default.contentsOfDirectory(atPath: config.quarantineFolder)
            for quarantined in folders {
                let files = try FileManager.default.contentsOfDirectory(
                    atPath: (config.quarantineFolder as NSString).appendingPathComponent(quarantined))
                #expect(Set(files) == ["reason.json", "original"])
            }
        }
    }
}
