public import Foundation

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

    public init(
        code: String, purposes: [String], state: String, values: Int, retainUntil: Date? = nil, isRestricted: Bool,
        hasObjected: Bool, holdReason: String? = nil
    ) {
        self.code = code
        self.purposes = purposes
        self.state = state
        self.values = values
        self.retainUntil = retainUntil
        self.isRestricted = isRestricted
        self.hasObjected = hasObjected
        self.holdReason = holdReason
    }
}

/// Which candidates a listing shows, in which order, and which slice of them: the vault answers
/// it from plain columns alone (codes, dates, flags, purposes, legal bases), so a page of a large
/// vault costs no decryption. Filters combine with AND; a `nil` filter does not filter.
public struct CandidateQuery: Codable, Sendable, Hashable {
    /// A flag a candidate can carry.
    public enum Flag: String, Codable, Sendable, CaseIterable {
        /// Under a legal hold (`subject hold`).
        case onHold = "on_hold"
        /// Processing restricted (`subject restrict`, art. 18).
        case restricted
        /// The candidate objected (`subject object`, art. 21).
        case objected
    }

    /// The order of a listing. Every order ends on the code, so pages never overlap or skip.
    public enum SortKey: String, Codable, Sendable, CaseIterable {
        case code
        /// When the candidate was first stored.
        case created
        /// The earliest retention date over the candidate's values; candidates kept while an
        /// agreement runs (no date) come after every date in ascending order.
        case retention
        /// In the order of ``CandidateState/allCases``: applicant first, formerly placed last.
        case state
    }

    public var state: CandidateState?
    /// Candidates with values or career facts kept under this purpose.
    public var purpose: String?
    public var flag: Flag?
    /// Candidates whose earliest retention date is strictly before this instant.
    public var retentionEndsBefore: Date?
    public var sort: SortKey
    public var isDescending: Bool
    /// At most this many rows; `nil` for all of them.
    public var limit: Int?
    /// Rows skipped before the first one returned.
    public var offset: Int
    /// Only candidates whose code sorts after this one (a cursor for the next page in code
    /// order, which stays right while candidates are added or purged; `candidates --after`).
    public var after: String?

    public init(
        state: CandidateState? = nil, purpose: String? = nil, flag: Flag? = nil, retentionEndsBefore: Date? = nil,
        sort: SortKey = .created, isDescending: Bool = false, limit: Int? = 50, offset: Int = 0,
        after: String? = nil
    ) {
        self.after = after
        self.state = state
        self.purpose = purpose
        self.flag = flag
        self.retentionEndsBefore = retentionEndsBefore
        self.sort = sort
        self.isDescending = isDescending
        self.limit = limit
        self.offset = offset
    }
}

/// One page of a candidate listing, and how many candidates match the query in all.
public struct CandidatePage: Codable, Sendable {
    public var rows: [CandidateSummary]
    /// Candidates matching the query's filters, whatever its limit and offset.
    public var total: Int

    public init(rows: [CandidateSummary], total: Int) {
        self.rows = rows
        self.total = total
    }
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

    public init(
        category: String, value: String, purpose: String, legalBasis: String, sourceDocument: String, collectedAt: Date,
        retainUntil: Date? = nil
    ) {
        self.category = category
        self.value = value
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.sourceDocument = sourceDocument
        self.collectedAt = collectedAt
        self.retainUntil = retainUntil
    }
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

    public init(
        id: Int64, code: String, kind: String, receivedAt: Date, dueAt: Date, extendedUntil: Date? = nil,
        extensionReason: String? = nil, completedAt: Date? = nil, isOverdue: Bool
    ) {
        self.id = id
        self.code = code
        self.kind = kind
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.extendedUntil = extendedUntil
        self.extensionReason = extensionReason
        self.completedAt = completedAt
        self.isOverdue = isOverdue
    }
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
    /// The day the application procedure ended, when the agency recorded it.
    public var applicationEndedAt: Date?
    public var isRestricted: Bool
    public var hasObjected: Bool
    public var holdReason: String?
    public var disclosures: [Disclosure]
    public var requests: [SubjectRequest]
    public var documents: [String]
    public var automatedDecisions: String

    public init(
        code: String, generatedAt: Date, state: String, values: [StoredValue], career: [String: CareerFacts],
        consents: [String: Bool], lastContactAt: Date? = nil, agreementStart: Date? = nil, agreementEnd: Date? = nil,
        applicationEndedAt: Date? = nil, isRestricted: Bool, hasObjected: Bool, holdReason: String? = nil,
        disclosures: [Disclosure],
        requests: [SubjectRequest], documents: [String], automatedDecisions: String
    ) {
        self.code = code
        self.generatedAt = generatedAt
        self.state = state
        self.values = values
        self.career = career
        self.consents = consents
        self.lastContactAt = lastContactAt
        self.agreementStart = agreementStart
        self.agreementEnd = agreementEnd
        self.applicationEndedAt = applicationEndedAt
        self.isRestricted = isRestricted
        self.hasObjected = hasObjected
        self.holdReason = holdReason
        self.disclosures = disclosures
        self.requests = requests
        self.documents = documents
        self.automatedDecisions = automatedDecisions
    }
}

/// What a purge removed, or would remove with `--dry-run`.
public struct PurgeReport: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var code: String
        public var purpose: String
        public var values: Int
        public var retainUntil: Date
        public var erasesCandidate: Bool

        public init(code: String, purpose: String, values: Int, retainUntil: Date, erasesCandidate: Bool) {
            self.code = code
            self.purpose = purpose
            self.values = values
            self.retainUntil = retainUntil
            self.erasesCandidate = erasesCandidate
        }
    }

    public var now: Date
    public var isDryRun: Bool
    public var purged: [Item]
    /// Candidates whose data could be kept longer with new consent (application data ending within 2 weeks).
    public var askForConsent: [String]
    /// Candidates skipped because of a legal hold.
    public var held: [String]
    public var originalsDeleted: Int

    public init(
        now: Date, isDryRun: Bool, purged: [Item], askForConsent: [String], held: [String], originalsDeleted: Int
    ) {
        self.now = now
        self.isDryRun = isDryRun
        self.purged = purged
        self.askForConsent = askForConsent
        self.held = held
        self.originalsDeleted = originalsDeleted
    }
}

/// The outcome of a rights action that clients may need to hear about (GDPR art. 19).
public struct RightsOutcome: Codable, Sendable {
    public var code: String
    public var action: String
    public var recipientsToInform: [String]

    public init(
        code: String, action: String, recipientsToInform: [String]
    ) {
        self.code = code
        self.action = action
        self.recipientsToInform = recipientsToInform
    }
}

/// What a master-key rotation changed (counts only).
public struct KeyRotation: Codable, Sendable, Equatable {
    public var candidates: Int
    public var values: Int
    public var identities: Int
    public var disclosures: Int
    /// Audit records re-MACed under the new key (the rotation's own record not counted).
    public var auditRecords: Int
    /// Open approvals ended: their one-time codes were hashed under the old key.
    public var approvalsEnded: Int

    public init(candidates: Int, values: Int, identities: Int, disclosures: Int, auditRecords: Int, approvalsEnded: Int)
    {
        self.candidates = candidates
        self.values = values
        self.identities = identities
        self.disclosures = disclosures
        self.auditRecords = auditRecords
        self.approvalsEnded = approvalsEnded
    }
}
