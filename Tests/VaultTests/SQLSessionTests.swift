import Foundation
import Testing

@testable import Vault

/// The session calls that save PostgreSQL round trips (several reads sent at once, a read whose
/// answer is looked at later, locks sent without waiting) answer exactly as one statement at a
/// time would, on both backends, and a failure names the statement that failed first.
@Suite struct SQLSessionTests {
    @Test("placeholders become $1, $2, … outside quoted literals and names, the same again from the cache")
    func placeholders() {
        let sql = "SELECT ?, 'a ? b', \"é?\", 'it''s ?' FROM t WHERE x = ? AND y = 'ü' AND z IN (?, ?)"
        let expected = "SELECT $1, 'a ? b', \"é?\", 'it''s ?' FROM t WHERE x = $2 AND y = 'ü' AND z IN ($3, $4)"
        #expect(PostgresSession.numbered(sql) == expected)
        #expect(PostgresSession.numbered(sql) == expected)
        let many = Array(repeating: "(?, ?)", count: 600).joined(separator: ", ")
        #expect(PostgresSession.numbered(many).hasSuffix("($1199, $1200)"))
    }

    @Test("a prepared statement's placeholders are cast to the bound values' types; NULL is left to the server")
    func typedPlaceholders() {
        let sql = "SELECT ?, '?' FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ? AND f = ?::bigint[]"
        let arguments: SQLArguments = [Int64(1), "x", nil, Date(timeIntervalSince1970: 0), true, 1.5, [Int64(2)]]
        #expect(
            PostgresSession.typed(sql, arguments)
                == "SELECT $1::int8, '?' FROM t WHERE a = $2::text AND b = $3 AND c = $4::timestamptz AND d = $5::bool"
                + " AND e = $6::float8 AND f = $7::int8[]::bigint[]")
        // Another pattern of types is another statement.
        #expect(PostgresSession.typed("SELECT ?", ["x"]) != PostgresSession.typed("SELECT ?", [nil]))
        let many = SQLArguments(
            Array(repeating: "x" as any SQLBindable, count: PostgresSession.preparedArgumentLimit + 1))
        #expect(
            PostgresSession.typed(Array(repeating: "?", count: many.values.count).joined(separator: ","), many) == nil)
    }

    @Test("several reads sent at once answer in order, each with its own rows")
    func batchInOrder() throws {
        try withVault { vault, _ in
            let answers = try vault.engine.read("test") { db in
                try db.fetchAll([
                    SQLStatement(sql: "SELECT 1 AS n UNION ALL SELECT 2 ORDER BY n"),
                    SQLStatement(sql: "SELECT 'three' AS word WHERE 1 = ?", arguments: [1]),
                    SQLStatement(sql: "SELECT 4 AS n WHERE 1 = ?", arguments: [2]),
                    SQLStatement(sql: "SELECT COUNT(*) FROM candidate"),
                ])
            }
            #expect(answers.count == 4)
            #expect(answers[0].map { $0[0] as Int } == [1, 2])
            #expect(answers[1].map { $0["word"] as String } == ["three"])
            #expect(answers[2].isEmpty)
            #expect(answers[3].first.map { $0[0] as Int } == 0)
            #expect(try vault.engine.read("test") { db in try db.fetchAll([]) }.isEmpty)
        }
    }

    @Test("a failing read among several is the error reported, not the aborted transaction after it")
    func batchFailureNamesTheCause() throws {
        // SQLite has no server error codes to tell apart; on PostgreSQL the later statements fail
        // with 25P02 (transaction aborted), and the error must be the first one's.
        try withVault(on: [.postgres]) { vault, _ in
            #expect {
                _ = try vault.engine.read("test") { db in
                    try db.fetchAll([
                        SQLStatement(sql: "SELECT 1"),
                        SQLStatement(sql: "SELECT 1 / (SELECT COUNT(*) FROM candidate)"),
                        SQLStatement(sql: "SELECT 2"),
                    ])
                }
            } throws: { error in
                if case VaultError.server(_, _, let state) = error { return state == "22012" }
                return false
            }
            // The connection is usable afterwards.
            let next = try vault.engine.read("test") { db in try db.fetchAll(sql: "SELECT 3") }
            #expect(next.first.map { $0[0] as Int } == 3)
        }
    }

    @Test("a read looked at later, and locks sent without waiting, see what the transaction did")
    func laterReadsAndLocks() throws {
        try withVault { vault, _ in
            let (before, after) = try vault.engine.write("test") { db in
                let before = try db.fetchLater(sql: "SELECT COUNT(*) FROM vault_meta WHERE name = ?", arguments: ["t"])
                try db.lock([.auditChain, .identity("a"), .identity("b")])
                try db.executeLater(sql: "INSERT INTO vault_meta (name, value) VALUES (?, ?)", arguments: ["t", "1"])
                let after = try db.fetchAll(sql: "SELECT value FROM vault_meta WHERE name = ?", arguments: ["t"])
                return (try before().first.map { $0[0] as Int }, after.map { $0[0] as String })
            }
            #expect(before == 0)
            #expect(after == ["1"])
        }
    }

    @Test("a failed write sent without waiting fails the transaction and leaves nothing")
    func laterWriteFailureRollsBack() throws {
        try withVault { vault, _ in
            #expect(throws: VaultError.self) {
                try vault.engine.write("test") { db in
                    try db.executeLater(
                        sql: "INSERT INTO vault_meta (name, value) VALUES (?, ?)", arguments: ["u", "1"])
                    // The same primary key again: a constraint violation.
                    try db.executeLater(
                        sql: "INSERT INTO vault_meta (name, value) VALUES (?, ?)", arguments: ["u", "2"])
                    _ = try db.fetchAll(sql: "SELECT 1")
                }
            }
            let left = try vault.engine.read("test") { db in
                try db.fetchAll(sql: "SELECT value FROM vault_meta WHERE name = ?", arguments: ["u"])
            }
            #expect(left.isEmpty)
        }
    }
}
