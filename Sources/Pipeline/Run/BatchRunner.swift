public import CVModel
public import Extraction
public import Foundation
public import Intake
public import Logging
import Synchronization
public import Vault

/// `cvsieve run`: one pass over the inbox. Files a crashed run left in `work/` are retried once;
/// every regular file in the inbox and its channel folders is claimed by atomic rename and
/// processed by a pool of worker processes (``FileProcessor``).
public struct BatchRunner: Sendable {
    public let config: PipelineConfig
    public let processor: FileProcessor
    public let workerCommand: [String]?

    public init(config: PipelineConfig, ingestor: Ingestor, workerCommand: [String]? = nil) {
        self.config = config
        self.processor = FileProcessor(config: config, ingestor: ingestor)
        self.workerCommand = workerCommand
    }

    public struct Summary: Codable, Sendable {
        public var files: [FileResult]
        public var stored: Int
        public var duplicates: Int
        public var quarantined: Int
        public var seconds: Double
        public var purge: PurgeReport?
    }

    /// Processes every file now in the inbox; `progress` is called after each file (done, total).
    public func run(at now: Date, logger: Logger, progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> Summary {
        let start = ResourceUsage.now()
        let inbox = processor.inbox
        var claimed = inbox.leftovers(logger: logger)
        if inbox.repairNames() > 0 { logger.warning("renamed files whose names were not valid UTF-8") }
        let entries = inbox.scan()
        var early = processor.quarantineLinks(entries, logger: logger)
        for entry in entries where !entry.isSymlink {
            if let file = inbox.claim(entry) { claimed.append(file) }
        }
        let results = Mutex([FileResult?](repeating: nil, count: claimed.count))
        let done = Mutex(0)
        let files = claimed
        WorkerPool(workers: config.workers, command: workerCommand, limits: config.extraction).extractAll(
            files.map(\.workPath)
        ) { index, extracted in
            let outcome = processor.process(files[index], extracted: extracted, at: now, logger: logger)
            results.withLock { $0[index] = outcome }
            progress(
                done.withLock { value -> Int in
                    value += 1
                    return value
                }, files.count)
        }
        early += results.withLock { $0.compactMap { $0 } }
        return Summary(
            files: early, stored: early.filter { $0.status == "stored" }.count,
            duplicates: early.filter { $0.status == "duplicate" }.count,
            quarantined: early.filter { $0.status == "quarantined" }.count, seconds: ResourceUsage.now() - start,
            purge: nil)
    }
}
