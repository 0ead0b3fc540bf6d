public import CVModel
public import Extraction
public import Foundation
public import Intake
public import Logging
import Synchronization

/// `cvsieve watch`: the intake daemon. inotify tells it when a file is closed or moved into the
/// inbox; a periodic rescan catches what events miss. A file is claimed only once it is stable
/// (``StableFiles``), and only while the bounded queue has room (back-pressure). N threads, each
/// with its own long-lived worker process, take files from the queue. SIGINT/SIGTERM stop the
/// claiming; files in hand are finished; then it returns.
public final class Daemon: Sendable {
    public let config: PipelineConfig
    public let processor: FileProcessor
    public let workerCommand: [String]?

    private let state = Mutex(State())
    private let wakeDescriptor = Mutex<Int32>(-1)
    /// Signalled for each file queued (and at stop), so an idle worker thread takes it at once.
    private let queued = DispatchSemaphore(value: 0)

    private struct State {
        var queue: [Claim] = []
        /// Claims pause until then after the machine failed (a full disk, an unwritable vault).
        var pausedUntil = -Double.infinity
        var inFlight = 0
        var isStopping = false
        var processed = 0
    }

    public init(config: PipelineConfig, ingestor: Ingestor, workerCommand: [String]? = nil) {
        self.config = config
        self.processor = FileProcessor(config: config, ingestor: ingestor)
        self.workerCommand = workerCommand
    }

    /// Asks the daemon to stop: no new claims; files in hand are finished. Safe from any thread.
    public func stop() {
        state.withLock { $0.isStopping = true }
        for _ in 0..<config.workers { queued.signal() }
        let descriptor = wakeDescriptor.withLock { $0 }
        if descriptor >= 0 { InboxWatcher.wake(descriptor) }
    }

    /// Files processed so far (for tests and the log).
    public var processedCount: Int { state.withLock { $0.processed } }

    /// Runs until ``stop()``; returns after the last file in hand is finished. Holds the intake
    /// lock while it runs, failing at once when another `run` or `watch` holds it (SQLite); or
    /// its lease, beside other processes sharing the vault (PostgreSQL: ``IntakeMembership``).
    public func run(logger: Logger) throws {
        let membership = try IntakeMembership(config: config, vault: processor.ingestor.vault, logger: logger)
        defer { membership.end() }
        let inbox = processor.inbox
        try inbox.prepare()
        let watcher: InboxWatcher?
        do {
            watcher = try InboxWatcher(inbox: config.inbox)
        } catch {
            logger.warning("inotify unavailable; rescanning only", metadata: ["cvsieve.reason": "\(error)"])
            watcher = nil
        }
        if let watcher { wakeDescriptor.withLock { $0 = watcher.wakeWrite } }
        let leftovers = inbox.leftovers(logger: logger)
        _ = processor.settle(interruptedTwice: leftovers.interruptedTwice, logger: logger)
        enqueue(leftovers.retry)
        adoptFromExpiredLeases(membership, inbox: inbox, logger: logger)

        let commit = GroupCommit(ingestor: processor.ingestor, logger: logger) { Date() }
        let workers = (0..<config.workers).map { index in
            Thread { [self] in self.workLoop(logger: logger, commit: commit) }
        }
        for (index, thread) in workers.enumerated() {
            thread.name = "cvsieve-worker-\(index)"
            thread.start()
        }
        logger.info("watching the inbox", metadata: ["cvsieve.workers": "\(config.workers)"])

        var stable = StableFiles(stableFor: config.intake.stableForSeconds, settle: config.intake.settleSeconds)
        var lastRescan = -Double.infinity
        while !state.withLock({ $0.isStopping }) {
            let now = ResourceUsage.now()
            if now - lastRescan >= config.intake.rescanSeconds {
                lastRescan = now
                if inbox.repairNames() > 0 { logger.warning("renamed files whose names were not valid UTF-8") }
                let entries = inbox.scan().entries
                _ = processor.quarantineLinks(entries, logger: logger)
                for entry in entries where !entry.isSymlink { _ = stable.isReady(entry.path, at: now) }
            }
            adoptFromExpiredLeases(membership, inbox: inbox, logger: logger)
            // Another process took this one's lease over: it claims nothing more and stops.
            if membership.isLost { break }
            // Wake when the next watched file can settle, at the latest in a tenth of a second
            // (leases, a stop). With the queue full the files wait for room: a worker taking a file
            // wakes this loop.
            let nextCheck = claimReady(&stable, inbox: inbox, logger: logger)
            let timeout = nextCheck.map { min(0.1, max(0.001, $0 - ResourceUsage.now())) } ?? 0.1
            let events =
                watcher?.events(timeout: timeout)
                ?? {
                    usleep(100_000)
                    return []
                }()
            let eventTime = ResourceUsage.now()
            for event in events {
                switch event {
                case .fileReady(let path):
                    if !Inbox.isIgnored((path as NSString).lastPathComponent) { stable.noteClosed(path, at: eventTime) }
                case .folderCreated, .overflow:
                    lastRescan = -Double.infinity
                }
            }
        }
        logger.info("stopping: finishing the files in hand")
        wakeDescriptor.withLock { $0 = -1 }
        // Claimed files still queued are finished too: nothing is left half-done in work/.
        while state.withLock({ !$0.queue.isEmpty || $0.inFlight > 0 }) { usleep(20_000) }
        state.withLock { $0.isStopping = true }
        for thread in workers { while !thread.isFinished { usleep(10_000) } }
        commit.finishBlocking()
        processor.inbox.dropSpareJournals()
    }

    /// Queues the files of intake processes whose lease ran out (PostgreSQL; at most once a
    /// lease period).
    private func adoptFromExpiredLeases(_ membership: IntakeMembership, inbox: Inbox, logger: Logger) {
        let adopted = membership.takeOver(inbox)
        _ = processor.settle(interruptedTwice: adopted.interruptedTwice, logger: logger)
        enqueue(adopted.retry)
    }

    private func enqueue(_ claims: [Claim]) {
        guard !claims.isEmpty else { return }
        state.withLock { $0.queue.append(contentsOf: claims) }
        for _ in claims { queued.signal() }
    }

    /// Claims stable files while the queue has room. Returns when the next waiting file can be
    /// ready, if every one was looked at (`nil`: none waits, or the queue is full or paused).
    private func claimReady(_ stable: inout StableFiles, inbox: Inbox, logger: Logger) -> Double? {
        let now = ResourceUsage.now()
        let room = state.withLock { state in
            guard state.pausedUntil <= now, !state.isStopping else { return 0 }
            return config.intake.queueCapacity + config.workers - state.queue.count - state.inFlight
        }
        guard room > 0 else { return nil }
        let (paths, nextCheck) = stable.ready(at: now, limit: room)
        // A file another process took first left its room unused: look again at once.
        var isRoomLeft = false
        for path in paths {
            stable.forget(path)
            let folder = (path as NSString).deletingLastPathComponent
            let channel =
                folder == config.inbox
                ? ChannelRef.root : inbox.channel(forFolder: (folder as NSString).lastPathComponent)
            switch inbox.claim(Inbox.Entry(path: path, channel: channel, isSymlink: false)) {
            case .claimed(let claim): enqueue([claim])
            case .gone: isRoomLeft = true
            case .failed(let error):
                pause(logger: logger, because: error.kind)
                return nil
            }
        }
        return isRoomLeft ? now : nextCheck
    }

    private func workLoop(logger: Logger, commit: GroupCommit) {
        let worker = WorkerProcess(command: workerCommand, limits: config.extraction)
        defer { worker.stop() }
        while true {
            let next: Claim? = state.withLock { state in
                guard !state.queue.isEmpty else { return nil }
                state.inFlight += 1
                return state.queue.removeFirst()
            }
            guard let file = next else {
                let isDone = state.withLock { $0.isStopping && $0.queue.isEmpty }
                if isDone { return }
                _ = queued.wait(timeout: .now() + .milliseconds(100))
                continue
            }
            // The queue has room again: the claiming loop may take the next stable files now
            // rather than at its next inotify wake-up (a burst drains at the workers' pace).
            let descriptor = wakeDescriptor.withLock { $0 }
            if descriptor >= 0 { InboxWatcher.wake(descriptor) }
            processor.process(file, at: Date(), logger: logger, worker: worker, commit: commit) { [self] result in
                if result.status == .deferred { pause(logger: logger, because: "deferred") }
                state.withLock { $0.processed += 1 }
                logger.info(
                    "file done",
                    metadata: [
                        "cvsieve.status": "\(result.status.rawValue)", "claim.id": "\(result.claim)",
                        "candidate.code": "\(result.code ?? "-")",
                    ])
            }
            state.withLock { $0.inFlight -= 1 }
        }
    }

    /// After the machine failed, claims wait a while: the file was given back, and retrying at
    /// once would only fail again (a full disk frees up when an operator acts).
    private func pause(logger: Logger, because reason: String) {
        let seconds = max(30, config.intake.rescanSeconds)
        state.withLock { $0.pausedUntil = ResourceUsage.now() + seconds }
        logger.error(
            "intake paused: files could not be claimed or stored; retrying later",
            metadata: ["cvsieve.reason": "\(reason)", "cvsieve.pause_seconds": "\(Int(seconds))"])
    }
}
