public import CVModel
import Foundation

/// The candidate listing: one statement for a page and one for the count, over plain columns
/// only (codes, dates, flags, purposes, legal bases). Nothing is unwrapped or opened, so a page
/// of ten thousand candidates costs what the index lookups cost.
extension SQLVault {
    /// A page of candidates matching `query`, and how many match in all.
    public func candidatePage(_ query: CandidateQuery) throws(VaultError) -> CandidatePage {
        try read("listing candidates") { db in
            let listing = Self.listing(query, dialect: db.dialect)
            // Page and count together (one round trip on PostgreSQL): a page is most often full,
            // and then only the count tells the total.
            let answers = try db.fetchAll([
                SQLStatement(sql: listing.page, arguments: listing.pageArguments),
                SQLStatement(sql: listing.count, arguments: listing.filterArguments),
            ])
            let rows = answers[0].map(Self.summary)
            // A page that ends short of its limit (and is not past the end) is the last one: it
            // tells the total itself.
            if !rows.isEmpty, rows.count < query.limit ?? Int.max {
                return CandidatePage(rows: rows, total: max(0, query.offset) + rows.count)
            }
            return CandidatePage(rows: rows, total: answers[1].first.flatMap { $0[0] as Int? } ?? 0)
        }
    }

    /// Every candidate, oldest first (`cvsieve candidates`): the listing's statement without a limit.
    public func candidates() throws(VaultError) -> [CandidateSummary] {
        try read("listing candidates") { db in
            let listing = Self.listing(CandidateQuery(limit: nil), dialect: db.dialect)
            return try db.fetchAll(sql: listing.page, arguments: listing.pageArguments).map(Self.summary)
        }
    }

    /// The candidate's state, from the same expression the listing filters and sorts on.
    func state(_ db: any SQLSession, code: String) throws -> String {
        guard
            let rank = try db.fetchScalar(
                Int.self, sql: "SELECT \(Self.stateRank) FROM candidate c WHERE c.code = ?", arguments: [code])
        else { throw VaultError.unknownCandidate(code: code) }
        return Self.state(rank: rank).rawValue
    }

    // MARK: - SQL

    /// The state as an index into ``CandidateState/allCases``, for a row of `candidate c`: an
    /// agreement (running or ended) decides first, then a value kept on a contract (registered
    /// for mediation), then a consent not withdrawn (talent pool); otherwise an applicant.
    static let stateRank: String = {
        func rank(_ state: CandidateState) -> Int { CandidateState.allCases.firstIndex(of: state) ?? 0 }
        return """
            CASE
                WHEN c.agreement_start IS NOT NULL
                    THEN CASE WHEN c.agreement_end IS NULL THEN \(rank(.placed)) ELSE \(rank(.formerlyPlaced)) END
                WHEN EXISTS (SELECT 1 FROM value v WHERE v.code = c.code
                             AND v.legal_basis = '\(LegalBasis.contract.rawValue)') THEN \(rank(.registered))
                WHEN EXISTS (SELECT 1 FROM consent k WHERE k.code = c.code AND k.withdrawn_at IS NULL)
                    THEN \(rank(.talentPool))
                ELSE \(rank(.applicant))
            END
            """
    }()

    static func state(rank: Int) -> CandidateState {
        CandidateState.allCases.indices.contains(rank) ? CandidateState.allCases[rank] : .applicant
    }

    /// One summary row per candidate; the per-candidate figures are correlated subqueries on
    /// `value(code, retain_until)`, `value(code, legal_basis)` and the primary keys. SQLite
    /// flattens this into the statement that uses it and evaluates only the columns that
    /// statement names.
    static let summaryRows = """
        SELECT c.code, c.created_at, c.is_restricted, c.has_objected, c.hold_reason,
            (SELECT COUNT(*) FROM value v WHERE v.code = c.code) AS value_count,
            (SELECT MIN(v.retain_until) FROM value v WHERE v.code = c.code) AS retain_until,
            \(stateRank) AS state_rank
        FROM candidate c
        """

    struct Listing {
        var page: String
        var pageArguments: SQLArguments
        var count: String
        var filterArguments: SQLArguments
    }

    /// The page and count statements of `query`. Its values go in as arguments; only fixed SQL
    /// (chosen by enum cases) is spliced in.
    static func listing(_ query: CandidateQuery, dialect: SQLDialect) -> Listing {
        var filters: [String] = []
        var arguments: SQLArguments = []
        if let state = query.state {
            filters.append("s.state_rank = ?")
            arguments += [CandidateState.allCases.firstIndex(of: state) ?? 0]
        }
        if let purpose = query.purpose {
            filters.append(
                """
                (EXISTS (SELECT 1 FROM value v WHERE v.code = s.code AND v.purpose = ?)
                 OR EXISTS (SELECT 1 FROM career k WHERE k.code = s.code AND k.purpose = ?))
                """)
            arguments += [purpose, purpose]
        }
        switch query.flag {
        case .onHold: filters.append("s.hold_reason IS NOT NULL")
        case .restricted: filters.append("s.is_restricted")
        case .objected: filters.append("s.has_objected")
        case nil: break
        }
        if let before = query.retentionEndsBefore {
            filters.append("s.retain_until < ?")
            arguments += [before]
        }
        if let after = query.after {
            filters.append("s.code > ?")
            arguments += [after]
        }
        let direction = query.isDescending ? "DESC" : "ASC"
        let keys: [String]
        switch query.sort {
        case .code: keys = ["s.code \(direction)"]
        case .created: keys = ["s.created_at \(direction)", "s.code \(direction)"]
        // No date sorts after every date.
        case .retention:
            keys = [
                "s.retain_until \(direction) NULLS \(query.isDescending ? "FIRST" : "LAST")", "s.code \(direction)",
            ]
        case .state: keys = ["s.state_rank \(direction)", "s.code \(direction)"]
        }
        let order = keys.joined(separator: ", ")
        // The page's codes first, computing only what the filters and the order name; then the
        // whole summary and the purposes for those codes alone. (The inner statement has an
        // OFFSET, so SQLite does not flatten it into the outer one.)
        let selected =
            "SELECT s.code FROM (\(summaryRows)) s"
            + (filters.isEmpty ? "" : " WHERE " + filters.joined(separator: " AND "))
        let pageCodes = "\(selected) ORDER BY \(order) LIMIT ? OFFSET ?"
        // PostgreSQL would join the page's codes back by hashing them and scanning every
        // candidate; looking the page's codes up in the primary key keeps a page's cost flat.
        let pageRows =
            switch dialect {
            case .sqlite: "(\(pageCodes)) p JOIN (\(summaryRows)) s ON s.code = p.code"
            case .postgres: "(\(summaryRows) WHERE c.code = ANY (ARRAY(\(pageCodes)))) s"
            }
        let page = """
            SELECT s.*,
                (SELECT \(dialect.joinedWithUnitSeparator("purpose")) FROM (
                    SELECT purpose FROM value WHERE code = s.code UNION SELECT purpose FROM career WHERE code = s.code
                ) u) AS purposes
            FROM \(pageRows)
            ORDER BY \(order)
            """
        // Every candidate: PostgreSQL reads the count its trigger keeps (PostgresSchema step 3),
        // SQLite counts (its COUNT(*) reads an index's cells, not each row).
        let count =
            filters.isEmpty && dialect == .postgres
            ? "SELECT n FROM candidate_count" : "SELECT COUNT(*) FROM (\(selected)) q"
        return Listing(
            page: page, pageArguments: arguments + [query.limit.map { max(0, $0) } ?? Int.max, max(0, query.offset)],
            count: count, filterArguments: arguments)
    }

    static func summary(_ row: SQLRow) -> CandidateSummary {
        let purposes = (row["purposes"] as String?)?.split(separator: "\u{1F}").map(String.init) ?? []
        return CandidateSummary(
            code: row["code"], purposes: purposes.sorted(), state: state(rank: row["state_rank"]).rawValue,
            values: row["value_count"], retainUntil: row["retain_until"], isRestricted: row["is_restricted"],
            hasObjected: row["has_objected"], holdReason: row["hold_reason"])
    }
}
