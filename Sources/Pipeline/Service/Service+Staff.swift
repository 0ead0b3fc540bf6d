public import CVModel
public import Export
public import Foundation
public import Intake
public import Vault

// The use cases the web app adds for staff: the overview, a candidate's record as staff see it,
// and profiles shown and handed out through the same leak gate as `cvsieve export`.
extension Service {
    /// The web app's overview: what waits, what is stuck, what is due.
    public struct Overview: Sendable {
        /// Files waiting per channel (a configured channel's name, `inbox`, or an unconfigured
        /// folder by hash: never a folder name pipeline.yml does not give).
        public var inbox: [(channel: String, files: Int)]
        public var inProgress: Int
        public var quarantined: [QuarantineEntry]
        public var lastRun: LastRun?
        /// Open requests overdue or due within 7 days, overdue first.
        public var requestsDue: [SubjectRequest]
        /// Candidates (not on hold) with values whose retention ends within 7 days: the first 100.
        public var expiring: [CandidateSummary]
        /// Candidates whose application data ends within 2 weeks and could be kept with consent.
        public var askForConsent: [String]
    }

    /// The latest intake the audit log records, and what the 24 hours up to it stored.
    public struct LastRun: Sendable {
        public var at: Date
        public var stored: Int
        public var updated: Int
        public var duplicates: Int
        public var purged: Int
    }

    public func overview(at now: Date) async throws(VaultError) -> Overview {
        let inbox = config.makeInbox()
        var waiting: [String: Int] = [:]
        for entry in inbox.scan().entries { waiting[entry.channel.display, default: 0] += 1 }
        for channel in config.channels.keys where waiting[channel] == nil { waiting[channel] = 0 }
        let week = now.addingTimeInterval(7 * 24 * 3600)
        let requests = try await vault.requests(includeCompleted: false, at: now)
            .filter { $0.isOverdue || ($0.extendedUntil ?? $0.dueAt) <= week }
            .sorted {
                ($0.isOverdue ? 0 : 1, $0.extendedUntil ?? $0.dueAt) < (
                    $1.isOverdue ? 0 : 1, $1.extendedUntil ?? $1.dueAt
                )
            }
        let expiring = try await vault.candidatePage(
            CandidateQuery(retentionEndsBefore: week, sort: .retention, limit: 100)
        ).rows.filter { $0.holdReason == nil }
        let lastRun = try await vault.latestActivity(
            [.ingest, .ingestUpdate, .duplicate, .purge], since: now.addingTimeInterval(-30 * 24 * 3600)
        ).map { activity in
            LastRun(
                at: activity.at, stored: activity.counts[.ingest] ?? 0, updated: activity.counts[.ingestUpdate] ?? 0,
                duplicates: activity.counts[.duplicate] ?? 0, purged: activity.counts[.purge] ?? 0)
        }
        return Overview(
            inbox: waiting.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            inProgress: inbox.inProgressCount(), quarantined: inbox.quarantined().entries, lastRun: lastRun,
            requestsDue: requests, expiring: expiring,
            askForConsent: try await vault.purge(at: now, dryRun: true, actor: actor).askForConsent)
    }

    /// What is held on a candidate, for staff: audited as a view (no request is completed).
    public func candidateRecord(_ code: String, at now: Date) async throws(VaultError) -> SubjectAccessReport {
        try await vault.view(code, actor: actor, at: now)
    }

    /// Answers exactly the open access or portability request `id` (the report to hand over).
    public func answerAccessRequest(_ id: Int64, at now: Date) async throws(VaultError) -> SubjectAccessReport {
        try await vault.answerAccessRequest(id, actor: actor, at: now)
    }

    /// The candidate's profile as a client would receive it, screened; nothing recorded.
    public func profile(_ code: String, at now: Date) async throws -> ExportService.GatedProfile {
        try await ExportService(config: config).profile(code: code, vault: vault, at: now)
    }

    /// A screened profile rendered through the leak gate; nothing recorded.
    public func render(_ profile: ExportService.GatedProfile, as format: ExportFormat) throws(ExportService.Failure)
        -> Data
    {
        try ExportService(config: config).render(profile, as: format)
    }

    /// The profile for `client` as bytes (the web app's download), gated; the disclosure recorded.
    public func disclose(code: String, client: String, format: ExportFormat, strict: Bool, at now: Date)
        async throws -> (bytes: Data, result: ExportService.ExportResult)
    {
        try await ExportService(config: config).disclose(
            code: code, client: client, format: format, strict: strict, vault: vault, actor: actor, at: now)
    }
}
