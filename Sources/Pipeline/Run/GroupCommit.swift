import Dispatch
public import Foundation
public import Logging
import Synchronization
public import Vault

/// Group commit for intake: lanes hand over prepared documents and go on to their next file; one
/// committer thread stores whatever has gathered in one vault transaction (one commit, one sync
/// to disk, one move of the audit anchor), then runs each document's completion — which releases
/// its file, gives it back, or writes its notice — only after that commit.
///
/// A batch closes when the committer is free: the documents that arrived while the previous batch
/// was being committed, at most ``maxBatch``. A lone file (the daemon on a quiet day) is committed
/// at once, so batching adds no wait; under load batches grow by themselves. A crash loses no
/// file: each is still in its work folder until its completion ran, and one committed but not yet
/// released is found stored (a duplicate) when it is retried.
public final class GroupCommit: Sendable {
    /// The most documents in one transaction.
    public static let maxBatch = 32

    public typealias Completion = @Sendable (Result<StoreOutcome, VaultError>) -> Void

    private struct Item {
        var request: StoreRequest
        var completion: Completion
    }

    private struct State {
        var items: [Item] = []
        var isClosed = false
        var batches = 0
        var documents = 0
    }

    private let ingestor: Ingestor
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let state = Mutex(State())
    /// Signalled once per item handed over and once at close.
    private let available = DispatchSemaphore(value: 0)
    /// Room for items waiting to be committed (a bound on memory: a waiting item holds its record
    /// and, when originals are kept, the file's bytes); a lane waits here when the committer lags.
    private let room: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the committer thread. `now` dates what each batch stores (the batch's time, or the
    /// daemon's clock).
    public init(ingestor: Ingestor, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.ingestor = ingestor
        self.logger = logger
        self.now = now
        room = DispatchSemaphore(value: 2 * Self.maxBatch)
        let thread = Thread { [self] in
            commitLoop()
            finished.signal()
        }
        thread.name = "cvsieve-commit"
        thread.start()
    }

    /// Hands `request` over; `completion` runs on the committer thread once the batch holding it
    /// is committed (or failed). Waits while ``maxBatch`` × 2 documents are already waiting.
    public func submit(_ request: StoreRequest, completion: @escaping Completion) {
        room.wait()
        state.withLock { $0.items.append(Item(request: request, completion: completion)) }
        available.signal()
    }

    /// Commits what was handed over, runs its completions, and stops the committer thread. Call
    /// once, after the last ``submit(_:completion:)``. Waits on a dispatch thread, never on one of
    /// Swift's cooperative threads (the committer needs one to reach the vault).
    public func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [self] in
                finishBlocking()
                continuation.resume()
            }
        }
    }

    /// ``finish()`` for a plain thread (the daemon's): blocks it until the committer is done.
    /// Never call it from async code.
    public func finishBlocking() {
        state.withLock { $0.isClosed = true }
        available.signal()
        finished.wait()
    }

    /// Batches committed and documents in them so far (for the run's log).
    public var counts: (batches: Int, documents: Int) { state.withLock { ($0.batches, $0.documents) } }

    private func commitLoop() {
        while true {
            available.wait()
            let (batch, isDone) = state.withLock { state -> ([Item], Bool) in
                let batch = Array(state.items.prefix(Self.maxBatch))
                state.items.removeFirst(batch.count)
                if !batch.isEmpty {
                    state.batches += 1
                    state.documents += batch.count
                }
                return (batch, state.isClosed && state.items.isEmpty)
            }
            // One signal was taken for the first item (or the close); take those of the others.
            for _ in batch.dropFirst() { available.wait() }
            for _ in batch { room.signal() }
            if !batch.isEmpty {
                commit(batch)
            } else if isDone {
                return
            }
        }
    }

    private func commit(_ batch: [Item]) {
        let requests = batch.map(\.request)
        let at = now()
        let outcomes: [Result<StoreOutcome, VaultError>]
        do {
            outcomes = try LaneBridge.wait { [ingestor, logger] () async -> [Result<StoreOutcome, VaultError>] in
                await ingestor.commit(requests, at: at, logger: logger)
            }
        } catch {
            outcomes = Array(repeating: .failure(error), count: batch.count)
        }
        for (item, outcome) in zip(batch, outcomes) { item.completion(outcome) }
    }
}
