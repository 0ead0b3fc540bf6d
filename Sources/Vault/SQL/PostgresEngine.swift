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
                            connection.send(PostgresQuery(unsafeSQL: "COMMIT"), logger: logger).whenFailure { _ in }
                        }
                        return result
                    } catch {
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
                let reduced = reduce(error, operation: operation)
                if case .server(_, _, let state) = reduced, ["40001", "40P01"].contains(state), attempt < 3 {
                    continue
                }
                throw reduced
            }
        }
    }

    /// Reduces a driver error to a ``VaultError`` that names the SQLSTATE or the connection
    /// problem, never a statement's arguments.
    func reduce(_ error: any Error, operation: String) -> VaultError {
        if let vaultError = error as? VaultError { return vaultError }
        if let psql = error as? PSQLError {
            if let state = psql.serverInfo?[.sqlState] {
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
        if error is PooledConnection.ConnectionLost {
            return .unreachable(
                location: location, operation: operation,
                reason: "the connection to the server was lost (the server stopped or restarted?)")
        }
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
        changesCount = try run(sql, arguments).metadata.rows ?? 0
    }

    /// Statements sent without waiting, in order; their answers come before the next one's.
    private var sent: [EventLoopFuture<PostgresQueryResult>] = []

    func executeLater(sql: String, arguments: SQLArguments) throws {
        sent.append(connection.send(Self.query(sql, arguments), logger: logger))
    }

    /// Throws the first failure among the statements sent without waiting. Call only after a
    /// later statement's answer came: theirs came before it, so nothing here waits.
    func throwIfSentFailed() throws {
        defer { sent = [] }
        for future in sent { _ = try future.wait() }
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        Self.rows(try run(sql, arguments))
    }

    func fetchLater(sql: String, arguments: SQLArguments) throws -> () throws -> [SQLRow] {
        let answer = connection.send(Self.query(sql, arguments), logger: logger)
        return { Self.rows(try answer.wait()) }
    }

    /// Sends every statement but the last without waiting, then waits for the last: the
    /// connection answers in order, so the earlier answers are there when the last one is.
    func fetchAll(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        guard let last = statements.last else { return [] }
        let earlier = statements.dropLast().map { connection.send(Self.query($0.sql, $0.arguments), logger: logger) }
        let lastResult: PostgresQueryResult
        do {
            lastResult = try run(last.sql, last.arguments)
        } catch {
            // An earlier read that failed aborted the transaction: its error is the cause. Only
            // an answer from the server proves the earlier answers came.
            if let server = error as? PSQLError, server.serverInfo?[.sqlState] != nil {
                for future in earlier { _ = try future.wait() }
            }
            throw error
        }
        return try earlier.map { Self.rows(try $0.wait()) } + [Self.rows(lastResult)]
    }

    private static func rows(_ result: PostgresQueryResult) -> [SQLRow] {
        result.rows.map { SQLRow(storage: .postgres($0.makeRandomAccess())) }
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

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        do {
            return try connection.query(Self.query(sql, arguments), logger: logger)
        } catch {
            // A statement sent before this one failed: the transaction aborted there, and this
            // one's error ("current transaction is aborted") only repeats it. Only an answer from
            // the server proves the earlier answers came; after a lost connection they may never.
            if let server = error as? PSQLError, server.serverInfo?[.sqlState] != nil { try throwIfSentFailed() }
            throw error
        }
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
    static func rewritePlaceholders(_ sql: String) -> String {
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
                result.append(UInt8(ascii: "$"))
                result.append(contentsOf: String(number).utf8)
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

    func closeAll() {
        condition.lock()
        let connections = idle
        idle = []
        open -= connections.count
        condition.unlock()
        for pooled in connections { try? pooled.connection.close().wait() }
    }
}

/// A pooled connection and the statements it has in flight. When the connection closes (the
/// server crashed or was restarted, the network dropped it) every one of them fails at once with
/// ``ConnectionLost``: postgres-nio does not always fail a query whose connection went away
/// mid-flight, and a caller waiting on it (or on a statement sent without waiting: BEGIN, a
/// write, a read looked at later) would wait forever.
final class PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection
    private let lock = NSLock()
    private var inFlight: [EventLoopPromise<PostgresQueryResult>] = []
    private var closed = false

    struct ConnectionLost: Error {}

    init(_ connection: PostgresConnection) {
        self.connection = connection
        connection.closeFuture.whenComplete { [weak self] _ in self?.markClosed() }
    }

    var isClosed: Bool { lock.withLock { closed } || connection.isClosed }

    /// Sends `query` and waits for its answer.
    func query(_ query: PostgresQuery, logger: Logger) throws -> PostgresQueryResult {
        try send(query, logger: logger).wait()
    }

    /// Sends `query` without waiting for its answer: the next statement on this connection runs
    /// after it, and fails if it failed. The answer fails with ``ConnectionLost`` if the
    /// connection closes first.
    @discardableResult
    func send(_ query: PostgresQuery, logger: Logger) -> EventLoopFuture<PostgresQueryResult> {
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let isOpen = lock.withLock { () -> Bool in
            guard !closed else { return false }
            inFlight.append(promise)
            return true
        }
        guard isOpen else {
            promise.fail(ConnectionLost())
            return promise.futureResult
        }
        connection.query(query, logger: logger).whenComplete { [self] result in
            if take(promise) { promise.completeWith(result) }
        }
        return promise.futureResult
    }

    /// Closes the connection (the pool drops it at check-in).
    func close() {
        markClosed()
        connection.close().whenFailure { _ in }
    }

    /// Whether `promise` is still in flight (then it is no longer): it is completed once.
    private func take(_ promise: EventLoopPromise<PostgresQueryResult>) -> Bool {
        lock.withLock {
            guard let index = inFlight.firstIndex(where: { $0.futureResult === promise.futureResult }) else {
                return false
            }
            inFlight.remove(at: index)
            return true
        }
    }

    private func markClosed() {
        let promises = lock.withLock { () -> [EventLoopPromise<PostgresQueryResult>] in
            closed = true
            defer { inFlight = [] }
            return inFlight
        }
        for promise in promises { promise.fail(ConnectionLost()) }
    }
}
