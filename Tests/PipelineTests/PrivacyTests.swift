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
    static func config(in folder: URL) throws -> PipelineConfig {
        let yaml = """
            inbox: ./inbox
            data: ./data
            channels: {sollicitatie: application}
            purposes:
              application:
                legal_basis: consent
                keep: [name, email, phone, city, career]
                retention: {no_agreement: 4w, with_consent: 1y}
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

    @Test("the vault files and the logs hold no personal value after a run over all samples")
    func nothingInPlainText() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder)
            let channel = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(at: channel, withIntermediateDirectories: true)
            for file in TestSupport.sampleFiles() {
                try FileManager.default.copyItem(at: file, to: channel.appendingPathComponent(file.lastPathComponent))
            }
            let handler = InMemoryLogHandler()
            var logger = Logger(label: "test") { _ in handler }
            logger.logLevel = .trace
            let vault = try openTestVault(config)
            let runner = BatchRunner(
                config: config, ingestor: Ingestor(config: config, vault: vault, actor: "test"),
                workerCommand: TestSupport.workerCommand)
            let summary = try await runner.run(at: Date(), logger: logger)
            #expect(summary.stored == TestSupport.sampleFiles().count)
            #expect(summary.quarantined == 0)
            // Nothing left in the inbox or the work folder: every original was deleted (originals.keep 0d).
            #expect(try FileManager.default.contentsOfDirectory(atPath: channel.path).isEmpty)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("data/work").path)
                    .isEmpty)

            var bytes = Data()
            for name in ["vault.sqlite", "vault.sqlite-wal"] {
                bytes.append(
                    FileManager.default.contents(atPath: folder.appendingPathComponent("data/\(name)").path) ?? Data())
            }
            #expect(bytes.count > 10_000)
            let logText = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(!handler.entries.isEmpty)
            for (index, value) in try Self.truthValues().enumerated() {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "truth value #\(index) is in the vault files")
                #expect(!logText.contains(value), "truth value #\(index) is in a log entry")
            }
            let audit = try vault.auditRecords(code: nil, since: nil).map(\.detail).joined(separator: "\n")
            for (index, value) in try Self.truthValues().enumerated() {
                #expect(!audit.contains(value), "truth value #\(index) is in the audit log")
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
                config: config, ingestor: Ingestor(config: config, vault: vault, actor: "test"),
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
