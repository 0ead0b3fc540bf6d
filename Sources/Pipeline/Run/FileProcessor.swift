public import CVModel
public import Extraction
public import Foundation
public import Intake
public import Logging
public import Vault

/// What became of one claimed file.
public enum FileStatus: String, Codable, Sendable {
    case stored
    case duplicate
    case quarantined
    /// Not processed: the batch stopped (a full disk, a vault that cannot be written); the file
    /// went back where it was, to be taken by the next run.
    case deferred
}

/// One file's outcome, for run summaries and the daemon's log: claim id and codes, never the
/// dropped name (a file name is often the candidate's name).
public struct FileResult: Codable, Sendable {
    public var claim: String
    /// A configured channel's name, `inbox`, or an unconfigured folder's hash.
    public var channel: String
    public var status: FileStatus
    public var code: String?
    public var reason: QuarantineReason?
    public var detail: String?
    public var quarantineID: String?
    /// The information notice written to `notices.outbox` for a new candidate (none when no
    /// outbox is configured, or the candidate was known).
    public var notice: NoticeService.OutboxStatus?
}

/// The one path every claimed file takes, for `run` and `watch` alike: extraction (by the
/// extraction function the caller's worker provides), detection, minimisation and storage in
/// one vault transaction (the original included, sealed, when the policy keeps originals); then
/// the file is released, quarantined with a typed reason, or — when the machine rather than the
/// file failed — given back untouched.
public struct FileProcessor: Sendable {
    public let config: PipelineConfig
    public let ingestor: Ingestor
    public let inbox: Inbox

    public init(config: PipelineConfig, ingestor: Ingestor) {
        self.config = config
        self.ingestor = ingestor
        inbox = config.makeInbox()
    }

    /// Processes `claim` with `worker` (it extracts the file and draws a kept identity copy), and
    /// hands the prepared document to `commit`; `done` gets the file's outcome, at once when the
    /// file stops before storage, else from the committer once the batch holding it is committed.
    public func process(
        _ claim: Claim, at now: Date, logger: Logger, worker: WorkerProcess, commit: GroupCommit,
        done: @escaping @Sendable (FileResult) -> Void
    ) {
        process(claim, at: now, logger: logger, commit: commit, done: done) { path throws(ExtractionError) in
            try worker.extract(path: path)
        } drawIdentityCopy: { path, pages, marks, blackOutPictures throws(ExtractionError) in
            try worker.drawIdentityCopy(.path(path), pages: pages, marks: marks, blackOutPictures: blackOutPictures)
        }
    }

    /// Processes `claim`, extracting it with `extract` and drawing a kept identity document's
    /// copy with `drawIdentityCopy` (a worker process's, both, given the claim's work path). The
    /// file stays in its work folder until the commit that stores it; then it is released.
    public func process(
        _ claim: Claim, at now: Date, logger: Logger, commit: GroupCommit,
        done: @escaping @Sendable (FileResult) -> Void,
        extract: (String) throws(ExtractionError) -> Document,
        drawIdentityCopy: @escaping (String, [Int], [PageMark], Bool) throws(ExtractionError) -> IdentityCopy
    ) {
        var claim = claim
        var result = FileResult(claim: claim.id, channel: claim.channel.display, status: .quarantined)
        inbox.markInHand(&claim)
        let request: StoreRequest
        do {
            var document = try extract(claim.workPath)
            if let doubtful = document.blocks.first(where: \.isLowConfidence) {
                quarantine(
                    claim, reason: .ocrLowConfidence, detail: Self.lowConfidenceDetail(doubtful),
                    into: &result, logger)
                return done(result)
            }
            // The dropped name is evidence for detection (a name in it corroborates the name on
            // page one); it goes no further than the detector.
            document.fileName = claim.droppedName ?? ""
            var original: KeptOriginal?
            if config.keepOriginals.amount > 0 {
                guard let bytes = FileManager.default.contents(atPath: claim.workPath) else {
                    throw Ingestor.Failure.vault(
                        .database(path: claim.id, operation: "reading the original to keep it", resultCode: -1))
                }
                original = KeptOriginal(bytes: bytes, retainUntil: config.keepOriginals.after(now))
            }
            let workPath = claim.workPath
            let draw: Ingestor.IdentityCopyDrawer = { pages, marks, blackOut throws(ExtractionError) in
                try drawIdentityCopy(workPath, pages, marks, blackOut)
            }
            request = try ingestor.prepare(
                document, channel: claim.channel, original: original, at: now, logger: logger, drawIdentityCopy: draw)
        } catch let error as ExtractionError {
            quarantine(claim, reason: QuarantineReason(kind: error.kind), detail: error.reason, into: &result, logger)
            return done(result)
        } catch Ingestor.Failure.noPurpose {
            let detail =
                "the folder it was dropped in has no purpose in pipeline.yml: add the folder under channels:, "
                + "or set default_purpose for the inbox itself, then `cvsieve retry` it"
            quarantine(claim, reason: .noPurpose, detail: detail, into: &result, logger)
            return done(result)
        } catch Ingestor.Failure.vault(let error) {
            giveBack(claim, because: error.description, into: &result, logger)
            return done(result)
        } catch {
            let detail = "internal error in the pipeline (\(type(of: error)))"
            quarantine(claim, reason: .internal, detail: detail, into: &result, logger)
            return done(result)
        }
        commit.submit(request) { [self, claim, result] outcome in
            var result = result
            switch outcome {
            case .success(.stored(let code, let isNewCandidate, _)):
                result.status = .stored
                result.code = code
                if isNewCandidate && config.notices.outbox != nil {
                    result.notice = writeNotice(code: code, at: now, logger: logger)
                }
                inbox.release(claim)
            case .success(.duplicate(let code)):
                result.status = .duplicate
                result.code = code
                inbox.release(claim)
            case .failure(let error):
                giveBack(claim, because: error.description, into: &result, logger)
            }
            done(result)
        }
    }

    /// Why a poorly read scan waits for a person, and what they can do: a misread name is a name
    /// detection cannot find, and would reach a client's profile.
    static func lowConfidenceDetail(_ block: TextBlock) -> String {
        let page = block.page.map { "page \($0)" } ?? "a page image"
        let confidence = block.confidence.map { String(format: "%.0f", $0) } ?? "?"
        return "\(page) was read by OCR with a mean word confidence of \(confidence), under "
            + "extraction.ocr_min_confidence: misread values could be missed and reach a profile, so it was not "
            + "stored. Ask for the original document or a sharper scan; or, having looked at it, lower "
            + "extraction.ocr_min_confidence and `cvsieve retry` it"
    }

    /// The notices of this processor's vault, acting as the ingestor does.
    var notices: NoticeService { NoticeService(config: config, vault: ingestor.vault, actor: ingestor.actor) }

    /// Writes the new candidate's notice into the outbox, from a lane thread. The document is
    /// stored already: a notice that cannot be written is logged and counted, not a file failure.
    private func writeNotice(code: String, at now: Date, logger: Logger) -> NoticeService.OutboxStatus {
        let notices = notices
        return
            (try? LaneBridge.wait { () async -> NoticeService.OutboxStatus in
                await notices.writeForNewCandidate(code: code, at: now, logger: logger)
            }) ?? .failed
    }

    private func quarantine(
        _ claim: Claim, reason: QuarantineReason, detail: String, into result: inout FileResult, _ logger: Logger
    ) {
        result.reason = reason
        result.detail = detail
        if let entry = inbox.quarantine(claim, reason: reason, detail: detail, logger: logger) {
            result.quarantineID = entry.id
        } else {
            result.status = .deferred
            result.detail = "could not be quarantined (is the disk full?); it stays claimed for the next run"
        }
    }

    private func giveBack(_ claim: Claim, because detail: String, into result: inout FileResult, _ logger: Logger) {
        inbox.unclaim(claim)
        result.status = .deferred
        result.detail = detail
        logger.error("a file could not be stored; it was given back", metadata: ["claim.id": "\(claim.id)"])
    }

    /// Files that were in hand at two interruptions: one already stored (the process died after
    /// the commit, before letting the file go) is released as a duplicate; the others are
    /// quarantined (`interrupted_twice`), since one of them may be what stopped the process.
    public func settle(interruptedTwice claims: [Claim], logger: Logger) -> [FileResult] {
        claims.map { claim in
            var result = FileResult(claim: claim.id, channel: claim.channel.display, status: .quarantined)
            if let bytes = FileManager.default.contents(atPath: claim.workPath) {
                let sha256 = Extractor.sha256Hex([UInt8](bytes))
                let isStored =
                    (try? LaneBridge.wait { [vault = ingestor.vault] () async throws(VaultError) in
                        try await vault.hasDocument(sha256: sha256)
                    }) ?? false
                if isStored {
                    inbox.release(claim)
                    result.status = .duplicate
                    return result
                }
            }
            quarantine(claim, reason: .interruptedTwice, detail: Inbox.interruptedTwiceDetail, into: &result, logger)
            return result
        }
    }

    /// Symbolic links in the inbox are quarantined as links, never followed.
    public func quarantineLinks(_ entries: [Inbox.Entry], logger: Logger) -> [FileResult] {
        entries.filter(\.isSymlink).map { entry in
            let detail = "a symbolic link; cvsieve does not follow links out of the inbox: copy the file itself in"
            let quarantined = inbox.quarantine(entry, reason: .symlink, detail: detail, logger: logger)
            return FileResult(
                claim: quarantined?.claim ?? "-", channel: entry.channel.display,
                status: quarantined == nil ? .deferred : .quarantined, reason: .symlink, detail: detail,
                quarantineID: quarantined?.id)
        }
    }
}

extension PipelineConfig {
    /// The inbox with the channel folders this configuration names.
    public func makeInbox() -> Inbox {
        Inbox(inbox: inbox, data: data, configuredChannels: Set(channels.keys), worker: intakeWorker)
    }

    /// This process's name among intake processes sharing a PostgreSQL vault: the same for every
    /// start on this machine with this data folder (so a restart finds its own files); `nil`
    /// with SQLite, where one process holds the intake lock.
    public var intakeWorker: String? {
        guard vault.backend == .postgres else { return nil }
        let host = ProcessInfo.processInfo.hostName
        let hash = (host + "\u{0}" + data).utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        return "w" + String(hash, radix: 16)
    }
}
