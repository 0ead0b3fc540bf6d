public import CVModel
public import Foundation

/// The information notice to a candidate (GDPR art. 13 and 14, "Informatie aan de kandidaat"):
/// what the agency holds on them by category, for which purpose, on which legal basis, until
/// when, who received it, where it came from, and their rights.
///
/// It names categories, never values: the notice may travel by e-mail. The one exception is
/// ``mailbox``, the address an `.eml` notice is sent to, which only the `To:` header carries and
/// which is left out of the JSON form.
public struct Notice: Sendable, Encodable {
    /// What is held under one purpose, and on which terms.
    public struct PurposeSection: Sendable, Encodable {
        public var purpose: String
        /// The purpose's description from pipeline.yml (its name when it has none).
        public var description: String
        /// The legal basis recorded with the values, or else the one pipeline.yml declares.
        public var legalBasis: LegalBasis?
        /// Keep-list names of what is held (`name`, `email`, …, `career`, `narrative`).
        public var categories: [String]
        /// When the data goes; `nil` while an agreement runs or when unknown.
        public var retainUntil: Date?
        /// Kept while the candidate's agreement runs (then ``retention``'s `afterAgreementEnd`).
        public var isKeptWhileAgreementRuns: Bool
        /// The purpose's retention rules from pipeline.yml (`nil` when the purpose is no longer declared).
        public var retention: RetentionRule?
        /// Who receives data under this purpose (pipeline.yml `recipients`).
        public var recipients: [String]
        /// Whether anonymous profiles may go to clients under this purpose.
        public var mayDiscloseProfiles: Bool
        /// The candidate's consent for this purpose: granted, withdrawn, or none recorded.
        public var consent: Bool?
    }

    /// A CV the data came from (art. 14(2)(f)).
    public struct Source: Sendable, Encodable {
        /// The configured intake channel; `nil` for the inbox itself.
        public var channel: String?
        public var purpose: String
        public var receivedAt: Date
        /// Until when the original file is kept sealed; `nil`: deleted after processing.
        public var originalRetainUntil: Date?
    }

    /// A client who received the candidate's anonymous profile.
    public struct Recipient: Sendable, Encodable {
        public var client: String
        public var disclosedAt: Date
        /// The profile's fields (`career`, `region`, …).
        public var fields: [String]
    }

    public var code: String
    public var language: NoticeLanguage
    public var generatedAt: Date
    /// The controller: `export.agency`.
    public var controller: String
    /// How to reach the controller (`notices.contact`); `nil` when pipeline.yml gives none.
    public var contact: String?
    public var purposes: [PurposeSection]
    public var sources: [Source]
    /// Whether some values were given by the candidate as a correction (`subject rectify`).
    public var hasRectifiedValues: Bool
    public var recipients: [Recipient]
    public var isRestricted: Bool
    public var hasObjected: Bool
    /// The candidate's stored e-mail address, for the `To:` header of an `.eml` notice only;
    /// `nil` when none is held or the one held cannot be used as an address. Never encoded.
    public var mailbox: String?

    enum CodingKeys: String, CodingKey {
        case code, language, generatedAt, controller, contact, purposes, sources, hasRectifiedValues, recipients
        case isRestricted, hasObjected
    }
}
