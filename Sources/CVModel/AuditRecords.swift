public import Foundation

/// One audit record: who did what to which candidate code under which purpose. The detail holds
/// counts, categories and keyed hashes, never a value.
public struct AuditRecord: Codable, Sendable {
    public var seq: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var code: String?
    public var purpose: String?
    public var detail: String
    public var prevHash: String
    public var hash: String

    public init(
        seq: Int64, at: Date, actor: String, action: String, code: String? = nil, purpose: String? = nil,
        detail: String, prevHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.code = code
        self.purpose = purpose
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// The result of `cvsieve audit verify`.
public struct AuditVerification: Codable, Sendable {
    public var records: Int
    public var isIntact: Bool
    /// The first record that does not chain, and why.
    public var firstBreak: Int64?
    public var problem: String?
    /// The anchored head (records, MAC) the chain was checked against.
    public var anchoredRecords: Int64?

    public init(
        records: Int, isIntact: Bool, firstBreak: Int64? = nil, problem: String? = nil, anchoredRecords: Int64? = nil
    ) {
        self.records = records
        self.isIntact = isIntact
        self.firstBreak = firstBreak
        self.problem = problem
        self.anchoredRecords = anchoredRecords
    }
}

/// What an audit record says happened: a closed set, so the log never carries free text that
/// could hold a value, and a typo does not compile.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case ingest
    case ingestUpdate = "ingest-update"
    case duplicate
    case purge
    case disclose
    case exportRefused = "export-refused"
    /// An information notice (GDPR art. 13/14) was written: language, format and destination only.
    case notice
    case access
    case rectify
    case erase
    case restrict
    case object
    case consent
    case withdraw
    case contact
    case agreementStart = "agreement-start"
    case agreementEnd = "agreement-end"
    /// The application procedure ended (the detail names the day, never a reason).
    case applicationEnd = "application-end"
    case hold
    case holdRelease = "hold-release"
    case request
    case requestExtended = "request-extended"
    case migration
    /// The web app's accounts: the detail names the account by id, never by name.
    case accountAdd = "account-add"
    case accountDisable = "account-disable"
    case login
    case loginRefused = "login-refused"
    case logout
    /// A member of staff looked at a candidate's stored values (the web app's candidate page).
    case view
    /// A client profile sent to the candidate for approval; the candidate's (or staff's) answer.
    case approvalRequest = "approval-request"
    case approvalAnswer = "approval-answer"
    /// Files uploaded through the web app: the account, the channel and each file's outcome (a
    /// code, a quarantine reason), never a file name.
    case upload
    /// Quarantined files put back into the inbox from the web app (by quarantine id).
    case retry
    /// A member of staff looked at an original file with its detected values marked (a kept
    /// original, under its candidate's code, or a quarantined file, without one): the detail
    /// says which document or quarantine entry and how many pages, never a value.
    case originalView = "original-view"
    /// The vault was put under a new master key (counts only; the chain MACed again).
    case keyRotation = "key-rotation"
}

/// The kinds of data-subject request (GDPR art. 15–21) a request record can be.
public enum RequestKind: String, Codable, Sendable, CaseIterable {
    case access
    case portability
    case rectify
    case erase
    case restrict
    case object
    case consent
    case withdraw
}
