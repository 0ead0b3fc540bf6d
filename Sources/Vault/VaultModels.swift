public import CVModel
public import Foundation

/// A pseudonymous candidate code: random, never derived from the person or the file.
public enum CandidateCode {
    /// Letters and digits that cannot spell words or be misread (no vowels, no 0/1/O/I/L).
    static let alphabet = Array("BCDFGHJKMNPQRSTVWXZ23456789")

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return "C-" + String(characters[0..<4]) + "-" + String(characters[4..<8])
    }
}

/// What `store` did with one document.
public enum StoreOutcome: Sendable, Equatable {
    case stored(code: String, isNewCandidate: Bool, values: Int)
    /// The same content was stored before (SHA-256): nothing changed.
    case duplicate(code: String)
}

/// One document's identity as the vault records it.
public struct DocumentInfo: Sendable {
    public var sha256: String
    public var channel: String?
    public var receivedAt: Date
    /// The original file, when the policy keeps it (`originals.keep` > 0): stored sealed under the
    /// candidate's data key in the same transaction, so it goes with an erasure.
    public var original: KeptOriginal?

    public init(sha256: String, channel: String?, receivedAt: Date, original: KeptOriginal? = nil) {
        self.sha256 = sha256
        self.channel = channel
        self.receivedAt = receivedAt
        self.original = original
    }
}

/// An original file kept until a date.
public struct KeptOriginal: Sendable {
    public var bytes: Data
    public var retainUntil: Date

    public init(bytes: Data, retainUntil: Date) {
        self.bytes = bytes
        self.retainUntil = retainUntil
    }
}

/// A row of `cvsieve candidates`.
public struct CandidateSummary: Codable, Sendable {
    public var code: String
    public var purposes: [String]
    public var state: String
    public var values: Int
    /// The earliest retention date over the candidate's values; `nil` while an agreement runs.
    public var retainUntil: Date?
    public var isRestricted: Bool
    public var hasObjected: Bool
    public var holdReason: String?
}

/// One stored value as shown to the data subject.
public struct StoredValue: Codable, Sendable {
    public var category: String
    public var value: String
    public var purpose: String
    public var legalBasis: String
    public var sourceDocument: String
    public var collectedAt: Date
    public var retainUntil: Date?
}

/// A disclosure of a profile to a client.
public struct Disclosure: Codable, Sendable {
    public var client: String
    public var disclosedAt: Date
    public var purpose: String
    public var fields: [String]
    public var format: String
    public var profileSHA256: String

    public init(
        client: String, disclosedAt: Date, purpose: String, fields: [String], format: String, profileSHA256: String
    ) {
        self.client = client
        self.disclosedAt = disclosedAt
        self.purpose = purpose
        self.fields = fields
        self.format = format
        self.profileSHA256 = profileSHA256
    }
}

/// A data-subject request and its deadline (4 weeks, GDPR art. 12(3) allows one month).
public struct SubjectRequest: Codable, Sendable {
    public var id: Int64
    public var code: String
    public var kind: String
    public var receivedAt: Date
    public var dueAt: Date
    public var extendedUntil: Date?
    public var extensionReason: String?
    public var completedAt: Date?
    public var isOverdue: Bool
}

/// Everything held on one person: `cvsieve subject access` (GDPR art. 15 and 20).
public struct SubjectAccessReport: Codable, Sendable {
    public var code: String
    public var generatedAt: Date
    public var state: String
    public var values: [StoredValue]
    public var career: [String: CareerFacts]
    public var consents: [String: Bool]
    public var lastContactAt: Date?
    public var agreementStart: Date?
    public var agreementEnd: Date?
    public var isRestricted: Bool
    public var hasObjected: Bool
    public var holdReason: String?
    public var disclosures: [Disclosure]
    public var requests: [SubjectRequest]
    public var documents: [String]
    public var automatedDecisions: String
}

/// What a purge removed, or would remove with `--dry-run`.
public struct PurgeReport: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var code: String
        public var purpose: String
        public var values: Int
        public var retainUntil: Date
        public var erasesCandidate: Bool
    }

    public var now: Date
    public var isDryRun: Bool
    public var purged: [Item]
    /// Candidates whose data could be kept longer with new consent (application data ending within 2 weeks).
    public var askForConsent: [String]
    /// Candidates skipped because of a legal hold.
    public var held: [String]
    public var originalsDeleted: Int
}

/// The outcome of a rights action that clients may need to hear about (GDPR art. 19).
public struct RightsOutcome: Codable, Sendable {
    public var code: String
    public var action: String
    public var recipientsToInform: [String]
}
