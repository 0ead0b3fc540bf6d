import CVModel
import Foundation
import Minimisation
import TestSupport
import Testing

@testable import Vault

/// `cvsieve key rotate`: the vault under a new master key, on both backends.
@Suite struct KeyRotationTests {
    static func newKey(in folder: URL, _ seed: UInt8 = 9) throws -> String {
        let path = folder.appendingPathComponent("new.key").path
        FileManager.default.createFile(
            atPath: path, contents: Data((0..<32).map { UInt8($0) &* 13 &+ seed }),
            attributes: [.posixPermissions: 0o600])
        return path
    }

    @Test("after a rotation the new key opens everything, returning candidates are recognised, the chain verifies")
    func rotation() throws {
        try withVault { vault, folder in
            let now = Date()
            let first = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: now)
            _ = try storeFictional(vault, index: 2, purpose: TestPurposes.mediation, at: now)
            try vault.recordDisclosure(
                Disclosure(
                    client: "Klant Rotatie BV", disclosedAt: now, purpose: "application", fields: ["career"],
                    format: "pdf", profileSHA256: "ab"), code: first, actor: "t")
            _ = try vault.requestApproval(
                first, profileSHA256: "ab", secret: "one-time-code", expiresAt: now.addingTimeInterval(86_400),
                actor: "t", at: now)
            let valuesBefore = try vault.values(of: first).map(\.value).sorted()
            let newKey = try Self.newKey(in: folder)

            let rotation = try vault.rotateMasterKey(to: newKey, actor: "t", at: now)
            #expect(rotation.candidates == 2 && rotation.disclosures == 1 && rotation.approvalsEnded == 1)
            #expect(rotation.identities == 4)
            // This object holds the old key: its next write is refused, nothing sealed under it,
            // and the refusal names the rotation, also where the old key fails first on a
            // candidate's data key (a disclosure, an access request).
            let countBefore = try vault.candidates().count
            let writes: [() throws -> Void] = [
                { _ = try storeFictional(vault, index: 3, purpose: TestPurposes.application, at: now) },
                {
                    try vault.recordDisclosure(
                        Disclosure(
                            client: "Klant Oud BV", disclosedAt: now, purpose: "application", fields: ["career"],
                            format: "pdf", profileSHA256: "cd"), code: first, actor: "t")
                },
                { _ = try vault.access(first, actor: "t", at: now) },
            ]
            for write in writes {
                #expect {
                    try write()
                } throws: { error in
                    if case VaultError.keyFile(path: "master key", _) = error { return true }
                    return false
                }
            }
            #expect(try vault.candidates().count == countBefore)
            #expect(throws: VaultError.self) {
                _ = try reopen(vault, folder: folder, keyPath: folder.appendingPathComponent("master.key").path)
            }

            let rotated = try reopen(vault, folder: folder, keyPath: newKey)
            #expect(try rotated.values(of: first).map(\.value).sorted() == valuesBefore)
            #expect(try rotated.candidate(email: "kandidaat1@voorbeeld.test") == first)
            #expect(try storeFictional(rotated, index: 1, purpose: TestPurposes.application, at: now + 60) == first)
            #expect(try rotated.openApproval(secret: "one-time-code", at: now) == nil)
            let audit = try rotated.verifyAudit()
            #expect(audit.isIntact)
            #expect(try rotated.auditRecords().contains { $0.action == AuditAction.keyRotation.rawValue })
            #expect(try rotated.erase(first, actor: "t", at: now + 120).recipientsToInform == ["Klant Rotatie BV"])
        }
    }

    @Test("a broken audit chain, a missing key file or the same key refuses the rotation, changing nothing")
    func refusals() throws {
        try withVault { vault, folder in
            let code = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: Date())
            #expect(throws: VaultError.self) {
                _ = try vault.rotateMasterKey(
                    to: folder.appendingPathComponent("absent.key").path, actor: "t", at: Date())
            }
            #expect(throws: VaultError.self) {
                _ = try vault.rotateMasterKey(
                    to: folder.appendingPathComponent("master.key").path, actor: "t", at: Date())
            }
            try tamperWith(vault) { db in try db.execute(sql: "UPDATE audit SET detail = 'edited' WHERE seq = 1") }
            #expect(throws: VaultError.self) {
                _ = try vault.rotateMasterKey(to: try Self.newKey(in: folder), actor: "t", at: Date())
            }
            #expect(try vault.values(of: code).count == 4)
        }
    }
}
