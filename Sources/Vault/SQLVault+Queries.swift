public import CVModel
import Crypto
public import Foundation

extension SQLVault {
    /// The candidate with this e-mail address (by keyed hash), for `subject … --email`.
    public func candidate(email: String) throws(VaultError) -> String {
        let hash = keys.identityHash(IdentityKey.email(email))
        let code: String? = try read("looking up a candidate") { db in
            try db.fetchScalar(String.self, sql: "SELECT code FROM identity WHERE hash = ?", arguments: [hash])
        }
        guard let code else { throw .noCandidateForEmail }
        return code
    }

    /// The decrypted values of one candidate (for access, profiles and the leak gate).
    public func values(of code: String) throws(VaultError) -> [StoredValue] {
        try read("reading a candidate's values") { db in
            let key = try dataKey(db, code: code)
            return try db.fetchAll(sql: "SELECT * FROM value WHERE code = ? ORDER BY id", arguments: [code]).map {
                try Self.storedValue($0, key: key, code: code)
            }
        }
    }

    /// A `value` row, opened with its candidate's data key.
    static func storedValue(_ row: SQLRow, key: SymmetricKey, code: String) throws -> StoredValue {
        let category: String = row["category"]
        return StoredValue(
            category: category, value: try KeyStore.open(row["sealed"], key: key, context: "\(code):\(category)"),
            purpose: row["purpose"], legalBasis: row["legal_basis"], sourceDocument: row["source_document"],
            collectedAt: row["collected_at"], retainUntil: row["retain_until"])
    }

    /// A `career` row's facts, opened with its candidate's data key.
    static func careerFacts(_ row: SQLRow, key: SymmetricKey, code: String) throws -> CareerFacts {
        let json = try KeyStore.open(row["sealed"], key: key, context: "\(code):career")
        return try JSONDecoder().decode(CareerFacts.self, from: Data(json.utf8))
    }

    /// The decrypted values and career facts of several candidates, in one read (three
    /// statements however many): for computing profile keys after a batch is stored. Codes no
    /// longer in the vault are left out.
    public func contents(of codes: [String]) throws(VaultError) -> [String: CandidateContents] {
        guard !codes.isEmpty else { return [:] }
        let marks = SQLList.marks(codes.count)
        let arguments = SQLList.arguments(codes)
        return try read("reading candidates' values") { db in
            let answers = try db.fetchAll([
                SQLStatement(
                    sql: "SELECT code, wrapped_key FROM candidate WHERE code IN (\(marks))", arguments: arguments),
                SQLStatement(sql: "SELECT * FROM value WHERE code IN (\(marks)) ORDER BY id", arguments: arguments),
                SQLStatement(sql: "SELECT * FROM career WHERE code IN (\(marks))", arguments: arguments),
            ])
            var keys: [String: SymmetricKey] = [:]
            for row in answers[0] {
                let code: String = row["code"]
                keys[code] = try dataKey(unwrapping: row["wrapped_key"], code: code)
            }
            var result = keys.mapValues { _ in CandidateContents(values: [], career: [:]) }
            for row in answers[1] {
                let code: String = row["code"]
                guard let key = keys[code] else { continue }
                result[code]?.values.append(try Self.storedValue(row, key: key, code: code))
            }
            for row in answers[2] {
                let code: String = row["code"]
                guard let key = keys[code] else { continue }
                result[code]?.career[row["purpose"]] = try Self.careerFacts(row, key: key, code: code)
            }
            return result
        }
    }

    /// The content hashes of a candidate's documents, newest first: a candidate who applied
    /// again has several. Nothing is audited: the hashes say nothing about the person.
    public func documents(of code: String) throws(VaultError) -> [String] {
        try read("reading a candidate's documents") { db in
            guard try db.fetchOne(sql: "SELECT code FROM candidate WHERE code = ?", arguments: [code]) != nil
            else { throw VaultError.unknownCandidate(code: code) }
            return try db.fetchColumn(
                String.self, sql: "SELECT sha256 FROM document WHERE code = ? ORDER BY received_at DESC, sha256",
                arguments: [code])
        }
    }

    /// The career facts of one candidate, by purpose.
    public func career(of code: String) throws(VaultError) -> [String: CareerFacts] {
        try read("reading a candidate's career") { db in
            let key = try dataKey(db, code: code)
            var result: [String: CareerFacts] = [:]
            for row in try db.fetchAll(sql: "SELECT * FROM career WHERE code = ?", arguments: [code]) {
                result[row["purpose"]] = try Self.careerFacts(row, key: key, code: code)
            }
            return result
        }
    }

    public func disclosures(of code: String) throws(VaultError) -> [Disclosure] {
        try read("reading disclosures") { db in try disclosures(db, code: code) }
    }

    /// Disclosure records with their client names opened (sealed under the candidate's key).
    func disclosures(_ db: any SQLSession, code: String) throws -> [Disclosure] {
        let key = try dataKey(db, code: code)
        return try db.fetchAll(sql: "SELECT * FROM disclosure WHERE code = ? ORDER BY id", arguments: [code]).map {
            try Self.disclosure($0, key: key, code: code)
        }
    }

    /// A `disclosure` row, its client's name opened with the candidate's data key.
    static func disclosure(_ row: SQLRow, key: SymmetricKey, code: String) throws -> Disclosure {
        Disclosure(
            client: try KeyStore.open(row["client_sealed"], key: key, context: "\(code):client"),
            disclosedAt: row["disclosed_at"], purpose: row["purpose"],
            fields: (row["fields"] as String).split(separator: ",").map(String.init), format: row["format"],
            profileSHA256: row["profile_sha256"])
    }

    /// The clients who received a profile of this candidate, for art. 19 notices.
    func recipients(_ db: any SQLSession, code: String) throws -> [String] {
        Array(Set(try disclosures(db, code: code).map(\.client))).sorted()
    }

    /// Records that a profile left the agency. The client's name is sealed under the candidate's
    /// key; the audit log names the client by an HMAC only.
    public func recordDisclosure(_ disclosure: Disclosure, code: String, actor: String) throws(VaultError) {
        try write("recording a disclosure") { db in
            // The candidate's key and the chain's head in one round trip, under the chain's lock.
            let (answers, head) = try AuditLog.lockedRead(
                db, [SQLStatement(sql: "SELECT wrapped_key FROM candidate WHERE code = ?", arguments: [code])])
            guard let candidate = answers[0].first else { throw VaultError.unknownCandidate(code: code) }
            let key = try dataKey(unwrapping: candidate["wrapped_key"], code: code)
            let clientHash = keys.recipientHash(disclosure.client)
            try db.executeLater(
                sql: """
                    INSERT INTO disclosure (code, client_sealed, client_hash, disclosed_at, purpose, fields, format,
                        profile_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    code, try KeyStore.seal(disclosure.client, key: key, context: "\(code):client"), clientHash,
                    disclosure.disclosedAt, disclosure.purpose, disclosure.fields.joined(separator: ","),
                    disclosure.format, disclosure.profileSHA256,
                ])
            try AuditLog.append(
                db, key: keys.auditKey,
                entries: [
                    AuditLog.Entry(
                        actor: actor, action: .disclose, code: code, purpose: disclosure.purpose,
                        detail: "profile \(disclosure.profileSHA256.prefix(12)) as \(disclosure.format) to client "
                            + "#\(clientHash); fields [\(disclosure.fields.joined(separator: ","))]",
                        at: disclosure.disclosedAt)
                ], after: head)
        }
    }

    /// Whether processing is restricted or objected to (no export then).
    public func isBlocked(_ code: String) throws(VaultError) -> Bool {
        try read("reading a candidate") { db in
            guard let row = try db.fetchOne(sql: "SELECT * FROM candidate WHERE code = ?", arguments: [code])
            else {
                throw VaultError.unknownCandidate(code: code)
            }
            return (row["is_restricted"] as Bool) || (row["has_objected"] as Bool)
        }
    }

    /// Counts for `cvsieve status`.
    public func counts() throws(VaultError) -> [String: Int] {
        try read("counting") { db in
            var counts: [String: Int] = [:]
            for table in ["candidate", "value", "document", "disclosure", "audit"] {
                counts[table] = try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            counts["open_requests"] =
                try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM request WHERE completed_at IS NULL") ?? 0
            counts["legal_holds"] =
                try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM candidate WHERE hold_reason IS NOT NULL") ?? 0
            return counts
        }
    }

    public func hasDocument(sha256: String) throws(VaultError) -> Bool {
        try read("looking up a document") { db in
            try db.fetchOne(sql: "SELECT 1 FROM document WHERE sha256 = ?", arguments: [sha256]) != nil
        }
    }

    /// The earliest retention date in the vault.
    public func oldestRetention() throws(VaultError) -> Date? {
        try read("reading retention") { db in try db.fetchScalar(Date.self, sql: "SELECT MIN(retain_until) FROM value")
        }
    }
}
