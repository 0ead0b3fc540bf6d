import GRDB

/// The fifth vault format: candidates' approvals of client profiles. A row holds a keyed hash of
/// the one-time code the candidate received, never the code.
struct VaultMigrationV5 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE approval (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                    profile_sha256 TEXT NOT NULL,
                    secret_hash TEXT NOT NULL UNIQUE,
                    requested_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL,
                    answered_at DATETIME,
                    is_approved BOOLEAN,
                    answered_by TEXT
                );
                CREATE INDEX approval_code ON approval(code, profile_sha256);
                """)
    }
}
