import GRDB

/// The sixth vault format: an index on the `code` of every table that references a candidate and
/// had none. Deleting a candidate (erasure, or a purge that leaves nothing) makes SQLite look up
/// its rows in each child table of `ON DELETE CASCADE`; without an index that is a scan of the
/// whole table per candidate, so a nightly purge of 1,000 expired candidates grew with the vault
/// (0.95 s at 1,000 candidates, 3.8 s at 10,000: `cvsieve bench-vault`). `identity` (two e-mail
/// and phone hashes a candidate) and `original` lacked one; `request` is looked up by code too.
struct VaultMigrationV6 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX identity_code ON identity(code);
                CREATE INDEX original_code ON original(code);
                CREATE INDEX request_code ON request(code);
                """)
    }
}
