public import CVModel
public import Foundation
import Glibc

extension SQLVault {
    /// Applies retention at `now`: deletes values and career facts past their date, erases
    /// candidates left with nothing (crypto-shredding), and lists application data that new
    /// consent could keep. Candidates under a legal hold are skipped and listed.
    public func purge(at now: Date, dryRun: Bool, actor: String) throws(VaultError) -> PurgeReport {
        // A dry run only reads: it takes no write lock (the web app's overview runs one per view).
        let pass = { [self] (db: any SQLSession) throws -> PurgeReport in
            var report = PurgeReport(
                now: now, isDryRun: dryRun, purged: [], askForConsent: [], held: [], originalsDeleted: 0)
            let rows = try db.fetchAll(
                sql: """
                    SELECT v.code, v.purpose, COUNT(*) AS n, MAX(v.retain_until) AS until, c.hold_reason
                    FROM value v JOIN candidate c ON c.code = v.code
                    WHERE v.retain_until IS NOT NULL AND v.retain_until <= ?
                    GROUP BY v.code, v.purpose, c.hold_reason
                    UNION
                    SELECT k.code, k.purpose, 0, k.retain_until, c.hold_reason
                    FROM career k JOIN candidate c ON c.code = k.code
                    WHERE k.retain_until IS NOT NULL AND k.retain_until <= ?
                      AND NOT EXISTS (SELECT 1 FROM value v WHERE v.code = k.code AND v.purpose = k.purpose
                                      AND v.retain_until <= ?)
                    """,
                arguments: [now, now, now])
            // Originals first: an original whose time is up counts as deleted here even when its
            // candidate is erased below (which would take it along by cascade).
            if !dryRun { report.originalsDeleted = try purgeOriginals(db, now: now) }
            // Each candidate's hold and what it keeps after the purge, read in chunks (a few
            // statements per chunk, not a few per candidate: on PostgreSQL each is a round trip).
            let state = try purgeState(db, codes: rows.map { $0["code"] as String }, lockRows: !dryRun, now: now)
            // The chain's records at the end, after every row lock: a store takes its rows first
            // and the chain last, and so does this, so the two never wait on each other in a circle.
            var records: [(code: String, purpose: String, detail: String)] = []
            var expired: [(code: String, purpose: String)] = []
            var changed: Set<String> = []
            var erasedCodes: Set<String> = []
            for row in rows {
                let code: String = row["code"]
                let purpose: String = row["purpose"]
                // Gone since the list above (erased by another process), or erased a row ago
                // with all its purposes.
                guard let hold = state.holds[code], !erasedCodes.contains(code) else { continue }
                if hold != nil {
                    if !report.held.contains(code) { report.held.append(code) }
                    continue
                }
                let remaining = state.remaining[code] ?? 0
                report.purged.append(
                    PurgeReport.Item(
                        code: code, purpose: purpose, values: row["n"], retainUntil: row["until"],
                        erasesCandidate: remaining == 0))
                guard !dryRun else { continue }
                expired.append((code, purpose))
                records.append(
                    (
                        code, purpose,
                        "retention ended; \(row["n"] as Int) values deleted"
                            + (remaining == 0 ? "; candidate erased" : "")
                    ))
                if remaining == 0 {
                    erasedCodes.insert(code)
                } else {
                    changed.insert(code)
                }
            }
            if !dryRun { try deleteExpired(db, expired: expired, erased: erasedCodes, changed: changed, now: now) }
            try AuditLog.append(
                db, key: keys.auditKey,
                entries: records.map {
                    AuditLog.Entry(
                        actor: actor, action: .purge, code: $0.code, purpose: $0.purpose, detail: $0.detail, at: now)
                })
            // Application data on consent ending within two weeks: a recruiter may ask for consent.
            report.askForConsent = try db.fetchColumn(
                String.self,
                sql: """
                    SELECT DISTINCT v.code FROM value v
                    WHERE v.legal_basis = 'consent' AND v.retain_until > ? AND v.retain_until <= ?
                      AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.code = v.code AND c.withdrawn_at IS NULL)
                    """,
                arguments: [now, TimeSpan(amount: 2, unit: .weeks).after(now)])
            return report
        }
        // One purge at a time, whichever process or machine runs it.
        let report =
            dryRun
            ? try read("purging", pass)
            : try write("purging") { db in
                try db.lock(.purge)
                return try pass(db)
            }
        if !dryRun && !report.purged.isEmpty { try checkpoint() }
        return report
    }

    /// What ``purge(at:dryRun:actor:)`` needs of the candidates its list names: each one's hold
    /// (`nil` inside: none; no entry: the candidate is gone) and how many values and career facts
    /// it keeps after `now`. On PostgreSQL a real purge locks the candidates' rows first, in code
    /// order, so a hold placed or a CV stored by another process since the list was read is
    /// seen, not overrun; the counts are read after the locks.
    private func purgeState(_ db: any SQLSession, codes: [String], lockRows: Bool, now: Date) throws
        -> (holds: [String: String?], remaining: [String: Int])
    {
        var holds: [String: String?] = [:]
        var remaining: [String: Int] = [:]
        let forUpdate = db.dialect == .postgres && lockRows ? " FOR UPDATE" : ""
        for chunk in SQLList.chunks(Array(Set(codes)).sorted()) {
            let marks = SQLList.marks(chunk.count)
            let byCode = SQLList.arguments(chunk)
            let answers = try db.fetchAll([
                SQLStatement(
                    sql: "SELECT code, hold_reason FROM candidate WHERE code IN (\(marks)) ORDER BY code\(forUpdate)",
                    arguments: byCode),
                SQLStatement(
                    sql: """
                        SELECT code, COUNT(*) AS n FROM value
                        WHERE code IN (\(marks)) AND (retain_until IS NULL OR retain_until > ?) GROUP BY code
                        UNION ALL
                        SELECT code, COUNT(*) AS n FROM career
                        WHERE code IN (\(marks)) AND (retain_until IS NULL OR retain_until > ?) GROUP BY code
                        """,
                    arguments: byCode + [now] + byCode + [now]),
            ])
            for row in answers[0] { holds[row["code"]] = .some(row["hold_reason"] as String?) }
            for row in answers[1] { remaining[row["code"], default: 0] += row["n"] as Int }
        }
        return (holds, remaining)
    }

    /// Deletes the `expired` values and career facts of each (candidate, purpose), erases the
    /// `erased` candidates (crypto-shredding, which takes their rows along) and clears the profile
    /// key of the `changed` ones: a statement per chunk, sent without waiting (PostgreSQL).
    private func deleteExpired(
        _ db: any SQLSession, expired: [(code: String, purpose: String)], erased: Set<String>,
        changed: Set<String>, now: Date
    ) throws {
        let kept = expired.filter { !erased.contains($0.code) }
        for chunk in SQLList.chunks(kept) {
            let pairs = SQLList.marks(chunk.count, each: "(?, ?)")
            let arguments: SQLArguments =
                [now] + SQLArguments(chunk.flatMap { [$0.code, $0.purpose] as [any SQLBindable] })
            for table in ["value", "career"] {
                try db.executeLater(
                    sql: "DELETE FROM \(table) WHERE retain_until <= ? AND (code, purpose) IN (VALUES \(pairs))",
                    arguments: arguments)
            }
        }
        try shred(db, codes: erased.sorted())
        try forgetQuasiKeys(db, codes: changed.sorted())
    }

    /// Deletes kept originals whose time is up (rows in the database, sealed under their
    /// candidate's key), and sweeps `data/originals/`, where the first vault format kept them as
    /// files: anything still there has no row (a crash between file and row, or the migration
    /// could not read it) and is removed. Counts only what was really deleted.
    private func purgeOriginals(_ db: any SQLSession, now: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM original WHERE retain_until <= ?", arguments: [now])
        var deleted = db.changesCount
        guard let dataFolder = engine.dataFolder else { return deleted }
        let folder = (dataFolder as NSString).appendingPathComponent("originals")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let file = (folder as NSString).appendingPathComponent(name)
            if unlink(file) == 0 { deleted += 1 }
        }
        return deleted
    }

    /// The kept original of a document, opened (for the web app's page view and `subject access`).
    public func original(sha256: String) throws(VaultError) -> Data? {
        try read("reading a kept original") { db in
            guard
                let row = try db.fetchOne(
                    sql: "SELECT code, sealed FROM original WHERE sha256 = ?", arguments: [sha256])
            else { return nil }
            let code: String = row["code"]
            return try KeyStore.openBytes(
                row["sealed"], key: try dataKey(db, code: code), context: "\(code):original:\(sha256)")
        }
    }

    /// Records that someone looked at an original with its values marked: under the candidate's
    /// code for a kept original, without one for a quarantined file (which has no candidate).
    public func recordOriginalView(code: String?, detail: String, actor: String, at now: Date) throws(VaultError) {
        try write("recording a look at an original") { db in
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .originalView, code: code, purpose: nil, detail: detail,
                at: now)
        }
    }
}
