public import CVModel
public import Detection
public import Extraction
public import Foundation
public import Intake
public import Logging
public import Minimisation
public import Vault

/// One document through the stages after extraction: detection, minimisation for the channel's
/// purpose, and storage in one vault transaction.
public struct Ingestor: Sendable {
    public let config: PipelineConfig
    public let vault: any Vault
    public let detector: Detector
    public let actor: String
    let quasiKeys: QuasiKeys

    /// - Throws: ``DetectionError`` when the detector's word lists did not come along with the
    ///   binary: before any file is claimed, so none is quarantined for it.
    public init(config: PipelineConfig, vault: any Vault, actor: String) throws(DetectionError) {
        self.config = config
        self.vault = vault
        self.detector = try Detector()
        self.actor = actor
        self.quasiKeys = try QuasiKeys(config: config)
    }

    /// Why a document could not be stored.
    public enum Failure: ReportableError {
        /// The folder the file came from has no purpose in pipeline.yml.
        case noPurpose
        case vault(VaultError)

        public var exitCode: Int32 { 1 }
        public var kind: String {
            switch self {
            case .noPurpose: "no_purpose"
            case .vault(let error): error.kind
            }
        }
        public var description: String {
            switch self {
            case .noPurpose:
                "its folder has no purpose in pipeline.yml (add it under channels: or set default_purpose)"
            case .vault(let error): error.description
            }
        }
    }

    /// Draws the copy of an identity document a purpose keeps: the pages that hold it, the
    /// values to black out, whether to black out the photo (a worker's
    /// ``Extraction/WorkerProcess/drawIdentityCopy(_:pages:marks:blackOutPictures:)``).
    public typealias IdentityCopyDrawer = ([Int], [PageMark], Bool) throws(ExtractionError) -> IdentityCopy

    /// Detects, minimises and stores `document`, received through `channel` at `now`, with the
    /// original when the policy keeps it (``prepare(_:channel:original:at:logger:drawIdentityCopy:)``,
    /// then ``commit(_:at:logger:)`` of that one document).
    public func ingest(
        _ document: Document, channel: ChannelRef, original: KeptOriginal? = nil, at now: Date, logger: Logger,
        drawIdentityCopy: IdentityCopyDrawer? = nil
    ) throws(Failure) -> StoreOutcome {
        let request = try prepare(
            document, channel: channel, original: original, at: now, logger: logger, drawIdentityCopy: drawIdentityCopy)
        do {
            // One request, one outcome.
            return try LaneBridge.wait { [self] () async throws(VaultError) -> StoreOutcome in
                try await commit([request], at: now, logger: logger)[0].get()
            }
        } catch {
            throw .vault(error)
        }
    }

    /// What happens to `document` before storage: detection, minimisation for the channel's
    /// purpose, and — for a copy of an identity document — the copy drawn in place of the file.
    /// A file that holds a copy of an identity document is kept only as that copy, drawn by
    /// `drawIdentityCopy` with the BSN and the photo blacked out (unless the purpose keeps them),
    /// and only when the purpose keeps `id_copy`.
    public func prepare(
        _ document: Document, channel: ChannelRef, original: KeptOriginal? = nil, at now: Date, logger: Logger,
        drawIdentityCopy: IdentityCopyDrawer? = nil
    ) throws(Failure) -> StoreRequest {
        guard let purpose = config.purpose(for: channel) else { throw .noPurpose }
        let result = detector.detect(document)
        let record = Minimiser().minimise(result, for: purpose)
        let original =
            result.findings.contains { $0.category == .idCopy }
            ? identityCopy(
                of: document, result: result, purpose: purpose, at: now, logger: logger, draw: drawIdentityCopy)
            : original
        return StoreRequest(
            record: record,
            document: DocumentInfo(
                sha256: document.sha256, channel: channel.configuredName, receivedAt: now, original: original))
    }

    /// Stores prepared documents in one vault transaction (each alone if that fails: see
    /// ``Vault/store(batch:actor:)``), records the new quasi-identifier keys of the candidates
    /// stored, and logs each outcome. One outcome per request, in order.
    public func commit(_ requests: [StoreRequest], at now: Date, logger: Logger) async -> [Result<
        StoreOutcome, VaultError
    >] {
        let outcomes = await vault.store(batch: requests, actor: actor)
        let stored = outcomes.compactMap { outcome -> String? in
            if case .success(.stored(let code, _, _)) = outcome { return code }
            return nil
        }
        if !stored.isEmpty {
            // The documents are committed; a key that cannot be recorded now stays missing, and
            // the next count computes it.
            try? await quasiKeys.refresh(Array(Set(stored)), vault: vault, at: now)
        }
        for (request, outcome) in zip(requests, outcomes) {
            var metadata: Logger.Metadata = [
                "file.sha256": "\(request.document.sha256.prefix(12))",
                "cvsieve.purpose": "\(request.record.purpose.name)",
            ]
            switch outcome {
            case .success(.stored(let code, let isNew, let values)):
                metadata["candidate.code"] = "\(code)"
                logger.info("stored \(values) values (\(isNew ? "new candidate" : "update"))", metadata: metadata)
            case .success(.duplicate(let code)):
                metadata["candidate.code"] = "\(code)"
                logger.info("duplicate content; nothing stored", metadata: metadata)
            case .failure(let error):
                metadata["cvsieve.reason"] = "\(error.kind)"
                logger.error("could not be stored", metadata: metadata)
            }
        }
        return outcomes
    }
}

extension Ingestor {
    /// A file that holds a copy of an identity document is the copy: the file itself is never
    /// kept. Where the purpose keeps `id_copy` (by legal obligation, which pipeline.yml enforces),
    /// the pages holding the document are kept as one picture with the BSN blacked out unless the
    /// purpose keeps `bsn`, and the photo unless it keeps `photo`, until the purpose's deadline for
    /// an applicant (`retention.no_agreement`, 4 weeks when it sets none).
    func identityCopy(
        of document: Document, result: DetectionResult, purpose: Purpose, at now: Date, logger: Logger,
        draw: IdentityCopyDrawer?
    ) -> KeptOriginal? {
        let metadata: Logger.Metadata = [
            "file.sha256": "\(document.sha256.prefix(12))", "cvsieve.purpose": "\(purpose.name)",
        ]
        guard purpose.keeps(.idCopy), purpose.legalBasis == .legalObligation else {
            logger.info(
                "the file holds a copy of an identity document; the purpose does not keep one, nor the file",
                metadata: metadata)
            return nil
        }
        let pages = Array(
            Set(result.findings.filter { $0.category == .idCopy }.compactMap { document.page(atOffset: $0.start) })
        ).sorted().prefix(IdentityCopy.maxPages)
        guard let draw, !pages.isEmpty else {
            logger.warning(
                "the identity document is not on a page that can be drawn (a picture in a DOCX); no copy kept",
                metadata: metadata)
            return nil
        }
        // Each BSN on the drawn pages, as detection reported it and as OCR wrote it (a check
        // digit or the 11-proof may have corrected a letter): blacked out wherever either stands.
        let drawn = Set(pages)
        let scalars = Array(document.plainText.unicodeScalars)
        var marks: [PageMark] = []
        var groups: [Range<Int>] = []
        if !purpose.keeps(.bsn) {
            for finding in result.findings where finding.category == .bsn {
                guard let page = document.page(atOffset: finding.start), drawn.contains(page) else { continue }
                var asWritten = String.UnicodeScalarView()
                asWritten.append(
                    contentsOf: scalars[max(0, finding.start)..<min(scalars.count, max(finding.start, finding.end))])
                let texts = Array(Set([finding.text, String(asWritten)]))
                groups.append(marks.count..<(marks.count + texts.count))
                marks += texts.map { PageMark(text: $0, category: .bsn) }
            }
        }
        // A Dutch passport, identity card or driving licence carries the BSN: with none found
        // (a digit misread, so the 11-proof failed), it may still be readable on the copy.
        let dutchWithBSN = result.findings.contains {
            $0.category == .idCopy && ["passport NLD", "id_card NLD", "driving_licence NLD"].contains($0.text)
        }
        if !purpose.keeps(.bsn) && dutchWithBSN && groups.isEmpty {
            logger.warning("no BSN was found on a Dutch identity document; no copy kept", metadata: metadata)
            return nil
        }
        do {
            let copy = try draw(Array(pages), marks, !purpose.keeps(.photo))
            // Every BSN located on the page: no copy is safer than one with a number readable.
            guard groups.allSatisfy({ group in group.contains { copy.counts[$0] > 0 } }) else {
                logger.warning("a BSN could not be located on the identity document; no copy kept", metadata: metadata)
                return nil
            }
            guard purpose.keeps(.photo) || copy.pictures == pages.count else {
                logger.warning(
                    "the photo could not be located on the identity document; no copy kept", metadata: metadata)
                return nil
            }
            let until = (purpose.retention.noAgreement ?? TimeSpan(amount: 4, unit: .weeks)).after(now)
            return KeptOriginal(bytes: Data(copy.png), retainUntil: until)
        } catch {
            logger.warning("the identity document could not be drawn (\(error.kind)); no copy kept", metadata: metadata)
            return nil
        }
    }
}

extension Document {
    /// The page of the block holding `offset` in ``plainText`` (in scalars), if it has one.
    func page(atOffset offset: Int) -> Int? {
        var start = 0
        for block in blocks {
            let end = start + block.text.unicodeScalars.count
            if offset >= start && offset <= end { return block.page }
            start = end + 1
        }
        return nil
    }
}

extension PipelineConfig {
    /// The vault `vault:` names (SQLite under `data` by default, or PostgreSQL), with its master
    /// key, applying Minimisation's retention rules.
    public func openVault() throws(VaultError) -> any Vault { try openSQLVault() }

    /// ``openVault()`` as the concrete type (benchmarks, tests, the vault's own maintenance).
    public func openSQLVault() throws(VaultError) -> SQLVault {
        switch vault.backend {
        case .sqlite:
            return try SQLVault(path: vaultPath, keyPath: keyPath, retention: RetentionCalculator.retainUntil)
        case .postgres:
            return try SQLVault(
                postgres: try vault.postgres(), keyPath: keyPath, anchorPath: anchorPath,
                retention: RetentionCalculator.retainUntil)
        }
    }

    /// The purpose of files dropped in `channel`: a configured channel's, or the default purpose
    /// for the inbox itself; an unconfigured folder has none.
    public func purpose(for channel: ChannelRef) -> Purpose? {
        switch channel {
        case .root: defaultPurpose.flatMap { purposes[$0] }
        case .configured(let name): channels[name].flatMap { purposes[$0] }
        case .unconfigured: nil
        }
    }

    /// A purpose by name, or a usage error.
    public func purpose(named name: String) throws(VaultError) -> Purpose {
        guard let purpose = purposes[name] else { throw .unknownPurpose(name) }
        return purpose
    }
}
