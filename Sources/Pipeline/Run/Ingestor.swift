public import CVModel
public import Detection
public import Extraction
public import Foundation
public import Logging
public import Minimisation
public import Vault

/// One document through the stages after extraction: detection, minimisation for the channel's
/// purpose, and storage in one vault transaction.
public struct Ingestor: Sendable {
    public let config: PipelineConfig
    public let vault: SQLiteVault
    public let detector: Detector
    public let actor: String

    public init(config: PipelineConfig, vault: SQLiteVault, actor: String) {
        self.config = config
        self.vault = vault
        self.detector = Detector()
        self.actor = actor
    }

    /// Why a document could not be stored.
    public enum Failure: ReportableError {
        case noPurpose(file: String, channel: String?)
        case vault(file: String, VaultError)

        public var exitCode: Int32 { 1 }
        public var kind: String {
            switch self {
            case .noPurpose: "no_purpose"
            case .vault: "vault"
            }
        }
        public var description: String {
            switch self {
            case .noPurpose(let file, let channel):
                let place = channel.map { "channel folder '\($0)'" } ?? "the inbox itself"
                return
                    "\(file): \(place) has no purpose in pipeline.yml (add it under channels: or set default_purpose)"
            case .vault(let file, let error): return "\(file): \(error.description)"
            }
        }
    }

    /// Detects, minimises and stores `document`, received through `channel` at `now`.
    public func ingest(_ document: Document, channel: String?, at now: Date, logger: Logger) throws(Failure)
        -> StoreOutcome
    {
        guard let purpose = config.purpose(forChannel: channel) else {
            throw .noPurpose(file: document.fileName, channel: channel)
        }
        let result = detector.detect(document)
        let record = Minimiser().minimise(result, for: purpose)
        do {
            let outcome = try vault.store(
                record, document: DocumentInfo(sha256: document.sha256, channel: channel, receivedAt: now), actor: actor
            )
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
            throw .vault(file: document.fileName, error)
        }
    }
}

extension PipelineConfig {
    /// The vault under `data`, with its master key.
    public func openVault() throws(VaultError) -> SQLiteVault {
        try SQLiteVault(path: vaultPath, keyPath: keyPath)
    }

    /// A purpose by name, or a usage error.
    public func purpose(named name: String) throws(VaultError) -> Purpose {
        guard let purpose = purposes[name] else { throw .unknownPurpose(name) }
        return purpose
    }
}
