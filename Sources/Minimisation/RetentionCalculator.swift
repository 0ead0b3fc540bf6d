public import CVModel
public import Foundation

/// The facts about a candidate that retention depends on.
public struct RetentionFacts: Sendable, Hashable {
    public var collectedAt: Date
    public var lastContactAt: Date
    public var hasConsent: Bool
    /// When the consent that keeps the candidate in the talent pool was granted: `with_consent`
    /// runs from here. `nil` when the caller does not know; the period then runs from
    /// ``collectedAt``.
    public var consentGrantedAt: Date?
    public var agreementStart: Date?
    public var agreementEnd: Date?

    public init(
        collectedAt: Date, lastContactAt: Date, hasConsent: Bool, consentGrantedAt: Date? = nil, agreementStart: Date?,
        agreementEnd: Date?
    ) {
        self.collectedAt = collectedAt
        self.lastContactAt = lastContactAt
        self.hasConsent = hasConsent
        self.consentGrantedAt = consentGrantedAt
        self.agreementStart = agreementStart
        self.agreementEnd = agreementEnd
    }

    /// The state these facts put the candidate in under `purpose`.
    public func state(under purpose: Purpose) -> CandidateState {
        if let start = agreementStart {
            return agreementEnd.map { $0 > start ? .formerlyPlaced : .placed } ?? .placed
        }
        if purpose.legalBasis == .contract { return .registered }
        return hasConsent ? .talentPool : .applicant
    }
}

/// Retention dates from the purpose's rules and the candidate's situation: applicants 4 weeks
/// after applying (1 year from the consent with consent), registered candidates 2 years after
/// the last contact, placed candidates while the agreement runs and 2 years after it ends (the
/// seed policy's periods; pipeline.yml sets them).
///
/// Periods are counted by ``CVModel/TimeSpan/after(_:)``: in the Gregorian calendar in
/// Europe/Amsterdam, to the same local wall-clock time, never as fixed seconds or in UTC. The
/// data goes at the returned instant: a purge at that second or later removes it.
public enum RetentionCalculator {
    /// The date the data may be kept until; `nil` while an agreement runs (no end yet).
    public static func retainUntil(_ purpose: Purpose, facts: RetentionFacts) -> Date? {
        let rule = purpose.retention
        switch facts.state(under: purpose) {
        case .placed:
            return nil
        case .formerlyPlaced:
            guard let end = facts.agreementEnd else { return nil }
            return (rule.afterAgreementEnd ?? rule.afterLastContact ?? TimeSpan(amount: 2, unit: .years)).after(end)
        case .registered:
            return (rule.afterLastContact ?? TimeSpan(amount: 2, unit: .years)).after(facts.lastContactAt)
        case .talentPool:
            return (rule.withConsent ?? rule.noAgreement ?? TimeSpan(amount: 4, unit: .weeks))
                .after(facts.consentGrantedAt ?? facts.collectedAt)
        case .applicant:
            return (rule.noAgreement ?? TimeSpan(amount: 4, unit: .weeks)).after(facts.collectedAt)
        }
    }
}
