import CVModel
import Foundation
import Minimisation
import Testing

@testable import Vault

/// Subject rights, request deadlines, and the tamper-evident audit log.
@Suite struct RightsAndAuditTests {
    static func stored(_ vault: SQLVault) throws -> String {
        let record = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
        guard
            case .stored(let code, _, _) = try vault.store(
                record, document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: Date()), actor: "t")
        else { throw VaultError.unknownCandidate(code: "?") }
        return code
    }

    @Test("access lists values, purposes, bases, retention and disclosures; rectification informs recipients")
    func accessAndRectify() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault)
            try vault.recordDisclosure(
                Disclosure(
                    client: "Klant BV", disclosedAt: Date(), purpose: "application", fields: ["career"], format: "pdf",
                    profileSHA256: "ff"),
                code: code, actor: "t")
            let report = try vault.access(code, actor: "t", at: Date())
            #expect(report.values.count == 4)
            #expect(
                report.values.allSatisfy {
                    $0.legalBasis == "consent" && $0.purpose == "application" && $0.retainUntil != nil
                })
            #expect(report.disclosures.map(\.client) == ["Klant BV"])
            let outcome = try vault.rectify(code, category: .city, value: "Deventer", actor: "t", at: Date())
            #expect(outcome.recipientsToInform == ["Klant BV"])
            #expect(try vault.values(of: code).filter { $0.category == "city" }.map(\.value) == ["Deventer"])
        }
    }

    @Test("restriction and objection block export; objection drops legitimate-interest data")
    func restriction() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault)
            #expect(try vault.isBlocked(code) == false)
            _ = try vault.restrict(code, isObjection: false, actor: "t", at: Date())
            #expect(try vault.isBlocked(code))
        }
        try withVault { vault, _ in
            let interest = Purpose(
                name: "pool", legalBasis: .legitimateInterest, keep: [.personal(.name), .personal(.city)],
                retention: RetentionRule(afterLastContact: TimeSpan("2y")))
            let code = try Self.stored(vault)
            let record = Minimiser().minimise(fictionalResult(), for: interest)
            _ = try vault.store(
                record, document: DocumentInfo(sha256: "b2", channel: nil, receivedAt: Date()), actor: "t")
            let before = try vault.values(of: code)
            #expect(before.contains { $0.legalBasis == "legitimate_interest" })
            #expect(try vault.isBlocked(code) == false)
            _ = try vault.restrict(code, isObjection: true, actor: "t", at: Date())
            #expect(try vault.isBlocked(code))
            let after = try vault.values(of: code)
            #expect(!after.contains { $0.legalBasis == "legitimate_interest" })
            #expect(after.count == before.filter { $0.legalBasis != "legitimate_interest" }.count)
            #expect(try vault.auditRecords(code: code).map(\.action).contains("object"))
        }
    }

    @Test("requests are due in 4 weeks and overdue ones are visible")
    func requests() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault)
            let id = try vault.receiveRequest(code, kind: .access, actor: "t", at: date("2026-01-01"))
            #expect(try vault.requests(at: date("2026-01-28")).first?.isOverdue == false)
            #expect(try vault.requests(at: date("2026-01-30")).first?.isOverdue == true)
            try vault.extendRequest(
                id, until: date("2026-03-01"), reason: "complex request", actor: "t", at: date("2026-01-20"))
            #expect(try vault.requests(at: date("2026-02-15")).first?.isOverdue == false)
            _ = try vault.access(code, actor: "t", at: date("2026-02-16"))
            #expect(try vault.requests(at: date("2026-02-16")).isEmpty)
        }
    }

    @Test("an access answers the oldest open access request only; with none open it records one answered at once")
    func accessAnswersOldestRequest() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault)
            let first = try vault.receiveRequest(code, kind: .access, actor: "t", at: date("2026-01-01"))
            let second = try vault.receiveRequest(code, kind: .access, actor: "t", at: date("2026-01-05"))
            let erasure = try vault.receiveRequest(code, kind: .erase, actor: "t", at: date("2026-01-02"))
            let report = try vault.access(code, actor: "t", at: date("2026-01-10"))
            // The report shows the request it answers.
            #expect(report.requests.first { $0.id == first }?.completedAt == date("2026-01-10"))
            #expect(try vault.requests(at: date("2026-01-10")).map(\.id).sorted() == [second, erasure].sorted())
            _ = try vault.access(code, actor: "t", at: date("2026-01-12"))
            #expect(try vault.requests(at: date("2026-01-12")).map(\.id) == [erasure])
            _ = try vault.access(code, actor: "t", at: date("2026-01-14"))
            let all = try vault.requests(includeCompleted: true, at: date("2026-01-14")).filter { $0.kind == "access" }
            #expect(all.count == 3)
            let added = try #require(all.first { ![first, second].contains($0.id) })
            #expect(added.receivedAt == date("2026-01-14") && added.completedAt == date("2026-01-14"))
            #expect(try vault.requests(at: date("2026-01-14")).map(\.id) == [erasure])
        }
    }

    @Test("the audit log holds codes and counts, never values, and its chain verifies")
    func auditHasNoValues() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault)
            _ = try vault.access(code, actor: "t", at: Date())
            let records = try vault.auditRecords(code: code)
            #expect(records.map(\.action).contains("ingest"))
            let text = records.map { "\($0.detail) \($0.actor) \($0.action)" }.joined(separator: "\n")
            for value in ["Voskuilen", "voorbeeld", "11223344", "Zwolle", "Planner"] { #expect(!text.contains(value)) }
            #expect(try vault.verifyAudit().isIntact)
        }
    }

    @Test("an edited, inserted or deleted audit record breaks the chain", arguments: ["edit", "insert", "delete"])
    func tamper(how: String) throws {
        try withVault { vault, folder in
            let code = try Self.stored(vault)
            for _ in 0..<3 { _ = try vault.access(code, actor: "t", at: Date()) }
            try tamperWith(vault) { db in
                switch how {
                case "edit": try db.execute(sql: "UPDATE audit SET detail = 'nothing happened' WHERE seq = 2")
                case "delete": try db.execute(sql: "DELETE FROM audit WHERE seq = 2")
                default:
                    try db.execute(
                        sql:
                            "INSERT INTO audit SELECT 99, at, actor, action, code, purpose, detail, prev_hash, hash FROM audit WHERE seq = 2"
                    )
                    try db.execute(sql: "UPDATE audit SET seq = seq + 100 WHERE seq >= 3 AND seq < 99")
                    try db.execute(sql: "UPDATE audit SET seq = 3 WHERE seq = 99")
                }
            }
            let result = try vault.verifyAudit()
            #expect(!result.isIntact)
            // Each tampering shows at the record it touched, not somewhere later.
            #expect(result.firstBreak == (how == "delete" ? 3 : how == "insert" ? 3 : 2))
        }
    }

    @Test("the audit log refuses updates and deletes through SQL")
    func appendOnly() throws {
        try withVault { vault, folder in
            _ = try Self.stored(vault)
            #expect(throws: (any Error).self) {
                try vault.engine.write("test") { db in try db.execute(sql: "DELETE FROM audit") }
            }
            #expect(throws: (any Error).self) {
                try vault.engine.write("test") { db in
                    try db.execute(sql: "UPDATE audit SET detail = 'x' WHERE seq = 1")
                }
            }
            let count = try vault.read("test") { db in try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM audit") }
            #expect(count == 1)
            #expect(try vault.verifyAudit().isIntact)
        }
    }
}
