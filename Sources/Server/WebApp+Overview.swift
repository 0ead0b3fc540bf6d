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
            return Page.response(
                Page.layout(title: Page.t("Overzicht", "Overview"), session: context.session, body: body))
        }
        // Retry puts a quarantined file back in the inbox folder it came from; the next run takes it.
        router.post("/overzicht/quarantaine/opnieuw") { _, context in
            let account = try context.require(.recruiter)
            let id = context.form["id"]
            guard id == nil || id.map(Self.isQuarantineID) == true else { throw HTTPError(.badRequest) }
            let outcome = try await service.acting(as: account.auditActor).retry(id.map { [$0] }, at: clock())
            return Page.redirect(to: "/overzicht?melding=\(outcome.failed == 0 ? "opnieuw" : "opnieuw-mislukt")")
        }
    }

    /// Quarantine ids are the intake's own (a time stamp and a random part), never a file name;
    /// the intake checks their exact shape again.
    static func isQuarantineID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    static var overviewMessages: [String: String] {
        [
            "opnieuw": Page.t(
                "Het bestand staat weer in de inbox; de volgende verwerking neemt het mee.",
                "The file is back in the inbox; the next run takes it."),
            "opnieuw-mislukt": Page.t(
                "Niet elk bestand kon terug naar de inbox; zie de quarantaine hieronder.",
                "Not every file could go back to the inbox; see the quarantine below."),
        ]
    }

    static func overviewPage(_ overview: Service.Overview, account: Account, csrf: String, notice: String?)
        -> String
    {
        let inbox = Page.table(
            [Page.t("Kanaal", "Channel"), Page.t("Wachtend", "Waiting")],
            overview.inbox.map { [Page.escape($0.channel), "\($0.files)"] },
            empty: Page.t("Er zijn geen kanalen ingesteld.", "No channels are configured."))
        var reasons: [String: Int] = [:]
        for entry in overview.quarantined { reasons[entry.reason.rawValue, default: 0] += 1 }
        let quarantineRows = overview.quarantined.sorted { $0.at > $1.at }.prefix(50).map { entry in
            [
                "<a href=\"/overzicht/quarantaine/\(Page.escape(entry.id))\"><code>\(Page.escape(entry.id))</code></a>",
                Page.escape(entry.reason.rawValue),
                Page.escape(entry.channel.display), Page.dateTime(entry.at),
                Page.button(
                    Page.t("Opnieuw", "Retry"), action: "/overzicht/quarantaine/opnieuw", csrf: csrf,
                    fields: [("id", entry.id)]),
            ]
        }
        let retryAll =
            overview.quarantined.count > 1
            ? Page.button(
                Page.t("Alles opnieuw proberen", "Retry all"), action: "/overzicht/quarantaine/opnieuw", csrf: csrf)
            : ""
        let lastRun =
            overview.lastRun.map { run in
                """
                <p>\(Page.t("Laatste verwerking", "Last run")): \(Page.dateTime(run.at)). \
                \(Page.t("In de 24 uur daarvoor", "In the 24 hours before")): \(run.stored) \(Page.t("opgeslagen", "stored")), \
                \(run.updated) \(Page.t("bijgewerkt", "updated")), \(run.duplicates) \(Page.t("dubbel", "duplicate")), \
                \(run.purged) \(Page.t("verwijderd na de bewaartermijn", "deleted after their retention period")).</p>
                """
            } ?? "<p>\(Page.t("Nog geen verwerking in de afgelopen 30 dagen.", "No run in the last 30 days."))</p>"
        var sections = """
            <h1>\(Page.t("Overzicht", "Overview"))</h1>
            \(Page.notice(notice, overviewMessages))
            <div class="cards">
            <section><h2>Inbox</h2>\(inbox)<p>\(Page.t("In behandeling", "In progress")): \(overview.inProgress)</p></section>
            <section><h2>\(Page.t("Laatste verwerking", "Last run"))</h2>\(lastRun)</section>
            </div>
            <section><h2>\(Page.t("Quarantaine", "Quarantine")) (\(overview.quarantined.count))</h2>
            <p>\(reasons.sorted { $0.key < $1.key }.map { "\(Page.escape($0.key)): \($0.value)" }.joined(separator: ", "))</p>
            \(Page.table([Page.t("Nr.", "No."), Page.t("Reden", "Reason"), Page.t("Kanaal", "Channel"), Page.t("Sinds", "Since"), ""], Array(quarantineRows), empty: Page.t("Niets in quarantaine.", "Nothing in quarantine.")))
            \(retryAll)</section>
            """
        let expiring = overview.expiring.prefix(100).map { candidate in
            [
                "<a href=\"/kandidaten/\(Page.escape(candidate.code))\"><code>\(Page.escape(candidate.code))</code></a>",
                Page.escape(stateLabel(candidate.state)), candidate.retainUntil.map(Page.day) ?? "",
            ]
        }
        sections += """
            <section><h2>\(Page.t("Gegevens die deze week verlopen", "Data expiring this week")) (\(overview.expiring.count))</h2>
            \(Page.table(["Code", "Status", Page.t("Bewaren tot", "Kept until")], Array(expiring), empty: Page.t("Deze week verloopt niets.", "Nothing expires this week.")))</section>
            <section><h2>\(Page.t("Opnieuw om toestemming vragen", "Ask for consent again")) (\(overview.askForConsent.count))</h2>
            <p>\(Page.t("Sollicitanten van wie de gegevens binnen twee weken verlopen; met hun toestemming mogen ze in de talentpool blijven.", "Applicants whose data expires within two weeks; with their consent they may stay in the talent pool."))</p>
            \(Page.table(["Code"], overview.askForConsent.prefix(100).map { ["<a href=\"/kandidaten/\(Page.escape($0))\"><code>\(Page.escape($0))</code></a>"] }, empty: Page.t("Niemand.", "Nobody.")))
            \(overview.askForConsent.count > 100 ? "<p>\(Page.t("De eerste 100 getoond; alle staan in", "The first 100 shown; all are in")) <code>cvsieve purge --dry-run</code>.</p>" : "")</section>
            """
        if account.role.includes(.privacyOfficer) {
            let requests = overview.requestsDue.map { request in
                [
                    "\(request.id)",
                    "<a href=\"/kandidaten/\(Page.escape(request.code))\"><code>\(Page.escape(request.code))</code></a>",
                    Page.escape(requestLabel(request.kind)), Page.day(request.extendedUntil ?? request.dueAt),
                    request.isOverdue
                        ? "<strong>\(Page.t("te laat", "overdue"))</strong>" : Page.t("deze week", "this week"),
                ]
            }
            sections += """
                <section><h2>\(Page.t("Verzoeken die deze week aflopen of te laat zijn", "Requests due this week or overdue")) (\(overview.requestsDue.count))</h2>
                \(Page.table([Page.t("Nr.", "No."), Page.t("Kandidaat", "Candidate"), Page.t("Soort", "Kind"), Page.t("Uiterlijk", "Due"), ""], requests, empty: Page.t("Geen verzoeken die deze week aflopen.", "No requests due this week.")))
                <p><a href="/verzoeken">\(Page.t("Alle verzoeken", "All requests"))</a></p></section>
                """
        }
        return sections
    }

    static func requestLabel(_ kind: String) -> String {
        switch RequestKind(rawValue: kind) {
        case .access: Page.t("inzage", "access")
        case .portability: Page.t("overdraagbaarheid", "portability")
        case .rectify: Page.t("rectificatie", "rectification")
        case .erase: Page.t("wissen", "erasure")
        case .restrict: Page.t("beperking", "restriction")
        case .object: Page.t("bezwaar", "objection")
        case .consent: Page.t("toestemming", "consent")
        case .withdraw: Page.t("intrekking toestemming", "consent withdrawn")
        case nil: kind
        }
    }
}
