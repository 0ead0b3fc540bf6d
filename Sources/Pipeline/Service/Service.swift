public import CVModel
public import Detection
public import Foundation
public import Intake
public import Logging
public import Vault

/// The use cases of cvsieve over one configuration and its vault: what the CLI's commands and
/// the web app call. Each method is one use case; the callers parse, call and print.
public struct Service: Sendable {
    public let config: PipelineConfig
    public let vault: any Vault
    /// Who acts, for the audit log (an account id, the operating-system user, `cvsieve-run`).
    public let actor: String

    /// Opens the vault of `config`.
    public init(config: PipelineConfig, actor: String) throws(VaultError) {
        self.config = config
        self.vault = try config.openVault()
        self.actor = actor
    }

    init(config: PipelineConfig, vault: any Vault, actor: String) {
        self.config = config
        self.vault = vault
        self.actor = actor
    }

    /// The same use cases over the same open vault, acting as someone else (the web app acts as
    /// the signed-in account, by id).
    public func acting(as actor: String) -> Service { Service(config: config, vault: vault, actor: actor) }

    /// A candidate named by code or by e-mail address.
    public enum CandidateRef: Sendable {
        case code(String)
        case email(String)
    }

    public func resolve(_ candidate: CandidateRef) async throws(VaultError) -> String {
        switch candidate {
        case .code(let code): code
        case .email(let email): try await vault.candidate(email: email)
        }
    }

    // MARK: - Intake

    /// `run`: one pass over the inbox, then the purge.
    public func runBatch(
        at now: Date, logger: Logger, workerCommand: [String]? = nil, purging: Bool = true,
        progress: @escaping @Sendable (BatchRunner.Progress) -> Void = { _ in }
    ) async throws -> BatchRunner.Summary {
        let runner = BatchRunner(
            config: config, ingestor: try Ingestor(config: config, vault: vault, actor: actor),
            workerCommand: workerCommand)
        return try await runner.run(at: now, logger: logger, purging: purging, progress: progress)
    }

    /// `watch`: the daemon over this vault (run it with ``Daemon/run(logger:)``).
    public func daemon(workerCommand: [String]? = nil) throws(DetectionError) -> Daemon {
        Daemon(
            config: config, ingestor: try Ingestor(config: config, vault: vault, actor: actor),
            workerCommand: workerCommand)
    }

    /// `status`: counts per stage, quarantine by reason, vault counts.
    public struct Status: Codable, Sendable {
        public var inbox: Int
        public var inProgress: Int
        /// What the inbox holds that intake never takes (nested folders, special files).
        public var notTaken: [String: Int]
        public var quarantined: [String: Int]
        public var quarantinedFiles: [QuarantineEntry]
        /// Quarantine folders without a readable reason.json.
        public var malformedQuarantine: [String]
        public var vault: [String: Int]
        public var oldestRetention: Date?
    }

    public func status() async throws(VaultError) -> Status {
        let inbox = config.makeInbox()
        let scan = inbox.scan()
        let quarantine = inbox.quarantined()
        var reasons: [String: Int] = [:]
        for entry in quarantine.entries { reasons[entry.reason.rawValue, default: 0] += 1 }
        return Status(
            inbox: scan.entries.count, inProgress: inbox.inProgressCount(),
            notTaken: Dictionary(uniqueKeysWithValues: scan.skipped.map { ($0.key.rawValue, $0.value) }),
            quarantined: reasons, quarantinedFiles: quarantine.entries, malformedQuarantine: quarantine.malformed,
            vault: try await vault.counts(), oldestRetention: try await vault.oldestRetention())
    }

    public func purge(at now: Date, dryRun: Bool) async throws(VaultError) -> PurgeReport {
        let report = try await vault.purge(at: now, dryRun: dryRun, actor: actor)
        if !dryRun { notices.removeFromOutbox(report.purged.filter(\.erasesCandidate).map(\.code)) }
        return report
    }

    // MARK: - Candidates and rights

    public func candidates() async throws(VaultError) -> [CandidateSummary] { try await vault.candidates() }

    /// A filtered, sorted page of candidates and the number matching (the web app's listing).
    public func candidatePage(_ query: CandidateQuery) async throws(VaultError) -> CandidatePage {
        try await vault.candidatePage(query)
    }

    public func access(_ candidate: CandidateRef, at now: Date) async throws(VaultError) -> SubjectAccessReport {
        try await vault.access(try await resolve(candidate), actor: actor, at: now)
    }

    public func rectify(_ code: String, field: String, value: String, at now: Date) async throws(VaultError)
        -> RightsOutcome
    {
        guard let category = Category(rawValue: field) else { throw .unknownCategory(field) }
        let outcome = try await vault.rectify(code, category: category, value: value, actor: actor, at: now)
        // A new city or career changes the profile key. The rectification cleared it; one that
        // cannot be computed now (no word lists, a busy vault) is computed by the next count.
        try? await QuasiKeys(config: config).refresh([code], vault: vault, at: now)
        return outcome
    }

    /// Erases the candidate, and their notice still waiting in `notices.outbox`.
    public func erase(_ candidate: CandidateRef, at now: Date) async throws(VaultError) -> RightsOutcome {
        let outcome = try await vault.erase(try await resolve(candidate), actor: actor, at: now)
        notices.removeFromOutbox([outcome.code])
        return outcome
    }

    public func restrict(_ candidate: CandidateRef, isObjection: Bool, at now: Date) async throws(VaultError)
        -> RightsOutcome
    {
        try await vault.restrict(try await resolve(candidate), isObjection: isObjection, actor: actor, at: now)
    }

    public func consent(_ code: String, purpose: String, granted: Bool, at now: Date) async throws(VaultError) {
        try await vault.consent(
            code, purpose: try config.purpose(named: purpose), granted: granted, actor: actor, at: now)
    }

    public func recordContact(_ code: String, at now: Date) async throws(VaultError) {
        try await vault.recordContact(code, purposes: Array(config.purposes.values), actor: actor, at: now)
    }

    public func recordAgreement(_ code: String, starts: Bool, at now: Date) async throws(VaultError) {
        try await vault.recordAgreement(
            code, starts: starts, purposes: Array(config.purposes.values), actor: actor, at: now)
    }

    /// `subject application-end`: the application procedure ended on `day`; an applicant's data
    /// then goes `no_agreement` after that day, under every configured purpose.
    public func applicationEnded(_ code: String, on day: Date, at now: Date) async throws(VaultError) {
        try await vault.recordApplicationEnd(
            code, on: day, purposes: Array(config.purposes.values), actor: actor, at: now)
    }

    public func hold(_ code: String, reason: String?, at now: Date) async throws(VaultError) {
        try await vault.hold(code, reason: reason, actor: actor, at: now)
    }

    public func receiveRequest(_ code: String, kind: RequestKind, at now: Date) async throws(VaultError) -> Int64 {
        try await vault.receiveRequest(code, kind: kind, actor: actor, at: now)
    }

    public func extendRequest(_ id: Int64, until: Date, reason: String, at now: Date) async throws(VaultError) {
        try await vault.extendRequest(id, until: until, reason: reason, actor: actor, at: now)
    }

    public func requests(includeCompleted: Bool, at now: Date) async throws(VaultError) -> [SubjectRequest] {
        try await vault.requests(includeCompleted: includeCompleted, at: now)
    }

    // MARK: - The master key

    /// Where a rotation left the new key: replaced in `data/master.key`, or to be set in
    /// `CVSIEVE_MASTER_KEY` (the key came from there) on every machine.
    public enum KeyDestination: String, Codable, Sendable {
        case keyFile = "key_file"
        case environment
    }

    /// Puts the vault under the key in `newKeyPath` (every other process stopped first), then
    /// writes that key over `data/master.key` (a new file renamed into place) unless the key came
    /// from `CVSIEVE_MASTER_KEY`. `newKeyPath` stays until the operator removes it.
    public func rotateMasterKey(newKeyPath: String, at now: Date) async throws -> (KeyRotation, KeyDestination) {
        guard ProcessInfo.processInfo.environment["CVSIEVE_MASTER_KEY"] == nil else {
            return (try await vault.rotateMasterKey(to: newKeyPath, actor: actor, at: now), .environment)
        }
        // Staged beside the old key, on disk, before the vault changes: a crash between the
        // vault's commit and the rename leaves `master.key.new`, which the next open names.
        let key = try Data(contentsOf: URL(fileURLWithPath: newKeyPath))
        let temporary = config.keyPath + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: key, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forUpdatingAtPath: temporary)
        else {
            throw VaultError.keyFile(path: temporary, reason: "cannot stage the new key here; nothing was changed")
        }
        try handle.synchronize()
        try handle.close()
        let rotation: KeyRotation
        do {
            rotation = try await vault.rotateMasterKey(to: newKeyPath, actor: actor, at: now)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, config.keyPath) == 0 else {
            throw VaultError.keyFile(
                path: config.keyPath,
                reason: "the vault is under the new key but it could not be written here: move \(temporary) over it")
        }
        return (rotation, .keyFile)
    }

    // MARK: - Audit

    public func verifyAudit() async throws(VaultError) -> AuditVerification { try await vault.verifyAudit() }

    public func auditRecords(code: String?, since: Date?) async throws(VaultError) -> [AuditRecord] {
        try await vault.auditRecords(code: code, since: since)
    }

    // MARK: - Export

    /// `export`: the candidate's profile for a client, leak-gated, the disclosure recorded.
    public func export(
        code: String, client: String, format: ExportFormat, out: String?, strict: Bool, at now: Date
    ) async throws -> ExportService.ExportResult {
        try await ExportService(config: config).export(
            code: code, client: client, format: format, out: out, strict: strict, vault: vault, actor: actor, at: now)
    }
}
