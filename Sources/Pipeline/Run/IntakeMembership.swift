import Foundation
public import Intake
public import Logging
import Synchronization
public import Vault

/// How an intake process (`run`, `watch`) shares the inbox and the vault with others.
///
/// SQLite: it is the only one, by the exclusive intake lock on the data folder. PostgreSQL:
/// several may run, on one machine or several, each with a data folder of its own (the intake
/// lock still keeps one process per data folder); each holds a lease in the vault, renewed by a
/// thread of its own every third of `intake.lease` for as long as the process lives, and keeps
/// the files it claimed in a work folder named after it (``PipelineConfig/intakeWorker``). At
/// start, and every lease period while it runs, it takes over the files of processes whose
/// lease ran out. A clean stop ends the lease.
public final class IntakeMembership: Sendable {
    private let lock: IntakeLock
    private let worker: String?
    private let vault: any Vault
    private let seconds: Double
    private let logger: Logger
    private let stopping = Mutex(false)
    private let lost = Mutex(false)

    /// Whether this process's lease ran out and another took it over (a pause longer than the
    /// lease, a network cut): it must claim nothing more; its files are another's now.
    public var isLost: Bool { lost.withLock { $0 } }
    private let lastTakeOver = Mutex(Date.distantPast)

    public init(config: PipelineConfig, vault: any Vault, logger: Logger) throws {
        self.vault = vault
        self.logger = logger
        seconds = config.intake.leaseSeconds
        worker = config.intakeWorker
        // Always: two processes with one data folder on one machine would share a worker name
        // (and a work folder) with PostgreSQL too.
        lock = try IntakeLock(data: config.data)
        guard let worker else { return }
        try LaneBridge.wait { () async throws(VaultError) in
            try await vault.renewLease(worker: worker, seconds: self.seconds, at: Date())
        }
        let thread = Thread { [self] in renewLoop(worker) }
        thread.name = "cvsieve-lease"
        thread.start()
    }

    /// Files of processes whose lease ran out, moved into this one's work folder (at most once
    /// a lease period; none with SQLite).
    public func takeOver(_ inbox: Inbox) -> (retry: [Claim], interruptedTwice: [Claim]) {
        guard let worker else { return ([], []) }
        let now = Date()
        let vault = vault
        let seconds = seconds
        let isDue = lastTakeOver.withLock { last -> Bool in
            guard now.timeIntervalSince(last) >= seconds else { return false }
            last = now
            return true
        }
        guard isDue else { return ([], []) }
        do {
            let dead = try LaneBridge.wait { () async throws(VaultError) in
                try await vault.takeOverExpiredLeases(by: worker, seconds: seconds, at: now)
            }
            var retry: [Claim] = []
            var twice: [Claim] = []
            for other in dead {
                let files = inbox.adopt(worker: other)
                retry += files.retry
                twice += files.interruptedTwice
                // The files are here now, whatever the lease's end: a failure leaves it to run out
                // again, and its (empty) folder to the next taker.
                try? LaneBridge.wait { () async throws(VaultError) in try await vault.endLease(worker: other) }
                logger.warning(
                    "took over the files of an intake process whose lease ran out",
                    metadata: [
                        "cvsieve.worker": "\(other)",
                        "cvsieve.files": "\(files.retry.count + files.interruptedTwice.count)",
                    ])
            }
            return (retry, twice)
        } catch {
            logger.warning("could not take over expired intake leases", metadata: ["cvsieve.reason": "\(error.kind)"])
            return ([], [])
        }
    }

    /// Ends the lease (a clean stop: nothing of this process's is left to take over).
    public func end() {
        stopping.withLock { $0 = true }
        guard let worker else { return }
        let vault = vault
        try? LaneBridge.wait { () async throws(VaultError) in try await vault.endLease(worker: worker) }
    }

    private func renewLoop(_ worker: String) {
        let vault = vault
        let seconds = seconds
        var next = Date().addingTimeInterval(seconds / 3)
        while !stopping.withLock({ $0 }) {
            usleep(100_000)
            guard Date() >= next else { continue }
            next = Date().addingTimeInterval(seconds / 3)
            do {
                let held = try LaneBridge.wait { () async throws(VaultError) in
                    try await vault.extendLease(worker: worker, seconds: seconds, at: Date())
                }
                if !held {
                    lost.withLock { $0 = true }
                    logger.error(
                        "this process's intake lease ran out and was taken over; it claims no more files",
                        metadata: ["cvsieve.worker": "\(worker)"])
                    return
                }
            } catch {
                logger.warning("could not renew the intake lease", metadata: ["cvsieve.reason": "\(error.kind)"])
            }
        }
    }
}
