import CVModel
import Foundation
import Minimisation
import Testing
import Vault

/// Retention across `--now` dates, by the candidate's situation.
@Suite struct RetentionTests {
    static func stored(_ vault: SQLiteVault, purpose: Purpose, at received: Date) throws -> String {
        let record = Minimiser().minimise(fictionalResult(), for: purpose)
        guard
            case .stored(let code, _, _) = try vault.store(
                record, document: DocumentInfo(sha256: UUID().uuidString, channel: nil, receivedAt: received),
                actor: "t")
        else { throw VaultError.unknownCandidate(code: "?") }
        return code
    }

    @Test("an applicant without agreement goes after 4 weeks")
    func applicant() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault, purpose: TestPurposes.application, at: date("2026-01-01"))
            #expect(try vault.purge(at: date("2026-01-28"), dryRun: false, actor: "t").purged.isEmpty)
            let dryRun = try vault.purge(at: date("2026-01-30"), dryRun: true, actor: "t")
            #expect(dryRun.purged.map(\.code) == [code])
            #expect(try vault.candidates().count == 1)
            let report = try vault.purge(at: date("2026-01-30"), dryRun: false, actor: "t")
            #expect(report.purged.first?.erasesCandidate == true)
            #expect(try vault.candidates().isEmpty)
        }
    }

    @Test("with consent, an applicant stays a year, and is listed to be asked before the 4 weeks end")
    func consent() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault, purpose: TestPurposes.application, at: date("2026-01-01"))
            #expect(try vault.purge(at: date("2026-01-20"), dryRun: true, actor: "t").askForConsent == [code])
            try vault.consent(
                code, purpose: TestPurposes.application, granted: true, actor: "t", at: date("2026-01-10"))
            #expect(try vault.purge(at: date("2026-12-30"), dryRun: false, actor: "t").purged.isEmpty)
            #expect(try vault.purge(at: date("2027-01-02"), dryRun: false, actor: "t").purged.map(\.code) == [code])
        }
    }

    @Test("mediation: 2 years after the last contact; placed: while the agreement runs and 2 years after")
    func mediation() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault, purpose: TestPurposes.mediation, at: date("2026-01-01"))
            try vault.recordContact(code, purposes: [TestPurposes.mediation], actor: "t", at: date("2026-06-01"))
            #expect(try vault.purge(at: date("2028-03-01"), dryRun: true, actor: "t").purged.isEmpty)
            #expect(try vault.purge(at: date("2028-06-02"), dryRun: true, actor: "t").purged.map(\.code) == [code])
            try vault.recordAgreement(
                code, starts: true, purposes: [TestPurposes.mediation], actor: "t", at: date("2026-07-01"))
            #expect(try vault.purge(at: date("2035-01-01"), dryRun: true, actor: "t").purged.isEmpty)
            try vault.recordAgreement(
                code, starts: false, purposes: [TestPurposes.mediation], actor: "t", at: date("2030-01-01"))
            #expect(try vault.purge(at: date("2031-12-30"), dryRun: true, actor: "t").purged.isEmpty)
            #expect(try vault.purge(at: date("2032-01-02"), dryRun: true, actor: "t").purged.map(\.code) == [code])
        }
    }

    @Test("a legal hold suspends purge and erasure until released")
    func legalHold() throws {
        try withVault { vault, _ in
            let code = try Self.stored(vault, purpose: TestPurposes.application, at: date("2026-01-01"))
            try vault.hold(code, reason: "dispute", actor: "t", at: date("2026-01-02"))
            let report = try vault.purge(at: date("2026-03-01"), dryRun: false, actor: "t")
            #expect(report.purged.isEmpty)
            #expect(report.held == [code])
            #expect(throws: VaultError.legalHold(code: code)) { try vault.erase(code, actor: "t", at: Date()) }
            try vault.hold(code, reason: nil, actor: "t", at: date("2026-03-02"))
            #expect(try vault.purge(at: date("2026-03-03"), dryRun: false, actor: "t").purged.map(\.code) == [code])
        }
    }
}
