public import CVModel
public import Foundation

// Candidates' approvals of client profiles (`export.require_approval`).
extension SQLVault {
    /// Records that `code`'s profile `profileSHA256` was sent for approval with `secret`, the
    /// one-time code the candidate receives (only its keyed hash is kept).
    public func requestApproval(
        _ code: String, profileSHA256: String, secret: String, expiresAt: Date, actor: String, at now: Date
    ) throws(VaultError) -> Approval {
        let secretHash = KeyStore.hex("approval:\(secret)", key: keys.auditKey)
        return try write("requesting an approval") { db in
            guard try db.fetchOne(sql: "SELECT 1 FROM candidate WHERE code = ?", arguments: [code]) != nil else {
                throw VaultError.unknownCandidate(code: code)
            }
            let id = try db.insert(
                sql: """
                    INSERT INTO approval (code, profile_sha256, secret_hash, requested_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [code, profileSHA256, secretHash, now, expiresAt])
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .approvalRequest, code: code, purpose: nil,
                detail: "approval #\(id) asked for profile \(profileSHA256.prefix(12))", at: now)
            return Approval(id: id, code: code, profileSHA256: profileSHA256, requestedAt: now, expiresAt: expiresAt)
        }
    }

    public func approvals(of code: String) throws(VaultError) -> [Approval] {
        try read("listing approvals") { db in
            try db.fetchAll(sql: "SELECT * FROM approval WHERE code = ? ORDER BY id", arguments: [code]).map(
                Self.approval)
        }
    }

    /// The open approval a one-time code belongs to, `nil` for an unknown, answered or expired one.
    public func openApproval(secret: String, at now: Date) throws(VaultError) -> Approval? {
        let secretHash = KeyStore.hex("approval:\(secret)", key: keys.auditKey)
        return try read("reading an approval") { db in
            try db.fetchOne(sql: "SELECT * FROM approval WHERE secret_hash = ?", arguments: [secretHash])
                .map(Self.approval).flatMap { $0.isOpen(at: now) ? $0 : nil }
        }
    }

    /// Records the answer to open approval `id` (once: an answered or expired approval is not
    /// changed and `false` comes back).
    public func answerApproval(_ id: Int64, approved: Bool, actor: String, at now: Date) throws(VaultError) -> Bool {
        try write("answering an approval") { db in
            try db.execute(
                sql: """
                    UPDATE approval SET answered_at = ?, is_approved = ?, answered_by = ?
                    WHERE id = ? AND answered_at IS NULL AND expires_at > ?
                    """, arguments: [now, approved, actor, id, now])
            guard db.changesCount > 0 else { return false }
            let code = try db.fetchScalar(String.self, sql: "SELECT code FROM approval WHERE id = ?", arguments: [id])
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .approvalAnswer, code: code, purpose: nil,
                detail: "approval #\(id) \(approved ? "given" : "refused")", at: now)
            return true
        }
    }

    /// Whether the candidate approved exactly this profile: the latest answer about it decides (a
    /// later refusal or withdrawal undoes an earlier approval).
    public func isApproved(_ code: String, profileSHA256: String) throws(VaultError) -> Bool {
        try read("checking an approval") { db in
            try db.fetchScalar(
                Bool.self,
                sql: """
                    SELECT is_approved FROM approval WHERE code = ? AND profile_sha256 = ? AND answered_at IS NOT NULL
                    ORDER BY answered_at DESC, id DESC LIMIT 1
                    """,
                arguments: [code, profileSHA256]) ?? false
        }
    }

    /// The candidate withdrew their approval: every approval they gave counts as refused from
    /// `now`. Returns how many were withdrawn.
    public func withdrawApproval(_ code: String, actor: String, at now: Date) throws(VaultError) -> Int {
        try write("withdrawing an approval") { db in
            try db.execute(
                sql: """
                    UPDATE approval SET is_approved = FALSE, answered_at = ?, answered_by = ?
                    WHERE code = ? AND is_approved
                    """, arguments: [now, actor, code])
            let count = db.changesCount
            if count > 0 {
                try AuditLog.append(
                    db, key: keys.auditKey, actor: actor, action: .approvalAnswer, code: code, purpose: nil,
                    detail: "\(count) approval(s) withdrawn", at: now)
            }
            return count
        }
    }

    static func approval(_ row: SQLRow) -> Approval {
        Approval(
            id: row["id"], code: row["code"], profileSHA256: row["profile_sha256"], requestedAt: row["requested_at"],
            expiresAt: row["expires_at"], answeredAt: row["answered_at"], isApproved: row["is_approved"],
            answeredBy: row["answered_by"])
    }
}
