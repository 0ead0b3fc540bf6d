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
                    title: "Kandidaten", session: context.session,
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
            if candidate.holdReason != nil { flags.append("bewaarplicht") }
            if candidate.isRestricted { flags.append("beperkt") }
            if candidate.hasObjected { flags.append("bezwaar") }
            let until = candidate.retainUntil.map(Page.day) ?? "zolang de overeenkomst loopt"
            rows += """
                <tr><td><a href="/kandidaten/\(Page.escape(candidate.code))"><code>\(Page.escape(candidate.code))</code></a></td>\
                <td>\(Page.escape(stateLabel(candidate.state)))</td>\
                <td>\(Page.escape(candidate.purposes.joined(separator: ", ")))</td>\
                <td>\(candidate.values)</td><td>\(until)</td>\
                <td>\(Page.escape(flags.joined(separator: ", ")))</td></tr>

                """
        }
        var pager: [String] = []
        if page > 1 { pager.append("<a href=\"/kandidaten?pagina=\(page - 1)\" rel=\"prev\">Vorige</a>") }
        pager.append("<span>Pagina \(page) van \(pageCount)</span>")
        if page < pageCount { pager.append("<a href=\"/kandidaten?pagina=\(page + 1)\" rel=\"next\">Volgende</a>") }
        let table =
            candidates.isEmpty
            ? "<p>Er zijn geen kandidaten opgeslagen.</p>"
            : """
            <table><thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">Doelen</th>\
            <th scope="col">Gegevens</th><th scope="col">Bewaren tot</th><th scope="col">Kenmerken</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            """
        return """
            <h1>Kandidaten</h1>
            <p>\(total) kandidaten, op code.</p>
            \(table)
            <nav class="pager" aria-label="Pagina's">\(pager.joined(separator: " "))</nav>
            """
    }

    static func stateLabel(_ state: String) -> String {
        switch CandidateState(rawValue: state) {
        case .applicant: "sollicitant"
        case .talentPool: "talentpool"
        case .registered: "ingeschreven"
        case .placed: "geplaatst"
        case .formerlyPlaced: "eerder geplaatst"
        case nil: state
        }
    }
}
