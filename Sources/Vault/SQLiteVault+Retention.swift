public import CVModel
public import Foundation
import GRDB

extension SQLiteVault {
    /// Applies retention at `now`: deletes values and career facts past their date, erases
    /// candidates left with nothing (crypto-shredding), and lists application data that new
    /// consent could keep. Candidates under a legal hold are skipped and listed.
    public func purge(at now: Date, dryRun: Bool, actor: String) throws(VaultError) -> PurgeReport {
        let report = try write("purging") { db -> PurgeReport in
            var report = PurgeReport(
                now: now, isDryRun: dryRun, purged: [], askForConsent: [], held: [], originalsDeleted: 0)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.code, v.purpose, COUNT(*) AS n, MAX(v.retain_until) AS until, c.hold_reason
                    FROM value v JOIN candidate c ON c.code = v.code
                    WHERE v.retain_until IS NOT NULL AND v.retain_until <= ?
                    GROUP BY v.code, v.purpose
                    UNION
                    SELECT k.code, k.purpose, 0, k.retain_until, c.hold_reason
                    FROM career k JOIN candidate c ON c.code = k.code
                    WHERE k.retain_until IS NOT NULL AND k.retain_until <= ?
                      AND NOT EXISTS (SELECT 1 FROM value v WHERE v.code = k.code AND v.purpose = k.purpose
                                      AND v.retain_until <= ?)
                    """,
                arguments: [now, now, now])
            for row in rows {
                let code: String = row["code"]
                let purpose: String = row["purpose"]
                if (row["hold_reason"] as String?) != nil {
                    if !report.held.contains(code) { report.held.append(code) }
                    continue
                }
                let remaining =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT (SELECT COUNT(*) FROM value WHERE code = ? AND (retain_until IS NULL OR retain_until > ?))
                                 + (SELECT COUNT(*) FROM career WHERE code = ? AND (retain_until IS NULL OR retain_until > ?))
                            """,
                        arguments: [code, now, code, now]) ?? 0
                report.purged.append(
                    PurgeReport.Item(
                        code: code, purpose: purpose, values: row["n"], retainUntil: row["until"],
                        erasesCandidate: remaining == 0))
                guard !dryRun else { continue }
                try db.execute(
                    sql: "DELETE FROM value WHERE code = ? AND purpose = ? AND retain_until <= ?",
                    arguments: [code, purpose, now])
                try db.execute(
                    sql: "DELETE FROM career WHERE code = ? AND purpose = ? AND retain_until <= ?",
                    arguments: [code, purpose, now])
                try AuditLog.append(
                    db, actor: actor, action: "purge", code: code, purpose: purpose,
                    detail: "retention ended; \(row["n"] as Int) values deleted"
                        + (remaining == 0 ? "; candidate erased" : ""),
                    at: now)
                if remaining == 0 { try shred(db, code: code) }
            }
            // Application data on consent ending within two weeks: a recruiter may ask for consent.
            report.askForConsent = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT v.code FROM value v
                    WHERE v.legal_basis = 'consent' AND v.retain_until > ? AND v.retain_until <= ?
                      AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.code = v.code AND c.withdrawn_at IS NULL)
                    """,
                arguments: [now, TimeSpan(amount: 2, unit: .weeks).after(now)])
            if !dryRun {
                report.originalsDeleted = try purgeOriginals(db, now: now)
            }
            return report
        }
        if !dryRun && !report.purged.isEmpty { try checkpoint() }
        return report
    }

    /// Deletes kept original files whose time is up.
    private func purgeOriginals(_ db: Database, now: Date) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT sha256, original_path FROM document WHERE original_path IS NOT NULL AND original_retain_until <= ?",
            arguments: [now])
        for row in rows {
            let path: String = row["original_path"]
            try? FileManager.default.removeItem(atPath: path)
            try db.execute(
                sql: "UPDATE document SET original_path = NULL WHERE sha256 = ?", arguments: [row["sha256"] as String])
        }
        return rows.count
    }

    /// Records where an encrypted original is kept and until when.
    public func keepOriginal(sha256: String, path: String, until: Date) throws(VaultError) {
        try write("recording an original") { db in
            try db.execute(
                sql: "UPDATE document SET original_path = ?, original_retain_until = ? WHERE sha256 = ?",
                arguments: [path, until, sha256])
        }
    }

    /// Seals a file's bytes under the master key (originals kept by `originals.keep`).
    public func sealOriginal(_ bytes: Data, sha256: String) throws(VaultError) -> Data {
        do {
            return try KeyStore.seal(bytes.base64EncodedString(), key: keys.master, context: "original:\(sha256)")
        } catch {
            throw .database(path: path, operation: "sealing an original", resultCode: -1)
        }
    }
}
