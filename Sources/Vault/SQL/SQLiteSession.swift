import Foundation
import GRDB

/// A GRDB database connection inside one of its transactions or reads.
final class SQLiteSession: SQLSession {
    let db: Database

    init(_ db: Database) { self.db = db }

    var dialect: SQLDialect { .sqlite }

    var changesCount: Int { db.changesCount }

    func execute(sql: String, arguments: SQLArguments) throws {
        // Text with several statements (a schema step) goes GRDB's uncached way.
        guard !sql.utf8.contains(UInt8(ascii: ";")) else {
            return try db.execute(sql: sql, arguments: Self.arguments(arguments))
        }
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func executeLater(sql: String, arguments: SQLArguments) throws {
        try execute(sql: sql, arguments: arguments)
    }

    var appendedHead: AuditAnchor.Head?

    /// SQLite runs one write transaction at a time: every lock is held already.
    func lock(_ locks: [SQLLock]) throws {}

    /// Statements are prepared once per connection and kept (GRDB's `cachedStatement`): the same
    /// few dozen texts run for every file stored, and preparing each anew was about a fifth of the
    /// batch store's time in a profile of `run`.
    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments)).map {
            SQLRow(storage: .sqlite($0))
        }
    }

    func fetchLater(sql: String, arguments: SQLArguments) throws -> () throws -> [SQLRow] {
        let rows = try fetchAll(sql: sql, arguments: arguments)
        return { rows }
    }

    func fetchAll(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        try statements.map { try fetchAll(sql: $0.sql, arguments: $0.arguments) }
    }

    /// Values as GRDB stores them (dates as GRDB's text, booleans as integers): the format of
    /// every SQLite vault written so far.
    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(
            arguments.values.map { value -> DatabaseValue in
                switch value {
                case .null: .null
                case .integer(let integer): integer.databaseValue
                case .real(let real): real.databaseValue
                case .text(let text): text.databaseValue
                case .blob(let blob): blob.databaseValue
                case .date(let date): date.databaseValue
                case .bool(let bool): bool.databaseValue
                case .integers: preconditionFailure("vault: SQLite statements take no arrays")
                }
            })
    }
}
