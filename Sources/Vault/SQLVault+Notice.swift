public import CVModel
public import Foundation

/// What an information notice (GDPR art. 13/14) is built from, and its audit record.
extension SQLVault {
    /// The candidate's held categories per purpose, retention, documents, consents and flags:
    /// read from the rows' plain columns, so no value is opened and no data key is needed.
    public func overview(of code: String) throws(VaultError) -> CandidateOverview {
        try read("reading a candidate's overview") { db in
            guard let row = try db.fetchOne(sql: "SELECT * FROM candidate WHERE code = ?", arguments: [code])
            else {
                throw VaultError.unknownCandidate(code: code)
            }
            var held: [String: Held] = [:]
            for value in try db.fetchAll(
                sql: "SELECT purpose, category, legal_basis, retain_until, source_document FROM value WHERE code = ?",
                arguments: [code])
            {
                let purpose: String = value["purpose"]
                held[purpose, default: Held()].add(
                    category: value["category"], legalBasis: value["legal_basis"], retainUntil: value["retain_until"],
                    isRectified: (value["source_document"] as String) == Self.rectificationSource)
            }
            for career in try db.fetchAll(
                sql: "SELECT purpose, retain_until FROM career WHERE code = ?", arguments: [code])
            {
                let purpose: String = career["purpose"]
                held[purpose, default: Held()].addCareer(retainUntil: career["retain_until"])
            }
            let documents = try db.fetchAll(
                sql: """
                    SELECT d.channel, d.purpose, d.received_at, o.retain_until AS original_until
                    FROM document d LEFT JOIN original o ON o.sha256 = d.sha256
                    WHERE d.code = ? ORDER BY d.received_at, d.sha256
                    """,
                arguments: [code]
            ).map { document in
                CandidateOverview.ReceivedDocument(
                    channel: document["channel"], purpose: document["purpose"], receivedAt: document["received_at"],
                    originalRetainUntil: document["original_until"])
            }
            var consents: [String: Bool] = [:]
            for consent in try db.fetchAll(
                sql: "SELECT purpose, withdrawn_at FROM consent WHERE code = ?", arguments: [code])
            {
                consents[consent["purpose"]] = (consent["withdrawn_at"] as Date?) == nil
            }
            return CandidateOverview(
                code: code, state: try state(db, code: code),
                held: held.sorted { $0.key < $1.key }.map { $0.value.overview(purpose: $0.key) },
                documents: documents, consents: consents, agreementStart: row["agreement_start"],
                agreementEnd: row["agreement_end"], isRestricted: row["is_restricted"],
                hasObjected: row["has_objected"])
        }
    }

    /// Records that a notice was written: language, format and destination, never a path.
    public func recordNotice(
        _ code: String, language: NoticeLanguage, format: NoticeFormat, destination: NoticeDestination,
        actor: String, at now: Date
    ) throws(VaultError) {
        try write("recording an information notice") { db in
            guard try db.fetchOne(sql: "SELECT 1 FROM candidate WHERE code = ?", arguments: [code]) != nil else {
                throw VaultError.unknownCandidate(code: code)
            }
            try AuditLog.append(
                db, key: keys.auditKey, actor: actor, action: .notice, code: code, purpose: nil,
                detail: "information notice (GDPR art. 13/14) in \(language.rawValue) as \(format.rawValue) "
                    + "to \(destination.rawValue)",
                at: now)
        }
    }

    /// The `source_document` of a value replaced by `subject rectify`.
    static let rectificationSource = "rectification"
}

/// One purpose's rows while the overview is gathered.
private struct Held {
    var legalBasis: String?
    var categories: Set<String> = []
    var hasCareer = false
    var earliest: Date?
    var isOpenEnded = false
    var hasRectifiedValues = false

    mutating func add(category: String, legalBasis: String, retainUntil: Date?, isRectified: Bool) {
        categories.insert(category)
        if self.legalBasis == nil { self.legalBasis = legalBasis }
        if isRectified { hasRectifiedValues = true }
        note(retainUntil)
    }

    mutating func addCareer(retainUntil: Date?) {
        hasCareer = true
        note(retainUntil)
    }

    private mutating func note(_ until: Date?) {
        guard let until else {
            isOpenEnded = true
            return
        }
        earliest = min(earliest ?? until, until)
    }

    func overview(purpose: String) -> CandidateOverview.HeldPurpose {
        // In the categories' own order (name, email, phone, …); a name no longer known goes last.
        let known = categories.compactMap(Category.init(rawValue:)).sorted().map(\.rawValue)
        return CandidateOverview.HeldPurpose(
            purpose: purpose, legalBasis: legalBasis,
            categories: known + categories.filter { Category(rawValue: $0) == nil }.sorted(),
            hasCareer: hasCareer, retainUntil: isOpenEnded ? nil : earliest, hasRectifiedValues: hasRectifiedValues)
    }
}
