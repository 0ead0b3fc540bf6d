public import CVModel
public import Foundation

extension SQLVault {
    /// Puts the vault under the master key in `newKeyPath` (32 bytes, read from that file only),
    /// in one transaction: every candidate's data key re-wrapped; the value, identity and client
    /// hashes recomputed from the opened values; profile keys cleared (computed again on the next
    /// count); failed log-ins forgotten and open approvals ended (both keyed by secrets the vault
    /// never kept); the audit chain, which must verify under the old key first, re-MACed under
    /// the new one and closed by a `key-rotation` record; the key's check value replaced.
    ///
    /// Every other process using the vault must be stopped first: they hold the old key (their
    /// next write is refused: ``write(_:_:)`` checks the key). This vault object holds the old
    /// key too and is done with after the call. The caller replaces the key file or
    /// `CVSIEVE_MASTER_KEY` on every machine; `newKeyPath` is left in place until then.
    ///
    /// An identity hash is kept only for an e-mail or phone still stored: one whose value retention
    /// already removed can no longer be recomputed, so a CV sent again from it makes a new
    /// candidate. Audit details written before (a client's `#hash`) keep the old key's hashes.
    public func rotateMasterKey(to newKeyPath: String, actor: String, at now: Date) throws(VaultError) -> KeyRotation {
        guard FileManager.default.fileExists(atPath: newKeyPath) else {
            throw .keyFile(
                path: newKeyPath,
                reason: "no such file; make one with `head -c 32 /dev/urandom > FILE && chmod 600 FILE`")
        }
        let new = try KeyStore.load(path: newKeyPath, environment: [:])
        let newCheck = new.check
        guard newCheck != keys.check else {
            throw .keyFile(path: newKeyPath, reason: "this is the vault's current master key; make a new one")
        }
        let anchored = anchor.read()
        return try write("rotating the master key") { db in
            // The check value first: writes already past their key check finish before this
            // goes on, and later ones wait for it and then see the new key (and stop).
            try db.execute(sql: "UPDATE vault_meta SET value = ? WHERE name = 'key_check'", arguments: [newCheck])
            try db.lock([.purge, .auditChain])
            // Verified here, under the chain's lock, so nothing is appended between the check and
            // the new MACs: a record forged before would otherwise be signed under the new key.
            let before = try AuditLog.verify(db, key: keys.auditKey, anchor: anchored)
            guard before.isIntact else {
                throw VaultError.keyFile(
                    path: "audit log",
                    reason: "the audit chain does not verify (\(before.problem ?? "broken")); rotating would hide "
                        + "that, so the key was not rotated: investigate first (`cvsieve audit verify`)")
            }
            var report = KeyRotation(
                candidates: 0, values: 0, identities: 0, disclosures: 0, auditRecords: 0, approvalsEnded: 0)
            for candidate in try db.fetchAll(sql: "SELECT code, wrapped_key FROM candidate ORDER BY code") {
                let code: String = candidate["code"]
                let dataKey = try keys.unwrap(candidate["wrapped_key"], for: code)
                try db.execute(
                    sql: "UPDATE candidate SET wrapped_key = ?, quasi_key = NULL, quasi_basis = NULL WHERE code = ?",
                    arguments: [try new.wrap(dataKey, for: code), code])
                var identities: Set<String> = []
                for value in try db.fetchAll(
                    sql: "SELECT id, category, sealed FROM value WHERE code = ?", arguments: [code])
                {
                    let category: String = value["category"]
                    let plain = try KeyStore.open(value["sealed"], key: dataKey, context: "\(code):\(category)")
                    try db.execute(
                        sql: "UPDATE value SET value_hash = ? WHERE id = ?",
                        arguments: [new.valueHash(code: code, category: category, value: plain), value["id"] as Int64])
                    if category == "email" { identities.insert(new.identityHash(IdentityKey.email(plain))) }
                    if category == "phone" { identities.insert(new.identityHash(IdentityKey.phone(plain))) }
                    report.values += 1
                }
                try db.execute(sql: "DELETE FROM identity WHERE code = ?", arguments: [code])
                for hash in identities.sorted() {
                    try db.execute(
                        sql: "INSERT INTO identity (hash, code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        arguments: [hash, code])
                }
                report.identities += identities.count
                for disclosure in try db.fetchAll(
                    sql: "SELECT id, client_sealed FROM disclosure WHERE code = ?", arguments: [code])
                {
                    let client = try KeyStore.open(disclosure["client_sealed"], key: dataKey, context: "\(code):client")
                    try db.execute(
                        sql: "UPDATE disclosure SET client_hash = ? WHERE id = ?",
                        arguments: [new.recipientHash(client), disclosure["id"] as Int64])
                    report.disclosures += 1
                }
                report.candidates += 1
            }
            try db.execute(sql: "DELETE FROM login_failure")
            try db.execute(
                sql: "UPDATE approval SET expires_at = ? WHERE answered_at IS NULL AND expires_at > ?",
                arguments: [now, now])
            report.approvalsEnded = db.changesCount
            report.auditRecords = try rechainAudit(db, under: new)
            try AuditLog.append(
                db, key: new.auditKey, actor: actor, action: .keyRotation, code: nil, purpose: nil,
                detail: "master key rotated: \(report.candidates) candidates re-wrapped, \(report.values) value "
                    + "hashes, \(report.identities) identity hashes, \(report.disclosures) client hashes recomputed; "
                    + "records 1 to \(report.auditRecords) verified under the old key and MACed again under the new; "
                    + "\(report.approvalsEnded) open approvals ended",
                at: now)
            return report
        }
    }

    /// MACs every audit record again under `new`, in order (the append-only guard lifted for
    /// this transaction alone); returns how many.
    private func rechainAudit(_ db: any SQLSession, under new: KeyStore) throws -> Int {
        try AuditLog.suspendAppendOnly(db)
        var previous = AuditLog.genesis
        var count = 0
        for record in try AuditLog.records(db) {
            let mac = AuditLog.mac(
                AuditLog.canonical(
                    prev: previous, seq: record.seq, at: record.at, actor: record.actor, action: record.action,
                    code: record.code, purpose: record.purpose, detail: record.detail), key: new.auditKey)
            try db.execute(
                sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, mac, record.seq])
            previous = mac
            count += 1
        }
        try AuditLog.restoreAppendOnly(db)
        return count
    }
}
