public import CVModel
public import Foundation

/// Data-subject rights (GDPR art. 15–21) and the agency's own events (contact, agreements, holds).
extension SQLVault {
    public static let requestPeriod = TimeSpan(amount: 4, unit: .weeks)

    /// `subject access`: everything held on the person, machine-readable (art. 15 and 20). The
    /// request, the report and its audit record are one transaction: the report is one snapshot,
    /// and shows the request it answers.
    public func access(_ code: String, actor: String, at now: Date) throws(VaultError) -> SubjectAccessReport {
        try write("answering an access request") { db in
            try Self.completeRequest(db, code: code, kind: .access, at: now)
            return try reportAudited(
                db, code: code, actor: actor, action: RequestKind.access.action, verb: "exported", at: now)
        }
    }

    /// Answers exactly the open access or portability request `id` with the access report (the
    /// web app's Verzoeken page), completing that request and no other.
    public func answerAccessRequest(_ id: Int64, actor: String, at now: Date) throws(VaultError)
        -> SubjectAccessReport
    {
        try write("completing a request") { db in
            guard
                let request = try db.fetchOne(
                    sql: "SELECT code, kind FROM request WHERE id = ? AND completed_at IS NULL", arguments: [id]),
                let kind = RequestKind(rawValue: request["kind"]), [.access, .portability].contains(kind)
            else { throw VaultError.unknownRequest(id) }
            let code: String = request["code"]
            try db.executeLater(sql: "UPDATE request SET completed_at = ? WHERE id = ?", arguments: [now, id])
            return try reportAudited(db, code: code, actor: actor, action: kind.action, verb: "exported", at: now)
        }
    }

    /// A member of staff looking at what is held on a candidate (the web app's candidate page):
    /// the same report as an access request, audited as a view, no request completed.
    public func view(_ code: String, actor: String, at now: Date) throws(VaultError) -> SubjectAccessReport {
        try write("recording a view") { db in
            try reportAudited(db, code: code, actor: actor, action: .view, verb: "shown", at: now)
        }
    }

    /// Everything held on the candidate, and its audit record ("N values exported"/"shown"): the
    /// report's reads and the chain's head in one go (one round trip on PostgreSQL), under the
    /// chain's lock.
    private func reportAudited(
        _ db: any SQLSession, code: String, actor: String, action: AuditAction, verb: String, at now: Date
    ) throws -> SubjectAccessReport {
        let byCode: SQLArguments = [code]
        let (answers, head) = try AuditLog.lockedRead(
            db,
            [
                SQLStatement(
                    sql: "SELECT c.*, \(Self.stateRank) AS state_rank FROM candidate c WHERE c.code = ?",
                    arguments: byCode),
                SQLStatement(sql: "SELECT * FROM consent WHERE code = ?", arguments: byCode),
                SQLStatement(sql: "SELECT * FROM value WHERE code = ? ORDER BY id", arguments: byCode),
                SQLStatement(sql: "SELECT * FROM career WHERE code = ?", arguments: byCode),
                SQLStatement(sql: "SELECT * FROM disclosure WHERE code = ? ORDER BY id", arguments: byCode),
                SQLStatement(sql: "SELECT * FROM request WHERE code = ? ORDER BY id", arguments: byCode),
                SQLStatement(sql: "SELECT sha256 FROM document WHERE code = ?", arguments: byCode),
            ])
        guard let row = answers[0].first else { throw VaultError.unknownCandidate(code: code) }
        let key = try dataKey(unwrapping: row["wrapped_key"], code: code)
        var consents: [String: Bool] = [:]
        for consent in answers[1] {
            consents[consent["purpose"]] = (consent["withdrawn_at"] as Date?) == nil
        }
        var career: [String: CareerFacts] = [:]
        for facts in answers[3] {
            career[facts["purpose"]] = try Self.careerFacts(facts, key: key, code: code)
        }
        let report = SubjectAccessReport(
            code: code, generatedAt: now, state: Self.state(rank: row["state_rank"]).rawValue,
            values: try answers[2].map { try Self.storedValue($0, key: key, code: code) }, career: career,
            consents: consents, lastContactAt: row["last_contact_at"], agreementStart: row["agreement_start"],
            agreementEnd: row["agreement_end"], applicationEndedAt: row["application_ended_at"],
            isRestricted: row["is_restricted"], hasObjected: row["has_objected"], holdReason: row["hold_reason"],
            disclosures: try answers[4].map { try Self.disclosure($0, key: key, code: code) },
            requests: answers[5].map { Self.request($0, now: now) },
            documents: answers[6].compactMap { $0[0] as String? },
            automatedDecisions: "none: cvsieve makes no decisions about candidates; recruiters decide")
        try AuditLog.append(
            db, key: keys.auditKey,
            entries: [
                AuditLog.Entry(
                    actor: actor, action: action, code: code, purpose: nil,
                    detail: "\(report.values.count) values \(verb)", at: now)
            ], after: head)
        return report
    }

    /// `subject rectify CODE FIELD VALUE`: replaces the values of one category (art. 16).
    public func rectify(_ code: String, category: Category, value: String, actor: String, at now: Date)
        throws(VaultError)
        -> RightsOutcome
    {
        try write("rectifying") { db in
            let key = try dataKey(db, code: code)
            let purposes = try db.fetchColumn(
                String.self, sql: "SELECT DISTINCT purpose FROM value WHERE code = ? AND category = ?",
                arguments: [code, category.rawValue])
            guard !purposes.isEmpty else { throw VaultError.unknownCategory(category.rawValue) }
            let basis =
                try db.fetchScalar(
                    String.self, sql: "SELECT legal_basis FROM value WHERE code = ? AND category = ? LIMIT 1",
                    arguments: [code, category.rawValue]) ?? ""
            let until = try db.fetchScalar(
                Date.self, sql: "SELECT retain_until FROM value WHERE code = ? AND category = ? LIMIT 1",
                arguments: [code, category.rawValue])
            try db.execute(
                sql: "DELETE FROM value WHERE code = ? AND category = ?", arguments: [code, category.rawValue])
            for purpose in purposes {
                try db.execute(
                    sql: """
                        INSERT INTO value (code, category, sealed, value_hash, purpose, legal_basis, source_document,
                            collected_at, retain_until)
                        VALUES (?, ?, ?, ?, ?, ?, '\(Self.rectificationSource)', ?, ?)
                        """,
                    arguments: [
                        code, category.rawValue,
                        try KeyStore.seal(value, key: key, context: "\(code):\(category.rawValue)"),
                        keys.valueHash(code: code, category: category.rawValue, value: value), purpose, basis, now,
                        until,
                    ])
            }
            try forgetQuasiKey(db, code: code)
            return try finishRight(
                db, code: code, kind: .rectify, actor: actor, at: now, detail: "category \(category.rawValue) replaced"
            )
        }
    }

    /// `subject erase`: crypto-shreds the candidate (art. 17). Refused under a legal hold.
    public func erase(_ code: String, actor: String, at now: Date) throws(VaultError) -> RightsOutcome {
        let outcome = try write("erasing") { db in
            try requireNoHold(db, code: code)
            let outcome = try finishRight(
                db, code: code, kind: .erase, actor: actor, at: now, detail: "candidate erased")
            try shred(db, code: code)
            return outcome
        }
        try checkpoint()
        return outcome
    }

    /// Deletes the candidate row (its wrapped data key) and, by cascade, their values, career,
    /// identities, consents, disclosure records, document rows (content hashes) and kept
    /// originals: what a backup still holds cannot be opened without the wrapped key, and the
    /// same CV sent again later is a new application, not a duplicate.
    func shred(_ db: any SQLSession, code: String) throws {
        try shred(db, codes: [code])
    }

    /// ``shred(_:code:)`` for several candidates: one statement per ``SQLList/chunkSize`` codes.
    func shred(_ db: any SQLSession, codes: [String]) throws {
        for chunk in SQLList.chunks(codes) {
            try db.executeLater(
                sql: "DELETE FROM candidate WHERE code IN (\(SQLList.marks(chunk.count)))",
                arguments: SQLList.arguments(chunk))
        }
    }

    /// `subject restrict` (art. 18) and `subject object` (art. 21): kept, not processed or exported.
    public func restrict(_ code: String, isObjection: Bool, actor: String, at now: Date) throws(VaultError)
        -> RightsOutcome
    {
        try write("restricting") { db in
            let column = isObjection ? "has_objected" : "is_restricted"
            try db.execute(sql: "UPDATE candidate SET \(column) = TRUE WHERE code = ?", arguments: [code])
            guard db.changesCount > 0 else { throw VaultError.unknownCandidate(code: code) }
            if isObjection {
                // An objection ends processing on legitimate interest: those values go.
                try db.execute(
                    sql: "DELETE FROM value WHERE code = ? AND legal_basis = ?",
                    arguments: [code, LegalBasis.legitimateInterest.rawValue])
                try forgetQuasiKey(db, code: code)
            }
            return try finishRight(
                db, code: code, kind: isObjection ? .object : .restrict, actor: actor, at: now,
                detail: isObjection ? "objection recorded" : "processing restricted")
        }
    }

    /// `subject consent grant|withdraw CODE --purpose P`.
    public func consent(_ code: String, purpose: Purpose, granted: Bool, actor: String, at now: Date) throws(VaultError)
    {
        try write("recording consent") { db in
            if granted {
                try db.execute(
                    sql: """
                        INSERT INTO consent (code, purpose, granted_at) VALUES (?, ?, ?)
                        ON CONFLICT (code, purpose) DO UPDATE SET granted_at = excluded.granted_at, withdrawn_at = NULL
                        """,
                    arguments: [code, purpose.name, now])
            } else {
                try db.execute(
                    sql: "UPDATE consent SET withdrawn_at = ? WHERE code = ? AND purpose = ?",
                    arguments: [now, code, purpose.name])
            }
            try recomputeRetention(db, code: code, purposes: [purpose])
            _ = try finishRight(
                db, code: code, kind: granted ? .consent : .withdraw, actor: actor, at: now,
                detail: granted ? "consent granted" : "consent withdrawn", purpose: purpose.name)
        }
    }

    /// `subject contact CODE`: the agency was in contact now (restarts the 2-year period).
    public func recordContact(_ code: String, purposes: [Purpose], actor: String, at now: Date) throws(VaultError) {
        try updateCandidate(
            code, set: "last_contact_at = ?", arguments: [now], purposes: purposes, action: .contact, actor: actor,
            at: now)
    }

    /// `subject agreement start|end CODE`.
    public func recordAgreement(_ code: String, starts: Bool, purposes: [Purpose], actor: String, at now: Date)
        throws(VaultError)
    {
        try updateCandidate(
            code, set: starts ? "agreement_start = ?, agreement_end = NULL" : "agreement_end = ?", arguments: [now],
            purposes: purposes, action: starts ? .agreementStart : .agreementEnd, actor: actor, at: now)
    }

    /// `subject application-end CODE --on D`: the application procedure ended on `day` (Dutch
    /// agencies delete an applicant's data within 4 weeks of that). Values kept under the
    /// `no_agreement` rule get `day` plus that rule's period; values under a consent, a contract
    /// or an agreement keep theirs (the retention rule decides by the candidate's situation, as
    /// for ``recordContact(_:purposes:actor:at:)``). A legal hold still stops the purge, whatever
    /// the date. `day` counts from its start in the agency's calendar; a day still to come, or
    /// before the candidate's last CV arrived (a new application), is refused.
    public func recordApplicationEnd(_ code: String, on day: Date, purposes: [Purpose], actor: String, at now: Date)
        throws(VaultError)
    {
        let calendar = TimeSpan.agencyCalendar
        let start = calendar.startOfDay(for: day)
        guard start <= now else {
            throw .eventDate(code: code, reason: "the application procedure cannot have ended on a day still to come")
        }
        try write(AuditAction.applicationEnd.rawValue) { db in
            guard
                let collected = try db.fetchScalar(
                    Date.self, sql: "SELECT collected_at FROM candidate WHERE code = ?", arguments: [code])
            else { throw VaultError.unknownCandidate(code: code) }
            guard start >= calendar.startOfDay(for: collected) else {
                throw VaultError.eventDate(
                    code: code,
                    reason: "the candidate's last CV arrived after that day; that application has not ended "
                        + "(give a later --on)")
            }
            try db.execute(
                sql: "UPDATE candidate SET application_ended_at = ? WHERE code = ?", arguments: [start, code])
            try recomputeRetention(db, code: code, purposes: purposes)
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .applicationEnd, code: code, purpose: nil,
                detail: "application procedure ended on \(Self.agencyDay(start))", at: now)
        }
    }

    /// A day as `2026-12-31` in the agency's calendar.
    static func agencyDay(_ date: Date) -> String {
        let components = TimeSpan.agencyCalendar.dateComponents([.year, .month, .day], from: date)
        let (year, month, day) = (components.year ?? 0, components.month ?? 0, components.day ?? 0)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `subject hold CODE --reason R` / `subject release CODE`: a legal hold suspends purge and erasure.
    public func hold(_ code: String, reason: String?, actor: String, at now: Date) throws(VaultError) {
        try write("setting a legal hold") { db in
            try db.execute(
                sql: "UPDATE candidate SET hold_reason = ?, hold_placed_at = ? WHERE code = ?",
                arguments: [reason, reason == nil ? nil : now, code])
            guard db.changesCount > 0 else { throw VaultError.unknownCandidate(code: code) }
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: reason == nil ? .holdRelease : .hold, code: code,
                purpose: nil,
                detail: reason == nil ? "legal hold released" : "legal hold placed", at: now)
        }
    }

    private func updateCandidate(
        _ code: String, set: String, arguments: SQLArguments, purposes: [Purpose], action: AuditAction,
        actor: String,
        at now: Date
    ) throws(VaultError) {
        try write(action.rawValue) { db in
            try db.execute(sql: "UPDATE candidate SET \(set) WHERE code = ?", arguments: arguments + [code])
            guard db.changesCount > 0 else { throw VaultError.unknownCandidate(code: code) }
            try recomputeRetention(db, code: code, purposes: purposes)
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: action, code: code, purpose: nil,
                detail: action.rawValue, at: now)
        }
    }

    private func requireNoHold(_ db: any SQLSession, code: String) throws {
        guard let row = try db.fetchOne(sql: "SELECT hold_reason FROM candidate WHERE code = ?", arguments: [code])
        else {
            throw VaultError.unknownCandidate(code: code)
        }
        if (row["hold_reason"] as String?) != nil { throw VaultError.legalHold(code: code) }
    }

    /// Completes the request, writes the audit record, and lists the clients to inform (art. 19).
    private func finishRight(
        _ db: any SQLSession, code: String, kind: RequestKind, actor: String, at now: Date, detail: String,
        purpose: String? = nil
    ) throws -> RightsOutcome {
        try Self.completeRequest(db, code: code, kind: kind, at: now)
        try AuditLog.append(
            db, key: keys.auditKey, actor: actor, action: kind.action, code: code, purpose: purpose, detail: detail,
            at: now)
        let informs: Set<RequestKind> = [.rectify, .erase, .restrict]
        let clients = informs.contains(kind) ? try recipients(db, code: code) : []
        return RightsOutcome(code: code, action: kind.rawValue, recipientsToInform: clients)
    }

    // MARK: - Requests

    /// `subject receive KIND CODE`: a request arrived; it is due in 4 weeks.
    public func receiveRequest(_ code: String, kind: RequestKind, actor: String, at now: Date) throws(VaultError)
        -> Int64
    {
        try write("recording a request") { db in
            guard try db.fetchOne(sql: "SELECT 1 FROM candidate WHERE code = ?", arguments: [code]) != nil else {
                throw VaultError.unknownCandidate(code: code)
            }
            let id = try db.insert(
                sql: "INSERT INTO request (code, kind, received_at, due_at) VALUES (?, ?, ?, ?)",
                arguments: [code, kind.rawValue, now, Self.requestPeriod.after(now)])
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .request, code: code, purpose: nil,
                detail: "request #\(id): \(kind.rawValue)",
                at: now)
            return id
        }
    }

    /// Extends a request's deadline with a recorded reason (art. 12(3)).
    public func extendRequest(_ id: Int64, until: Date, reason: String, actor: String, at now: Date) throws(VaultError)
    {
        try write("extending a request") { db in
            try db.execute(
                sql:
                    "UPDATE request SET extended_until = ?, extension_reason = ? WHERE id = ? AND completed_at IS NULL",
                arguments: [until, reason, id])
            guard db.changesCount > 0 else { throw VaultError.unknownRequest(id) }
            let code = try db.fetchScalar(String.self, sql: "SELECT code FROM request WHERE id = ?", arguments: [id])
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .requestExtended, code: code, purpose: nil,
                detail: "request #\(id)",
                at: now)
        }
    }

    /// Closes the oldest open request of this kind, or records one received and answered now.
    static func completeRequest(_ db: any SQLSession, code: String, kind: RequestKind, at now: Date) throws {
        if db.dialect == .postgres {
            // One statement (each is a round trip on PostgreSQL): the oldest open request answered
            // now, or, when none is open, a request received and answered now.
            try db.executeLater(
                sql: """
                    WITH open AS (
                        SELECT id FROM request WHERE code = ? AND kind = ? AND completed_at IS NULL ORDER BY id LIMIT 1),
                    answered AS (UPDATE request SET completed_at = ? WHERE id IN (SELECT id FROM open) RETURNING id)
                    INSERT INTO request (code, kind, received_at, due_at, completed_at)
                    SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM open)
                    """,
                arguments: [code, kind.rawValue, now, code, kind.rawValue, now, requestPeriod.after(now), now])
            return
        }
        // SQLite (no data-modifying WITH): a request received and answered now when none is
        // open, then the oldest open one answered (the row just added is not open, so only one
        // of the two changes anything).
        try db.executeLater(
            sql: """
                INSERT INTO request (code, kind, received_at, due_at, completed_at)
                SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (
                    SELECT 1 FROM request WHERE code = ? AND kind = ? AND completed_at IS NULL)
                """,
            arguments: [code, kind.rawValue, now, requestPeriod.after(now), now, code, kind.rawValue])
        try db.executeLater(
            sql: """
                UPDATE request SET completed_at = ? WHERE id = (
                    SELECT id FROM request WHERE code = ? AND kind = ? AND completed_at IS NULL ORDER BY id LIMIT 1)
                """,
            arguments: [now, code, kind.rawValue])
    }

    /// Open requests (and, with `includeCompleted`, answered ones), with overdue ones marked.
    public func requests(includeCompleted: Bool = false, at now: Date) throws(VaultError) -> [SubjectRequest] {
        try read("listing requests") { db in
            try db.fetchAll(
                sql: "SELECT * FROM request" + (includeCompleted ? "" : " WHERE completed_at IS NULL")
                    + " ORDER BY due_at"
            ).map { Self.request($0, now: now) }
        }
    }

    static func request(_ row: SQLRow, now: Date) -> SubjectRequest {
        let due: Date = row["due_at"]
        let extended: Date? = row["extended_until"]
        let completed: Date? = row["completed_at"]
        return SubjectRequest(
            id: row["id"], code: row["code"], kind: row["kind"], receivedAt: row["received_at"], dueAt: due,
            extendedUntil: extended, extensionReason: row["extension_reason"], completedAt: completed,
            isOverdue: completed == nil && (extended ?? due) < now)
    }
}
