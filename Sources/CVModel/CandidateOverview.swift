public import Foundation

/// What the vault holds on one candidate, without any value: the categories per purpose, their
/// retention, the documents they came from, consents and flags. An information notice (GDPR art.
/// 13/14) is built from it; unlike ``SubjectAccessReport`` reading it answers no request.
public struct CandidateOverview: Codable, Sendable {
    /// The data held under one purpose.
    public struct HeldPurpose: Codable, Sendable {
        public var purpose: String
        /// The legal basis recorded with the values (`nil` when only career facts are held).
        public var legalBasis: String?
        /// Category names of the values held (`name`, `email`, …), sorted, without repeats.
        public var categories: [String]
        /// Whether career facts are held under this purpose.
        public var hasCareer: Bool
        /// The earliest retention instant of the purpose's values and career facts; `nil` while an
        /// agreement runs (kept until it ends).
        public var retainUntil: Date?
        /// Whether a value was replaced on the candidate's request (`subject rectify`).
        public var hasRectifiedValues: Bool

        public init(
            purpose: String, legalBasis: String?, categories: [String], hasCareer: Bool, retainUntil: Date?,
            hasRectifiedValues: Bool
        ) {
            self.purpose = purpose
            self.legalBasis = legalBasis
            self.categories = categories
            self.hasCareer = hasCareer
            self.retainUntil = retainUntil
            self.hasRectifiedValues = hasRectifiedValues
        }
    }

    /// A CV the data came from (GDPR art. 14(2)(f)): when and through which channel it arrived.
    public struct ReceivedDocument: Codable, Sendable {
        /// The configured channel's name; `nil` for the inbox itself.
        public var channel: String?
        public var purpose: String
        public var receivedAt: Date
        /// Until when the original file is kept sealed; `nil` when it was deleted after processing.
        public var originalRetainUntil: Date?

        public init(channel: String?, purpose: String, receivedAt: Date, originalRetainUntil: Date?) {
            self.channel = channel
            self.purpose = purpose
            self.receivedAt = receivedAt
            self.originalRetainUntil = originalRetainUntil
        }
    }

    public var code: String
    public var state: String
    public var held: [HeldPurpose]
    public var documents: [ReceivedDocument]
    /// Consent per purpose: `true` granted, `false` withdrawn.
    public var consents: [String: Bool]
    public var agreementStart: Date?
    public var agreementEnd: Date?
    public var isRestricted: Bool
    public var hasObjected: Bool

    public init(
        code: String, state: String, held: [HeldPurpose], documents: [ReceivedDocument], consents: [String: Bool],
        agreementStart: Date? = nil, agreementEnd: Date? = nil, isRestricted: Bool, hasObjected: Bool
    ) {
        self.code = code
        self.state = state
        self.held = held
        self.documents = documents
        self.consents = consents
        self.agreementStart = agreementStart
        self.agreementEnd = agreementEnd
        self.isRestricted = isRestricted
        self.hasObjected = hasObjected
    }

    /// Whether an agreement (placement, employment) runs now.
    public var hasRunningAgreement: Bool { agreementStart != nil && agreementEnd == nil }
}
