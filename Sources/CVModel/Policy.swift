public import Foundation

/// The legal basis of a purpose (GDPR art. 6(1)).
public enum LegalBasis: String, Codable, Sendable, CaseIterable {
    case consent, contract
    case legalObligation = "legal_obligation"
    case legitimateInterest = "legitimate_interest"
}

/// A configured span of time (`4w`, `1y`, `0d`, `30s`). Calendar units stay calendar units, so
/// "1y" from 29 February and "4w" across a clock change mean what a person means.
///
/// ``after(_:)`` counts days, weeks, months and years in the Gregorian calendar in
/// Europe/Amsterdam, the agency's time zone, to the same local wall-clock time: 4 weeks from
/// 15 March 2026 10:00 is 12 April 2026 10:00, which is 28 days minus the hour of the clock
/// change in absolute time. A month or year that ends on a day the target month lacks ends on its
/// last day (31 August + 6mo is 28 or 29 February; 29 February 2028 + 1y is 28 February 2029).
/// Seconds, minutes and hours are absolute durations.
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

    /// `date` plus this span: calendar units in the Gregorian calendar in Europe/Amsterdam, to the
    /// same wall-clock time (see the type's note); sub-day units as absolute seconds. A wall-clock
    /// time that a spring-forward day lacks (02:30) moves on by the hour that was skipped.
    public func after(_ date: Date) -> Date {
        let calendar = Self.agencyCalendar
        switch unit {
        case .seconds, .minutes, .hours:
            return date.addingTimeInterval(seconds)
        case .days:
            return calendar.date(byAdding: .day, value: amount, to: date) ?? date.addingTimeInterval(seconds)
        case .weeks:
            return calendar.date(byAdding: .day, value: amount * 7, to: date) ?? date.addingTimeInterval(seconds)
        case .months:
            return calendar.date(byAdding: .month, value: amount, to: date) ?? date.addingTimeInterval(seconds)
        case .years:
            return calendar.date(byAdding: .year, value: amount, to: date) ?? date.addingTimeInterval(seconds)
        }
    }

    /// The time zone retention is counted in: the agency's, Europe/Amsterdam.
    public static let agencyTimeZone: TimeZone = {
        // Foundation on Linux carries ICU's time zone data, so the identifier always resolves;
        // a fixed UTC+1 instead would put every date across a clock change off by an hour.
        guard let zone = TimeZone(identifier: "Europe/Amsterdam") else {
            fatalError("the time zone data has no Europe/Amsterdam: retention dates cannot be computed")
        }
        return zone
    }()

    /// The Gregorian calendar in ``agencyTimeZone``.
    public static let agencyCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = agencyTimeZone
        return calendar
    }()
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
    /// Categories kept (`name`, `email`, …) plus `career` for the career facts and `narrative`
    /// for the redacted summary and job descriptions.
    public var keep: Set<KeptField>
    public var retention: RetentionRule
    /// Whether profiles may be disclosed to clients under this purpose.
    public var allowsDisclosure: Bool
    /// Who receives data under this purpose (for the record of processing activities).
    public var recipients: [String]
    /// What the purpose is for, as the record of processing activities shows it: the English
    /// text when pipeline.yml gives one per language, else the one text given.
    public var description: String
    /// The description per notice language, when pipeline.yml gives one per language
    /// (`description: {nl: …, en: …}`).
    public var localizedDescriptions: [NoticeLanguage: String]

    public init(
        name: String, legalBasis: LegalBasis, keep: Set<KeptField>, retention: RetentionRule,
        allowsDisclosure: Bool = false,
        recipients: [String] = [], description: String = "", localizedDescriptions: [NoticeLanguage: String] = [:]
    ) {
        self.name = name
        self.legalBasis = legalBasis
        self.keep = keep
        self.retention = retention
        self.allowsDisclosure = allowsDisclosure
        self.recipients = recipients
        self.description = description
        self.localizedDescriptions = localizedDescriptions
    }

    /// The description in `language`, else the one description there is.
    public func description(in language: NoticeLanguage) -> String {
        localizedDescriptions[language] ?? description
    }

    public func keeps(_ category: Category) -> Bool { keep.contains(.personal(category)) }
    public var keepsCareer: Bool { keep.contains(.career) }
    /// Whether the redacted summary and job descriptions are kept (with the career facts only).
    public var keepsNarrative: Bool { keepsCareer && keep.contains(.narrative) }
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
