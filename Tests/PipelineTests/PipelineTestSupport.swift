import Minimisation
import Pipeline
import Vault

/// The configuration's vault as its concrete SQLite type, so tests can call it synchronously.
func openTestVault(_ config: PipelineConfig) throws -> SQLVault {
    try SQLVault(path: config.vaultPath, keyPath: config.keyPath, retention: RetentionCalculator.retainUntil)
}
