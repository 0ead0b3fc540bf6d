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

    @Test("several reads answered as one statement read every column type as one statement each would")
    func batchedColumnsMatchSingleReads() throws {
        // PostgreSQL answers the batch as JSON (text, hex bytea, ISO timestamps, under another
        // session time zone here); each value must equal what the binary answer of the same read
        // gives. SQLite runs the reads one by one, and must agree too.
        let texts = ["", "plain", "quote \" backslash \\ slash /", "line\nbreak\ttab\u{01}\u{1F}", "é ü ñ 日本 🙂"]
        let blob = Data((0...255).map { UInt8($0) })
        let dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_764_633_600.123456),
            Date(timeIntervalSince1970: -1_234_567.5), Date(timeIntervalSince1970: 4_102_444_800.000001),
        ]
        let integers: [Int64] = [0, -1, Int64.max, Int64.min + 1]
        try withVault { vault, _ in
            let (batched, single) = try vault.engine.write("test") { db in
                if db.dialect == .postgres { try db.execute(sql: "SET LOCAL TIME ZONE 'America/St_Johns'") }
                let postgres = db.dialect == .postgres
                try db.execute(
                    sql: "CREATE TEMPORARY TABLE columns (n INTEGER, t TEXT, b \(postgres ? "BYTEA" : "BLOB"), "
                        + "d TIMESTAMPTZ, i BIGINT, f BOOLEAN)\(postgres ? " ON COMMIT DROP" : "")")
                for index in 0..<5 {
                    try db.execute(
                        sql: "INSERT INTO columns VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            index, texts[index], index == 4 ? nil : Data(blob.shuffled()) + blob,
                            index == 4 ? nil : dates[index], index == 4 ? nil : integers[index], index % 2 == 0,
                        ])
                }
                let statements = [
                    SQLStatement(sql: "SELECT * FROM columns WHERE n >= ? ORDER BY n", arguments: [0]),
                    SQLStatement(sql: "SELECT t AS word, n FROM columns WHERE n = ?", arguments: [2]),
                ]
                return (
                    try db.fetchAll(statements),
                    try statements.map { try db.fetchAll(sql: $0.sql, arguments: $0.arguments) }
                )
            }
            func rows(_ answer: [SQLRow]) -> [String] {
                answer.map { row in
                    let blob: Data? = row["b"]
                    let date: Date? = row["d"]
                    return "\(row["n"] as Int)|\(row["t"] as String)|\(blob?.base64EncodedString() ?? "-")|"
                        + "\(date.map { "\($0.timeIntervalSinceReferenceDate)" } ?? "-")|\(row["i"] as Int64?, default: "-")|"
                        + "\(row["f"] as Bool)|\(row[1] as String)"
                }
            }
            #expect(rows(batched[0]) == rows(single[0]))
            #expect(rows(batched[0]).count == 5)
            #expect(batched[0].map { $0["t"] as String } == texts)
            if vault.engine.backend == .postgres {
                // Microseconds survive (SQLite keeps milliseconds).
                #expect(
                    batched[0].compactMap { $0["d"] as Date? }.map { ($0.timeIntervalSince1970 * 1_000_000).rounded() }
                        == dates.map { ($0.timeIntervalSince1970 * 1_000_000).rounded() })
            }
            if vault.engine.backend == .postgres {
                // Dates PostgreSQL writes unlike the rest: past 9999, BC, the infinities; and equal
                // column names (the last one answers, as postgres-nio's rows do).
                let edges = SQLStatement(
                    sql: "SELECT '10000-01-01 12:00:00.5+00'::timestamptz AS a, '0044-03-15 BC'::timestamptz AS b,"
                        + " 'infinity'::timestamptz AS c, '-infinity'::timestamptz AS d, 1 AS n, 2 AS n WHERE 1 = ?",
                    arguments: [1])
                let (one, alone) = try vault.engine.read("test") { db in
                    (try db.fetchAll([edges, edges])[0], try db.fetchAll(sql: edges.sql, arguments: edges.arguments))
                }
                for name in ["a", "b", "c", "d"] {
                    #expect(one.map { $0[name] as Date } == alone.map { $0[name] as Date }, "\(name)")
                }
                #expect(one.map { $0["n"] as Int } == alone.map { $0["n"] as Int })
            }
            #expect(batched[1].map { "\($0["word"] as String) \($0[1] as Int)" } == ["\(texts[2]) 2"])
            #expect(single[1].map { "\($0["word"] as String) \($0[1] as Int)" } == ["\(texts[2]) 2"])
        }
    }

    @Test("JSON rows: escapes, numbers, literals and nested values parse; a malformed text is refused")
    func jsonRows() throws {
        let rows = try JSONRows.parse(
            #"[{"a":"x\"y\\z\/\n\u00e9\ud83d\ude42","b":-12,"c":1.5e3,"d":true,"e":null,"f":[1,"]"],"g":{"h":"}"}},{}]"#
        )
        #expect(rows.count == 2)
        #expect(rows[0].names == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(
            rows[0].cells == [
                .string("x\"y\\z/\né🙂"), .number("-12"), .number("1.5e3"), .bool(true), .null, .nested, .nested,
            ])
        #expect(rows[1].cells.isEmpty)
        #expect(try JSONRows.parse("[]").isEmpty)
        #expect(try JSONRows.parse("null").isEmpty)
        for malformed in ["", "[", "[{]", #"[{"a":}]"#, #"[{"a":"\q"}]"#, #"[{"a":"open]"#, #"[{"a":1}"#] {
            #expect(throws: MalformedJSON.self) { try JSONRows.parse(malformed) }
        }
        #expect(JSONRows.bytes(#"\x00ff10"#) == Data([0, 255, 16]))
        #expect(JSONRows.bytes("00ff") == nil)
        #expect(JSONRows.bytes(#"\x0g"#) == nil)
        #expect(JSONRows.date("2000-01-01T00:00:00+00:00") == Date(timeIntervalSince1970: 946_684_800))
        #expect(JSONRows.date("2000-01-01T01:30:00.5+01:30") == Date(timeIntervalSince1970: 946_684_800.5))
        #expect(JSONRows.date("1999-12-31T20:29:00-03:30:00") == Date(timeIntervalSince1970: 946_684_740))
        // Past year 9999, before 1 AD (1 BC is year 0), and the infinities as their binary forms.
        #expect(JSONRows.date("10000-01-01T00:00:00+00:00") == Date(timeIntervalSince1970: 253_402_300_800))
        #expect(JSONRows.date("0001-12-31T00:00:00+00:00 BC") == Date(timeIntervalSince1970: -62_135_683_200))
        #expect(
            JSONRows.date("infinity")
                == Date(timeInterval: Double(Int64.max) / 1_000_000, since: Date(timeIntervalSince1970: 946_684_800)))
        #expect(JSONRows.date("-infinity")! < Date.distantPast)
        #expect(JSONRows.date("2000-01-01 00:00:00+00") == nil)
        #expect(JSONRows.date("2000-13-01T00:00:00+00:00") == nil)
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
