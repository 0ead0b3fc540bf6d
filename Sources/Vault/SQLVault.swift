public import CVModel
public import Foundation

/// The vault: candidates, their minimal values (sealed), consents, disclosures, requests and the
/// audit log, in SQL. One implementation over two backends: SQLite (one file, the embedded
/// default) and PostgreSQL (one server shared by several processes on several machines). Its
/// logic, in the extensions beside this file, is written once against ``SQLSession``.
///
/// Every processed file is stored in one transaction: either all of it is there or none.
/// Plaintext personal values never reach the database: they are sealed in this process before
/// the insert, under keys wrapped by the master key, which never leaves this process either.
public final class SQLVault: Sendable {
    let engine: any SQLEngine
    let keys: KeyStore
    /// The audit anchor: the chain's head (record count and MAC) kept outside the database, so a
    /// truncated or rewritten chain is caught even by someone who holds the database alone.
    let anchor: AuditAnchor
    /// The retention rule (Minimisation's, handed in by Pipeline).
    let retention: RetentionPolicy

    /// Where the data is, for messages: the SQLite file, or the PostgreSQL server and database
    /// (never a password).
    public var path: String { engine.location }

    /// Which backend holds the data.
    public var backend: VaultBackend { engine.backend }

    /// Opens (and migrates) the SQLite vault at `path`, with the master key at `keyPath` or in
    /// the environment; the audit anchor lives beside the database.
    public convenience init(path: String, keyPath: String, retention: @escaping RetentionPolicy) throws(VaultError) {
        let folder = (path as NSString).deletingLastPathComponent
        try Self.refuseNewKey(forExisting: FileManager.default.fileExists(atPath: path), keyPath: keyPath)
        try Self.makeDataFolder(folder)
        let keys = try KeyStore.load(path: keyPath)
        let engine = try SQLiteEngine(path: path, keys: keys)
        try self.init(
            engine: engine, keys: keys, keyPath: keyPath,
            anchorPath: (folder as NSString).appendingPathComponent("audit.anchor"),
            startsAnchor: engine.startsAnchor, retention: retention)
    }

    /// Opens (and migrates) the vault in a PostgreSQL database, with the master key at `keyPath`
    /// or in the environment (never in the database). The audit anchor is the file at
    /// `anchorPath`: on a path every machine sharing the database can reach, so every machine
    /// checks one chain.
    public convenience init(
        postgres settings: PostgresSettings, keyPath: String, anchorPath: String,
        retention: @escaping RetentionPolicy
    ) throws(VaultError) {
        let engine = try PostgresEngine(settings: settings)
        try Self.refuseNewKey(forExisting: engine.existedBefore, keyPath: keyPath)
        try Self.makeDataFolder((keyPath as NSString).deletingLastPathComponent)
        try Self.makeDataFolder((anchorPath as NSString).deletingLastPathComponent)
        let keys = try KeyStore.load(path: keyPath)
        try self.init(
            engine: engine, keys: keys, keyPath: keyPath, anchorPath: anchorPath, startsAnchor: engine.createdSchema,
            retention: retention)
    }

    init(
        engine: any SQLEngine, keys: KeyStore, keyPath: String, anchorPath: String, startsAnchor: Bool,
        retention: @escaping RetentionPolicy
    ) throws(VaultError) {
        self.engine = engine
        self.keys = keys
        self.retention = retention
        anchor = AuditAnchor(path: anchorPath)
        try checkKey(keyPath: keyPath)
        var startsAnchor = startsAnchor
        if !startsAnchor && !FileManager.default.fileExists(atPath: anchorPath) {
            // Also when a process stopped between making the vault and starting its anchor (a kill
            // in that moment left every later write unanchored and `audit verify` failing for
            // good): with nothing audited yet, starting the anchor now hides nothing.
            startsAnchor = try isAuditEmpty()
        }
        if startsAnchor { try advanceAnchor(create: true) }
    }

    private func isAuditEmpty() throws(VaultError) -> Bool {
        try read("reading the audit head") { db in try AuditLog.head(db) == nil }
    }

    /// Refuses a master key other than the one the vault's data was sealed under: the first
    /// process to open the vault records an HMAC of a fixed text under its key, and every later
    /// one (another machine, a restored backup, a mistyped `CVSIEVE_MASTER_KEY`) must match it,
    /// before it seals anything under a key nobody else can open.
    private func checkKey(keyPath: String) throws(VaultError) {
        let check = keys.check
        let recorded = try engine.write("checking the master key") { db in
            try db.execute(
                sql: "INSERT INTO vault_meta (name, value) VALUES ('key_check', ?) ON CONFLICT (name) DO NOTHING",
                arguments: [check])
            return try db.fetchScalar(String.self, sql: "SELECT value FROM vault_meta WHERE name = 'key_check'")
        }
        guard recorded == check else {
            if FileManager.default.fileExists(atPath: keyPath + ".new") {
                throw .keyFile(
                    path: keyPath,
                    reason: "does not open this vault, and \(keyPath).new is there: a key rotation stopped before "
                        + "replacing the key file; move \(keyPath).new over it")
            }
            throw .wrongKey(path: keyPath)
        }
    }

    /// A new key for an existing vault would seal new values under a key that cannot open the
    /// old ones: refuse, so the operator restores the key instead.
    static func refuseNewKey(forExisting vaultExists: Bool, keyPath: String) throws(VaultError) {
        let hasEnvironmentKey = ProcessInfo.processInfo.environment["CVSIEVE_MASTER_KEY"] != nil
        if !hasEnvironmentKey, vaultExists, !FileManager.default.fileExists(atPath: keyPath) {
            throw .keyFile(
                path: keyPath,
                reason: "the vault exists but its master key is missing; restore the key file from backup "
                    + "(or set CVSIEVE_MASTER_KEY); no new key was made")
        }
    }

    static func makeDataFolder(_ folder: String) throws(VaultError) {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFile(path: folder, reason: "cannot create the data folder")
        }
        chmod(folder, 0o700)
    }

    /// Runs `body` in one write transaction, then moves the audit anchor to the chain's head as
    /// that transaction left it, when it appended to the chain.
    ///
    /// Each write first checks the master key against the vault's check value: a process started
    /// before a key rotation holds the old key and must not seal anything under it. On PostgreSQL
    /// the check is sent ahead of the body without waiting, and its answer is looked at before
    /// the commit: a mismatch rolls the body back (no round trip of its own).
    func write<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        let check = keys.check
        let (result, head) = try engine.write(operation) { db in
            // FOR SHARE (PostgreSQL): a rotation, which updates this row first, waits for writes
            // already past this check, and writes after it wait for the rotation and see its key.
            let recorded = try db.fetchLater(
                sql: "SELECT value FROM vault_meta WHERE name = 'key_check'"
                    + (db.dialect == .postgres ? " FOR SHARE" : ""), arguments: [])
            func verify() throws {
                let value = try recorded().first.flatMap { $0[0] as String? }
                guard value == nil || value == check else {
                    throw VaultError.keyFile(
                        path: "master key",
                        reason: "the vault was put under another master key since this process started; restart "
                            + "it with the new key (nothing was written)")
                }
            }
            let result: T
            do {
                result = try body(db)
            } catch VaultError.wrongKey(let path) {
                // A data key the old master key cannot open: the rotation is the cause to name.
                // (The key check's answer came before the one that failed.)
                try verify()
                throw VaultError.wrongKey(path: path)
            }
            try verify()
            return (result, db.appendedHead)
        }
        if let head { try anchor.advance(to: head) }
        return result
    }

    func read<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        try engine.read(operation, body)
    }

    /// Drops the schema `settings` names, with every table in it: for throwaway vaults (a
    /// benchmark's, a test's); refused without a schema or for `public`.
    public static func dropPostgresSchema(_ settings: PostgresSettings) throws(VaultError) {
        guard let schema = settings.schema, schema != "public" else {
            throw .settings("only a named throwaway schema can be dropped")
        }
        try PostgresEngine.dropSchema(schema, settings: settings)
    }

    /// SQLite: writes the WAL back into the database and truncates it, so erased pages leave the
    /// WAL too. PostgreSQL: nothing (erased values were sealed under keys that are gone).
    public func checkpoint() throws(VaultError) { try engine.checkpoint() }
}

/// Which database a vault lives in.
public enum VaultBackend: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

/// A database the vault's SQL runs on: its transactions, its reads, its errors reduced to
/// ``VaultError`` without an argument in them.
protocol SQLEngine: Sendable {
    var backend: VaultBackend { get }
    var location: String { get }
    /// The folder beside the database (SQLite), swept for the first format's original files.
    var dataFolder: String? { get }
    func write<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T
    func read<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T
    func checkpoint() throws(VaultError)
}
