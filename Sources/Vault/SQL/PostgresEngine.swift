import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// The shared backend: one PostgreSQL database (or one schema in it) used by every cvsieve
/// process of the agency, on any machine. Statements run on a small pool of connections; each
/// vault transaction holds one connection from `BEGIN` to `COMMIT`.
///
/// Writes run at READ COMMITTED with advisory locks where the vault needs order (the audit
/// chain, identities, purges: ``SQLLock``); reads run in one REPEATABLE READ snapshot, so a
/// listing or an audit verification sees one state however many statements it takes. A
/// deadlock or serialisation failure re-runs the transaction (its body is pure SQL and sealing).
final class PostgresEngine: SQLEngine, @unchecked Sendable {
    let settings: PostgresSettings
    let logger: Logger
    private let pool: ConnectionPool

    var backend: VaultBackend { .postgres }
    var location: String { settings.description }
    var dataFolder: String? { nil }

    /// Whether this process created the vault's tables (the audit anchor starts then).
    private(set) var createdSchema = false
    /// Whether the vault's tables existed before this process connected.
    private(set) var existedBefore = false

    /// Mixed into every advisory lock's key: vaults in different schemas of one database do not
    /// wait for each other's chain, purge or schema locks.
    let lockSpace: Int64

    init(settings: PostgresSettings, migrating: Bool = true) throws(VaultError) {
        // The schema's name goes into CREATE SCHEMA and search_path: checked here too, whoever
        // made the settings.
        if let schema = settings.schema, schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) == nil
        {
            throw .settings("schema must be a lower-case SQL name (letters, digits, _)")
        }
        self.settings = settings
        lockSpace = SQLLock.identity("schema:" + (settings.schema ?? "")).key
        var logger = Logger(label: "cvsieve.vault.postgres")
        // postgres-nio logs statements at debug and trace; nothing below warning leaves it.
        logger.logLevel = .warning
        self.logger = logger
        let configuration = try Self.configuration(settings)
        pool = ConnectionPool(size: settings.maxConnections) { id in
            try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        }
        if migrating { (existedBefore, createdSchema) = try PostgresSchema.migrate(self) }
    }

    static func dropSchema(_ schema: String, settings: PostgresSettings) throws(VaultError) {
        var unscoped = settings
        unscoped.schema = nil
        let engine = try PostgresEngine(settings: unscoped, migrating: false)
        // The name was checked against ^[a-z_][a-z0-9_]*$ when the settings were read.
        try engine.write("dropping a throwaway schema") { db in
            try db.execute(sql: "DROP SCHEMA IF EXISTS \(schema) CASCADE")
        }
    }

    deinit { pool.closeAll() }

    static func configuration(_ settings: PostgresSettings) throws(VaultError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch settings.tls {
        case .disable: tls = .disable
        case .require, .verifyCA, .verifyFull:
            var client = TLSConfiguration.makeClientConfiguration()
            switch settings.tls {
            case .require: client.certificateVerification = .none
            case .verifyCA: client.certificateVerification = .noHostnameVerification
            default: client.certificateVerification = .fullVerification
            }
            if let file = settings.rootCertificate { client.trustRoots = .file(file) }
            do {
                tls = .require(try NIOSSLContext(configuration: client))
            } catch {
                throw .settings("TLS cannot be set up (is sslrootcert a readable PEM certificate?)")
            }
        }
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        // A client that vanished mid-transaction (a machine cut off) must not hold the chain's
        // lock for hours: the server ends a session idle inside a transaction after a minute
        // (cvsieve's transactions never pause between statements), and probes idle sockets.
        configuration.options.additionalStartupParameters = [
            ("idle_in_transaction_session_timeout", "60000"), ("tcp_keepalives_idle", "30"),
            ("tcp_keepalives_interval", "10"), ("tcp_keepalives_count", "3"),
            // Several reads answered as one statement come back as JSON, whose bytea is hex here.
            ("bytea_output", "hex"),
        ]
        if let schema = settings.schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        return configuration
    }

    func write<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        try transaction(operation, begin: "BEGIN", waitsForCommit: true, body)
    }

    func read<T>(_ operation: String, _ body: (any SQLSession) throws -> T) throws(VaultError) -> T {
        try transaction(
            operation, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", waitsForCommit: false, body)
    }

    /// Nothing to do: erased values were sealed under keys that are gone; autovacuum reclaims
    /// the rows' space.
    func checkpoint() throws(VaultError) {}

    /// Runs `body` between `begin` and COMMIT on one pooled connection; rolls back on any error
    /// and runs it again (up to three times) after a deadlock or a serialisation failure.
    ///
    /// `begin` is sent without waiting for its answer (the connection runs statements in order,
    /// and a failed BEGIN fails the statement after it), and so is a read's COMMIT, which has
    /// nothing to make durable: a one-statement read costs one round trip, not three.
    func transaction<T>(
        _ operation: String, begin: String, waitsForCommit: Bool, _ body: (any SQLSession) throws -> T
    ) throws(VaultError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try pool.withConnection { connection in
                    let session = PostgresSession(connection: connection, logger: logger, lockSpace: lockSpace)
                    let began = connection.send(PostgresQuery(unsafeSQL: begin), logger: logger)
                    do {
                        let result = try body(session)
                        // BEGIN's answer came before the body's (the connection answers in
                        // order): waiting for it costs nothing and proves the body ran inside it.
                        _ = try began.wait()
                        if waitsForCommit {
                            try session.execute(sql: "COMMIT")
                            // A transaction that a statement sent without waiting failed in
                            // answers COMMIT with ROLLBACK, not an error: its failure is the error.
                            try session.throwIfSentFailed()
                        } else {
                            _ = connection.send(PostgresQuery(unsafeSQL: "COMMIT"), logger: logger)
                        }
                        return result
                    } catch {
                        // A prepared statement the server can no longer run as prepared (its
                        // table changed shape under a migration, or something dropped it): this
                        // connection goes, with every statement it prepared, and so do the idle
                        // ones (theirs are as old), and the transaction runs again on a new one.
                        if Self.isStalePrepared(error) {
                            connection.close()
                            pool.discardIdle()
                            throw StalePreparedStatement(underlying: error)
                        }
                        if !connection.isClosed {
                            do {
                                try session.execute(sql: "ROLLBACK")
                            } catch {
                                // A connection that cannot roll back is not handed out again.
                                connection.close()
                            }
                        }
                        throw error
                    }
                }
            } catch {
                if error is StalePreparedStatement, attempt < 3 { continue }
                let reduced = reduce((error as? StalePreparedStatement)?.underlying ?? error, operation: operation)
                if case .server(_, _, let state) = reduced, ["40001", "40P01"].contains(state), attempt < 3 {
                    continue
                }
                throw reduced
            }
        }
    }

    /// A prepared statement failed because it is stale: "cached plan must not change result
    /// type" (SQLSTATE 0A000 from the plan cache's revalidation: a prepared `SELECT *` whose table
    /// gained a column) or "prepared statement does not exist" (26000: a pooler or `DEALLOCATE`
    /// dropped it). Only errors of prepared statements count (postgres-nio reports those as
    /// `PostgresError`), and for 0A000 only the plan cache's: the same SQLSTATE names every
    /// unsupported feature, which running again would not cure.
    static func isStalePrepared(_ error: any Error) -> Bool {
        guard case .server(let message) = error as? PostgresError, let state = message.fields[.sqlState] else {
            return false
        }
        if state == "26000" { return true }
        guard state == "0A000" else { return false }
        return message.fields[.routine].map { $0 == "RevalidateCachedQuery" } ?? true
    }

    /// A prepared statement's connection closed (postgres-nio's older error form).
    static func isConnectionClosed(_ error: any Error) -> Bool {
        guard case .connectionClosed = error as? PostgresError else { return false }
        return true
    }

    struct StalePreparedStatement: Error {
        let underlying: any Error
    }

    /// Reduces a driver error to a ``VaultError`` that names the SQLSTATE or the connection
    /// problem, never a statement's arguments.
    func reduce(_ error: any Error, operation: String) -> VaultError {
        if let vaultError = error as? VaultError { return vaultError }
        if let state = PostgresSession.sqlState(of: error) {
            if state == "53100" { return .diskFull(path: location, operation: operation) }
            if state == "28P01" || state == "28000" {
                return .unreachable(
                    location: location, operation: operation,
                    reason: "the server refused the user or password (CVSIEVE_PG_PASSWORD or vault.password_file)")
            }
            // Connection exceptions, and the server shutting down or crashing (57P01-03).
            if state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) {
                return .unreachable(
                    location: location, operation: operation,
                    reason: "the server ended the connection (SQLSTATE \(state): stopped, restarted or crashed?)")
            }
            if state == "3D000" {
                return .unreachable(location: location, operation: operation, reason: "the database does not exist")
            }
            return .server(location: location, operation: operation, sqlState: state)
        }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .sslUnsupported:
                return .unreachable(
                    location: location, operation: operation, reason: "the server does not offer TLS (sslmode)")
            case .authMechanismRequiresPassword:
                return .unreachable(
                    location: location, operation: operation,
                    reason: "the server asks for a password and none was given (CVSIEVE_PG_PASSWORD or "
                        + "vault.password_file)")
            case .failedToAddSSLHandler:
                return .unreachable(
                    location: location, operation: operation, reason: "TLS failed (certificate or sslrootcert)")
            default:
                return .unreachable(
                    location: location, operation: operation, reason: "the connection failed (\(psql.code))")
            }
        }
        if error is PooledConnection.ConnectionLost || Self.isConnectionClosed(error) {
            return .unreachable(
                location: location, operation: operation,
                reason: "the connection to the server was lost (the server stopped or restarted?)")
        }
        if error is MalformedJSON { return .malformedAnswer(location: location, operation: operation) }
        if error is NIOSSLError {
            return .unreachable(
                location: location, operation: operation,
                reason: "TLS failed: the server's certificate was not accepted (sslmode, sslrootcert)")
        }
        return .unreachable(location: location, operation: operation, reason: "the server could not be reached")
    }
}

/// One connection inside one transaction: statements sent and waited for on the connection's
/// event loop.
final class PostgresSession: SQLSession {
    let connection: PooledConnection
    let logger: Logger
    private(set) var changesCount = 0

    let lockSpace: Int64

    init(connection: PooledConnection, logger: Logger, lockSpace: Int64) {
        self.connection = connection
        self.logger = logger
        self.lockSpace = lockSpace
    }

    var dialect: SQLDialect { .postgres }

    func execute(sql: String, arguments: SQLArguments) throws {
        // Unprepared: only an unnamed statement's answer tells how many rows it changed.
        changesCount = try wait(connection.send(Self.query(sql, arguments), logger: logger)).changes ?? 0
    }

    /// Statements sent without waiting, in order; their answers come before the next one's.
    private var sent: [Pending<PooledConnection.Answer>] = []

    func executeLater(sql: String, arguments: SQLArguments) throws {
        sent.append(try send([SQLStatement(sql: sql, arguments: arguments)])[0])
    }

    /// Throws the first failure among the statements sent without waiting. Call only after a
    /// later statement's answer came: theirs came before it, so nothing here waits.
    func throwIfSentFailed() throws {
        defer { sent = [] }
        for future in sent { _ = try future.wait() }
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try fetchAll([SQLStatement(sql: sql, arguments: arguments)])[0]
    }

    func fetchLater(sql: String, arguments: SQLArguments) throws -> () throws -> [SQLRow] {
        let answer = try send([SQLStatement(sql: sql, arguments: arguments)])[0]
        // Its failure is also the cause of whatever the server refuses after it.
        sent.append(answer)
        return { Self.rows(try answer.wait()) }
    }

    /// Several plain reads go as one statement, each a subquery whose rows come back as JSON
    /// (``JSONRows``): postgres-nio runs a connection's statements one round trip each, however
    /// many are sent ahead, and one statement also reads one snapshot. Others are sent without
    /// waiting, and the last one waited for: the connection answers in order, so the earlier
    /// answers are there when the last one is.
    func fetchAll(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        guard !statements.isEmpty else { return [] }
        // Only when the batch can be prepared like its parts (a listing's page and count planned
        // again at every call would cost more than the round trip saved).
        if statements.count > 1, statements.allSatisfy({ Self.isPlainRead($0.sql) }),
            statements.reduce(0, { $0 + $1.arguments.values.count }) <= Self.preparedArgumentLimit
        {
            let combined = SQLStatement(
                sql: "SELECT "
                    + statements.enumerated().map { index, statement in
                        "(SELECT coalesce(json_agg(t.*), '[]')::text FROM (\(statement.sql)) t) AS r\(index)"
                    }.joined(separator: ", "),
                arguments: SQLArguments(statements.flatMap(\.arguments.values)))
            guard let row = try fetchAll([combined])[0].first else { return statements.map { _ in [] } }
            return try statements.indices.map { index in
                try JSONRows.parse(row[index] as String).map { SQLRow(storage: .json($0)) }
            }
        }
        let answers = try send(statements)
        do {
            _ = try wait(answers[answers.count - 1])
        } catch {
            // An earlier read that failed aborted the transaction: its error is the cause. Only
            // an answer from the server proves the earlier answers came.
            if Self.sqlState(of: error) != nil {
                for future in answers.dropLast() { _ = try future.wait() }
            }
            throw error
        }
        return try answers.map { Self.rows(try $0.wait()) }
    }

    /// A read that can be a subquery of another statement: a SELECT that locks no rows.
    /// (Inside one statement every subquery reads the snapshot taken before any lock is waited
    /// for, so a read that locks, or runs after a lock it takes, must stay a statement of its own.)
    static func isPlainRead(_ sql: String) -> Bool {
        let upper = sql.uppercased()
        return upper.hasPrefix("SELECT ")
            && !["FOR UPDATE", "FOR NO KEY UPDATE", "FOR SHARE", "FOR KEY SHARE", "PG_ADVISORY"].contains {
                upper.contains($0)
            }
    }

    private static func rows(_ answer: PooledConnection.Answer) -> [SQLRow] {
        answer.rows.map { SQLRow(storage: .postgres($0.makeRandomAccess())) }
    }

    /// Sends `statements` without waiting, in order: each prepared when it can be (see
    /// ``prepare(_:)``), else as an unnamed statement.
    private func send(_ statements: [SQLStatement]) throws -> [Pending<PooledConnection.Answer>] {
        let texts = statements.map { Self.typed($0.sql, $0.arguments) }
        try prepare(texts)
        return zip(statements, texts).map { statement, typed in
            if let typed, let prepared = connection.preparedStatement(typed) {
                return connection.send(prepared, binds: statement.arguments.values.map(Self.data))
            }
            return connection.send(Self.query(statement.sql, statement.arguments), logger: logger)
        }
    }

    /// Prepares on this connection those of the typed `texts` that are not yet (while it has
    /// room): their Parse messages go out together, after every statement sent before, and are
    /// waited for together (one round trip, the first time a connection sees a statement).
    private func prepare(_ texts: [String?]) throws {
        var seen: Set<String> = []
        var pending: [Pending<Void>] = []
        for case let typed? in texts where seen.insert(typed).inserted {
            guard connection.preparedStatement(typed) == nil, connection.canPrepare else { continue }
            pending.append(connection.prepare(typed, logger: logger))
        }
        // In the order sent: the first failure is the cause, the ones after it only repeat it.
        for future in pending { try wait(future) }
    }

    /// Waits for `future`. When the server refused it because a statement sent earlier without
    /// waiting failed (the transaction aborted there), that failure is thrown: it is the cause,
    /// this one's error ("current transaction is aborted") only repeats it. Only an answer from
    /// the server proves the earlier answers came; after a lost connection they may never.
    @discardableResult
    private func wait<T: Sendable>(_ future: Pending<T>) throws -> T {
        do {
            return try future.wait()
        } catch {
            if Self.sqlState(of: error) != nil { try throwIfSentFailed() }
            throw error
        }
    }

    /// The SQLSTATE of an error the server sent (postgres-nio reports it in two forms: its
    /// current one, and the older one of prepared statements).
    static func sqlState(of error: any Error) -> String? {
        if let psql = error as? PSQLError { return psql.serverInfo?[.sqlState] }
        if case .server(let message) = error as? PostgresError { return message.fields[.sqlState] }
        return nil
    }

    // MARK: - Prepared statements

    /// Statements with more arguments than this (bulk inserts, long `IN` lists) run unprepared:
    /// their texts vary with the number of rows, and each variant would take a slot.
    static let preparedArgumentLimit = 16

    /// The text a statement is prepared under: `$n` placeholders cast to the type of the value
    /// bound (a prepared statement's parameter types are fixed when it is parsed, and a value is
    /// sent in its binary form, which must be that type's). A NULL argument leaves its
    /// placeholder to the server's inference; the text differs from that of a typed value, so
    /// each pattern of types is its own statement. `nil`: not to be prepared.
    static func typed(_ sql: String, _ arguments: SQLArguments) -> String? {
        guard arguments.values.count <= preparedArgumentLimit else { return nil }
        let types = arguments.values.map(castType)
        let key = TypedKey(sql: sql, types: types)
        if let known = typedCache.withLock({ $0[key] }) { return known }
        let rewritten = rewritePlaceholders(sql) { number in
            let index = number - 1
            guard types.indices.contains(index), let type = types[index] else { return "$\(number)" }
            return "$\(number)::\(type)"
        }
        typedCache.withLock { cache in
            if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = rewritten
        }
        return rewritten
    }

    private struct TypedKey: Hashable {
        var sql: String
        var types: [String?]
    }

    private static let typedCache = Mutex<[TypedKey: String]>([:])

    private static func castType(_ value: SQLValue) -> String? {
        switch value {
        case .null: nil
        case .integer: "int8"
        case .real: "float8"
        case .text: "text"
        case .blob: "bytea"
        case .date: "timestamptz"
        case .bool: "bool"
        case .integers: "int8[]"
        }
    }

    /// A bound value in the form prepared statements take.
    private static func data(_ value: SQLValue) -> PostgresData {
        switch value {
        case .null: .null
        case .integer(let integer): PostgresData(int64: integer)
        case .real(let real): PostgresData(double: real)
        case .text(let text): PostgresData(string: text)
        case .blob(let blob): PostgresData(bytes: blob)
        case .date(let date): PostgresData(date: date)
        case .bool(let bool): PostgresData(bool: bool)
        case .integers(let integers): PostgresData(array: integers.map { PostgresData(int64: $0) }, elementType: .int8)
        }
    }

    var appendedHead: AuditAnchor.Head?
    private var held: Set<Int64> = []

    func lock(_ locks: [SQLLock]) throws {
        var keys: [Int64] = []
        for key in locks.map({ $0.key ^ lockSpace }) where !held.contains(key) && !keys.contains(key) {
            keys.append(key)
        }
        guard !keys.isEmpty else { return }
        // In the order given, in one statement (WITH ORDINALITY keeps the array's order), sent
        // without waiting: the statements after it run only once it holds them all, and a
        // failure (a deadlock) surfaces at the next statement waited for, as the cause.
        try executeLater(
            sql: "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
            arguments: [keys])
        held.formUnion(keys)
    }

    private static func query(_ sql: String, _ arguments: SQLArguments) -> PostgresQuery {
        PostgresQuery(unsafeSQL: numbered(sql), binds: binds(arguments))
    }

    private static func binds(_ arguments: SQLArguments) -> PostgresBindings {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            case .blob(let blob): binds.append(ByteBuffer(data: blob))
            case .date(let date): binds.append(date)
            case .bool(let bool): binds.append(bool)
            case .integers(let integers): binds.append(integers)
            }
        }
        return binds
    }

    /// `?` placeholders as PostgreSQL's `$1`, `$2`, …, outside quoted literals and names. The
    /// statements are few and fixed (a bulk insert's differ only in their row count): each is
    /// rewritten once per process.
    static func numbered(_ sql: String) -> String {
        if let known = numberedCache.withLock({ $0[sql] }) { return known }
        let rewritten = rewritePlaceholders(sql)
        numberedCache.withLock { cache in
            if cache.count >= 1_024 { cache.removeAll(keepingCapacity: true) }
            cache[sql] = rewritten
        }
        return rewritten
    }

    private static let numberedCache = Mutex<[String: String]>([:])

    /// Works on the UTF-8 bytes: a quote or `?` byte is never part of a longer character.
    static func rewritePlaceholders(_ sql: String, as placeholder: (Int) -> String = { "$\($0)" }) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: UInt8?
        for byte in sql.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                result.append(byte)
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                result.append(byte)
            } else if byte == UInt8(ascii: "?") {
                number += 1
                result.append(contentsOf: placeholder(number).utf8)
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// At most `size` open connections, handed to one transaction at a time. A caller waits (on
/// its own thread) for a free connection; a connection that closed (server restart, network)
/// is dropped, and the next caller opens a new one.
final class ConnectionPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [PooledConnection] = []
    private var open = 0
    private var nextID = 1
    private let size: Int
    private let connect: (Int) throws -> PostgresConnection

    init(size: Int, connect: @escaping (Int) throws -> PostgresConnection) {
        self.size = max(1, size)
        self.connect = connect
    }

    func withConnection<T>(_ body: (PooledConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> PooledConnection {
        condition.lock()
        while idle.isEmpty && open >= size { condition.wait() }
        while let connection = idle.popLast() {
            // One that closed while idle (a server restart) is dropped, not handed out.
            if connection.isClosed {
                open -= 1
                continue
            }
            condition.unlock()
            return connection
        }
        open += 1
        let id = nextID
        nextID += 1
        condition.unlock()
        do {
            return PooledConnection(try connect(id))
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: PooledConnection) {
        condition.lock()
        if connection.isClosed { open -= 1 } else { idle.append(connection) }
        condition.signal()
        condition.unlock()
    }

    /// Closes the idle connections (their prepared statements are stale): the next caller opens
    /// a new one.
    func discardIdle() {
        for pooled in takeIdle() { pooled.close() }
    }

    func closeAll() {
        for pooled in takeIdle() { try? pooled.connection.close().wait() }
    }

    /// The idle connections, no longer the pool's (a caller waiting for one may open its own).
    private func takeIdle() -> [PooledConnection] {
        condition.lock()
        defer { condition.unlock() }
        let connections = idle
        idle = []
        open -= connections.count
        condition.broadcast()
        return connections
    }
}

/// A pooled connection and the statements it has in flight. When the connection closes (the
/// server crashed or was restarted, the network dropped it) every one of them fails at once with
/// ``ConnectionLost``: postgres-nio does not always fail a query whose connection went away
/// mid-flight, and a caller waiting on it (or on a statement sent without waiting: BEGIN, a
/// write, a read looked at later) would wait forever.
///
/// It also keeps the statements it has prepared on the server (named, parsed and planned once
/// per connection instead of at every call: for the listing's statement that is most of its
/// cost). Only the transaction holding the connection uses them.
final class PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection
    private let lock = NSLock()
    private var inFlight: [ObjectIdentifier: @Sendable (any Error) -> Void] = [:]
    private var closed = false

    struct ConnectionLost: Error {}

    /// What the server answered to one statement: its rows, and the number of rows it changed
    /// (`nil` for a prepared statement, whose answer postgres-nio does not pass on).
    struct Answer: Sendable {
        var rows: [PostgresRow]
        var changes: Int?
    }

    /// Prepared statements by their typed SQL (``PostgresSession/typed(_:_:)``), under `lock`.
    private var prepared: [String: PreparedQuery] = [:]
    /// At most this many per connection: the vault's statements are a few hundred, and a text
    /// seen for the first time when the cache is full runs unprepared.
    static let preparedLimit = 512

    init(_ connection: PostgresConnection) {
        self.connection = connection
        connection.closeFuture.whenComplete { [weak self] _ in self?.markClosed() }
    }

    var isClosed: Bool { lock.withLock { closed } || connection.isClosed }

    /// Sends `query` without waiting for its answer: the next statement on this connection runs
    /// after it, and fails if it failed. The answer fails with ``ConnectionLost`` if the
    /// connection closes first.
    @discardableResult
    func send(_ query: PostgresQuery, logger: Logger) -> Pending<Answer> {
        tracked { [connection] in
            connection.query(query, logger: logger).map { Answer(rows: $0.rows, changes: $0.metadata.rows) }
        }
    }

    /// The prepared statement of `sql` if this connection has it.
    func preparedStatement(_ sql: String) -> PreparedQuery? { lock.withLock { prepared[sql] } }

    /// Whether another statement can be prepared here.
    var canPrepare: Bool { lock.withLock { prepared.count < Self.preparedLimit } }

    /// Sends the Parse of `sql` (after every statement sent before it); the statement is kept
    /// once the server accepted it.
    func prepare(_ sql: String, logger: Logger) -> Pending<Void> {
        tracked { [self] in
            connection.prepare(query: sql).map { statement in self.lock.withLock { self.prepared[sql] = statement } }
        }
    }

    /// Sends the execution of a prepared statement without waiting for it, like
    /// ``send(_:logger:)``.
    func send(_ statement: PreparedQuery, binds: [PostgresData]) -> Pending<Answer> {
        tracked { statement.execute(binds).map { Answer(rows: $0, changes: nil) } }
    }

    /// Closes the connection (the pool drops it at check-in; its prepared statements go with it).
    func close() {
        markClosed()
        // Kept alive until closed (the prepared statements hold it too, and go now): a
        // connection must not be released while it closes.
        let connection = connection
        lock.withLock { prepared = [:] }
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// `start()`'s answer, failed with ``ConnectionLost`` instead if the connection closes first.
    /// `start` runs on the connection's event loop (one hop there; the query, its mapping and
    /// the completion are then all on the loop), in the order called, so statements go out in
    /// that order.
    private func tracked<T: Sendable>(_ start: @escaping @Sendable () -> EventLoopFuture<T>) -> Pending<T> {
        let pending = Pending<T>(on: connection.eventLoop)
        let id = ObjectIdentifier(pending)
        let isOpen = lock.withLock { () -> Bool in
            guard !closed else { return false }
            inFlight[id] = { pending.complete(.failure($0)) }
            return true
        }
        guard isOpen else {
            pending.complete(.failure(ConnectionLost()))
            return pending
        }
        connection.eventLoop.execute { [self] in
            start().whenComplete { result in
                if self.take(id) { pending.complete(result) }
            }
        }
        return pending
    }

    /// Whether the answer `id` is still in flight (then it is no longer): it is completed once.
    private func take(_ id: ObjectIdentifier) -> Bool {
        lock.withLock { inFlight.removeValue(forKey: id) != nil }
    }

    private func markClosed() {
        let failures = lock.withLock { () -> [@Sendable (any Error) -> Void] in
            closed = true
            defer { inFlight = [:] }
            return Array(inFlight.values)
        }
        for fail in failures { fail(ConnectionLost()) }
    }
}

/// An answer that arrives on a connection's event loop, waited for on the caller's thread.
/// NIO's `EventLoopFuture.wait()` hops to the loop to add its callback even when the answer is
/// there already, and back: two thread wake-ups per call, and a transaction waits for a dozen
/// answers. Here an answer that came costs nothing to take, and one still on its way one wake-up.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?
    /// The loop that completes it: waiting on that loop's own thread would never end.
    private let eventLoop: any EventLoop

    init(on eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    /// The first completion counts; later ones are ignored.
    func complete(_ result: Result<Value, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        guard self.result == nil else { return }
        self.result = result
        condition.broadcast()
    }

    func wait() throws -> Value {
        eventLoop.preconditionNotInEventLoop()
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }
}
