import Foundation
import GRDB
import PostgresNIO

/// The vault's statements run through this: one transaction (or one read) on either backend.
/// The vault's logic (``SQLVault``'s extensions) is written once in the SQL both SQLite and
/// PostgreSQL speak, with `?` placeholders; where the two differ it asks ``dialect``.
///
/// Sessions are synchronous: SQLite answers on the calling thread, and the PostgreSQL session
/// waits on the connection's event loop (never on Swift's cooperative pool, so a blocked caller
/// cannot starve the answer it waits for).
protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Rows changed by the last ``execute(sql:arguments:)``.
    var changesCount: Int { get }
    func execute(sql: String, arguments: SQLArguments) throws
    /// A write whose answer nobody reads (an INSERT inside a store): PostgreSQL sends it without
    /// waiting, so a store's statements cost one round trip instead of one each; a failure
    /// surfaces at the next statement waited for, or at COMMIT, and the transaction fails.
    /// SQLite runs it at once. Does not set ``changesCount``.
    func executeLater(sql: String, arguments: SQLArguments) throws
    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// The rows of several independent reads, in order: PostgreSQL sends them all before
    /// waiting, so they cost one round trip together; SQLite runs them one after another.
    func fetchAll(_ statements: [SQLStatement]) throws -> [[SQLRow]]
    /// A read whose rows are needed only later in the transaction: PostgreSQL sends it without
    /// waiting and the returned function waits for its answer (there by the time a later
    /// statement's answer came); SQLite runs it at once.
    func fetchLater(sql: String, arguments: SQLArguments) throws -> () throws -> [SQLRow]
    /// Holds `locks` until this transaction ends, taken in the order given. SQLite writes one
    /// transaction at a time anyway; PostgreSQL takes transaction-level advisory locks (one
    /// statement for all, none for a lock this transaction holds already), so processes on
    /// several machines serialise where the vault needs it.
    func lock(_ locks: [SQLLock]) throws
    /// The audit chain's head after the last record this transaction appended (`nil`: none).
    var appendedHead: AuditAnchor.Head? { get set }
}

/// One statement and its arguments, for ``SQLSession/fetchAll(_:)``.
struct SQLStatement {
    var sql: String
    var arguments: SQLArguments = []
}

/// What the vault serialises across processes sharing one database.
enum SQLLock: Hashable, Sendable {
    /// Appending to the audit chain (the next number and link depend on the last record).
    case auditChain
    /// A purge: one at a time, whichever machine runs it.
    case purge
    /// Creating or migrating the tables (several processes may start at once).
    case schema
    /// Finding or creating the candidate a keyed identity hash (or a document hash) names, so
    /// two workers storing CVs of one person concurrently end with one candidate.
    case identity(String)

    /// The advisory lock's 64-bit key: fixed numbers for the fixed locks, FNV-1a of the (already
    /// keyed) hash for an identity, the same in every process.
    var key: Int64 {
        switch self {
        case .auditChain: 0x6376_7369_6576_6501
        case .purge: 0x6376_7369_6576_6502
        case .schema: 0x6376_7369_6576_6503
        case .identity(let hash):
            Int64(
                bitPattern: hash.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        }
    }
}

extension SQLSession {
    func lock(_ lock: SQLLock) throws { try self.lock([lock]) }

    func execute(sql: String) throws { try execute(sql: sql, arguments: []) }

    func fetchAll(sql: String) throws -> [SQLRow] { try fetchAll(sql: sql, arguments: []) }

    /// Runs an INSERT and returns the new row's `id` (through `RETURNING`, which both speak).
    func insert(sql: String, arguments: SQLArguments) throws -> Int64 {
        guard let id = try fetchScalar(Int64.self, sql: sql + " RETURNING id", arguments: arguments) else {
            preconditionFailure("vault: an INSERT returned no id")
        }
        return id
    }

    func fetchOne(sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(sql: sql, arguments: arguments).first
    }

    /// The first column of the first row; `nil` for no row or NULL.
    func fetchScalar<T: SQLColumn>(_ type: T.Type, sql: String, arguments: SQLArguments = []) throws -> T? {
        guard let row = try fetchOne(sql: sql, arguments: arguments) else { return nil }
        return row[0] as T?
    }

    /// The first column of every row (NULLs skipped).
    func fetchColumn<T: SQLColumn>(_ type: T.Type, sql: String, arguments: SQLArguments = []) throws -> [T] {
        try fetchAll(sql: sql, arguments: arguments).compactMap { $0[0] as T? }
    }
}

/// Lists in statements (`code IN (?, ?, …)`, `VALUES (?, ?), (?, ?)`), which both backends
/// speak: the values go in as arguments, a chunk at a time where a list can be long, so no
/// statement outgrows either backend's limit on arguments (SQLite 32,766; PostgreSQL 65,535).
enum SQLList {
    /// Keys per statement.
    static let chunkSize = 500

    static func chunks<T>(_ items: [T], size: Int = chunkSize) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// `count` placeholders, or groups of them (`each: "(?, ?)"`), separated by commas.
    static func marks(_ count: Int, each group: String = "?") -> String {
        Array(repeating: group, count: count).joined(separator: ", ")
    }

    static func arguments(_ keys: some Sequence<String>) -> SQLArguments {
        SQLArguments(keys.map { $0 as any SQLBindable })
    }
}

/// Where the two backends' SQL differs.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The values of `expression` over a group, joined by the unit separator (U+001F).
    func joinedWithUnitSeparator(_ expression: String) -> String {
        switch self {
        case .sqlite: "group_concat(\(expression), char(31))"
        case .postgres: "string_agg(\(expression), chr(31))"
        }
    }
}

/// A value bound to a statement.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case date(Date)
    case bool(Bool)
    /// An array (PostgreSQL only: `?::bigint[]`).
    case integers([Int64])
}

/// A Swift value the vault binds to a statement.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .bool(self) } }
extension Date: SQLBindable { var sqlValue: SQLValue { .date(self) } }
extension Data: SQLBindable { var sqlValue: SQLValue { .blob(self) } }
extension [Int64]: SQLBindable { var sqlValue: SQLValue { .integers(self) } }

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A statement's arguments, in placeholder order.
struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
    var values: [SQLValue]

    init(_ values: [SQLValue]) { self.values = values }

    init(_ bindables: [any SQLBindable]) { values = bindables.map(\.sqlValue) }

    init(arrayLiteral elements: (any SQLBindable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments { SQLArguments(lhs.values + rhs.values) }

    static func += (lhs: inout SQLArguments, rhs: SQLArguments) { lhs.values += rhs.values }
}

/// A Swift type the vault reads from a column.
protocol SQLColumn {
    static func read(sqlite row: GRDB.Row, _ index: SQLRow.Index) -> Self
    static func read(postgres cell: PostgresCell) -> Self
    static func read(json cell: JSONCell, column: String) -> Self
}

/// A non-optional column type both drivers decode themselves. Reading NULL into one is the
/// vault's programming error (as in GRDB): the column name is in the message, never a value.
protocol SQLScalar: SQLColumn, DatabaseValueConvertible, PostgresDecodable {
    /// The value in PostgreSQL's JSON form of the column (``JSONRows``), `nil` when it is not one.
    static func scalar(json cell: JSONCell) -> Self?
}

extension SQLScalar {
    static func read(sqlite row: GRDB.Row, _ index: SQLRow.Index) -> Self {
        switch index {
        case .name(let name): row[name]
        case .position(let position): row[position]
        }
    }

    static func read(postgres cell: PostgresCell) -> Self {
        // postgres-nio asks for every result in binary form, but the rows of a prepared
        // statement (``PooledConnection/prepare(_:logger:)``) carry the format its Describe
        // answer named, text: the bytes are binary whatever the cell says.
        var cell = cell
        cell.format = .binary
        do {
            return try cell.decode(Self.self, context: .default)
        } catch {
            preconditionFailure("vault: column \(cell.columnName) does not decode as \(Self.self)")
        }
    }

    static func read(json cell: JSONCell, column: String) -> Self {
        guard let value = scalar(json: cell) else {
            preconditionFailure("vault: column \(column) does not decode as \(Self.self)")
        }
        return value
    }
}

extension String: SQLScalar {
    static func scalar(json cell: JSONCell) -> String? {
        if case .string(let text) = cell { text } else { nil }
    }
}

extension Int: SQLScalar {
    static func scalar(json cell: JSONCell) -> Int? {
        if case .number(let text) = cell { Int(text) } else { nil }
    }
}

extension Int64: SQLScalar {
    static func scalar(json cell: JSONCell) -> Int64? {
        if case .number(let text) = cell { Int64(text) } else { nil }
    }
}

extension Double: SQLScalar {
    static func scalar(json cell: JSONCell) -> Double? {
        switch cell {
        case .number(let text): Double(text)
        // PostgreSQL writes a float's NaN and infinities as strings.
        case .string(let text): Double(text)
        default: nil
        }
    }
}

extension Bool: SQLScalar {
    static func scalar(json cell: JSONCell) -> Bool? {
        if case .bool(let value) = cell { value } else { nil }
    }
}

extension Date: SQLScalar {
    static func scalar(json cell: JSONCell) -> Date? {
        if case .string(let text) = cell { JSONRows.date(text) } else { nil }
    }
}

extension Data: SQLScalar {
    static func scalar(json cell: JSONCell) -> Data? {
        if case .string(let text) = cell { JSONRows.bytes(text) } else { nil }
    }
}

extension Optional: SQLColumn where Wrapped: SQLColumn {
    static func read(sqlite row: GRDB.Row, _ index: SQLRow.Index) -> Self {
        let value: DatabaseValue =
            switch index {
            case .name(let name): row[name]
            case .position(let position): row[position]
            }
        return value.isNull ? nil : Wrapped.read(sqlite: row, index)
    }

    static func read(postgres cell: PostgresCell) -> Self {
        cell.bytes == nil ? nil : Wrapped.read(postgres: cell)
    }

    static func read(json cell: JSONCell, column: String) -> Self {
        cell == .null ? nil : Wrapped.read(json: cell, column: column)
    }
}

/// One result row, read by column name or position: `let code: String = row["code"]`.
struct SQLRow {
    enum Index {
        case name(String)
        case position(Int)
    }

    enum Storage {
        case sqlite(GRDB.Row)
        case postgres(PostgresRandomAccessRow)
        /// A row of several reads answered as one statement (``JSONRows``).
        case json(JSONRow)
    }

    let storage: Storage

    subscript<T: SQLColumn>(_ name: String) -> T { value(.name(name)) }

    subscript<T: SQLColumn>(_ position: Int) -> T { value(.position(position)) }

    private func value<T: SQLColumn>(_ index: Index) -> T {
        switch storage {
        case .sqlite(let row): return T.read(sqlite: row, index)
        case .postgres(let row):
            switch index {
            case .name(let name):
                guard row.contains(name) else { preconditionFailure("vault: no column \(name) in the row") }
                return T.read(postgres: row[name])
            case .position(let position): return T.read(postgres: row[position])
            }
        case .json(let row):
            let (cell, column) = row.cell(index)
            return T.read(json: cell, column: column)
        }
    }
}
