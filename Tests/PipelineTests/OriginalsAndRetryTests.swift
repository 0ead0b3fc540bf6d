import CVModel
import Foundation
import Glibc
import Intake
import Logging
import Pipeline
import TestSupport
import Testing
import Vault

/// Originals kept sealed for `originals.keep` and purged after; quarantined files put back.
@Suite(.serialized) struct OriginalsAndRetryTests {
    static func config(in folder: URL, keep: String) throws -> PipelineConfig {
        let path = try TestSupport.writeConfig(in: folder)
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "originals: {keep: 0d}", with: "originals: {keep: \(keep)}")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path)
    }

    @Test("a kept original is sealed (no plain bytes on disk) and purged when its time is up")
    func keptOriginal() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "30d")
            let sample = try #require(TestSupport.sampleFiles().first { $0.pathExtension == "pdf" })
            try TestSupport.dropSamples([sample], into: folder)
            let vault = try config.openVault()
            let received = Date()
            let summary = BatchRunner(
                config: config, ingestor: Ingestor(config: config, vault: vault, actor: "test"),
                workerCommand: TestSupport.workerCommand
            ).run(at: received, logger: Logger(label: "test"))
            #expect(summary.stored == 1)
            let originals = try FileManager.default.contentsOfDirectory(atPath: config.originalsFolder)
            #expect(originals.count == 1)
            let sealed = try Data(
                contentsOf: URL(
                    fileURLWithPath: (config.originalsFolder as NSString).appendingPathComponent(originals[0])))
            let plain = try Data(contentsOf: sample)
            #expect(sealed.range(of: plain.prefix(64)) == nil)
            #expect(sealed.range(of: Data("%PDF".utf8)) == nil)
            _ = try vault.purge(at: received.addingTimeInterval(10 * 86_400), dryRun: false, actor: "test")
            #expect(try FileManager.default.contentsOfDirectory(atPath: config.originalsFolder).count == 1)
            let report = try vault.purge(at: received.addingTimeInterval(31 * 86_400), dryRun: false, actor: "test")
            #expect(report.originalsDeleted == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: config.originalsFolder).isEmpty)
        }
    }

    @Test("retry puts a quarantined file back into its channel folder")
    func retry() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "0d")
            try TestSupport.dropSamples([TestSupport.hostileFile("truncated.pdf")], into: folder)
            let result = try TestSupport.cvsieve([
                "run", "--config", (folder.appendingPathComponent("pipeline.yml")).path,
            ])
            #expect(result.status == 1)
            #expect(result.stderr.contains("error: truncated.pdf: damaged PDF"))
            let inbox = Inbox(inbox: config.inbox, data: config.data)
            let entry = try #require(inbox.quarantined().first)
            #expect(entry.kind == "corrupt_pdf")
            #expect(entry.channel == "sollicitatie")
            let retry = try TestSupport.cvsieve([
                "retry", entry.id, "--config", folder.appendingPathComponent("pipeline.yml").path,
            ])
            #expect(retry.status == 0)
            #expect(inbox.quarantined().isEmpty)
            #expect(
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent("inbox/sollicitatie/truncated.pdf").path))
        }
    }

    @Test("privacy settings that are not built are refused, not ignored")
    func unbuiltSettings() {
        for key in ["age_band", "employer_as_sector"] {
            #expect(throws: ConfigErrors.self) { try PipelineConfig.parse("export: {\(key): true}\n", file: "p.yml") }
        }
    }

    @Test("a file whose name is not valid UTF-8 is processed, not left unseen in the inbox")
    func nonUTF8Name() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "0d")
            let channel = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(at: channel, withIntermediateDirectories: true)
            let sample = try Data(
                contentsOf: try #require(TestSupport.sampleFiles().first { $0.pathExtension == "pdf" }))
            // `cv-<0xFF>.pdf`, written through the C API: Foundation cannot name it.
            let path = Array(channel.path.utf8) + Array("/cv-".utf8) + [0xFF] + Array(".pdf".utf8) + [0]
            let descriptor = path.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o600) }
            }
            #expect(descriptor >= 0)
            _ = sample.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            let summary = BatchRunner(
                config: config, ingestor: Ingestor(config: config, vault: try config.openVault(), actor: "test"),
                workerCommand: TestSupport.workerCommand
            ).run(at: Date(), logger: Logger(label: "test"))
            #expect(summary.stored == 1)
            #expect(summary.files.first?.file == "cv-\u{FFFD}.pdf")
            #expect(try FileManager.default.contentsOfDirectory(atPath: channel.path).isEmpty)
        }
    }
}

/// Files a crash left in the work folder: retried once, quarantined the second time.
@Suite struct LeftoverTests {
    @Test("a claimed file found after a crash is retried once, then quarantined as interrupted twice")
    func retryOnceThenQuarantine() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let inbox = Inbox(
                inbox: folder.appendingPathComponent("inbox").path, data: folder.appendingPathComponent("data").path)
            try FileManager.default.createDirectory(
                atPath: inbox.inbox + "/sollicitatie", withIntermediateDirectories: true)
            let dropped = inbox.inbox + "/sollicitatie/cv.pdf"
            try Data("%PDF-1.4 not really\n%%EOF".utf8).write(to: URL(fileURLWithPath: dropped))
            let claimed = try #require(
                inbox.claim(Inbox.Entry(path: dropped, channel: "sollicitatie", isSymlink: false)))
            // The process dies here. The next start takes the file again, once.
            let first = inbox.leftovers(logger: Logger(label: "test"))
            #expect(first.map(\.name) == ["cv.pdf"])
            #expect(first.first?.channel == "sollicitatie")
            #expect(first.first?.workPath == claimed.workPath)
            // It dies again on the same file: quarantined, not tried a third time.
            #expect(inbox.leftovers(logger: Logger(label: "test")).isEmpty)
            let quarantined = inbox.quarantined()
            #expect(quarantined.map(\.kind) == ["interrupted_twice"])
            #expect(quarantined.first?.file == "cv.pdf")
            #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.workFolder).isEmpty)
        }
    }
}
