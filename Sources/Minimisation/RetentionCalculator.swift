public import CVModel
public import Foundation

/// Retention dates from the purpose's rules and the candidate's situation: applicants 4 weeks
/// after applying, or after the application procedure ended where the agency recorded that (1
/// year from the consent with consent), registered candidates 2 years after
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
            return (rule.noAgreement ?? TimeSpan(amount: 4, unit: .weeks))
                .after(facts.applicationEndedAt ?? facts.collectedAt)
        }
    }
}
