public import Foundation

/// The legal basis of a purpose (GDPR art. 6(1)).
public enum LegalBasis: String, Codable, Sendable, CaseIterable {
    case consent, contract
    case legalObligation = "legal_obligation"
    case legitimateInterest = "legitimate_interest"
}

/// A configured span of time (`4w`, `1y`, `0d`, `30s`). Calendar units stay calendar units, so
/// "1y" from 29 February and "4w" across a clock change mean what a person means.
public struct TimeSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case seconds = "s"
        case minutes = "m"
        case hours = "h"
        case days = "d"
        case weeks = "w"
        case months = "mo"
        case years = "y"
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `30s`, `5m`, `12h`, `0d`, `4w`, `6mo`, `1y`.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int(digits),
            let unit = Unit(rawValue: String(compact.dropFirst(digits.count)))
        else { return nil }
        self.init(amount: amount, unit: unit)
    }

    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Seconds, for the sub-day units used by timeouts and intervals (days and longer approximate).
    public var seconds: Double {
        switch unit {
        case .seconds: Double(amount)
        case .minutes: Double(amount) * 60
        case .hours: Double(amount) * 3600
        case .days: Double(amount) * 86_400
        case .weeks: Double(amount) * 7 * 86_400
        case .months: Double(amount) * 30 * 86_400
        case .years: Double(amount) * 365 * 86_400
        }
    }

    /// `date` plus this span, in the Gregorian calendar in UTC.
    public func after(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let component: Calendar.Component =
            switch unit {
            case .seconds: .second
            case .minutes: .minute
            case .hours: .hour
            case .days: .day
            case .weeks: .weekOfYear
            case .months: .month
            case .years: .year
            }
        return calendar.date(byAdding: component, value: amount, to: date) ?? date.addingTimeInterval(seconds)
    }
}

/// How long a purpose keeps its data, by the candidate's situation (seed policy in DUTCH.md).
public struct RetentionRule: Sendable, Hashable, Codable {
    /// Application without an agreement: after the application (the last CV received).
    public var noAgreement: TimeSpan?
    /// Application with the candidate's consent to keep them in the talent pool.
    public var withConsent: TimeSpan?
    /// Registered for mediation: after the last contact.
    public var afterLastContact: TimeSpan?
    /// Placed or employed: after the agreement ends (kept while it runs).
    public var afterAgreementEnd: TimeSpan?

    public init(
        noAgreement: TimeSpan? = nil, withConsent: TimeSpan? = nil, afterLastContact: TimeSpan? = nil,
        afterAgreementEnd: TimeSpan? = nil
    ) {
        self.noAgreement = noAgreement
        self.withConsent = withConsent
        self.afterLastContact = afterLastContact
        self.afterAgreementEnd = afterAgreementEnd
    }
}

/// A declared purpose of processing: what it may keep, on which legal basis, for how long.
public struct Purpose: Sendable, Hashable, Codable {
    public var name: String
    public var legalBasis: LegalBasis
    /// Categories kept (`name`, `email`, …) plus `career` for the career facts.
    public var keep: Set<String>
    public var retention: RetentionRule
    /// Whether profiles may be disclosed to clients under this purpose.
    public var allowsDisclosure: Bool
    /// Who receives data under this purpose (for the record of processing activities).
    public var recipients: [String]
    public var description: String

    public init(
        name: String, legalBasis: LegalBasis, keep: Set<String>, retention: RetentionRule,
        allowsDisclosure: Bool = false,
        recipients: [String] = [], description: String = ""
    ) {
        self.name = name
        self.legalBasis = legalBasis
        self.keep = keep
        self.retention = retention
        self.allowsDisclosure = allowsDisclosure
        self.recipients = recipients
        self.description = description
    }

    public func keeps(_ category: Category) -> Bool { keep.contains(category.rawValue) }
    public var keepsCareer: Bool { keep.contains("career") }
}

/// A candidate's situation, which decides how long their data may be kept.
public enum CandidateState: String, Codable, Sendable, CaseIterable {
    /// Applied; no agreement.
    case applicant
    /// Applied and consented to stay in the talent pool.
    case talentPool = "talent_pool"
    /// Registered for mediation (a contract with the agency).
    case registered
    /// Placed or employed: an agreement runs.
    case placed
    /// The agreement ended.
    case formerlyPlaced = "formerly_placed"
}
