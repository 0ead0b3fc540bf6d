public import Intake

/// `retry`: puts quarantined files back into the inbox folder they came from. Needs no vault, so
/// it works while the vault cannot be opened (a full disk).
public struct Retry: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// Retries `ids` (every quarantined file with `nil`); the ids that could not be moved come
    /// back with their errors.
    public func run(_ ids: [String]?) -> (moved: Int, failed: [IntakeError]) {
        let inbox = config.makeInbox()
        var moved = 0
        var failed: [IntakeError] = []
        for id in ids ?? inbox.quarantined().entries.map(\.id) {
            do throws(IntakeError) {
                try inbox.retry(id)
                moved += 1
            } catch {
                failed.append(error)
            }
        }
        return (moved, failed)
    }
}
