import Crypto
public import Foundation
import GRDB

/// One audit record: who did what to which candidate code under which purpose. The detail holds
/// counts and categories, never a value.
public struct AuditRecord: Codable, Sendable {
    public var seq: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var code: String?
    public var purpose: String?
    public var detail: String
    public var prevHash: String
    public var hash: String
}

/// The result of `cvsieve audit verify`.
public struct AuditVerification: Codable, Sendable {
    public var records: Int
    public var isIntact: Bool
    /// The first record that does not chain, and why.
    public var firstBreak: Int64?
    public var problem: String?
}

/// The append-only, hash-chained audit log. Each record's hash covers the previous record's
/// hash, so an edited, inserted or deleted record breaks the chain from that point on; triggers
/// refuse UPDATE and DELETE on the table.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    /// Milliseconds since 1970: the stored time, exactly as hashed.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func hash(
        prev: String, seq: Int64, at: Date, actor: String, action: String, code: String?, purpose: String?,
        detail: String
    ) -> String {
        let canonical = [prev, String(seq), String(milliseconds(at)), actor, action, code ?? "", purpose ?? "", detail]
            .joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func append(
        _ db: Database, actor: String, action: String, code: String?, purpose: String?, detail: String, at: Date
    ) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let prev: String = last?["hash"] ?? genesis
        let time = Date(timeIntervalSince1970: Double(milliseconds(at)) / 1000)
        let hash = hash(
            prev: prev, seq: seq, at: time, actor: actor, action: action, code: code, purpose: purpose, detail: detail)
        try db.execute(
            sql: """
                INSERT INTO audit (seq, at, actor, action, code, purpose, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [seq, milliseconds(time), actor, action, code, purpose, detail, prev, hash])
    }

    static func records(_ db: Database, code: String? = nil, since: Date? = nil) throws -> [AuditRecord] {
        var sql = "SELECT * FROM audit"
        var conditions: [String] = []
        var arguments: StatementArguments = []
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
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            AuditRecord(
                seq: row["seq"], at: Date(timeIntervalSince1970: Double(row["at"] as Int64) / 1000),
                actor: row["actor"],
                action: row["action"], code: row["code"], purpose: row["purpose"], detail: row["detail"],
                prevHash: row["prev_hash"], hash: row["hash"])
        }
    }

    static func verify(_ db: Database) throws -> AuditVerification {
        let all = try records(db)
        var previous = genesis
        var expectedSeq: Int64 = 1
        for record in all {
            if record.seq != expectedSeq {
                return AuditVerification(
                    records: all.count, isIntact: false, firstBreak: record.seq,
                    problem: "record \(expectedSeq) is missing (deleted?)")
            }
            if record.prevHash != previous {
                return AuditVerification(
                    records: all.count, isIntact: false, firstBreak: record.seq,
                    problem: "record does not chain to the one before it (inserted or edited)")
            }
            let recomputed = hash(
                prev: record.prevHash, seq: record.seq, at: record.at, actor: record.actor, action: record.action,
                code: record.code, purpose: record.purpose, detail: record.detail)
            if recomputed != record.hash {
                return AuditVerification(
                    records: all.count, isIntact: false, firstBreak: record.seq, problem: "record was edited")
            }
            previous = record.hash
            expectedSeq += 1
        }
        return AuditVerification(records: all.count, isIntact: true, firstBreak: nil, problem: nil)
    }
}

extension SQLiteVault {
    /// Records an action of the CLI (an export, a configuration check) in the audit log.
    public func audit(action: String, code: String?, purpose: String?, detail: String, actor: String, at: Date)
        throws(VaultError)
    {
        try write("audit") { db in
            try AuditLog.append(db, actor: actor, action: action, code: code, purpose: purpose, detail: detail, at: at)
        }
    }

    public func auditRecords(code: String? = nil, since: Date? = nil) throws(VaultError) -> [AuditRecord] {
        try read("reading the audit log") { db in try AuditLog.records(db, code: code, since: since) }
    }

    public func verifyAudit() throws(VaultError) -> AuditVerification {
        try read("verifying the audit log") { db in try AuditLog.verify(db) }
    }
}
