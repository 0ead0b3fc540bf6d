public import CVModel
import Dispatch
public import Extraction
public import Foundation
public import Intake
public import Logging
import Synchronization
public import Vault

/// `cvsieve run`: one pass over the inbox, then the retention purge.
///
/// It holds the intake lock (SQLite) or its lease (PostgreSQL: ``IntakeMembership``) for the
/// whole pass, and takes over the files of processes whose lease ran out. Files are claimed one at a time, just before a
/// worker is free to take them, so a kill leaves at most the files in hand claimed (and only
/// those count as interrupted: see ``Inbox/leftovers(logger:)``). Files a crashed run left in a
/// work folder go first. When the machine fails rather than a file (a full disk, a vault that
/// cannot be written) the pass stops claiming, gives the file in hand back, and says how many
/// files wait; the next `run` finishes the job.
public struct BatchRunner: Sendable {
    public let config: PipelineConfig
    public let processor: FileProcessor
    public let workerCommand: [String]?

    public init(config: PipelineConfig, ingestor: Ingestor, workerCommand: [String]? = nil) {
        self.config = config
        self.processor = FileProcessor(config: config, ingestor: ingestor)
        self.workerCommand = workerCommand
    }

    /// What one pass did.
    public struct Summary: Codable, Sendable {
        public var files: [FileResult]
        public var stored: Int
        public var duplicates: Int
        public var quarantined: Int
        /// Information notices written to `notices.outbox` (one per new candidate).
        public var notices: Int
        /// Files given back unprocessed (the pass stopped).
        public var deferred: Int
        /// Files still waiting in the inbox or a work folder when the pass ended.
        public var waiting: Int
        /// What the inbox holds that intake never takes (nested folders, special files).
        public var skipped: [String: Int]
        /// Why the pass stopped early, if it did.
        public var stopped: String?
        public var seconds: Double
        public var purge: PurgeReport?
        /// The audit chain's anchored head after the pass: records and MAC, for the run log.
        public var audit: AuditHead?
    }

    /// The audit chain's head, as written to the run log beside the anchor file.
    public struct AuditHead: Codable, Sendable {
        public var records: Int64
        public var mac: String
    }

    /// One step of progress, for the terminal's live line.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        /// The name the recruiter dropped, for a terminal only (never written anywhere).
        public var droppedName: String?
        /// The channel the file was dropped into.
        public var channel: ChannelRef
        /// What became of the file.
        public var result: FileResult
    }

    /// Processes every file now in the inbox, then purges (unless the pass stopped early).
    /// With `purging` false the pass leaves retention to the next `run` (an upload's pass).
    public func run(
        at now: Date, logger: Logger, purging: Bool = true, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    )
        async throws -> Summary
    {
        let membership = try IntakeMembership(config: config, vault: processor.ingestor.vault, logger: logger)
        defer { membership.end() }
        let start = ResourceUsage.now()
        let inbox = processor.inbox
        try inbox.prepare()
        var leftovers = inbox.leftovers(logger: logger)
        let adopted = membership.takeOver(inbox)
        leftovers.retry += adopted.retry
        leftovers.interruptedTwice += adopted.interruptedTwice
        if inbox.repairNames() > 0 { logger.warning("renamed files whose names were not valid UTF-8") }
        let scan = inbox.scan()
        var results = processor.settle(interruptedTwice: leftovers.interruptedTwice, logger: logger)
        results += processor.quarantineLinks(scan.entries, logger: logger)
        let queue = ClaimQueue(inbox: inbox, leftovers: leftovers.retry, entries: scan.entries.filter { !$0.isSymlink })
        let total = queue.total
        let done = Mutex(0)
        let finished = Mutex([FileResult]())
        let lanes = max(1, min(config.workers, total))
        let processor = processor
        let config = config
        let workerCommand = workerCommand
        let commit = GroupCommit(ingestor: processor.ingestor, logger: logger) { now }
        await LaneBridge.runLanes(total == 0 ? 0 : lanes) { _ in
            let worker = WorkerProcess(command: workerCommand, limits: config.extraction)
            defer { worker.stop() }
            while !membership.isLost, let claim = queue.next() {
                processor.process(claim, at: now, logger: logger, worker: worker, commit: commit) { result in
                    if result.status == .deferred {
                        queue.stop(because: result.detail ?? "the vault could not be written")
                    }
                    finished.withLock { $0.append(result) }
                    let count = done.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    progress(
                        Progress(
                            done: count, total: total, droppedName: claim.droppedName, channel: claim.channel,
                            result: result))
                }
            }
        }
        await commit.finish()
        processor.inbox.dropSpareJournals()
        let counts = commit.counts
        if counts.batches > 0 {
            logger.info(
                "stored in group commits",
                metadata: ["cvsieve.documents": "\(counts.documents)", "cvsieve.transactions": "\(counts.batches)"])
        }
        results += finished.withLock { $0 }
        if membership.isLost { queue.stop(because: "this process's intake lease ran out and was taken over") }
        var summary = Summary(
            files: results, stored: results.count { $0.status == .stored },
            duplicates: results.count { $0.status == .duplicate },
            quarantined: results.count { $0.status == .quarantined },
            notices: results.count { $0.notice == .written || $0.notice == .writtenWithoutAddress },
            deferred: results.count { $0.status == .deferred },
            waiting: inbox.scan().entries.count + inbox.inProgressCount(),
            skipped: Dictionary(uniqueKeysWithValues: scan.skipped.map { ($0.key.rawValue, $0.value) }),
            stopped: queue.stopReason, seconds: 0, purge: nil, audit: nil)
        if summary.stopped == nil && purging {
            let purge = try await processor.ingestor.vault.purge(
                at: now, dryRun: false, actor: processor.ingestor.actor)
            processor.notices.removeFromOutbox(purge.purged.filter(\.erasesCandidate).map(\.code))
            summary.purge = purge
        }
        summary.audit = await processor.ingestor.vault.auditHead.map { AuditHead(records: $0.records, mac: $0.mac) }
        summary.seconds = ResourceUsage.now() - start
        return summary
    }
}

/// The files of one pass, handed out one at a time: leftovers first, then inbox entries claimed
/// only when a lane asks for the next file.
final class ClaimQueue: Sendable {
    private struct State {
        var leftovers: [Claim]
        var entries: [Inbox.Entry]
        var stopReason: String?
    }

    private let inbox: Inbox
    private let state: Mutex<State>
    let total: Int

    init(inbox: Inbox, leftovers: [Claim], entries: [Inbox.Entry]) {
        self.inbox = inbox
        total = leftovers.count + entries.count
        state = Mutex(State(leftovers: leftovers.reversed(), entries: entries.reversed()))
    }

    /// The next file, claimed now; `nil` when there is none or the pass stopped.
    func next() -> Claim? {
        state.withLock { state -> Claim? in
            while state.stopReason == nil {
                if let claim = state.leftovers.popLast() { return claim }
                guard let entry = state.entries.popLast() else { return nil }
                switch inbox.claim(entry, inHand: true) {
                case .claimed(let claim): return claim
                case .gone: continue
                case .failed(let error): state.stopReason = error.description
                }
            }
            return nil
        }
    }

    func stop(because reason: String) {
        state.withLock { if $0.stopReason == nil { $0.stopReason = reason } }
    }

    var stopReason: String? { state.withLock { $0.stopReason } }
}
