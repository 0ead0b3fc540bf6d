import CVModel
import Foundation
import Testing

@testable import Vault

/// `subject application-end`: an applicant's data goes 4 weeks after the procedure ended, and
/// nothing else moves.
@Suite struct ApplicationEndTests {
    static let purposes = [TestPurposes.application, TestPurposes.mediation]

    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso) ?? Date(timeIntervalSince1970: 0)
    }

    static func retention(_ vault: SQLVault, _ code: String, purpose: String) throws -> Set<Date?> {
        Set(try vault.values(of: code).filter { $0.purpose == purpose }.map(\.retainUntil))
    }

    @Test("the end of the procedure moves an applicant's data to 4 weeks after that day; recorded and audited")
    func movesRetention() throws {
        try withVault { vault, _ in
            let code = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: date("2026-01-01"))
            // Ended 20 January (from 00:00 in Amsterdam, 23:00 UTC the day before): kept until
            // 17 February 00:00 Amsterdam, not 29 January as counted from the CV.
            try vault.recordApplicationEnd(
                code, on: date("2026-01-20"), purposes: Self.purposes, actor: "t", at: date("2026-01-21"))
            let until = Self.instant("2026-02-16T23:00:00Z")
            #expect(try Self.retention(vault, code, purpose: "application") == [until])
            #expect(try vault.candidates().first?.retainUntil == until)
            #expect(try vault.purge(at: until - 1, dryRun: false, actor: "t").purged.isEmpty)
            let access = try vault.access(code, actor: "t", at: date("2026-02-01"))
            #expect(access.applicationEndedAt == Self.instant("2026-01-19T23:00:00Z"))
            let records = try vault.auditRecords(code: code, since: nil).filter { $0.action == "application-end" }
            #expect(records.map(\.detail) == ["application procedure ended on 2026-01-20"])
            #expect(records.first?.at == date("2026-01-21"))
            #expect(try vault.verifyAudit().isIntact)
            #expect(try vault.purge(at: until, dryRun: false, actor: "t").purged.map(\.code) == [code])
        }
    }

    @Test("data on consent, for mediation or under an agreement keeps its date; a legal hold still stops the purge")
    func touchesNothingElse() throws {
        try withVault { vault, _ in
            let start = date("2026-01-01")
            let pooled = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: start)
            try vault.consent(pooled, purpose: TestPurposes.application, granted: true, actor: "t", at: start + day)
            let both = try storeFictional(vault, index: 2, purpose: TestPurposes.application, at: start)
            _ = try storeFictional(vault, index: 2, purpose: TestPurposes.mediation, at: start)
            let placed = try storeFictional(vault, index: 3, purpose: TestPurposes.mediation, at: start)
            try vault.recordAgreement(placed, starts: true, purposes: Self.purposes, actor: "t", at: start + day)
            let held = try storeFictional(vault, index: 4, purpose: TestPurposes.application, at: start)
            try vault.hold(held, reason: "dispute", actor: "t", at: start + day)

            let before = try [pooled, both, placed].map { code in
                (
                    try Self.retention(vault, code, purpose: "application"),
                    try Self.retention(vault, code, purpose: "mediation")
                )
            }
            for code in [pooled, both, placed, held] {
                try vault.recordApplicationEnd(
                    code, on: start + 3 * day, purposes: Self.purposes, actor: "t", at: start + 4 * day)
            }
            let after = try [pooled, both, placed].map { code in
                (
                    try Self.retention(vault, code, purpose: "application"),
                    try Self.retention(vault, code, purpose: "mediation")
                )
            }
            // The talent pool's year and the placement's open end stay.
            #expect(after[0] == before[0] && after[2] == before[2])
            #expect(after[2].1 == [nil])
            // Registered for mediation too: the application data (an applicant's, without consent)
            // moves to 4 weeks after the procedure; the mediation data keeps its 2 years.
            #expect(after[1].0 == [Self.instant("2026-01-31T23:00:00Z")] && after[1].0 != before[1].0)
            #expect(after[1].1 == before[1].1)
            let report = try vault.purge(at: date("2026-03-01"), dryRun: false, actor: "t")
            #expect(report.held == [held])
            #expect(report.purged.map(\.code) == [both])
            #expect(try Set(vault.candidates().map(\.code)) == [pooled, both, placed, held])
        }
    }

    @Test("a day still to come, one before the last CV and an unknown code are refused; a new CV clears the end")
    func refusalsAndNewApplication() throws {
        try withVault { vault, _ in
            let code = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: date("2026-01-10"))
            let now = date("2026-01-20")
            #expect(throws: VaultError.self) {
                try vault.recordApplicationEnd(code, on: now + 2 * day, purposes: Self.purposes, actor: "t", at: now)
            }
            #expect(throws: VaultError.self) {
                try vault.recordApplicationEnd(
                    code, on: date("2026-01-09"), purposes: Self.purposes, actor: "t", at: now)
            }
            #expect(throws: VaultError.unknownCandidate(code: "C-ZZZZ-ZZZZ")) {
                try vault.recordApplicationEnd("C-ZZZZ-ZZZZ", on: now, purposes: Self.purposes, actor: "t", at: now)
            }
            #expect(try vault.auditRecords(code: code, since: nil).allSatisfy { $0.action != "application-end" })
            // The CV's own day is allowed: kept until 4 weeks after its start.
            try vault.recordApplicationEnd(code, on: date("2026-01-10"), purposes: Self.purposes, actor: "t", at: now)
            #expect(try Self.retention(vault, code, purpose: "application") == [Self.instant("2026-02-06T23:00:00Z")])

            // A new CV is a new application: its 4 weeks count from it again.
            _ = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: date("2026-02-01"))
            #expect(try Self.retention(vault, code, purpose: "application") == [date("2026-03-01")])
            #expect(try vault.access(code, actor: "t", at: now).applicationEndedAt == nil)
        }
    }
}
