public import CVModel
import Crypto
public import Foundation
import GRDB
import Glibc

/// The vault: candidates, their minimal values (sealed), consents, disclosures, requests and the
/// audit log, in one SQLite file through GRDB (WAL, versioned migrations, `secure_delete`).
///
/// Every processed file is stored in one transaction: either all of it is there or none.
/// Plaintext personal values never reach the database file: they are sealed before the insert.
public final class SQLiteVault: Sendable {
    let pool: DatabasePool
    let keys: KeyStore
    public let path: String
    /// The audit anchor: the chain's head (record count and MAC) kept outside the database, so a
    /// truncated or rewritten chain is caught even by someone who holds the database file alone.
    let anchor: AuditAnchor
    /// The retention rule (Minimisation's, handed in by Pipeline).
    let retention: RetentionPolicy

    /// Opens (and migrates) the vault at `path`, with the master key at `keyPath` or in the environment.
    ///
    /// The data folder is made 0700 and the database files 0600 whatever the umask: the vault,
    /// its WAL and shared-memory file hold sealed personal data and must not be world-readable.
    public init(path: String, keyPath: String, retention: @escaping RetentionPolicy) throws(VaultError) {
        self.path = path
        self.retention = retention
        let folder = (path as NSString).deletingLastPathComponent
        anchor = AuditAnchor(path: (folder as NSString).appendingPathComponent("audit.anchor"))
        // A new key for an existing vault would seal new values under a key that cannot open the
        // old ones: refuse, so the operator restores the key instead.
        let hasEnvironmentKey = ProcessInfo.processInfo.environment["CVSIEVE_MASTER_KEY"] != nil
        if !hasEnvironmentKey, FileManager.default.fileExists(atPath: path),
            !FileManager.default.fileExists(atPath: keyPath)
        {
            throw .keyFile(
                path: keyPath,
                reason: "the vault exists but its master key is missing; restore the key file from backup "
                    + "(or set CVSIEVE_MASTER_KEY); no new key was made")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFile(path: folder, reason: "cannot create the data folder")
        }
        chmod(folder, 0o700)
        keys = try KeyStore.load(path: keyPath)
        var configuration = Configuration()
        // Other processes (an operator command beside the daemon) wait for the lock instead of failing.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // Deleted rows are overwritten with zeros, so erased ciphertexts do not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let migrator = Self.migrator(keys: keys)
        let startsAnchor: Bool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
            // The anchor starts with the database, or with the migration that keyed the chain.
            startsAnchor = try pool.read { db in try !migrator.appliedIdentifiers(db).contains("v2") }
            try migrator.migrate(pool)
        } catch {
            throw Self.reduce(error, path: path, operation: "opening the vault")
        }
        if startsAnchor { try advanceAnchor(create: true) }
    }

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

    /// Runs `body` in one write transaction, then moves the audit anchor to the chain's head as
    /// that transaction left it (read inside it: no second transaction per write).
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(VaultError) -> T {
        let result: T
        let head: AuditAnchor.Head?
        do {
            (result, head) = try pool.write { db in (try body(db), try AuditLog.head(db)) }
        } catch {
            throw Self.reduce(error, path: path, operation: operation)
        }
        if let head { try anchor.advance(to: head) }
        return result
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(VaultError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.reduce(error, path: path, operation: operation)
        }
    }

    /// Writes the WAL back into the database and truncates it, so erased pages leave the WAL too.
    public func checkpoint() throws(VaultError) {
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
        return migrator
    }
}
