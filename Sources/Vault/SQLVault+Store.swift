public import CVModel
import Crypto
public import Foundation

extension SQLVault {
    /// Stores one processed document in one transaction: finds or creates the candidate (same
    /// e-mail or phone → same candidate), seals and inserts the kept values and career facts,
    /// recomputes retention, records the document and an audit record, and — when the policy
    /// keeps originals — the original file sealed under the candidate's key. A failure anywhere
    /// (a full disk while sealing the original included) leaves nothing stored.
    public func store(_ record: MinimalRecord, document: DocumentInfo, actor: String) throws(VaultError) -> StoreOutcome
    {
        let hashes = uniqueIdentityHashes(record)
        return try write("storing a processed document") { db in
            try db.lock(Self.storeLocks(document: document, hashes: hashes))
            var audit: [AuditLog.Entry] = []
            let outcome = try store(db, record, document: document, hashes: hashes, actor: actor, audit: &audit)
            try AuditLog.append(db, key: keys.auditKey, entries: audit)
            return outcome
        }
    }

    /// Stores several processed documents in one transaction (group commit: one commit, one sync
    /// to disk, one move of the audit anchor for the lot), each as ``store(_:document:actor:)``
    /// would one after the other. When the transaction fails, each document is stored again in a
    /// transaction of its own, so one that cannot be stored fails alone.
    public func store(batch: [StoreRequest], actor: String) -> [Result<StoreOutcome, VaultError>] {
        guard batch.count > 1 else {
            return batch.map { request in
                Result { () throws(VaultError) in try store(request.record, document: request.document, actor: actor) }
            }
        }
        let hashes = batch.map { uniqueIdentityHashes($0.record) }
        do throws(VaultError) {
            let outcomes = try write("storing \(batch.count) processed documents") { db in
                // Every lock of the batch at once, in one order: two processes storing batches
                // that share a person never wait for each other in a circle.
                try db.lock(
                    Array(Set(zip(batch, hashes).flatMap { Self.storeLocks(document: $0.document, hashes: $1) }))
                        .sorted { $0.key < $1.key })
                var audit: [AuditLog.Entry] = []
                let outcomes = try zip(batch, hashes).map { request, hashes in
                    try store(
                        db, request.record, document: request.document, hashes: hashes, actor: actor, audit: &audit)
                }
                // The chain's lock last, held only to the commit: processes sharing a PostgreSQL
                // vault store their batches side by side and queue only to append.
                try AuditLog.append(db, key: keys.auditKey, entries: audit)
                return outcomes
            }
            return outcomes.map { .success($0) }
        } catch {
            return batch.map { request in
                Result { () throws(VaultError) in try store(request.record, document: request.document, actor: actor) }
            }
        }
    }

    /// Processes sharing a PostgreSQL vault: the same file, or two CVs of one person, stored at
    /// once wait for each other on these locks (taken in one order, so never in a circle) and end
    /// as one duplicate or one candidate, as they would one after the other.
    static func storeLocks(document: DocumentInfo, hashes: [String]) -> [SQLLock] {
        (["document:" + document.sha256] + hashes).map { SQLLock.identity($0) }.sorted { $0.key < $1.key }
    }

    private func uniqueIdentityHashes(_ record: MinimalRecord) -> [String] {
        var seen: Set<String> = []
        return identityHashes(record).filter { seen.insert($0).inserted }
    }

    /// One document's store, inside a write transaction holding its locks; its audit record is
    /// added to `audit`, for the caller to append.
    private func store(
        _ db: any SQLSession, _ record: MinimalRecord, document: DocumentInfo, hashes: [String], actor: String,
        audit: inout [AuditLog.Entry]
    ) throws -> StoreOutcome {
        // The file seen before, and the candidate its e-mail or phone names, in one statement.
        let marks = SQLList.marks(hashes.count)
        var known: [String: String] = [:]
        for row in try db.fetchAll(
            sql: "SELECT 'document' AS k, code FROM document WHERE sha256 = ?"
                + (hashes.isEmpty ? "" : " UNION ALL SELECT hash, code FROM identity WHERE hash IN (\(marks))"),
            arguments: SQLArguments([document.sha256] + hashes))
        {
            known[row["k"]] = row["code"] as String
        }
        if let code = known["document"] {
            audit.append(
                AuditLog.Entry(
                    actor: actor, action: .duplicate, code: code, purpose: record.purpose.name,
                    detail: "document \(document.sha256.prefix(12)) received again; nothing stored",
                    at: document.receivedAt))
            return .duplicate(code: code)
        }
        // The first identifier that names someone decides (the record's order).
        let code = hashes.lazy.compactMap { known[$0] }.first
        let isNew = code == nil
        let candidate = code ?? CandidateCode.random()
        let dataKey: SymmetricKey
        if isNew {
            dataKey = keys.newDataKey()
            try db.executeLater(
                sql: """
                    INSERT INTO candidate (code, wrapped_key, created_at, collected_at, last_contact_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    candidate, try keys.wrap(dataKey, for: candidate), document.receivedAt, document.receivedAt,
                    document.receivedAt,
                ])
        } else {
            // A new CV is contact, and a new application: its period starts again, and an
            // earlier procedure's recorded end no longer applies.
            guard
                let row = try db.fetchOne(
                    sql: """
                        UPDATE candidate SET collected_at = ?, last_contact_at = ?, application_ended_at = NULL
                        WHERE code = ? RETURNING wrapped_key
                        """,
                    arguments: [document.receivedAt, document.receivedAt, candidate])
            else { throw VaultError.unknownCandidate(code: candidate) }
            dataKey = try self.dataKey(unwrapping: row["wrapped_key"], code: candidate)
        }
        if !hashes.isEmpty {
            try db.executeLater(
                sql: "INSERT INTO identity (hash, code) VALUES \(SQLList.marks(hashes.count, each: "(?, ?)"))"
                    + " ON CONFLICT DO NOTHING",
                arguments: SQLArguments(hashes.flatMap { [$0, candidate] as [any SQLBindable] }))
        }
        // The retention date before the rows go in (the candidate row it reads is written just
        // above), so each row is written once with it: an UPDATE after the INSERT would leave a
        // dead row version and index entries behind for every value of every CV (PostgreSQL).
        let until = retention(record.purpose, try facts(db, code: candidate, purpose: record.purpose.name))
        // One statement for all values (one round trip to a server); a value twice in the
        // record is one row, as two inserts in a row would leave it.
        var rows: [String: [any SQLBindable]] = [:]
        var order: [String] = []
        for value in record.values {
            let valueHash = keys.valueHash(
                code: candidate, category: value.category.rawValue, value: value.value)
            let sealed = try KeyStore.seal(
                value.value, key: dataKey, context: "\(candidate):\(value.category.rawValue)")
            if rows[valueHash] == nil { order.append(valueHash) }
            rows[valueHash] = [
                candidate, value.category.rawValue, sealed, valueHash, record.purpose.name,
                record.purpose.legalBasis.rawValue, document.sha256, document.receivedAt, until,
            ]
        }
        if !order.isEmpty {
            try db.executeLater(
                sql: """
                    INSERT INTO value (code, category, sealed, value_hash, purpose, legal_basis, source_document,
                        collected_at, retain_until)
                    VALUES \(SQLList.marks(order.count, each: "(?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                    ON CONFLICT (code, purpose, value_hash) DO UPDATE SET collected_at = excluded.collected_at,
                        source_document = excluded.source_document, retain_until = excluded.retain_until
                    """,
                arguments: SQLArguments(order.flatMap { rows[$0] ?? [] }))
        }
        let inserted = record.values.count
        if let career = record.career {
            let json = String(decoding: try JSONEncoder().encode(career), as: UTF8.self)
            let sealed = try KeyStore.seal(json, key: dataKey, context: "\(candidate):career")
            try db.executeLater(
                sql: """
                    INSERT INTO career (code, purpose, sealed, collected_at, retain_until) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (code, purpose) DO UPDATE SET sealed = excluded.sealed,
                        collected_at = excluded.collected_at, retain_until = excluded.retain_until
                    """,
                arguments: [candidate, record.purpose.name, sealed, document.receivedAt, until])
        }
        try db.executeLater(
            sql: "INSERT INTO document (sha256, code, channel, purpose, received_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [document.sha256, candidate, document.channel, record.purpose.name, document.receivedAt])
        if let original = document.original {
            try db.executeLater(
                sql: """
                    INSERT INTO original (sha256, code, sealed, retain_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (sha256) DO NOTHING
                    """,
                arguments: [
                    document.sha256, candidate,
                    try KeyStore.seal(
                        original.bytes, key: dataKey, context: "\(candidate):original:\(document.sha256)"),
                    original.retainUntil,
                ])
        }
        // The candidate's other rows under this purpose (from earlier CVs) take the new date too.
        try setRetention(db, code: candidate, purpose: record.purpose.name, until: until)
        try forgetQuasiKey(db, code: candidate)
        let kept = Dictionary(grouping: record.values, by: \.category).map {
            "\($0.key.rawValue)=\($0.value.count)"
        }
        .sorted().joined(separator: ",")
        let dropped = record.droppedCategories.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(
            separator: ",")
        let special = record.specialCategories.map(\.rawValue).sorted().joined(separator: ",")
        audit.append(
            AuditLog.Entry(
                actor: actor, action: isNew ? .ingest : .ingestUpdate, code: candidate, purpose: record.purpose.name,
                detail: "document \(document.sha256.prefix(12)); kept [\(kept)]; not kept [\(dropped)]"
                    + (special.isEmpty ? "" : "; special categories seen, not stored [\(special)]")
                    + (record.career == nil ? "" : "; career facts")
                    + (document.original == nil ? "" : "; original kept sealed"),
                at: document.receivedAt))
        return .stored(code: candidate, isNewCandidate: isNew, values: inserted)
    }

    func identityHashes(_ record: MinimalRecord) -> [String] {
        record.identifiers.map { value in
            keys.identityHash(
                value.category == .email ? IdentityKey.email(value.value) : IdentityKey.phone(value.value))
        }
    }

    func dataKey(_ db: any SQLSession, code: String) throws -> SymmetricKey {
        guard let row = try db.fetchOne(sql: "SELECT wrapped_key FROM candidate WHERE code = ?", arguments: [code])
        else {
            throw VaultError.unknownCandidate(code: code)
        }
        return try dataKey(unwrapping: row["wrapped_key"], code: code)
    }

    /// A candidate's data key, opened with the master key (another key: ``VaultError/wrongKey(path:)``).
    func dataKey(unwrapping wrapped: Data, code: String) throws(VaultError) -> SymmetricKey {
        do {
            return try keys.unwrap(wrapped, for: code)
        } catch {
            throw .wrongKey(path: "master key")
        }
    }

    func facts(_ db: any SQLSession, code: String, purpose: String) throws -> RetentionFacts {
        // The candidate and their consent for the purpose in one statement (one round trip).
        guard
            let row = try db.fetchOne(
                sql: """
                    SELECT c.*, (SELECT COUNT(*) FROM consent s WHERE s.code = c.code AND s.purpose = ?
                            AND s.withdrawn_at IS NULL) AS consents,
                        (SELECT MAX(s.granted_at) FROM consent s WHERE s.code = c.code AND s.purpose = ?
                            AND s.withdrawn_at IS NULL) AS consent_granted_at
                    FROM candidate c WHERE c.code = ?
                    """,
                arguments: [purpose, purpose, code])
        else {
            throw VaultError.unknownCandidate(code: code)
        }
        return RetentionFacts(
            collectedAt: row["collected_at"], lastContactAt: row["last_contact_at"],
            hasConsent: (row["consents"] as Int64) > 0,
            consentGrantedAt: row["consent_granted_at"], agreementStart: row["agreement_start"],
            agreementEnd: row["agreement_end"], applicationEndedAt: row["application_ended_at"])
    }

    /// Sets `retain_until` on every value and career row of `code` under each purpose.
    func recomputeRetention(_ db: any SQLSession, code: String, purposes: [Purpose]) throws {
        for purpose in purposes {
            try setRetention(
                db, code: code, purpose: purpose.name,
                until: retention(purpose, try facts(db, code: code, purpose: purpose.name)))
        }
    }

    /// Sets `until` on the value and career rows of `code` under `purpose` that have another
    /// date: a row already right is not rewritten (no dead row version, no index churn).
    func setRetention(_ db: any SQLSession, code: String, purpose: String, until: Date?) throws {
        try db.executeLater(
            sql: "UPDATE value SET retain_until = ? WHERE code = ? AND purpose = ? AND retain_until IS DISTINCT FROM ?",
            arguments: [until, code, purpose, until])
        try db.executeLater(
            sql:
                "UPDATE career SET retain_until = ? WHERE code = ? AND purpose = ? AND retain_until IS DISTINCT FROM ?",
            arguments: [until, code, purpose, until])
    }
}
