import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

// MARK: - Verzoeken, Verwerkingsregister and Audit (privacy officers)

extension WebApp {
    func addRecordRoutes(to router: Router<WebContext>) {
        router.get("/verzoeken") { request, context in
            let account = try context.require(.privacyOfficer)
            let all = request.uri.queryParameters.get("alle") == "1"
            let requests = try await service.acting(as: account.auditActor).requests(includeCompleted: all, at: clock())
            let body = Self.requestsPage(
                requests, showsCompleted: all, csrf: context.session?.csrfToken ?? "",
                notice: request.uri.queryParameters.get("melding"))
            return Page.response(
                Page.layout(title: Page.t("Verzoeken", "Requests"), session: context.session, body: body))
        }
        router.post("/verzoeken") { _, context in
            let account = try context.require(.privacyOfficer)
            let code = (context.form["code"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            guard let kind = context.form["soort"].flatMap(RequestKind.init(rawValue:)) else {
                throw HTTPError(.badRequest)
            }
            guard (4...32).contains(code.count),
                code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
            else {
                throw PageError(
                    .badRequest,
                    Page.t(
                        "Vul de code van de kandidaat in (zie Kandidaten).",
                        "Fill in the candidate's code (see Candidates)."))
            }
            _ = try await service.acting(as: account.auditActor).receiveRequest(code, kind: kind, at: clock())
            return Page.redirect(to: "/verzoeken?melding=ontvangen")
        }
        router.post("/verzoeken/{id}/verlengen") { _, context in
            let account = try context.require(.privacyOfficer)
            let id = try context.parameters.require("id", as: Int64.self)
            let reason = (context.form["reden"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let requests = try await service.requests(includeCompleted: false, at: clock())
            guard let request = requests.first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
            // GDPR art. 12(3): two further months at most, and an extension moves the date later.
            let latest = request.receivedAt.addingTimeInterval(92 * 24 * 3600)
            guard let until = context.form["tot"].flatMap(Self.parseDay),
                until > (request.extendedUntil ?? request.dueAt),
                until <= latest, !reason.isEmpty, reason.count <= 300
            else {
                throw PageError(
                    .badRequest,
                    Page.t(
                        "Geef een reden (hoogstens 300 tekens) en een nieuwe uiterste datum: later dan de huidige en hoogstens drie maanden na ontvangst (AVG art. 12 lid 3).",
                        "Give a reason (at most 300 characters) and a new due date: later than the current one and at most three months after receipt (GDPR art. 12(3))."
                    ))
            }
            try await service.acting(as: account.auditActor).extendRequest(
                id, until: until, reason: reason, at: clock())
            return Page.redirect(to: "/verzoeken?melding=verlengd")
        }
        // Access and portability are answered with the report as a download; that completes them.
        router.post("/verzoeken/{id}/inzage") { _, context in
            let account = try context.require(.privacyOfficer)
            let id = try context.parameters.require("id", as: Int64.self)
            let staff = service.acting(as: account.auditActor)
            guard
                let request = try await staff.requests(includeCompleted: false, at: clock()).first(where: {
                    $0.id == id
                }),
                [RequestKind.access.rawValue, RequestKind.portability.rawValue].contains(request.kind)
            else { throw HTTPError(.notFound) }
            let report = try await staff.answerAccessRequest(request.id, at: clock())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let bytes = try encoder.encode(report)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json",
                    .contentDisposition: "attachment; filename=\"\(request.code)-inzage.json\"",
                ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/verwerkingsregister") { _, context in
            _ = try context.require(.privacyOfficer)
            let body = Self.registerPage(service.config)
            return Page.response(
                Page.layout(
                    title: Page.t("Verwerkingsregister", "Record of processing"), session: context.session, body: body))
        }
        router.get("/audit") { request, context in
            _ = try context.require(.privacyOfficer)
            let query = request.uri.queryParameters
            let code = query.get("code").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap {
                $0.isEmpty ? nil : $0
            }
            let since = query.get("sinds").flatMap(Self.parseDay)
            let records = try await service.auditRecords(code: code, since: since)
            let verification = try await service.verifyAudit()
            let body = Self.auditPage(records, verification: verification, code: code, since: since)
            return Page.response(Page.layout(title: "Audit", session: context.session, body: body))
        }
    }

    static var requestMessages: [String: String] {
        [
            "ontvangen": Page.t(
                "Verzoek vastgelegd; de termijn loopt vanaf vandaag.", "Request recorded; the period runs from today."),
            "verlengd": Page.t(
                "Termijn verlengd; de reden staat bij het verzoek.", "Period extended; the reason is with the request."),
        ]
    }

    /// `2026-12-31` (an `<input type="date">`) at noon in the agency's time zone.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    static func requestsPage(_ requests: [SubjectRequest], showsCompleted: Bool, csrf: String, notice: String?)
        -> String
    {
        let ordered = requests.sorted {
            ($0.completedAt == nil ? 0 : 1, $0.isOverdue ? 0 : 1, $0.extendedUntil ?? $0.dueAt)
                < ($1.completedAt == nil ? 0 : 1, $1.isOverdue ? 0 : 1, $1.extendedUntil ?? $1.dueAt)
        }
        let rows = ordered.map { request -> [String] in
            let code = Page.escape(request.code)
            var answer = ""
            if request.completedAt == nil {
                switch RequestKind(rawValue: request.kind) {
                case .access, .portability:
                    answer = Page.button(
                        Page.t("Inzage downloaden", "Download the access report"),
                        action: "/verzoeken/\(request.id)/inzage", csrf: csrf)
                case .erase: answer = "<a href=\"/kandidaten/\(code)/wissen\">\(Page.t("Wissen", "Erase"))</a>"
                default:
                    answer =
                        "<a href=\"/kandidaten/\(code)\">\(Page.t("Afhandelen bij de kandidaat", "Answer on the candidate's page"))</a>"
                }
                answer += """
                    <details><summary>\(Page.t("Verlengen", "Extend"))</summary>
                    <form method="post" action="/verzoeken/\(request.id)/verlengen">\(Page.csrfField(csrf))
                    <label for="tot-\(request.id)">\(Page.t("Nieuwe uiterste datum", "New due date"))</label><input type="date" id="tot-\(request.id)" name="tot" required>
                    <label for="reden-\(request.id)">\(Page.t("Reden (zonder persoonsgegevens)", "Reason (no personal data)"))</label><input id="reden-\(request.id)" name="reden" maxlength="300" required>
                    <button type="submit">\(Page.t("Verlengen", "Extend"))</button></form></details>
                    """
            }
            let state =
                request.completedAt.map { Page.t("afgehandeld", "completed") + " \(Page.day($0))" }
                ?? (request.isOverdue ? "<strong>\(Page.t("te laat", "overdue"))</strong>" : "open")
            return [
                "\(request.id)", "<a href=\"/kandidaten/\(code)\"><code>\(code)</code></a>",
                Page.escape(requestLabel(request.kind)), Page.day(request.receivedAt),
                Page.day(request.extendedUntil ?? request.dueAt)
                    + (request.extensionReason.map { " (\(Page.t("verlengd", "extended")): \(Page.escape($0)))" } ?? ""),
                state, answer,
            ]
        }
        let kinds = RequestKind.allCases.map {
            "<option value=\"\($0.rawValue)\">\(Page.escape(requestLabel($0.rawValue)))</option>"
        }
        return """
            <h1>\(Page.t("Verzoeken", "Requests"))</h1>
            \(Page.notice(notice, requestMessages))
            <p>\(Page.t("Verzoeken van kandidaten (AVG art. 15–21): te laat eerst, dan op uiterste datum.", "Candidates' requests (GDPR art. 15–21): overdue first, then by due date.")) \
            \(showsCompleted ? "<a href=\"/verzoeken\">\(Page.t("Alleen open verzoeken", "Open requests only"))</a>" : "<a href=\"/verzoeken?alle=1\">\(Page.t("Ook afgehandelde verzoeken", "Completed requests too"))</a>")</p>
            \(Page.table([Page.t("Nr.", "No."), Page.t("Kandidaat", "Candidate"), Page.t("Soort", "Kind"), Page.t("Ontvangen", "Received"), Page.t("Uiterlijk", "Due"), Page.t("Stand", "State"), Page.t("Afhandelen", "Answer")], rows, empty: Page.t("Geen open verzoeken.", "No open requests.")))
            <h2>\(Page.t("Nieuw verzoek vastleggen", "Record a new request"))</h2>
            <form method="post" action="/verzoeken">\(Page.csrfField(csrf))
            <label for="code">\(Page.t("Code van de kandidaat", "Candidate's code"))</label><input id="code" name="code" maxlength="32" required autocomplete="off">
            <label for="soort">\(Page.t("Soort verzoek", "Kind of request"))</label><select id="soort" name="soort">\(kinds.joined())</select>
            <p><button type="submit">\(Page.t("Verzoek vastleggen", "Record the request"))</button></p></form>
            """
    }

    static func registerPage(_ config: PipelineConfig) -> String {
        let rows = config.recordOfProcessing.map { activity in
            [
                Page.escape(activity.purpose), Page.escape(activity.description), Page.escape(activity.legalBasis),
                Page.escape(activity.categories.map(categoryLabel).joined(separator: ", ")),
                Page.escape(activity.channels.joined(separator: ", ")),
                Page.escape(
                    activity.recipients.isEmpty ? Page.t("geen", "none") : activity.recipients.joined(separator: "; ")),
                Page.escape(
                    activity.retention.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(
                        separator: ", ")),
                activity.disclosesProfiles ? Page.t("ja", "yes") : Page.t("nee", "no"),
            ]
        }
        return """
            <h1>\(Page.t("Verwerkingsregister", "Record of processing"))</h1>
            <p>\(Page.t("Het register van verwerkingsactiviteiten (AVG art. 30) zoals pipeline.yml het vastlegt. Verwerkingsverantwoordelijke:", "The record of processing activities (GDPR art. 30) as pipeline.yml declares it. Controller:")) \
            \(Page.escape(config.export.agency)). \(Page.t("Bijzondere persoonsgegevens, BSN en kopieën van identiteitsbewijzen worden alleen bewaard als een doel met grondslag wettelijke plicht ze vraagt. Er worden geen geautomatiseerde besluiten over kandidaten genomen.", "Special categories, BSN and copies of identity documents are kept only when a purpose with the legal basis legal obligation asks for them. No automated decisions are taken about candidates."))</p>
            \(Page.table([Page.t("Doel", "Purpose"), Page.t("Omschrijving", "Description"), Page.t("Grondslag", "Legal basis"), Page.t("Gegevens", "Data"), Page.t("Kanalen", "Channels"), Page.t("Ontvangers", "Recipients"), Page.t("Bewaartermijnen", "Retention"), Page.t("Profielen aan klanten", "Profiles to clients")], rows, empty: Page.t("pipeline.yml noemt geen doelen.", "pipeline.yml declares no purposes.")))
            """
    }

    static func auditPage(_ records: [AuditRecord], verification: AuditVerification, code: String?, since: Date?)
        -> String
    {
        let shown = records.suffix(500).reversed()
        let rows = shown.map { record in
            [
                "\(record.seq)", Page.dateTime(record.at), Page.escape(record.actor), Page.escape(record.action),
                record.code.map { "<code>\(Page.escape($0))</code>" } ?? "", Page.escape(record.purpose ?? ""),
                Page.escape(record.detail),
            ]
        }
        let chain =
            verification.isIntact
            ? "<p class=\"notice\">\(Page.t("De keten van", "The chain of")) \(verification.records) \(Page.t("auditregels is intact.", "audit records is intact."))</p>"
            : "<p class=\"refusal\" role=\"alert\">\(Page.t("De auditketen is verbroken bij regel", "The audit chain breaks at record")) \(verification.firstBreak.map(String.init) ?? "?"): \(Page.escape(verification.problem ?? ""))</p>"
        let sinceValue = since.map { Self.isoDay($0) } ?? ""
        return """
            <h1>Audit</h1>
            \(chain)
            <form method="get" action="/audit" class="filters">
            <div><label for="code">\(Page.t("Kandidaat (code)", "Candidate (code)"))</label><input id="code" name="code" value="\(Page.escape(code ?? ""))" maxlength="32"></div>
            <div><label for="sinds">\(Page.t("Sinds", "Since"))</label><input type="date" id="sinds" name="sinds" value="\(sinceValue)"></div>
            <div><button type="submit">\(Page.t("Tonen", "Show"))</button></div></form>
            <p>\(records.count) \(Page.t("regels", "records"))\(records.count > 500 ? Page.t(", de laatste 500 getoond", ", the last 500 shown") : ""); \
            \(Page.t("nieuwste eerst. Medewerkers staan er met hun nummer in (account:NR), nooit met hun naam.", "newest first. Staff appear by number (account:NO.), never by name."))</p>
            \(Page.table([Page.t("Nr.", "No."), Page.t("Wanneer", "When"), Page.t("Wie", "Who"), Page.t("Handeling", "Action"), Page.t("Kandidaat", "Candidate"), Page.t("Doel", "Purpose"), Page.t("Toelichting", "Detail")], Array(rows), empty: Page.t("Geen auditregels.", "No audit records.")))
            """
    }

    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
