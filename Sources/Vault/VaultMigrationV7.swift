import GRDB

/// The seventh vault format: intake leases (``SQLVault/renewLease(worker:seconds:at:)``), the
/// table several intake processes sharing one vault say they are alive in; and `vault_meta`,
/// which holds the master key's check value (a process with another key is refused).
struct VaultMigrationV7 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: "CREATE TABLE intake_lease (worker TEXT PRIMARY KEY, lease_until DATETIME NOT NULL)")
        try db.execute(sql: "CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    }
}
