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

    @Test("a kept original is sealed under the candidate's key in the vault and purged when its time is up")
    func keptOriginal() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "30d")
            let sample = try #require(TestSupport.sampleFiles().first { $0.pathExtension == "pdf" })
            try TestSupport.dropSamples([sample], into: folder)
            let vault = try openTestVault(config)
            let received = Date()
            let summary = try await BatchRunner(
                config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "test"),
                workerCommand: TestSupport.workerCommand
            ).run(at: received, logger: Logger(label: "test"))
            #expect(summary.stored == 1)
            let plain = try Data(contentsOf: sample)
            let code = try #require(summary.files.first?.code)
            let sha = try #require(try vault.access(code, actor: "t", at: received).documents.first)
            #expect(try vault.original(sha256: sha) == plain)
            try vault.checkpoint()
            let file = try Data(contentsOf: URL(fileURLWithPath: config.vaultPath))
            #expect(file.range(of: plain.prefix(64)) == nil)
            #expect(file.range(of: Data("%PDF".utf8)) == nil)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/originals").path))
            _ = try vault.purge(at: received.addingTimeInterval(10 * 86_400), dryRun: false, actor: "test")
            #expect(try vault.original(sha256: sha) != nil)
            let report = try vault.purge(at: received.addingTimeInterval(31 * 86_400), dryRun: false, actor: "test")
            #expect(report.originalsDeleted == 1)
            #expect(try vault.original(sha256: sha) == nil)
        }
    }

    @Test("retry puts a quarantined file back into its channel folder, under its quarantine id")
    func retry() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder, keep: "0d")
            try TestSupport.dropSamples([TestSupport.hostileFile("truncated.pdf")], into: folder)
            let result = try TestSupport.cvsieve([
                "run", "--config", (folder.appendingPathComponent("pipeline.yml")).path,
            ])
            #expect(result.status == 1)
            #expect(result.stderr.contains(": corrupt_pdf: damaged PDF"))
            #expect(!result.stderr.contains("truncated"))
            #expect(!result.stdout.contains("truncated"))
            let inbox = config.makeInbox()
            let entry = try #require(inbox.quarantined().entries.first)
            #expect(entry.reason == .corruptPDF)
            #expect(entry.channel == .configured("sollicitatie"))
            let retry = try TestSupport.cvsieve([
                "retry", entry.id, "--config", folder.appendingPathComponent("pipeline.yml").path,
            ])
            #expect(retry.status == 0)
            #expect(inbox.quarantined().entries.isEmpty)
            #expect(
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent("inbox/sollicitatie/retry-\(entry.id).pdf").path))
        }
    }

    @Test("privacy settings that are not built are refused, not ignored")
    func unbuiltSettings() {
        for key in ["age_band", "employer_as_sector"] {
            #expect(throws: ConfigErrors.self) { try PipelineConfig.parse("export: {\(key): true}\n", file: "p.yml") }
        }
    }

    @Test("a file whose name is not valid UTF-8 is processed, not left unseen in the inbox")
    func nonUTF8Name() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
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
            let summary = try await BatchRunner(
                config: config, ingestor: try Ingestor(config: config, vault: try openTestVault(config), actor: "test"),
                workerCommand: TestSupport.workerCommand
            ).run(at: Date(), logger: Logger(label: "test"))
            #expect(summary.stored == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: channel.path).isEmpty)
        }
    }
}

/// Files a crash left in the work folder: a file that was only waiting is taken again as it was;
/// one in a worker's hands is retried once, and quarantined when it was in hand twice.
@Suite struct LeftoverTests {
    static func droppedClaim(_ inbox: Inbox) throws -> Claim {
        try FileManager.default.createDirectory(
            atPath: inbox.inbox + "/sollicitatie", withIntermediateDirectories: true)
        let dropped = inbox.inbox + "/sollicitatie/cv.pdf"
        try Data("%PDF-1.4 not really\n%%EOF".utf8).write(to: URL(fileURLWithPath: dropped))
        guard
            case .claimed(let claim) = inbox.claim(
                Inbox.Entry(path: dropped, channel: .configured("sollicitatie"), isSymlink: false))
        else { throw CocoaError(.fileNoSuchFile) }
        return claim
    }

    static func inbox(_ folder: URL) -> Inbox {
        Inbox(
            inbox: folder.appendingPathComponent("inbox").path, data: folder.appendingPathComponent("data").path,
            configuredChannels: ["sollicitatie"])
    }

    @Test("a released claim's journal is reused by the next claim, not deleted and made again; it goes at the end")
    func journalReused() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let inbox = Self.inbox(folder)
            try inbox.prepare()
            func names() throws -> Set<String> {
                Set(try FileManager.default.contentsOfDirectory(atPath: inbox.workFolder))
            }
            func inode(_ path: String) throws -> UInt64? {
                try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
            }
            // A spare a process before this one left: a restart removes it.
            let stale = inbox.workFolder + "/spare-1"
            try Data("{}".utf8).write(to: URL(fileURLWithPath: stale))
            _ = inbox.leftovers(logger: Logger(label: "test"))
            #expect(!FileManager.default.fileExists(atPath: stale))

            let first = try Self.droppedClaim(inbox)
            let journal = try inode(first.workPath + ".claim")
            inbox.release(first)
            #expect(try names().count == 1 && names().allSatisfy { $0.hasPrefix("spare-") })
            #expect(inbox.inProgressCount() == 0)
            var second = try Self.droppedClaim(inbox)
            #expect(try names() == [second.id, second.id + ".claim"])
            #expect(try inode(second.workPath + ".claim") == journal)
            // The reused journal reads back as this claim's, before and after the worker takes it.
            inbox.markInHand(&second)
            let recovered = inbox.leftovers(logger: Logger(label: "test")).retry
            #expect(recovered.map(\.id) == [second.id])
            #expect(recovered.first?.channel == .configured("sollicitatie"))
            #expect(recovered.first?.attempts == 1)
            inbox.release(second)
            inbox.dropSpareJournals()
            #expect(try names().isEmpty)
        }
    }

    @Test("a work folder removed after start is made again, private, by the next claim")
    func workFolderMadeAgain() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let inbox = Self.inbox(folder)
            try inbox.prepare()
            try FileManager.default.removeItem(atPath: inbox.workFolder)
            let claim = try Self.droppedClaim(inbox)
            #expect(FileManager.default.fileExists(atPath: claim.workPath))
            let mode = try FileManager.default.attributesOfItem(atPath: inbox.workFolder)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
    }

    @Test("a claimed file that was in hand at two interruptions is quarantined; waiting is no attempt")
    func retryOnceThenQuarantine() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let inbox = Self.inbox(folder)
            var claim = try Self.droppedClaim(inbox)
            let logger = Logger(label: "test")
            // Killed while it only waited: taken again, nothing counted.
            for _ in 0..<3 {
                let waiting = inbox.leftovers(logger: logger)
                #expect(waiting.retry.map(\.id) == [claim.id])
                #expect(waiting.retry.first?.attempts == 0)
                #expect(waiting.interruptedTwice.isEmpty)
            }
            // Killed while a worker had it: retried once. The journal is written over in place
            // (the same file, no new one per file taken).
            let journal = claim.workPath + ".claim"
            let inode = try FileManager.default.attributesOfItem(atPath: journal)[.systemFileNumber] as? UInt64
            inbox.markInHand(&claim)
            #expect(try FileManager.default.attributesOfItem(atPath: journal)[.systemFileNumber] as? UInt64 == inode)
            let first = inbox.leftovers(logger: logger)
            #expect(first.retry.map(\.id) == [claim.id])
            #expect(first.retry.first?.channel == .configured("sollicitatie"))
            #expect(first.retry.first?.workPath == claim.workPath)
            // In hand again at the next kill: handed back to be settled, not tried a third time.
            var again = try #require(first.retry.first)
            inbox.markInHand(&again)
            let second = inbox.leftovers(logger: logger)
            #expect(second.retry.isEmpty)
            #expect(second.interruptedTwice.map(\.id) == [claim.id])
        }
    }
}

/// Files in hand at two interruptions: quarantined, unless the first of them was already stored.
@Suite(.serialized) struct SettleInterruptedTests {
    @Test("a file in hand at two kills is quarantined; one stored just before the kill is released")
    func settle() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try OriginalsAndRetryTests.config(in: folder, keep: "0d")
            let vault = try openTestVault(config)
            let processor = FileProcessor(
                config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "t"))
            let logger = Logger(label: "test")
            let pdfs = TestSupport.sampleFiles().filter { $0.pathExtension == "pdf" }
            func twiceInterrupted(_ sample: URL) throws -> Claim {
                try TestSupport.dropSamples([sample], into: folder)
                let dropped = folder.appendingPathComponent("inbox/sollicitatie/\(sample.lastPathComponent)").path
                guard
                    case .claimed(var claim) = processor.inbox.claim(
                        Inbox.Entry(path: dropped, channel: .configured("sollicitatie"), isSymlink: false))
                else { throw CocoaError(.fileNoSuchFile) }
                processor.inbox.markInHand(&claim)
                processor.inbox.markInHand(&claim)
                return claim
            }
            // Never stored: quarantined.
            let unstored = processor.settle(interruptedTwice: [try twiceInterrupted(pdfs[1])], logger: logger)
            #expect(unstored.map(\.status) == [.quarantined])
            #expect(unstored.first?.reason == .interruptedTwice)
            // Stored (the process died after the commit, before letting the file go): released.
            try TestSupport.dropSamples([pdfs[0]], into: folder)
            let run = try await BatchRunner(
                config: config, ingestor: try Ingestor(config: config, vault: vault, actor: "t"),
                workerCommand: TestSupport.workerCommand
            ).run(at: Date(), logger: logger)
            #expect(run.stored == 1)
            let stored = try twiceInterrupted(pdfs[0])
            let settled = processor.settle(interruptedTwice: [stored], logger: logger)
            #expect(settled.map(\.status) == [.duplicate])
            #expect(processor.inbox.quarantined().entries.count == 1)
            #expect(!FileManager.default.fileExists(atPath: stored.workPath))
        }
    }
}

/// A quarantine cut short by a crash is completed or undone at the next start, never left unseen.
@Suite struct InterruptedQuarantineTests {
    @Test("a building folder with its file is completed; one without its file is removed")
    func recover() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let inbox = LeftoverTests.inbox(folder)
            let claim = try LeftoverTests.droppedClaim(inbox)
            // Quarantine it, then undo the final rename and put the journal back: as if killed
            // after the file moved in and before the folder got its name.
            let entry = try #require(
                inbox.quarantine(claim, reason: .corruptPDF, detail: "test", logger: Logger(label: "test")))
            let done = (inbox.quarantineFolder as NSString).appendingPathComponent(entry.id)
            let building = (inbox.quarantineFolder as NSString).appendingPathComponent(".building-\(entry.id)")
            #expect(rename(done, building) == 0)
            #expect(inbox.quarantined().entries.isEmpty)
            let empty = (inbox.quarantineFolder as NSString).appendingPathComponent(
                ".building-20261130T000000Z-0badc0de")
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            _ = inbox.leftovers(logger: Logger(label: "test"))
            #expect(inbox.quarantined().entries.map(\.id) == [entry.id])
            #expect(!FileManager.default.fileExists(atPath: empty))
        }
    }
}
