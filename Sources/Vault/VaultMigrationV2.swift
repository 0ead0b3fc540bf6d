import CVModel
import Crypto
import Foundation
import GRDB

/// The second vault format, from a security review of the first:
/// - values padded to size buckets and re-sealed; value hashes keyed per candidate;
/// - client names in disclosure records sealed under the candidate's key (an HMAC beside them);
/// - kept originals moved from `data/originals/` (sealed under the master key) into the database,
///   sealed under their candidate's key, so erasure and crypto-shredding cover them;
/// - document rows belong to a candidate and go with them (a content hash linked to a person is
///   personal data, and a stale one made a new application look like a duplicate);
/// - the audit chain re-MACed under the audit key.
struct VaultMigrationV2 {
    let keys: KeyStore

    func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE original (
                    sha256 TEXT PRIMARY KEY,
                    code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                    sealed BLOB NOT NULL,
                    retain_until DATETIME NOT NULL
                );
                CREATE INDEX original_retain ON original(retain_until);
                CREATE TABLE document_v2 (
                    sha256 TEXT PRIMARY KEY,
                    code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                    channel TEXT,
                    purpose TEXT NOT NULL,
                    received_at DATETIME NOT NULL
                );
                CREATE INDEX document_code ON document_v2(code);
                CREATE TABLE disclosure_v2 (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL REFERENCES candidate(code) ON DELETE CASCADE,
                    client_sealed BLOB NOT NULL,
                    client_hash TEXT NOT NULL,
                    disclosed_at DATETIME NOT NULL,
                    purpose TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    format TEXT NOT NULL,
                    profile_sha256 TEXT NOT NULL
                );
                CREATE INDEX disclosure_code ON disclosure_v2(code);
                """)
        var dataKeys: [String: SymmetricKey] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, wrapped_key FROM candidate") {
            let code: String = row["code"]
            dataKeys[code] = try keys.unwrap(row["wrapped_key"], for: code)
        }
        try moveDocumentsAndOriginals(db, dataKeys: dataKeys)
        try sealDisclosures(db, dataKeys: dataKeys)
        try resealValues(db, dataKeys: dataKeys)
        try rechainAudit(db)
    }

    private func moveDocumentsAndOriginals(_ db: Database, dataKeys: [String: SymmetricKey]) throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM document") {
            let sha256: String = row["sha256"]
            let code: String? = row["code"]
            let originalPath: String? = row["original_path"]
            if let code, let key = dataKeys[code] {
                try db.execute(
                    sql: "INSERT INTO document_v2 (sha256, code, channel, purpose, received_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [sha256, code, row["channel"], row["purpose"], row["received_at"]])
                if let originalPath, let until: Date = row["original_retain_until"],
                    let sealed = FileManager.default.contents(atPath: originalPath),
                    let base64 = try? KeyStore.openLegacy(sealed, key: keys.master, context: "original:\(sha256)"),
                    let bytes = Data(base64Encoded: base64)
                {
                    try db.execute(
                        sql: "INSERT INTO original (sha256, code, sealed, retain_until) VALUES (?, ?, ?, ?)",
                        arguments: [
                            sha256, code, try KeyStore.seal(bytes, key: key, context: "\(code):original:\(sha256)"),
                            until,
                        ])
                }
            }
            if let originalPath { try? FileManager.default.removeItem(atPath: originalPath) }
        }
        try db.execute(sql: "DROP TABLE document; ALTER TABLE document_v2 RENAME TO document")
    }

    private func sealDisclosures(_ db: Database, dataKeys: [String: SymmetricKey]) throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM disclosure") {
            let code: String = row["code"]
            guard let key = dataKeys[code] else { continue }
            let client: String = row["client"]
            try db.execute(
                sql: """
                    INSERT INTO disclosure_v2 (id, code, client_sealed, client_hash, disclosed_at, purpose, fields,
                        format, profile_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row["id"], code, try KeyStore.seal(client, key: key, context: "\(code):client"),
                    keys.recipientHash(client), row["disclosed_at"], row["purpose"], row["fields"], row["format"],
                    row["profile_sha256"],
                ])
        }
        try db.execute(sql: "DROP TABLE disclosure; ALTER TABLE disclosure_v2 RENAME TO disclosure")
    }

    private func resealValues(_ db: Database, dataKeys: [String: SymmetricKey]) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, code, category, sealed FROM value") {
            let code: String = row["code"]
            let category: String = row["category"]
            guard let key = dataKeys[code] else { continue }
            let plain = try KeyStore.openLegacy(row["sealed"], key: key, context: "\(code):\(category)")
            let value = String(decoding: plain, as: UTF8.self)
            try db.execute(
                sql: "UPDATE value SET sealed = ?, value_hash = ? WHERE id = ?",
                arguments: [
                    try KeyStore.seal(plain, key: key, context: "\(code):\(category)"),
                    keys.valueHash(code: code, category: category, value: value), row["id"],
                ])
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, purpose, sealed FROM career") {
            let code: String = row["code"]
            guard let key = dataKeys[code] else { continue }
            let plain = try KeyStore.openLegacy(row["sealed"], key: key, context: "\(code):career")
            try db.execute(
                sql: "UPDATE career SET sealed = ? WHERE code = ? AND purpose = ?",
                arguments: [try KeyStore.seal(plain, key: key, context: "\(code):career"), code, row["purpose"]])
        }
    }

    /// Re-MACs the chain. A legacy chain that did not verify is re-MACed all the same (the vault
    /// must stay usable), and the migration record says where it was broken.
    private func rechainAudit(_ db: Database) throws {
        let records = try AuditLog.records(SQLiteSession(db))
        var legacyPrevious = AuditLog.genesis
        var legacyBreak: Int64?
        for (index, record) in records.enumerated() {
            let canonical = AuditLog.canonical(
                prev: record.prevHash, seq: record.seq, at: record.at, actor: record.actor, action: record.action,
                code: record.code, purpose: record.purpose, detail: record.detail)
            if legacyBreak == nil,
                record.seq != Int64(index + 1) || record.prevHash != legacyPrevious
                    || AuditLog.legacyHash(canonical) != record.hash
            {
                legacyBreak = record.seq
            }
            legacyPrevious = record.hash
        }
        try db.execute(sql: "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete")
        var previous = AuditLog.genesis
        for record in records {
            let mac = AuditLog.mac(
                AuditLog.canonical(
                    prev: previous, seq: record.seq, at: record.at, actor: record.actor, action: record.action,
                    code: record.code, purpose: record.purpose, detail: record.detail), key: keys.auditKey)
            try db.execute(
                sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, mac, record.seq])
            previous = mac
        }
        try db.execute(
            sql: """
                CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        if !records.isEmpty {
            try AuditLog.append(
                SQLiteSession(db), key: keys.auditKey, actor: "cvsieve", action: .migration, code: nil, purpose: nil,
                detail: "vault format v2; audit chain keyed"
                    + (legacyBreak.map { "; the unkeyed chain was already broken at record \($0)" } ?? ""),
                at: Date())
        }
    }
}
