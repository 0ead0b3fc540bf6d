public import CVModel
public import Foundation

/// The vault: where minimal records, their keys, the rights and request records and the audit
/// chain live. Pipeline and the web app talk to this protocol only; ``SQLVault`` (SQLite or PostgreSQL; GRDB for one
/// file) is the embedded implementation, and a shared PostgreSQL one follows. Everything a
/// backend keeps is in the backend itself or under `data/` beside it: claims of work are the
/// intake's, sealed originals are rows, the audit anchor is the one file outside (so an
/// implementation on a database server keeps it on a path every machine shares).
///
/// Requirements are `async`: a database client on the network suspends. A synchronous
/// implementation (SQLite on a local disk) satisfies them with plain methods.
public protocol Vault: Sendable {
    // MARK: Intake and retention

    /// Stores one processed document in one transaction (values, career facts, document row,
    /// kept original, retention, audit record), or reports it a duplicate.
    func store(_ record: MinimalRecord, document: DocumentInfo, actor: String) async throws(VaultError)
        -> StoreOutcome
    /// Stores several processed documents in one transaction (group commit), each as `store`
    /// would one after the other; when that transaction fails, each is stored on its own, so one
    /// document that cannot be stored fails alone. One outcome per request, in order.
    func store(batch: [StoreRequest], actor: String) async -> [Result<StoreOutcome, VaultError>]
    /// Applies retention at `now`; with `dryRun`, only reports.
    func purge(at now: Date, dryRun: Bool, actor: String) async throws(VaultError) -> PurgeReport

    // MARK: Intake leases (several processes sharing one vault)

    /// Records that intake process `worker` is alive for `seconds` more.
    func renewLease(worker: String, seconds: Double, at now: Date) async throws(VaultError)
    /// Extends a lease still on record; `false` when another process took it over.
    func extendLease(worker: String, seconds: Double, at now: Date) async throws(VaultError) -> Bool
    /// Takes over the leases that ran out (one taker each); returns their workers.
    func takeOverExpiredLeases(by worker: String, seconds: Double, at now: Date) async throws(VaultError) -> [String]
    func endLease(worker: String) async throws(VaultError)
    /// Which database holds the vault.
    var backend: VaultBackend { get }

    // MARK: Reading

    /// Every candidate, oldest first (the CLI's listing).
    func candidates() async throws(VaultError) -> [CandidateSummary]
    /// One page of the candidates a query selects, and how many it selects in all, answered from
    /// plain columns only: nothing is decrypted, whatever the vault's size.
    func candidatePage(_ query: CandidateQuery) async throws(VaultError) -> CandidatePage
    func candidate(email: String) async throws(VaultError) -> String
    func values(of code: String) async throws(VaultError) -> [StoredValue]
    func career(of code: String) async throws(VaultError) -> [String: CareerFacts]
    /// The values and career facts of several candidates in one read; codes no longer in the
    /// vault are left out.
    func contents(of codes: [String]) async throws(VaultError) -> [String: CandidateContents]
    func disclosures(of code: String) async throws(VaultError) -> [Disclosure]
    /// The categories, purposes, retention, documents and consents held on `code`, without a
    /// value and without an audit record (an information notice's facts).
    func overview(of code: String) async throws(VaultError) -> CandidateOverview
    func isBlocked(_ code: String) async throws(VaultError) -> Bool
    func counts() async throws(VaultError) -> [String: Int]
    func oldestRetention() async throws(VaultError) -> Date?
    func original(sha256: String) async throws(VaultError) -> Data?
    /// The content hashes of a candidate's documents, newest first (for ``original(sha256:)``).
    func documents(of code: String) async throws(VaultError) -> [String]
    /// Whether a document with this content hash is stored (for a file found again after a crash).
    func hasDocument(sha256: String) async throws(VaultError) -> Bool

    // MARK: Profile keys (the k-anonymity estimate)

    /// Records each candidate's profile quasi-identifiers as a keyed hash (never in plain text).
    func setQuasiKeys(_ identifiers: [String: QuasiIdentifiers]) async throws(VaultError)
    /// Stored candidates, other than `code`, whose profile shares these quasi-identifiers.
    func countCandidates(sharing identifiers: QuasiIdentifiers, excluding code: String?) async throws(VaultError)
        -> Int
    /// Candidates whose key is missing (a new or changed candidate, a vault from before the key)
    /// or was computed under another basis.
    func candidatesNeedingQuasiKey(basis: String) async throws(VaultError) -> [String]

    // MARK: Rights and the agency's events

    func access(_ code: String, actor: String, at now: Date) async throws(VaultError) -> SubjectAccessReport
    /// What ``access(_:actor:at:)`` reports, for staff looking at the candidate: audited as a
    /// view; no request is completed.
    func view(_ code: String, actor: String, at now: Date) async throws(VaultError) -> SubjectAccessReport
    /// Completes exactly the open access or portability request `id` with the access report.
    func answerAccessRequest(_ id: Int64, actor: String, at now: Date) async throws(VaultError)
        -> SubjectAccessReport
    func rectify(_ code: String, category: Category, value: String, actor: String, at now: Date)
        async throws(VaultError) -> RightsOutcome
    func erase(_ code: String, actor: String, at now: Date) async throws(VaultError) -> RightsOutcome
    func restrict(_ code: String, isObjection: Bool, actor: String, at now: Date) async throws(VaultError)
        -> RightsOutcome
    func consent(_ code: String, purpose: Purpose, granted: Bool, actor: String, at now: Date)
        async throws(VaultError)
    func recordContact(_ code: String, purposes: [Purpose], actor: String, at now: Date) async throws(VaultError)
    func recordAgreement(_ code: String, starts: Bool, purposes: [Purpose], actor: String, at now: Date)
        async throws(VaultError)
    /// The application procedure ended on `day`: data kept under `no_agreement` goes that
    /// period after the start of that day (in the agency's calendar).
    func recordApplicationEnd(_ code: String, on day: Date, purposes: [Purpose], actor: String, at now: Date)
        async throws(VaultError)
    func hold(_ code: String, reason: String?, actor: String, at now: Date) async throws(VaultError)
    func recordDisclosure(_ disclosure: Disclosure, code: String, actor: String) async throws(VaultError)
    /// Records a look at an original with its detected values marked (``AuditAction/originalView``);
    /// `code` is `nil` for a quarantined file. The detail names a document or quarantine entry and
    /// a page count, never a value.
    func recordOriginalView(code: String?, detail: String, actor: String, at now: Date) async throws(VaultError)
    /// Records that an information notice (GDPR art. 13/14) was written for `code`: its language,
    /// format and destination, never its text or a path.
    func recordNotice(
        _ code: String, language: NoticeLanguage, format: NoticeFormat, destination: NoticeDestination,
        actor: String, at now: Date
    ) async throws(VaultError)

    // MARK: Approvals of client profiles

    func requestApproval(
        _ code: String, profileSHA256: String, secret: String, expiresAt: Date, actor: String, at now: Date
    ) async throws(VaultError) -> Approval
    func approvals(of code: String) async throws(VaultError) -> [Approval]
    func openApproval(secret: String, at now: Date) async throws(VaultError) -> Approval?
    func answerApproval(_ id: Int64, approved: Bool, actor: String, at now: Date) async throws(VaultError) -> Bool
    func isApproved(_ code: String, profileSHA256: String) async throws(VaultError) -> Bool
    func withdrawApproval(_ code: String, actor: String, at now: Date) async throws(VaultError) -> Int

    // MARK: Requests

    func receiveRequest(_ code: String, kind: RequestKind, actor: String, at now: Date) async throws(VaultError)
        -> Int64
    func extendRequest(_ id: Int64, until: Date, reason: String, actor: String, at now: Date)
        async throws(VaultError)
    func requests(includeCompleted: Bool, at now: Date) async throws(VaultError) -> [SubjectRequest]

    // MARK: Accounts and sessions (the web app's)

    /// Adds an account with a password hash made by the caller (bcrypt, in Pipeline).
    func addAccount(name: String, role: AccountRole, passwordHash: String, actor: String, at now: Date)
        async throws(VaultError) -> Account
    func accounts() async throws(VaultError) -> [Account]
    /// Disables an account and ends its sessions.
    func disableAccount(name: String, actor: String, at now: Date) async throws(VaultError) -> Account
    /// The account and its password hash, for a log-in; `nil` for an unknown name.
    func credentials(name: String) async throws(VaultError) -> (account: Account, passwordHash: String)?
    /// Starts a session: returns the token for the cookie (only its hash is stored) and the CSRF token.
    func createSession(accountID: Int64, at now: Date) async throws(VaultError) -> (token: String, csrfToken: String)
    /// The session a cookie's token names, whatever its age (the caller applies the expiry).
    func session(token: String) async throws(VaultError) -> AccountSession?
    func touchSession(token: String, at now: Date) async throws(VaultError)
    func deleteSession(token: String) async throws(VaultError)
    /// Records one failed log-in under `key` (hashed before storing) and returns how many were
    /// recorded under it since `since`; old failures are dropped.
    func recordLoginFailure(key: String, at now: Date, since: Date) async throws(VaultError) -> Int
    func loginFailures(key: String, since: Date) async throws(VaultError) -> Int
    /// An audit record for an account event (log-in, log-out, refusal) without a candidate.
    func recordAccountEvent(_ action: AuditAction, actor: String, detail: String, at now: Date)
        async throws(VaultError)

    // MARK: The master key

    /// Puts the vault under the master key in `newKeyPath` (``SQLVault/rotateMasterKey(to:actor:at:)``).
    func rotateMasterKey(to newKeyPath: String, actor: String, at now: Date) async throws(VaultError) -> KeyRotation

    // MARK: Audit

    /// Records that the leak gate refused an export: the categories hit, never a value; the
    /// client by HMAC only.
    func recordRefusedExport(
        code: String, purpose: String, format: String, categories: [String], client: String, actor: String, at: Date
    ) async throws(VaultError)
    func auditRecords(code: String?, since: Date?) async throws(VaultError) -> [AuditRecord]
    /// The latest record of one of `actions` since `since`, and each action's count in the 24
    /// hours up to it (counted by the database, nothing decoded).
    func latestActivity(_ actions: [AuditAction], since: Date) async throws(VaultError)
        -> (at: Date, counts: [AuditAction: Int])?
    func verifyAudit() async throws(VaultError) -> AuditVerification
    /// The anchored head of the audit chain (records, MAC), for the run log.
    var auditHead: (records: Int64, mac: String)? { get async }
}

extension SQLVault: Vault {}
