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

    /// Detects, minimises and stores `document`, received through `channel` at `now`, with the
    /// original when the policy keeps it.
    public func ingest(
        _ document: Document, channel: ChannelRef, original: KeptOriginal? = nil, at now: Date, logger: Logger
    ) throws(Failure) -> StoreOutcome {
        guard let purpose = config.purpose(for: channel) else { throw .noPurpose }
        let result = detector.detect(document)
        let record = Minimiser().minimise(result, for: purpose)
        // A file that holds a copy of an identity document is the copy: it is kept as an original
        // only where the purpose may keep the copy itself (id_copy, by legal obligation).
        let holdsIdentityDocument = result.findings.contains { $0.category == .idCopy }
        let mayKeepCopy = purpose.keeps(.idCopy) && purpose.legalBasis == .legalObligation
        let original = holdsIdentityDocument && !mayKeepCopy ? nil : original
        if holdsIdentityDocument && !mayKeepCopy {
            logger.info(
                "the file holds a copy of an identity document: the copy and the original are not kept",
                metadata: ["file.sha256": "\(document.sha256.prefix(12))", "cvsieve.purpose": "\(purpose.name)"])
        }
        do {
            let info = DocumentInfo(
                sha256: document.sha256, channel: channel.configuredName, receivedAt: now, original: original)
            let outcome = try LaneBridge.wait { [vault, actor, quasiKeys] () async throws(VaultError) in
                let outcome = try await vault.store(record, document: info, actor: actor)
                if case .stored(let code, _, _) = outcome {
                    // The document is committed; a key that cannot be recorded now stays missing,
                    // and the next count computes it.
                    try? await quasiKeys.refresh([code], vault: vault, at: now)
                }
                return outcome
            }
            var metadata: Logger.Metadata = [
                "file.sha256": "\(document.sha256.prefix(12))", "cvsieve.purpose": "\(purpose.name)",
            ]
            switch outcome {
            case .stored(let code, let isNew, let values):
                metadata["candidate.code"] = "\(code)"
                logger.info("stored \(values) values (\(isNew ? "new candidate" : "update"))", metadata: metadata)
            case .duplicate(let code):
                metadata["candidate.code"] = "\(code)"
                logger.info("duplicate content; nothing stored", metadata: metadata)
            }
            return outcome
        } catch {
            throw .vault(error)
        }
    }
}

extension PipelineConfig {
    /// The vault under `data`, with its master key, applying Minimisation's retention rules.
    public func openVault() throws(VaultError) -> any Vault {
        try SQLiteVault(path: vaultPath, keyPath: keyPath, retention: RetentionCalculator.retainUntil)
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
