import CVModel

/// `intake:` — how the daemon decides a file is ready and how often it rescans.
public struct IntakeSettings: Sendable, Hashable {
    static let keys: Set<String> = ["rescan", "stable_for", "settle", "queue", "lease"]

    /// Seconds between full rescans of the inbox (missed events, queue overflow, network shares).
    public var rescanSeconds: Double = 10
    /// Seconds a file's size and modification time must stay unchanged when no close event was seen.
    public var stableForSeconds: Double = 2
    /// Seconds a file must stay unchanged after its close event.
    public var settleSeconds: Double = 0.3
    /// Claimed files waiting for a worker at most: beyond this, files stay in the inbox (back-pressure).
    public var queueCapacity: Int = 8
    /// With a PostgreSQL vault: how long a process's claim on its files lasts without renewal
    /// (renewed every third of it); another process takes a dead one's files over after it.
    public var leaseSeconds: Double = 60

    public init() {}

    static func parse(_ section: ConfigReader.Mapping, reader: ConfigReader) -> IntakeSettings {
        var settings = IntakeSettings()
        if let value = reader.duration(section["rescan"], path: "intake.rescan") {
            settings.rescanSeconds = max(0.2, value.seconds)
        }
        if let value = reader.duration(section["stable_for"], path: "intake.stable_for") {
            settings.stableForSeconds = value.seconds
        }
        if let value = reader.duration(section["settle"], path: "intake.settle") {
            settings.settleSeconds = value.seconds
        }
        if let value = reader.integer(section["queue"], path: "intake.queue", range: 1...10_000) {
            settings.queueCapacity = value
        }
        if let value = reader.duration(section["lease"], path: "intake.lease") {
            if value.seconds < 1 || value.seconds > 86_400 {
                reader.error("intake.lease must be between 1s and 24h", at: section["lease"])
            } else {
                settings.leaseSeconds = value.seconds
            }
        }
        return settings
    }
}
