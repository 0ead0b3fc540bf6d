import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Kandidaten

extension WebApp {
    func addCandidateRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten") { request, context in
            let account = try context.require(.recruiter)
            let parameters = request.uri.queryParameters
            var query = Self.candidateQuery(
                state: parameters.get("status"), purpose: parameters.get("doel"), flag: parameters.get("kenmerk"),
                sort: parameters.get("sorteer"), days: parameters.get("verloopt"), now: clock())
            query.limit = settings.pageSize
            // Clamped before any arithmetic: a huge page number must not overflow (and trap).
            let requested = min(max(1, parameters.get("pagina", as: Int.self) ?? 1), 1_000_000)
            query.offset = (requested - 1) * settings.pageSize
            let staff = service.acting(as: account.auditActor)
            var page = try await staff.candidatePage(query)
            let pageCount = max(1, (page.total + settings.pageSize - 1) / settings.pageSize)
            if requested > pageCount {
                query.offset = (pageCount - 1) * settings.pageSize
                page = try await staff.candidatePage(query)
            }
            let filters = Self.filterForm(
                query: query, purposes: service.config.purposes.keys.sorted(), days: parameters.get("verloopt"))
            return Page.response(
                Page.layout(
                    title: Page.t("Kandidaten", "Candidates"), session: context.session,
                    body: Self.candidateTable(
                        page.rows, total: page.total, page: min(requested, pageCount), pageCount: pageCount,
                        filters: filters, queryString: Self.queryString(parameters))))
        }
    }

    /// The listing's query from the page's parameters; unknown values are ignored, never echoed.
    static func candidateQuery(
        state: String?, purpose: String?, flag: String?, sort: String?, days: String?, now: Date
    ) -> CandidateQuery {
        var query = CandidateQuery()
        query.state = state.flatMap(CandidateState.init(rawValue:))
        query.purpose = purpose.flatMap { $0.isEmpty ? nil : $0 }
        query.flag = flag.flatMap(CandidateQuery.Flag.init(rawValue:))
        if let days = days.flatMap(Int.init), (1...366).contains(days) {
            query.retentionEndsBefore = now.addingTimeInterval(Double(days) * 24 * 3600)
        }
        let key = sort ?? ""
        query.isDescending = key.hasPrefix("-")
        query.sort = CandidateQuery.SortKey(rawValue: String(key.drop { $0 == "-" })) ?? .created
        return query
    }

    /// The filter and sort form (a GET form: the parameters are codes of closed sets, never values).
    static func filterForm(query: CandidateQuery, purposes: [String], days: String?) -> String {
        func options(_ pairs: [(String, String)], selected: String) -> String {
            pairs.map { value, label in
                "<option value=\"\(Page.escape(value))\"\(value == selected ? " selected" : "")>\(Page.escape(label))</option>"
            }.joined()
        }
        let states =
            [("", Page.t("alle", "all"))] + CandidateState.allCases.map { ($0.rawValue, stateLabel($0.rawValue)) }
        let flags = [
            ("", Page.t("alle", "all")), (CandidateQuery.Flag.onHold.rawValue, Page.t("bewaarplicht", "legal hold")),
            (CandidateQuery.Flag.restricted.rawValue, Page.t("beperkt", "restricted")),
            (CandidateQuery.Flag.objected.rawValue, Page.t("bezwaar", "objected")),
        ]
        let expiring = [
            ("", Page.t("wanneer dan ook", "any time")), ("7", Page.t("binnen 7 dagen", "within 7 days")),
            ("30", Page.t("binnen 30 dagen", "within 30 days")), ("90", Page.t("binnen 90 dagen", "within 90 days")),
        ]
        var sorts: [(String, String)] = []
        for (key, label) in [
            (CandidateQuery.SortKey.created, Page.t("ontvangen", "received")), (.code, "code"),
            (.retention, Page.t("bewaren tot", "kept until")), (.state, "status"),
        ] {
            sorts.append((key.rawValue, label + " ↑"))
            sorts.append(("-" + key.rawValue, label + " ↓"))
        }
        let sort = (query.isDescending ? "-" : "") + query.sort.rawValue
        return """
            <form method="get" action="/kandidaten" class="filters">
            <div><label for="status">Status</label><select id="status" name="status">\(options(states, selected: query.state?.rawValue ?? ""))</select></div>
            <div><label for="doel">\(Page.t("Doel", "Purpose"))</label><select id="doel" name="doel">\(options([("", Page.t("alle", "all"))] + purposes.map { ($0, $0) }, selected: query.purpose ?? ""))</select></div>
            <div><label for="kenmerk">\(Page.t("Kenmerk", "Flag"))</label><select id="kenmerk" name="kenmerk">\(options(flags, selected: query.flag?.rawValue ?? ""))</select></div>
            <div><label for="verloopt">\(Page.t("Verloopt", "Expires"))</label><select id="verloopt" name="verloopt">\(options(expiring, selected: days ?? ""))</select></div>
            <div><label for="sorteer">\(Page.t("Sorteren op", "Sort by"))</label><select id="sorteer" name="sorteer">\(options(sorts, selected: sort))</select></div>
            <div><button type="submit">\(Page.t("Tonen", "Show"))</button></div></form>
            """
    }

    /// The listing's parameters (closed sets only) for the pager's links.
    static func queryString(_ parameters: Parameters) -> String {
        var parts: [String] = []
        for name in ["status", "doel", "kenmerk", "verloopt", "sorteer"] {
            if let value = parameters.get(name), !value.isEmpty,
                let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            {
                parts.append("\(name)=\(encoded)")
            }
        }
        return parts.map { "&" + $0 }.joined()
    }

    /// The candidates by code: nothing here is decrypted (state, purposes, dates and flags are
    /// plain columns), and no value beyond the code reaches the page or a URL.
    static func candidateTable(
        _ candidates: [CandidateSummary], total: Int, page: Int, pageCount: Int, filters: String, queryString: String
    ) -> String {
        var rows = ""
        for candidate in candidates {
            var flags: [String] = []
            if candidate.holdReason != nil { flags.append(Page.t("bewaarplicht", "legal hold")) }
            if candidate.isRestricted { flags.append(Page.t("beperkt", "restricted")) }
            if candidate.hasObjected { flags.append(Page.t("bezwaar", "objected")) }
            let until =
                candidate.retainUntil.map(Page.day)
                ?? Page.t("zolang de overeenkomst loopt", "while the agreement runs")
            rows += """
                <tr><td><a href="/kandidaten/\(Page.escape(candidate.code))"><code>\(Page.escape(candidate.code))</code></a></td>\
                <td>\(Page.escape(stateLabel(candidate.state)))</td>\
                <td>\(Page.escape(candidate.purposes.joined(separator: ", ")))</td>\
                <td>\(candidate.values)</td><td>\(until)</td>\
                <td>\(Page.escape(flags.joined(separator: ", ")))</td></tr>

                """
        }
        var pager: [String] = []
        if page > 1 {
            pager.append(
                "<a href=\"/kandidaten?pagina=\(page - 1)\(Page.escape(queryString))\" rel=\"prev\">\(Page.t("Vorige", "Previous"))</a>"
            )
        }
        pager.append("<span>\(Page.t("Pagina", "Page")) \(page) \(Page.t("van", "of")) \(pageCount)</span>")
        if page < pageCount {
            pager.append(
                "<a href=\"/kandidaten?pagina=\(page + 1)\(Page.escape(queryString))\" rel=\"next\">\(Page.t("Volgende", "Next"))</a>"
            )
        }
        let table =
            candidates.isEmpty
            ? "<p>\(Page.t("Geen kandidaten die hieraan voldoen.", "No candidates match."))</p>"
            : """
            <table><thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">\(Page.t("Doelen", "Purposes"))</th>\
            <th scope="col">\(Page.t("Gegevens", "Values"))</th><th scope="col">\(Page.t("Bewaren tot", "Kept until"))</th>\
            <th scope="col">\(Page.t("Kenmerken", "Flags"))</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            """
        return """
            <h1>\(Page.t("Kandidaten", "Candidates"))</h1>
            \(filters)
            <p>\(total) \(Page.t("kandidaten", "candidates"))</p>
            \(table)
            <nav class="pager" aria-label="\(Page.t("Pagina's", "Pages"))">\(pager.joined(separator: " "))</nav>
            """
    }

    static func stateLabel(_ state: String) -> String {
        switch CandidateState(rawValue: state) {
        case .applicant: Page.t("sollicitant", "applicant")
        case .talentPool: Page.t("talentpool", "talent pool")
        case .registered: Page.t("ingeschreven", "registered")
        case .placed: Page.t("geplaatst", "placed")
        case .formerlyPlaced: Page.t("eerder geplaatst", "formerly placed")
        case nil: state
        }
    }
}
