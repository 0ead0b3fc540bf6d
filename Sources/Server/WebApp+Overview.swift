import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Overzicht

extension WebApp {
    func addOverviewRoutes(to router: Router<WebContext>) {
        router.get("/overzicht") { request, context in
            let account = try context.require(.recruiter)
            let overview = try await service.acting(as: account.auditActor).overview(at: clock())
            let body = Self.overviewPage(
                overview, account: account, csrf: context.session?.csrfToken ?? "",
                notice: request.uri.queryParameters.get("melding"))
            return Page.response(Page.layout(title: "Overzicht", session: context.session, body: body))
        }
        // Retry puts a quarantined file back in the inbox folder it came from; the next run takes it.
        router.post("/overzicht/quarantaine/opnieuw") { _, context in
            _ = try context.require(.recruiter)
            let id = context.form["id"]
            guard id == nil || id.map(Self.isQuarantineID) == true else { throw HTTPError(.badRequest) }
            let outcome = Retry(config: service.config).run(id.map { [$0] })
            return Page.redirect(to: "/overzicht?melding=\(outcome.failed.isEmpty ? "opnieuw" : "opnieuw-mislukt")")
        }
    }

    /// Quarantine ids are the intake's own (a time stamp and a random part), never a file name;
    /// the intake checks their exact shape again.
    static func isQuarantineID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    static let overviewMessages = [
        "opnieuw": "Het bestand staat weer in de inbox; de volgende verwerking neemt het mee.",
        "opnieuw-mislukt": "Niet elk bestand kon terug naar de inbox; zie de quarantaine hieronder.",
    ]

    static func overviewPage(_ overview: Service.Overview, account: Account, csrf: String, notice: String?)
        -> String
    {
        let inbox = Page.table(
            ["Kanaal", "Wachtend"], overview.inbox.map { [Page.escape($0.channel), "\($0.files)"] },
            empty: "Er zijn geen kanalen ingesteld.")
        var reasons: [String: Int] = [:]
        for entry in overview.quarantined { reasons[entry.reason.rawValue, default: 0] += 1 }
        let quarantineRows = overview.quarantined.sorted { $0.at > $1.at }.prefix(50).map { entry in
            [
                "<code>\(Page.escape(entry.id))</code>", Page.escape(entry.reason.rawValue),
                Page.escape(entry.channel.display), Page.dateTime(entry.at),
                Page.button(
                    "Opnieuw", action: "/overzicht/quarantaine/opnieuw", csrf: csrf, fields: [("id", entry.id)]),
            ]
        }
        let retryAll =
            overview.quarantined.count > 1
            ? Page.button("Alles opnieuw proberen", action: "/overzicht/quarantaine/opnieuw", csrf: csrf) : ""
        let lastRun =
            overview.lastRun.map { run in
                """
                <p>Laatste verwerking: \(Page.dateTime(run.at)). In de 24 uur daarvoor: \(run.stored) opgeslagen, \
                \(run.updated) bijgewerkt, \(run.duplicates) dubbel, \(run.purged) verwijderd na de bewaartermijn.</p>
                """
            } ?? "<p>Nog geen verwerking in de afgelopen 30 dagen.</p>"
        var sections = """
            <h1>Overzicht</h1>
            \(Page.notice(notice, overviewMessages))
            <div class="cards">
            <section><h2>Inbox</h2>\(inbox)<p>In behandeling: \(overview.inProgress)</p></section>
            <section><h2>Laatste verwerking</h2>\(lastRun)</section>
            </div>
            <section><h2>Quarantaine (\(overview.quarantined.count))</h2>
            <p>\(reasons.sorted { $0.key < $1.key }.map { "\(Page.escape($0.key)): \($0.value)" }.joined(separator: ", "))</p>
            \(Page.table(["Nr.", "Reden", "Kanaal", "Sinds", ""], Array(quarantineRows), empty: "Niets in quarantaine."))
            \(retryAll)</section>
            """
        let expiring = overview.expiring.prefix(100).map { candidate in
            [
                "<a href=\"/kandidaten/\(Page.escape(candidate.code))\"><code>\(Page.escape(candidate.code))</code></a>",
                Page.escape(stateLabel(candidate.state)), candidate.retainUntil.map(Page.day) ?? "",
            ]
        }
        sections += """
            <section><h2>Gegevens die deze week verlopen (\(overview.expiring.count))</h2>
            \(Page.table(["Code", "Status", "Bewaren tot"], Array(expiring), empty: "Deze week verloopt niets."))</section>
            <section><h2>Opnieuw om toestemming vragen (\(overview.askForConsent.count))</h2>
            <p>Sollicitanten van wie de gegevens binnen twee weken verlopen; met hun toestemming mogen ze in de \
            talentpool blijven.</p>
            \(Page.table(["Code"], overview.askForConsent.map { ["<a href=\"/kandidaten/\(Page.escape($0))\"><code>\(Page.escape($0))</code></a>"] }, empty: "Niemand."))</section>
            """
        if account.role.includes(.privacyOfficer) {
            let requests = overview.requestsDue.map { request in
                [
                    "\(request.id)",
                    "<a href=\"/kandidaten/\(Page.escape(request.code))\"><code>\(Page.escape(request.code))</code></a>",
                    Page.escape(requestLabel(request.kind)), Page.day(request.extendedUntil ?? request.dueAt),
                    request.isOverdue ? "<strong>te laat</strong>" : "deze week",
                ]
            }
            sections += """
                <section><h2>Verzoeken die deze week aflopen of te laat zijn (\(overview.requestsDue.count))</h2>
                \(Page.table(["Nr.", "Kandidaat", "Soort", "Uiterlijk", ""], requests, empty: "Geen verzoeken die deze week aflopen."))
                <p><a href="/verzoeken">Alle verzoeken</a></p></section>
                """
        }
        return sections
    }

    static func requestLabel(_ kind: String) -> String {
        switch RequestKind(rawValue: kind) {
        case .access: "inzage"
        case .portability: "overdraagbaarheid"
        case .rectify: "rectificatie"
        case .erase: "wissen"
        case .restrict: "beperking"
        case .object: "bezwaar"
        case .consent: "toestemming"
        case .withdraw: "intrekking toestemming"
        case nil: kind
        }
    }
}
