public import Foundation

/// One personal value that a purpose keeps.
public struct KeptValue: Sendable, Hashable {
    public var category: Category
    public var value: String
    public var subject: DataSubject

    public init(category: Category, value: String, subject: DataSubject) {
        self.category = category
        self.value = value
        self.subject = subject
    }
}

/// What is stored of one document: only the kept values and career facts, each tagged with the
/// purpose; the rest of the detection result is forgotten here.
public struct MinimalRecord: Sendable {
    public var purpose: Purpose
    public var values: [KeptValue]
    public var career: CareerFacts?
    /// Categories found but not kept (counts only, for the audit: never the values).
    public var droppedCategories: [Category: Int]
    /// Special-category data was found in the document (never stored; sentences dropped from profiles).
    public var specialCategories: Set<SpecialCategory>
    /// Values that identify the candidate for matching a second CV (e-mail, phone), kept only as
    /// keyed hashes by the vault, whatever the purpose keeps.
    public var identifiers: [KeptValue]

    public init(
        purpose: Purpose, values: [KeptValue], career: CareerFacts? = nil, droppedCategories: [Category: Int],
        specialCategories: Set<SpecialCategory>, identifiers: [KeptValue]
    ) {
        self.purpose = purpose
        self.values = values
        self.career = career
        self.droppedCategories = droppedCategories
        self.specialCategories = specialCategories
        self.identifiers = identifiers
    }
}

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
    /// When the application procedure ended (the start of that day in the agency's calendar), if
    /// the agency recorded it: `no_agreement` then runs from here instead of from
    /// ``collectedAt``. A new CV starts a new application and clears it.
    public var applicationEndedAt: Date?

    public init(
        collectedAt: Date, lastContactAt: Date, hasConsent: Bool, consentGrantedAt: Date? = nil, agreementStart: Date?,
        agreementEnd: Date?, applicationEndedAt: Date? = nil
    ) {
        self.collectedAt = collectedAt
        self.lastContactAt = lastContactAt
        self.hasConsent = hasConsent
        self.consentGrantedAt = consentGrantedAt
        self.agreementStart = agreementStart
        self.agreementEnd = agreementEnd
        self.applicationEndedAt = applicationEndedAt
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

/// The rule that turns a purpose and a candidate's situation into a retention date (`nil`: kept
/// while an agreement runs). Minimisation owns it; the vault is handed it, so the vault applies
/// the policy without depending on where it is written.
public typealias RetentionPolicy = @Sendable (Purpose, RetentionFacts) -> Date?
