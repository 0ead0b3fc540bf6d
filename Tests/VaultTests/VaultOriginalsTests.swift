import CVModel
import Foundation
import Minimisation
import Testing

@testable import Vault

/// What the page view needs of the vault: a candidate's document hashes, and an audit record for
/// each look at an original.
@Suite struct VaultOriginalsTests {
    @Test("a candidate's documents are listed newest first; an unknown code is refused")
    func documents() throws {
        try withVault { vault, _ in
            let record = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
            let first = DocumentInfo(sha256: "a1", channel: nil, receivedAt: date("2026-01-05"))
            let second = DocumentInfo(sha256: "b2", channel: nil, receivedAt: date("2026-03-01"))
            guard case .stored(let code, _, _) = try vault.store(record, document: first, actor: "t") else {
                Issue.record("the first document was not stored")
                return
            }
            // The same e-mail address: the same candidate, with a second document.
            guard case .stored(code, false, _) = try vault.store(record, document: second, actor: "t") else {
                Issue.record("the second document did not join the candidate")
                return
            }
            #expect(try vault.documents(of: code) == ["b2", "a1"])
            #expect(throws: VaultError.unknownCandidate(code: "C-BCDF-GHJK")) { try vault.documents(of: "C-BCDF-GHJK") }
        }
    }

    @Test("a look at an original is audited under the code, or without one for a quarantined file")
    func audited() throws {
        try withVault { vault, _ in
            let code = try RightsAndAuditTests.stored(vault)
            let now = Date()
            try vault.recordOriginalView(code: code, detail: "document a1: 2 pages shown", actor: "account-7", at: now)
            try vault.recordOriginalView(
                code: nil, detail: "quarantine 20261130T051200Z-1a2b3c4d: 1 page shown", actor: "account-7", at: now)
            let forCode = try vault.auditRecords(code: code, since: nil).filter { $0.action == "original-view" }
            #expect(forCode.map(\.detail) == ["document a1: 2 pages shown"])
            #expect(forCode.map(\.actor) == ["account-7"])
            let all = try vault.auditRecords(code: nil, since: nil).filter { $0.action == "original-view" }
            #expect(all.count == 2)
            #expect(all.contains { $0.code == nil && $0.detail.hasPrefix("quarantine ") })
            #expect(try vault.verifyAudit().isIntact)
        }
    }
}
