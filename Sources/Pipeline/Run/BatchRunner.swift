public import CVModel
public import Extraction
public import Foundation
public import Logging
import Synchronization
public import Vault

/// `cvsieve run`: one pass over the inbox. Each file is claimed by an atomic rename into the
/// work folder, extracted in a worker process, detected, minimised and stored; then its original
/// is deleted (or kept sealed, per `originals.keep`), or it is moved to quarantine with a reason.
public struct BatchRunner: Sendable {
    public let config: PipelineConfig
    public let ingestor: Ingestor
    public let workerCommand: [String]?

    public init(config: PipelineConfig, ingestor: Ingestor, workerCommand: [String]? = nil) {
        self.config = config
        self.ingestor = ingestor
        self.workerCommand = workerCommand
    }

    /// One file's outcome.
    public struct FileResult: Codable, Sendable {
        public var file: String
        public var channel: String?
        public var status: String
        public var code: String?
        public var reason: String?
        public var kind: String?
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
        let intake = Intake(config: config)
        let claimed = intake.claimAll(logger: logger)
        let results = Mutex([FileResult?](repeating: nil, count: claimed.count))
        let done = Mutex(0)
        let pool = WorkerPool(workers: config.workers, command: workerCommand, limits: config.extraction)
        pool.extractAll(claimed.map(\.workPath)) { index, result in
            let file = claimed[index]
            let outcome = finish(file, result, at: now, intake: intake, logger: logger)
            results.withLock { $0[index] = outcome }
            let count = done.withLock { value -> Int in
                value += 1
                return value
            }
            progress(count, claimed.count)
        }
        let files = results.withLock { $0.compactMap { $0 } }
        return Summary(
            files: files, stored: files.filter { $0.status == "stored" }.count,
            duplicates: files.filter { $0.status == "duplicate" }.count,
            quarantined: files.filter { $0.status == "quarantined" }.count, seconds: ResourceUsage.now() - start,
            purge: nil)
    }

    private func finish(
        _ file: Intake.ClaimedFile, _ result: Result<Document, ExtractionError>, at now: Date, intake: Intake,
        logger: Logger
    ) -> FileResult {
        var entry = FileResult(file: file.name, channel: file.channel, status: "quarantined")
        do {
            let document = try result.get()
            let outcome = try ingestor.ingest(document, channel: file.channel, at: now, logger: logger)
            switch outcome {
            case .stored(let code, _, _):
                entry.status = "stored"
                entry.code = code
                try? keepOrDeleteOriginal(file, sha256: document.sha256, now: now)
                intake.release(file)
            case .duplicate(let code):
                entry.status = "duplicate"
                entry.code = code
                intake.release(file)
            }
        } catch let error as ExtractionError {
            entry.reason = error.reason
            entry.kind = error.kind
            intake.quarantine(file, kind: error.kind, reason: error.reason, logger: logger)
        } catch let error as Ingestor.Failure {
            entry.reason = error.description
            entry.kind = error.kind
            intake.quarantine(file, kind: error.kind, reason: error.description, logger: logger)
        } catch {
            entry.reason = "internal error (\(type(of: error)))"
            entry.kind = "internal"
            intake.quarantine(file, kind: "internal", reason: entry.reason ?? "", logger: logger)
        }
        return entry
    }

    /// `originals.keep: 0d` deletes the original at once; a longer period keeps it sealed under
    /// the master key in `data/originals/`, named by content hash, until purge removes it.
    private func keepOrDeleteOriginal(_ file: Intake.ClaimedFile, sha256: String, now: Date) throws {
        guard config.keepOriginals.amount > 0 else { return }
        guard let bytes = FileManager.default.contents(atPath: file.workPath) else { return }
        try FileManager.default.createDirectory(atPath: config.originalsFolder, withIntermediateDirectories: true)
        let sealed = try ingestor.vault.sealOriginal(bytes, sha256: sha256)
        let path = (config.originalsFolder as NSString).appendingPathComponent("\(sha256).sealed")
        try sealed.write(to: URL(fileURLWithPath: path), options: .atomic)
        try ingestor.vault.keepOriginal(sha256: sha256, path: path, until: config.keepOriginals.after(now))
    }
}
