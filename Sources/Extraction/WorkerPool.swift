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
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, max(paths.count, 1))) { _ in
            let worker = WorkerProcess(command: command, limits: limits)
            defer { worker.stop() }
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < paths.count else { return }
                onResult(index, Result { () throws(ExtractionError) in try worker.extract(path: paths[index]) })
            }
        }
    }
}
