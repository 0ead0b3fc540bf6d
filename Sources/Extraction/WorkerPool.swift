public import CVModel
import Dispatch
import Synchronization

/// Runs files through several ``WorkerProcess``es at once: one thread and one worker per slot,
/// each taking the next file when it is done with the last. Results arrive as they finish.
public struct WorkerPool: Sendable {
    public var workers: Int
    public var command: [String]?
    public var limits: ExtractionLimits

    public init(workers: Int, command: [String]? = nil, limits: ExtractionLimits = .default) {
        self.workers = max(1, workers)
        self.command = command
        self.limits = limits
    }

    /// Extracts every path; `onResult` is called from the worker threads with the path's index.
    public func extractAll(
        _ paths: [String], onResult: @Sendable (Int, Result<Document, ExtractionError>) -> Void
    ) {
        let command = command
        let limits = limits
        Self.share(paths.count, slots: workers) { _, next in
            let worker = WorkerProcess(command: command, limits: limits)
            defer { worker.stop() }
            while let index = next() {
                onResult(index, Result { () throws(ExtractionError) in try worker.extract(path: paths[index]) })
            }
        }
    }

    /// Runs `body` on `slots` threads at once (at most `count`); each takes the indices below
    /// `count` one at a time from the `next` it is given, the next free one when done with the
    /// last, until `next` returns nil.
    public static func share(
        _ count: Int, slots: Int, _ body: @Sendable (_ slot: Int, _ next: () -> Int?) -> Void
    ) {
        let taken = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(slots, count))) { slot in
            body(slot) {
                taken.withLock { value -> Int? in
                    guard value < count else { return nil }
                    defer { value += 1 }
                    return value
                }
            }
        }
    }
}
