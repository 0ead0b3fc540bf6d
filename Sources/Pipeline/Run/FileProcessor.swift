public import CVModel
public import Extraction
public import Foundation
public import Intake
public import Logging
public import Vault

/// What happened to one file, for run summaries and the daemon's log.
public struct FileResult: Codable, Sendable {
    public var file: String
    public var channel: String?
    public var status: String
    public var code: String?
    public var reason: String?
    public var kind: String?
}

/// The work on one claimed file, shared by `run` and `watch`: extraction in a worker process,
/// then detection, minimisation and storage; then the original is released (deleted or sealed)
/// or the file goes to quarantine with its reason.
public struct FileProcessor: Sendable {
    public let config: PipelineConfig
    public let ingestor: Ingestor
    public let inbox: Inbox

    public init(config: PipelineConfig, ingestor: Ingestor) {
        self.config = config
        self.ingestor = ingestor
        inbox = Inbox(inbox: config.inbox, data: config.data)
    }

    public func process(
        _ file: Inbox.ClaimedFile, extracted: Result<Document, ExtractionError>, at now: Date, logger: Logger
    ) -> FileResult {
        var entry = FileResult(file: file.name, channel: file.channel, status: "quarantined")
        do {
            let document = try extracted.get()
            switch try ingestor.ingest(document, channel: file.channel, at: now, logger: logger) {
            case .stored(let code, _, _):
                entry.status = "stored"
                entry.code = code
                try? keepOriginal(file, sha256: document.sha256, now: now)
            case .duplicate(let code):
                entry.status = "duplicate"
                entry.code = code
            }
            inbox.release(file)
        } catch let error as ExtractionError {
            entry.reason = error.reason
            entry.kind = error.kind
            inbox.quarantine(file, kind: error.kind, reason: error.reason, logger: logger)
        } catch let error as Ingestor.Failure {
            entry.reason = error.description
            entry.kind = error.kind
            inbox.quarantine(file, kind: error.kind, reason: error.description, logger: logger)
        } catch {
            entry.reason = "internal error (\(type(of: error)))"
            entry.kind = "internal"
            inbox.quarantine(file, kind: "internal", reason: entry.reason ?? "", logger: logger)
        }
        return entry
    }

    /// `originals.keep: 0d` deletes the original at once (by releasing it); a longer period keeps
    /// it sealed under the master key in `data/originals/`, named by content hash, until purge.
    private func keepOriginal(_ file: Inbox.ClaimedFile, sha256: String, now: Date) throws {
        guard config.keepOriginals.amount > 0, let bytes = FileManager.default.contents(atPath: file.workPath) else {
            return
        }
        try FileManager.default.createDirectory(atPath: config.originalsFolder, withIntermediateDirectories: true)
        let sealed = try ingestor.vault.sealOriginal(bytes, sha256: sha256)
        let path = (config.originalsFolder as NSString).appendingPathComponent("\(sha256).sealed")
        try sealed.write(to: URL(fileURLWithPath: path), options: .atomic)
        try ingestor.vault.keepOriginal(sha256: sha256, path: path, until: config.keepOriginals.after(now))
    }

    /// Symbolic links in the inbox are quarantined as links, never followed.
    public func quarantineLinks(_ entries: [Inbox.Entry], logger: Logger) -> [FileResult] {
        entries.filter(\.isSymlink).map { entry in
            let name = (entry.path as NSString).lastPathComponent
            let reason = "a symbolic link; cvsieve does not follow links out of the inbox: copy the file itself in"
            inbox.quarantine(entry, kind: "symlink", reason: reason, logger: logger)
            return FileResult(
                file: name, channel: entry.channel, status: "quarantined", reason: reason, kind: "symlink")
        }
    }
}
