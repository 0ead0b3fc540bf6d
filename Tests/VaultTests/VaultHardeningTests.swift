import CVModel
import Crypto
import Foundation
import GRDB
import Glibc
import Minimisation
import TestSupport
import Testing

@testable import Vault

/// Findings of the security review of the vault, each with the test that failed before the fix.
@Suite(.serialized) struct VaultHardeningTests {
    static func store(
        _ vault: SQLVault, sha256: String = "a1", result: DetectionResult = fictionalResult(),
        original: Data? = nil, at received: Date = Date()
    ) throws -> (code: String, isNew: Bool) {
        let record = Minimiser().minimise(result, for: TestPurposes.application)
        let kept = original.map { KeptOriginal(bytes: $0, retainUntil: received.addingTimeInterval(365 * day)) }
        switch try vault.store(
            record, document: DocumentInfo(sha256: sha256, channel: nil, receivedAt: received, original: kept),
            actor: "t")
        {
        case .stored(let code, let isNew, _): return (code, isNew)
        case .duplicate(let code): return (code, false)
        }
    }

    static func count(_ vault: SQLVault, _ sql: String) throws -> Int {
        try vault.read("test") { db in try db.fetchScalar(Int.self, sql: sql) ?? -1 }
    }

    @Test("erasure removes a kept original and its document row; the bytes leave the files")
    func erasureTakesTheOriginal() throws {
        try withVault { vault, folder in
            let original = Data("%PDF-1.7 fictional original of a CV, kept for a year".utf8)
            let (code, _) = try Self.store(vault, original: original)
            #expect(try vault.original(sha256: "a1") == original)
            _ = try vault.erase(code, actor: "t", at: Date())
            #expect(try vault.original(sha256: "a1") == nil)
            #expect(try Self.count(vault, "SELECT COUNT(*) FROM original") == 0)
            #expect(try Self.count(vault, "SELECT COUNT(*) FROM document") == 0)
            #expect(try Self.count(vault, "SELECT COUNT(*) FROM disclosure") == 0)
            #expect(try vaultBytes(vault, folder).range(of: original) == nil)
        }
    }

    @Test("after erasure or a retention purge, the same CV sent again is a new application, not a duplicate")
    func reapplication() throws {
        try withVault { vault, _ in
            let (first, _) = try Self.store(vault)
            _ = try vault.erase(first, actor: "t", at: Date())
            let (second, isNew) = try Self.store(vault)
            #expect(isNew)
            #expect(second != first)
        }
        try withVault { vault, folder in
            let received = date("2026-01-05")
            let (code, _) = try Self.store(vault, at: received)
            let report = try vault.purge(at: received.addingTimeInterval(60 * day), dryRun: false, actor: "t")
            #expect(report.purged.contains { $0.code == code && $0.erasesCandidate })
            #expect(try Self.count(vault, "SELECT COUNT(*) FROM document") == 0)
            let (again, isNew) = try Self.store(vault, at: received.addingTimeInterval(90 * day))
            #expect(isNew)
            #expect(again != code)
        }
    }

    @Test("purge sweeps original files without a row and counts only real deletions")
    func orphanOriginals() throws {
        try withVault(on: [.sqlite]) { vault, folder in
            let originals = folder.appendingPathComponent("originals")
            try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
            try Data("orphan".utf8).write(to: originals.appendingPathComponent("0123.sealed"))
            let report = try vault.purge(at: Date(), dryRun: false, actor: "t")
            #expect(report.originalsDeleted == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: originals.path).isEmpty)
            #expect(try vault.purge(at: Date(), dryRun: false, actor: "t").originalsDeleted == 0)
        }
    }

    /// Rewrites the chain the way someone holding only the database file would: triggers
    /// dropped, records changed, every hash recomputed with plain SHA-256 (the first format).
    static func rewriteChain(_ vault: SQLVault, change: [String]) throws {
        try tamperWith(vault) { db in
            for statement in change { try db.execute(sql: statement) }
            var previous = String(repeating: "0", count: 64)
            for row in try db.fetchAll(sql: "SELECT * FROM audit ORDER BY seq") {
                let fields: [String] = [
                    previous, String(row["seq"] as Int64), String(row["at"] as Int64), row["actor"], row["action"],
                    row["code"] ?? "", row["purpose"] ?? "", row["detail"],
                ]
                let hash = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
                    .map { String(format: "%02x", $0) }.joined()
                try db.execute(
                    sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
                    arguments: [previous, hash, row["seq"] as Int64])
                previous = hash
            }
        }
    }

    @Test("a chain recomputed without the master key does not verify")
    func keyedChain() throws {
        try withVault { vault, folder in
            let (code, _) = try Self.store(vault)
            try vault.recordDisclosure(
                Disclosure(
                    client: "Klant BV", disclosedAt: Date(), purpose: "application", fields: ["career"],
                    format: "pdf", profileSHA256: "ff"), code: code, actor: "t")
            #expect(try vault.verifyAudit().isIntact)
            try Self.rewriteChain(
                vault, change: ["DELETE FROM disclosure", "DELETE FROM audit WHERE action = 'disclose'"])
            let result = try vault.verifyAudit()
            #expect(!result.isIntact)
            #expect(result.firstBreak == 1)
        }
    }

    @Test("records cut off the end of the log, or a missing anchor, are caught by the anchor")
    func truncation() throws {
        try withVault { vault, folder in
            let (code, _) = try Self.store(vault)
            for _ in 0..<4 { _ = try vault.access(code, actor: "t", at: Date()) }
            #expect(try vault.verifyAudit().records == 5)
            try tamperWith(vault) { db in try db.execute(sql: "DELETE FROM audit WHERE seq > 3") }
            let cut = try vault.verifyAudit()
            #expect(!cut.isIntact)
            #expect(cut.firstBreak == 4)
            #expect(cut.problem?.contains("cut off") == true)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("audit.anchor"))
            let unanchored = try vault.verifyAudit()
            #expect(!unanchored.isIntact)
            // A later write does not quietly make a new anchor for the cut chain.
            _ = try vault.access(code, actor: "t", at: Date())
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("audit.anchor").path))
        }
    }

    @Test(
        "a vault left without its anchor before anything was audited (a kill at its making) starts it at the next open")
    func anchorStartedLate() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("vault.sqlite").path
            let keyPath = folder.appendingPathComponent("master.key").path
            let anchor = folder.appendingPathComponent("audit.anchor").path
            func open() throws -> SQLVault {
                try SQLVault(path: path, keyPath: keyPath, retention: RetentionCalculator.retainUntil)
            }
            _ = try open()
            try FileManager.default.removeItem(atPath: anchor)
            let vault = try open()
            #expect(FileManager.default.fileExists(atPath: anchor))
            let (code, _) = try Self.store(vault)
            _ = try vault.access(code, actor: "t", at: Date())
            #expect(try vault.verifyAudit().isIntact)
            // Once something is audited, a missing anchor is never started again.
            try FileManager.default.removeItem(atPath: anchor)
            let reopened = try open()
            #expect(!FileManager.default.fileExists(atPath: anchor))
            #expect(try !reopened.verifyAudit().isIntact)
        }
    }

    @Test("client names are sealed in disclosure records and reach the audit log only as an HMAC")
    func sealedRecipients() throws {
        try withVault { vault, folder in
            let (code, _) = try Self.store(vault)
            try vault.recordDisclosure(
                Disclosure(
                    client: "Klantnaam Werving BV", disclosedAt: Date(), purpose: "application", fields: ["career"],
                    format: "pdf", profileSHA256: "ff"), code: code, actor: "t")
            #expect(try vault.disclosures(of: code).map(\.client) == ["Klantnaam Werving BV"])
            let audit = try vault.auditRecords().map(\.detail).joined(separator: "\n")
            #expect(!audit.lowercased().contains("klantnaam"))
            try vault.checkpoint()
            #expect(try vaultBytes(vault, folder).range(of: Data("Klantnaam".utf8)) == nil)
            #expect(try vault.erase(code, actor: "t", at: Date()).recipientsToInform == ["Klantnaam Werving BV"])
        }
    }

    @Test("equal values of two candidates hash apart; sealed lengths do not tell value lengths")
    func unlinkableValues() throws {
        try withVault { vault, folder in
            _ = try Self.store(vault, sha256: "a1")
            _ = try Self.store(
                vault, sha256: "b2",
                result: fictionalResult(name: "Joris Ambachtsheer", email: "j.a@voorbeeld.test", phone: "06-99887766"))
            let cityHashes = try vault.read("test") { db in
                try db.fetchColumn(String.self, sql: "SELECT value_hash FROM value WHERE category = 'city'")
            }
            #expect(cityHashes.count == 2)
            #expect(Set(cityHashes).count == 2)
            let lengths = try vault.read("test") { db in
                try db.fetchColumn(
                    Int.self, sql: "SELECT DISTINCT length(sealed) FROM value WHERE category IN ('city', 'name')")
            }
            // "Zwolle", "Femke Voskuilen" and "Joris Ambachtsheer" fall in one 32-byte bucket.
            #expect(lengths.count == 1)
        }
    }

    @Test("a process with another master key is refused when it opens the vault, before it seals anything")
    func otherKeyRefused() throws {
        try withVault { vault, folder in
            _ = try Self.store(vault)
            let otherKey = folder.appendingPathComponent("other.key")
            try Data((0..<32).map { UInt8(255 - $0) }).write(to: otherKey)
            #expect(throws: VaultError.wrongKey(path: otherKey.path)) {
                _ = try reopen(vault, folder: folder, keyPath: otherKey.path)
            }
            let again = try reopen(vault, folder: folder, keyPath: folder.appendingPathComponent("master.key").path)
            #expect(try again.candidates().count == 1)
        }
    }

    @Test("the data folder is 0700 and every vault file 0600 under umask 022")
    func modes() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        try TestSupport.withTemporaryDirectory { folder in
            let data = folder.appendingPathComponent("data")
            let vault = try SQLVault(
                path: data.appendingPathComponent("vault.sqlite").path,
                keyPath: data.appendingPathComponent("master.key").path, retention: RetentionCalculator.retainUntil)
            _ = try Self.store(vault)
            func mode(_ path: String) throws -> Int {
                (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
            }
            #expect(try mode(data.path) == 0o700)
            for name in ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm", "master.key", "audit.anchor"] {
                #expect(try mode(data.appendingPathComponent(name).path) == 0o600, "\(name)")
            }
        }
    }

    @Test("a full disk while making the master key leaves no key file behind")
    func keyOnFullDisk() throws {
        try TestSupport.withTmpfs(kilobytes: 64) { mount in
            guard let mount else { return }
            try Data(count: 60 << 10).write(to: mount.appendingPathComponent("filler"))
            let data = mount.appendingPathComponent("data")
            try? FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            // Fill what is left to the last byte.
            let rest = mount.appendingPathComponent("rest")
            FileManager.default.createFile(atPath: rest.path, contents: nil)
            let handle = try FileHandle(forWritingTo: rest)
            while (try? handle.write(contentsOf: Data(count: 512))) != nil {}
            try? handle.close()
            #expect(throws: VaultError.self) {
                _ = try SQLVault(
                    path: data.appendingPathComponent("vault.sqlite").path,
                    keyPath: data.appendingPathComponent("master.key").path, retention: RetentionCalculator.retainUntil)
            }
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("master.key").path))
        }
    }
}
