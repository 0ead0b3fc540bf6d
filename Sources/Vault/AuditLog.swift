public import CVModel
import Crypto
public import Foundation

/// The append-only audit log. Each record carries an HMAC-SHA256 (under a key derived from the
/// master key) over its fields and the previous record's MAC, so an edited, inserted or deleted
/// record breaks the chain from that point on, and nobody without the master key can recompute
/// a chain to hide it; the ``AuditAnchor`` outside the database catches records cut off the end.
/// Triggers refuse UPDATE and DELETE on the table.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)
    static let verifyPage = 5_000

    /// Milliseconds since 1970: the stored time, exactly as MACed.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func canonical(
        prev: String, seq: Int64, at: Date, actor: String, action: String, code: String?, purpose: String?,
        detail: String
    ) -> String {
        [prev, String(seq), String(milliseconds(at)), actor, action, code ?? "", purpose ?? "", detail]
            .joined(separator: "\u{1F}")
    }

    static func mac(_ canonical: String, key: SymmetricKey) -> String {
        KeyStore.hex(canonical, key: key)
    }

    /// The first format's plain SHA-256 chain; only the v2 migration reads it.
    static func legacyHash(_ canonical: String) -> String {
        SHA256.hash(data: Data(canonical.utf8)).lowercaseHex
    }

    /// One record to append: what happened, by whom, to whom, when.
    struct Entry {
        var actor: String
        var action: AuditAction
        var code: String?
        var purpose: String?
        var detail: String
        var at: Date
    }

    static func append(
        _ db: any SQLSession, key: SymmetricKey, actor: String, action: AuditAction, code: String?, purpose: String?,
        detail: String, at: Date
    ) throws {
        try append(
            db, key: key,
            entries: [Entry(actor: actor, action: action, code: code, purpose: purpose, detail: detail, at: at)])
    }

    /// Appends `entries` in order, in one statement per 100. A transaction that writes much
    /// appends last: the chain's lock is then held only from here to its commit.
    static func append(_ db: any SQLSession, key: SymmetricKey, entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        try append(db, key: key, entries: entries, after: try lockedRead(db, []).head)
    }

    /// Takes the chain's lock and runs `statements` together with the read of the chain's last
    /// record (one round trip on PostgreSQL), for a transaction that reads before it appends:
    /// their rows, and the head to append after with ``append(_:key:entries:after:)``.
    ///
    /// One appender at a time across every process on the database: the next record's number
    /// and link are read after the previous appender committed.
    static func lockedRead(_ db: any SQLSession, _ statements: [SQLStatement]) throws
        -> (rows: [[SQLRow]], head: AuditAnchor.Head?)
    {
        try db.lock(.auditChain)
        var answers = try db.fetchAll(statements + [SQLStatement(sql: headSQL)])
        let head = answers.removeLast().first.map(head(of:))
        return (answers, head)
    }

    /// Appends `entries` after `last`, the head ``lockedRead(_:_:)`` returned in this transaction.
    static func append(
        _ db: any SQLSession, key: SymmetricKey, entries: [Entry], after last: AuditAnchor.Head?
    ) throws {
        var seq: Int64 = last?.records ?? 0
        var prev: String = last?.mac ?? genesis
        var rows: [[any SQLBindable]] = []
        for entry in entries {
            seq += 1
            let time = Date(timeIntervalSince1970: Double(milliseconds(entry.at)) / 1000)
            let hash = mac(
                canonical(
                    prev: prev, seq: seq, at: time, actor: entry.actor, action: entry.action.rawValue, code: entry.code,
                    purpose: entry.purpose, detail: entry.detail), key: key)
            rows.append([
                seq, milliseconds(time), entry.actor, entry.action.rawValue, entry.code, entry.purpose, entry.detail,
                prev, hash,
            ])
            prev = hash
        }
        for chunk in SQLList.chunks(rows, size: 100) {
            try db.executeLater(
                sql: "INSERT INTO audit (seq, at, actor, action, code, purpose, detail, prev_hash, hash) VALUES "
                    + SQLList.marks(chunk.count, each: "(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                arguments: SQLArguments(chunk.flatMap { $0 }))
        }
        db.appendedHead = AuditAnchor.Head(records: seq, mac: prev)
    }

    /// Lifts the append-only guard within this transaction (a key rotation MACs records again in
    /// place; tests forge records); ``restoreAppendOnly(_:)`` puts it back before the commit.
    static func suspendAppendOnly(_ db: any SQLSession) throws {
        switch db.dialect {
        case .sqlite:
            try db.execute(sql: "DROP TRIGGER audit_append_only_update")
            try db.execute(sql: "DROP TRIGGER audit_append_only_delete")
        case .postgres: try db.execute(sql: "ALTER TABLE audit DISABLE TRIGGER audit_append_only")
        }
    }

    static func restoreAppendOnly(_ db: any SQLSession) throws {
        switch db.dialect {
        case .sqlite:
            for (name, event) in [("update", "UPDATE"), ("delete", "DELETE")] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER audit_append_only_\(name) BEFORE \(event) ON audit
                            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                        """)
            }
        case .postgres: try db.execute(sql: "ALTER TABLE audit ENABLE TRIGGER audit_append_only")
        }
    }

    static func head(_ db: any SQLSession) throws -> AuditAnchor.Head? {
        try db.fetchOne(sql: headSQL).map(head(of:))
    }

    /// The chain's last record, its number and MAC.
    private static let headSQL = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"

    private static func head(of row: SQLRow) -> AuditAnchor.Head {
        AuditAnchor.Head(records: row["seq"], mac: row["hash"])
    }

    static func records(_ db: any SQLSession, code: String? = nil, since: Date? = nil) throws -> [AuditRecord] {
        var sql = "SELECT * FROM audit"
        var conditions: [String] = []
        var arguments: SQLArguments = []
        if let code {
            conditions.append("code = ?")
            arguments += [code]
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [milliseconds(since)]
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY seq"
        return try db.fetchAll(sql: sql, arguments: arguments).map { row in
            AuditRecord(
                seq: row["seq"], at: Date(timeIntervalSince1970: Double(row["at"] as Int64) / 1000),
                actor: row["actor"],
                action: row["action"], code: row["code"], purpose: row["purpose"], detail: row["detail"],
                prevHash: row["prev_hash"], hash: row["hash"])
        }
    }

    /// Checks every record's MAC and link, then the chain's end against the anchor.
    static func verify(_ db: any SQLSession, key: SymmetricKey, anchor: AuditAnchor.Head?) throws -> AuditVerification {
        var previous = genesis
        var expectedSeq: Int64 = 1
        var count = 0
        var anchoredMAC: String?
        func broken(_ seq: Int64?, _ problem: String) -> AuditVerification {
            AuditVerification(
                records: count, isIntact: false, firstBreak: seq, problem: problem, anchoredRecords: anchor?.records)
        }
        // In pages of 5,000 by sequence number: memory stays flat however long the chain.
        var rows = try db.fetchAll(sql: "SELECT * FROM audit ORDER BY seq LIMIT \(verifyPage)")
        while !rows.isEmpty {
            for row in rows {
                count += 1
                let seq: Int64 = row["seq"]
                if seq != expectedSeq { return broken(seq, "record \(expectedSeq) is missing (deleted?)") }
                let prevHash: String = row["prev_hash"]
                if prevHash != previous {
                    return broken(seq, "record does not chain to the one before it (inserted or edited)")
                }
                let at = Date(timeIntervalSince1970: Double(row["at"] as Int64) / 1000)
                let expected = mac(
                    canonical(
                        prev: prevHash, seq: seq, at: at, actor: row["actor"], action: row["action"],
                        code: row["code"], purpose: row["purpose"], detail: row["detail"]), key: key)
                let hash: String = row["hash"]
                if expected != hash { return broken(seq, "record was edited (its MAC does not match)") }
                if seq == anchor?.records { anchoredMAC = hash }
                previous = hash
                expectedSeq += 1
            }
            guard rows.count == verifyPage else { break }
            rows = try db.fetchAll(
                sql: "SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT \(verifyPage)", arguments: [expectedSeq - 1])
        }
        if let anchor {
            if Int64(count) < anchor.records {
                return broken(
                    Int64(count) + 1,
                    "the log ends at record \(count) but the anchor says \(anchor.records) (records cut off the end)")
            }
            if anchoredMAC != anchor.mac {
                return broken(anchor.records, "record \(anchor.records) differs from the anchored one (rewritten)")
            }
        } else if count > 0 {
            return broken(nil, "the audit anchor (data/audit.anchor) is missing; restore it from backup")
        }
        return AuditVerification(
            records: count, isIntact: true, firstBreak: nil, problem: nil, anchoredRecords: anchor?.records)
    }
}

extension SQLVault {
    /// Moves the anchor to the chain's current head (after every write transaction).
    func advanceAnchor(create: Bool = false) throws(VaultError) {
        let head = try read("reading the audit head") { db in try AuditLog.head(db) }
        try anchor.advance(to: head ?? AuditAnchor.Head(records: 0, mac: AuditLog.genesis), create: create)
    }

    /// The anchored head of the chain: what the log says in `audit verify` and after each run.
    public var auditHead: (records: Int64, mac: String)? {
        anchor.read().map { ($0.records, $0.mac) }
    }

    /// Records that the leak gate refused an export (categories only; the client by HMAC).
    public func recordRefusedExport(
        code: String, purpose: String, format: String, categories: [String], client: String, actor: String, at: Date
    ) throws(VaultError) {
        let detail =
            "leak gate hit [\(categories.joined(separator: ","))] in \(format) for client #\(keys.recipientHash(client))"
        try write("recording a refused export") { db in
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .exportRefused, code: code, purpose: purpose,
                detail: detail, at: at)
        }
    }

    public func auditRecords(code: String? = nil, since: Date? = nil) throws(VaultError) -> [AuditRecord] {
        try read("reading the audit log") { db in try AuditLog.records(db, code: code, since: since) }
    }

    public func verifyAudit() throws(VaultError) -> AuditVerification {
        // The anchor is read first: it can only be behind the snapshot read after it, never ahead.
        let head = anchor.read()
        return try read("verifying the audit log") { db in try AuditLog.verify(db, key: keys.auditKey, anchor: head) }
    }
}
