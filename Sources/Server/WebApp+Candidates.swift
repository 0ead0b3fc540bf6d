import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Kandidaten

extension WebApp {
    func addCandidateRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten") { request, context in
            let account = try context.require(.recruiter)
            let candidates = try await service.acting(as: account.auditActor).candidates()
            let pageCount = max(1, (candidates.count + settings.pageSize - 1) / settings.pageSize)
            let page = min(max(1, request.uri.queryParameters.get("pagina", as: Int.self) ?? 1), pageCount)
            let shown = candidates.dropFirst((page - 1) * settings.pageSize).prefix(settings.pageSize)
            return Page.response(
                Page.layout(
                    title: Page.t("Kandidaten", "Candidates"), session: context.session,
                    body: Self.candidateTable(
                        Array(shown), total: candidates.count, page: page, pageCount: pageCount)))
        }
    }

    /// The candidates by code: nothing here is decrypted (state, purposes, dates and flags are
    /// plain columns), and no value beyond the code reaches the page or a URL.
    static func candidateTable(_ candidates: [CandidateSummary], total: Int, page: Int, pageCount: Int) -> String {
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
            pager.append("<a href=\"/kandidaten?pagina=\(page - 1)\" rel=\"prev\">\(Page.t("Vorige", "Previous"))</a>")
        }
        pager.append("<span>\(Page.t("Pagina", "Page")) \(page) \(Page.t("van", "of")) \(pageCount)</span>")
        if page < pageCount {
            pager.append("<a href=\"/kandidaten?pagina=\(page + 1)\" rel=\"next\">\(Page.t("Volgende", "Next"))</a>")
        }
        let table =
            candidates.isEmpty
            ? "<p>\(Page.t("Er zijn geen kandidaten opgeslagen.", "No candidates are stored."))</p>"
            : """
            <table><thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">\(Page.t("Doelen", "Purposes"))</th>\
            <th scope="col">\(Page.t("Gegevens", "Values"))</th><th scope="col">\(Page.t("Bewaren tot", "Kept until"))</th>\
            <th scope="col">\(Page.t("Kenmerken", "Flags"))</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            """
        return """
            <h1>\(Page.t("Kandidaten", "Candidates"))</h1>
            <p>\(total) \(Page.t("kandidaten, op code.", "candidates, by code."))</p>
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
