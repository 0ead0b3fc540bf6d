import Foundation
import GRDB
import Glibc

/// The embedded backend: one SQLite file through GRDB (WAL, versioned migrations,
/// `secure_delete`), with the audit anchor and the legacy `originals/` folder beside it.
final class SQLiteEngine: SQLEngine {
    var backend: VaultBackend { .sqlite }
    let pool: DatabasePool
    let path: String

    var location: String { path }
    var dataFolder: String? { (path as NSString).deletingLastPathComponent }

    /// Opens (and migrates) the database at `path`; `startsAnchor` when this made the database or
    /// ran the migration that keyed the audit chain (the anchor starts then).
    ///
    /// The data folder is made 0700 and the database files 0600 whatever the umask: the vault,
    /// its WAL and shared-memory file hold sealed personal data and must not be world-readable.
    init(path: String, keys: KeyStore) throws(VaultError) {
        self.path = path
        var configuration = Configuration()
        // Other processes (an operator command beside the daemon) wait for the lock instead of failing.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // Deleted rows are overwritten with zeros, so erased ciphertexts do not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let migrator = Self.migrator(keys: keys)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
            // The anchor starts with the database, or with the migration that keyed the chain.
            startsAnchor = try pool.read { db in try !migrator.appliedIdentifiers(db).contains("v2") }
            try migrator.migrate(pool)
        } catch {
            throw Self.reduce(error, path: path, operation: "opening the vault")
        }
    }

    let startsAnchor: Bool

    /// GRDB's errors can print SQL arguments (ciphertexts, codes); keep the result code only.
    static func reduce(_ error: any Error, path: String, operation: String) -> VaultError {
        if let vaultError = error as? VaultError { return vaultError }
        if let databaseError = error as? DatabaseError {
            switch databaseError.resultCode {
            case .SQLITE_FULL: return .diskFull(path: path, operation: operation)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, operation: operation)
            default: break
            }
            if databaseError.resultCode == .SQLITE_IOERR || databaseError.resultCode == .SQLITE_CANTOPEN,
                errno == ENOSPC
            {
                return .diskFull(path: path, operation: operation)
            }
            return .database(path: path, operation: operation, resultCode: databaseError.resultCode.rawValue)
        }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace {
            return .diskFull(path: path, operation: operation)
        }
        return .database(path: path, operation: operation, resultCode: -1)
    }

    func write<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        do {
            return try pool.write { db in try body(SQLiteSession(db)) }
        } catch {
            throw Self.reduce(error, path: path, operation: operation)
        }
    }

    func read<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        do {
            return try pool.read { db in try body(SQLiteSession(db)) }
        } catch {
            throw Self.reduce(error, path: path, operation: operation)
        }
    }

    /// Writes the WAL back into the database and truncates it, so erased pages leave the WAL too.
    func checkpoint() throws(VaultError) {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw Self.reduce(error, path: path, operation: "checkpoint")
        }
    }

    // MARK: - Schema

    /// The schema's migrations. `v2` needs the keys: it re-seals every value padded, re-hashes
    /// values per candidate, seals client names, moves kept originals into the database under
    /// their candidate's key, drops document rows of erased candidates and keys the audit chain.
    static func migrator(keys: KeyStore) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE candidate (
                        code TEXT PRIMARY KEY,
                        wrapped_key BLOB NOT NULL,
                        created_at DATETIME NOT NULL,
                        collected_at DATETIME NOT NULL,
                        last_contact_at DATETIME NOT NULL,
                        agreement_start DATETIME,
                        agreement_end DATETIME,
                        is_restricted BOOLEAN NOT NULL DEFAULT 0,
                        has_objected BOOLEAN NOT NULL DEFAULT 0,
                        hold_reason TEXT,
                        hold_placed_at DATETIME
                    );
                    CREATE TABLE identity (
                        hash TEXT PRIMARY KEY,
                        code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE
                    );
                    CREATE TABLE value (
                        id INTEGER PRIMARY KEY,
                        code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                        category TEXT NOT NULL,
                        sealed BLOB NOT NULL,
                        value_hash TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        legal_basis TEXT NOT NULL,
                        source_document TEXT NOT NULL,
                        collected_at DATETIME NOT NULL,
                        retain_until DATETIME,
                        UNIQUE (code, purpose, value_hash)
                    );
                    CREATE INDEX value_retain ON value(retain_until);
                    CREATE TABLE career (
                        code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                        purpose TEXT NOT NULL,
                        sealed BLOB NOT NULL,
                        collected_at DATETIME NOT NULL,
                        retain_until DATETIME,
                        PRIMARY KEY (code, purpose)
                    );
                    CREATE TABLE document (
                        sha256 TEXT PRIMARY KEY,
                        code TEXT,
                        channel TEXT,
                        purpose TEXT NOT NULL,
                        received_at DATETIME NOT NULL,
                        original_path TEXT,
                        original_retain_until DATETIME
                    );
                    CREATE TABLE consent (
                        code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                        purpose TEXT NOT NULL,
                        granted_at DATETIME NOT NULL,
                        withdrawn_at DATETIME,
                        PRIMARY KEY (code, purpose)
                    );
                    CREATE TABLE disclosure (
                        id INTEGER PRIMARY KEY,
                        code TEXT NOT NULL,
                        client TEXT NOT NULL,
                        disclosed_at DATETIME NOT NULL,
                        purpose TEXT NOT NULL,
                        fields TEXT NOT NULL,
                        format TEXT NOT NULL,
                        profile_sha256 TEXT NOT NULL
                    );
                    CREATE TABLE request (
                        id INTEGER PRIMARY KEY,
                        code TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        received_at DATETIME NOT NULL,
                        due_at DATETIME NOT NULL,
                        extended_until DATETIME,
                        extension_reason TEXT,
                        completed_at DATETIME
                    );
                    CREATE TABLE audit (
                        seq INTEGER PRIMARY KEY,
                        at DATETIME NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        code TEXT,
                        purpose TEXT,
                        detail TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        migrator.registerMigration("v2") { db in try VaultMigrationV2(keys: keys).migrate(db) }
        migrator.registerMigration("v3") { db in try VaultMigrationV3().migrate(db) }
        migrator.registerMigration("v4") { db in try VaultMigrationV4().migrate(db) }
        migrator.registerMigration("v5") { db in try VaultMigrationV5().migrate(db) }
        migrator.registerMigration("v6") { db in try VaultMigrationV6().migrate(db) }
        migrator.registerMigration("v7") { db in try VaultMigrationV7().migrate(db) }
        return migrator
    }
}
