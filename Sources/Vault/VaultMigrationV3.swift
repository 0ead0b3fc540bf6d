import GRDB

/// The third vault format: the web app's accounts, sessions and failed log-ins, kept in the vault
/// so that several `serve` processes behind one proxy share them and a restart signs nobody out.
/// A session row holds a hash of its token, never the token; a failed log-in a keyed hash of the
/// name that was typed.
struct VaultMigrationV3 {
    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    is_disabled BOOLEAN NOT NULL DEFAULT 0,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL
                );
                CREATE INDEX session_account ON session(account_id);
                CREATE TABLE login_failure (
                    key_hash TEXT NOT NULL,
                    at DATETIME NOT NULL
                );
                CREATE INDEX login_failure_key ON login_failure(key_hash, at);
                """)
    }
}
