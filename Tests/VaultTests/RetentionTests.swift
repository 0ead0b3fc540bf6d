import CVModel
import Foundation
import Minimisation
import Testing

@testable import Vault

/// Retention across `--now` dates, by the candidate's situation.
@Suite struct RetentionTests {
    static func stored(_ vault: SQLVault, purpose: Purpose, at received: Date) throws -> String {
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
            // A year after the consent (the boundary to the second is `consentBoundary` below).
            #expect(try vault.purge(at: date("2027-01-11"), dryRun: false, actor: "t").purged.map(\.code) == [code])
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

    @Test("a purge of more candidates than one statement names erases each once and passes over a held one")
    func purgeInChunks() throws {
        try withVault { vault, _ in
            let count = SQLList.chunkSize + 12
            var codes: [String] = []
            for index in 0..<count {
                codes.append(
                    try storeFictional(vault, index: index, purpose: TestPurposes.application, at: date("2026-01-01")))
            }
            // The first also applied for mediation (kept 2 years): only its application data goes.
            #expect(
                try storeFictional(vault, index: 0, purpose: TestPurposes.mediation, at: date("2026-01-01")) == codes[0]
            )
            try vault.hold(codes[1], reason: "dispute", actor: "t", at: date("2026-01-02"))
            let report = try vault.purge(at: date("2026-03-01"), dryRun: false, actor: "t")
            #expect(report.held == [codes[1]])
            #expect(Set(report.purged.map(\.code)) == Set(codes).subtracting([codes[1]]))
            #expect(report.purged.count == count - 1)
            #expect(report.purged.filter { !$0.erasesCandidate }.map(\.code) == [codes[0]])
            let left = try vault.candidates()
            #expect(Set(left.map(\.code)) == [codes[0], codes[1]])
            #expect(left.first { $0.code == codes[0] }?.purposes == [TestPurposes.mediation.name])
            #expect(try vault.verifyAudit().isIntact)
            #expect(try vault.purge(at: date("2026-03-01"), dryRun: false, actor: "t").purged.isEmpty)
        }
    }

    // MARK: - Boundaries to the second, in Amsterdam's calendar

    /// An instant written in UTC; the tests give each one's Amsterdam wall-clock time beside it.
    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso) ?? Date(timeIntervalSince1970: 0)
    }

    static func facts(collectedAt: Date, consentGrantedAt: Date? = nil) -> RetentionFacts {
        RetentionFacts(
            collectedAt: collectedAt, lastContactAt: collectedAt, hasConsent: consentGrantedAt != nil,
            consentGrantedAt: consentGrantedAt, agreementStart: nil, agreementEnd: nil)
    }

    static func applicationKeeping(_ span: String) -> Purpose {
        var purpose = TestPurposes.application
        purpose.retention.noAgreement = TimeSpan(span)
        return purpose
    }

    @Test("4 weeks are 28 calendar days to the same Amsterdam wall-clock time across both clock changes")
    func fourWeeksAcrossClockChanges() {
        // 15 March 10:00 CET (UTC+1) → 12 April 10:00 CEST (UTC+2): 28 days minus an hour.
        let spring = Self.instant("2026-03-15T09:00:00Z")
        let springEnd = RetentionCalculator.retainUntil(
            TestPurposes.application, facts: Self.facts(collectedAt: spring))
        #expect(springEnd == Self.instant("2026-04-12T08:00:00Z"))
        #expect(springEnd?.timeIntervalSince(spring) == 28 * day - 3600)
        // 10 October 10:00 CEST → 7 November 10:00 CET: 28 days plus an hour.
        let autumn = Self.instant("2026-10-10T08:00:00Z")
        let autumnEnd = RetentionCalculator.retainUntil(
            TestPurposes.application, facts: Self.facts(collectedAt: autumn))
        #expect(autumnEnd == Self.instant("2026-11-07T09:00:00Z"))
        #expect(autumnEnd?.timeIntervalSince(autumn) == 28 * day + 3600)
    }

    @Test("1 year from 29 February 2028 ends on 28 February 2029 at the same time")
    func leapDay() {
        // 29 February 2028 12:00 CET → 28 February 2029 12:00 CET.
        let collected = Self.instant("2028-02-29T11:00:00Z")
        let end = RetentionCalculator.retainUntil(
            Self.applicationKeeping("1y"), facts: Self.facts(collectedAt: collected))
        #expect(end == Self.instant("2029-02-28T11:00:00Z"))
    }

    @Test(
        "6 months from 31 August (Amsterdam) end on the last day of February",
        arguments: [
            // 31 August 2026 00:30 CEST (still 30 August in UTC) → 28 February 2027 00:30 CET.
            ("2026-08-30T22:30:00Z", "2027-02-27T23:30:00Z"),
            // 31 August 2027 00:30 CEST → 29 February 2028 00:30 CET (a leap year).
            ("2027-08-30T22:30:00Z", "2028-02-28T23:30:00Z"),
        ])
    func monthEnds(collected: String, expected: String) {
        let end = RetentionCalculator.retainUntil(
            Self.applicationKeeping("6mo"), facts: Self.facts(collectedAt: Self.instant(collected)))
        #expect(end == Self.instant(expected))
    }

    @Test("with consent, the year runs from the consent's grant time")
    func consentStart() {
        // Collected 1 January 2026 10:00 CET, consent granted 10 January 15:30 CET → 10 January 2027 15:30 CET.
        let facts = Self.facts(
            collectedAt: Self.instant("2026-01-01T09:00:00Z"), consentGrantedAt: Self.instant("2026-01-10T14:30:00Z"))
        #expect(facts.state(under: TestPurposes.application) == .talentPool)
        #expect(
            RetentionCalculator.retainUntil(TestPurposes.application, facts: facts)
                == Self.instant("2027-01-10T14:30:00Z"))
    }

    @Test("hours are absolute, days are calendar days; a wall-clock time the clock skips moves on by the hour")
    func subDaySpans() {
        // 28 March 2026 13:00 CET; the clocks go forward that night.
        let saturday = Self.instant("2026-03-28T12:00:00Z")
        #expect(TimeSpan("24h")?.after(saturday) == Self.instant("2026-03-29T12:00:00Z"))  // 14:00 CEST
        #expect(TimeSpan("1d")?.after(saturday) == Self.instant("2026-03-29T11:00:00Z"))  // 13:00 CEST
        // 28 March 02:30 CET + 1 day: 29 March has no 02:30, so 03:30 CEST.
        #expect(TimeSpan("1d")?.after(Self.instant("2026-03-28T01:30:00Z")) == Self.instant("2026-03-29T01:30:00Z"))
    }

    @Test("purge to the second: one second before the 4 weeks end the values stay; at the end they go")
    func purgeBoundary() throws {
        try withVault { vault, _ in
            let code = try Self.stored(
                vault, purpose: TestPurposes.application, at: Self.instant("2026-03-15T09:00:00Z"))
            let before = try vault.purge(at: Self.instant("2026-04-12T07:59:59Z"), dryRun: false, actor: "t")
            #expect(before.purged.isEmpty)
            #expect(try vault.values(of: code).count == 4)
            let at = try vault.purge(at: Self.instant("2026-04-12T08:00:00Z"), dryRun: false, actor: "t")
            #expect(at.purged.map(\.code) == [code])
            #expect(try vault.candidates().isEmpty)
        }
    }

    @Test("the vault keeps a consenting applicant a year from the grant, to the second")
    func consentBoundary() throws {
        try withVault { vault, _ in
            let code = try Self.stored(
                vault, purpose: TestPurposes.application, at: Self.instant("2026-01-01T09:00:00Z"))
            try vault.consent(
                code, purpose: TestPurposes.application, granted: true, actor: "t",
                at: Self.instant("2026-01-10T14:30:00Z"))
            let before = try vault.purge(at: Self.instant("2027-01-10T14:29:59Z"), dryRun: true, actor: "t")
            #expect(before.purged.isEmpty)
            let at = try vault.purge(at: Self.instant("2027-01-10T14:30:00Z"), dryRun: true, actor: "t")
            #expect(at.purged.map(\.code) == [code])
        }
    }
}
