import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Kandidaat: what is held, and the agency's events and the subject's rights as buttons

extension WebApp {
    /// A candidate's code from the path: the vault's own alphabet only, so nothing else reaches a
    /// query or a page.
    static func code(_ context: WebContext) throws -> String {
        let code = try context.parameters.require("code")
        guard (4...32).contains(code.count),
            code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) || $0 == "-" })
        else { throw HTTPError(.notFound) }
        return code
    }

    /// One action on a candidate: the role it needs, what it does, the message shown after it.
    struct CandidateAction: Sendable {
        var path: String
        var role: AccountRole
        /// What the page says after it: Dutch, English.
        var message: (String, String)
        var run: @Sendable (Service, String, FormFields, Date) async throws -> Void
    }

    static let candidateActions: [CandidateAction] = [
        CandidateAction(path: "contact", role: .recruiter, message: ("Contact vastgelegd.", "Contact recorded.")) {
            service, code, _, now in
            try await service.recordContact(code, at: now)
        },
        CandidateAction(
            path: "overeenkomst-start", role: .recruiter,
            message: ("Begin van de overeenkomst vastgelegd.", "Start of the agreement recorded.")
        ) {
            service, code, _, now in try await service.recordAgreement(code, starts: true, at: now)
        },
        CandidateAction(
            path: "overeenkomst-einde", role: .recruiter,
            message: ("Einde van de overeenkomst vastgelegd.", "End of the agreement recorded.")
        ) {
            service, code, _, now in try await service.recordAgreement(code, starts: false, at: now)
        },
        CandidateAction(
            path: "sollicitatie-einde", role: .recruiter,
            message: (
                "Einde van de sollicitatie vastgelegd; de gegevens gaan 4 weken na die dag.",
                "End of the application recorded; the data goes 4 weeks after that day."
            )
        ) { service, code, form, now in
            var day = now
            if let text = form["op"], !text.isEmpty {
                guard let parsed = parseDay(text) else {
                    throw PageError(.badRequest, Page.t("Geef een geldige datum.", "Give a valid date."))
                }
                day = parsed
            }
            try await service.applicationEnded(code, on: day, at: now)
        },
        CandidateAction(
            path: "toestemming", role: .recruiter, message: ("Toestemming vastgelegd.", "Consent recorded.")
        ) {
            service, code, form, now in
            guard let purpose = form["doel"], let decision = form["besluit"], ["geven", "intrekken"].contains(decision)
            else { throw HTTPError(.badRequest) }
            try await service.consent(code, purpose: purpose, granted: decision == "geven", at: now)
        },
        CandidateAction(
            path: "beperken", role: .privacyOfficer, message: ("Verwerking beperkt.", "Processing restricted.")
        ) {
            service, code, _, now in _ = try await service.restrict(.code(code), isObjection: false, at: now)
        },
        CandidateAction(path: "bezwaar", role: .privacyOfficer, message: ("Bezwaar vastgelegd.", "Objection recorded."))
        {
            service, code, _, now in _ = try await service.restrict(.code(code), isObjection: true, at: now)
        },
        CandidateAction(
            path: "bewaarplicht", role: .privacyOfficer, message: ("Bewaarplicht vastgelegd.", "Legal hold placed.")
        ) {
            service, code, form, now in
            let reason = (form["reden"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 200 else {
                throw PageError(
                    .badRequest,
                    Page.t(
                        "Geef een reden voor de bewaarplicht (hoogstens 200 tekens).",
                        "Give a reason for the legal hold (at most 200 characters)."))
            }
            try await service.hold(code, reason: reason, at: now)
        },
        CandidateAction(
            path: "bewaarplicht-opheffen", role: .privacyOfficer,
            message: ("Bewaarplicht opgeheven.", "Legal hold released.")
        ) {
            service, code, _, now in try await service.hold(code, reason: nil, at: now)
        },
        CandidateAction(
            path: "corrigeren", role: .privacyOfficer, message: ("Gegeven gecorrigeerd.", "Value rectified.")
        ) {
            service, code, form, now in
            let value = (form["waarde"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let field = form["veld"], !value.isEmpty, value.count <= 500 else {
                throw PageError(
                    .badRequest,
                    Page.t("Kies een gegeven en vul de juiste waarde in.", "Choose a value and fill in the right one."))
            }
            _ = try await service.rectify(code, field: field, value: value, at: now)
        },
        CandidateAction(path: "verzoek", role: .privacyOfficer, message: ("Verzoek vastgelegd.", "Request recorded.")) {
            service, code, form, now in
            guard let kind = form["soort"].flatMap(RequestKind.init(rawValue:)) else { throw HTTPError(.badRequest) }
            _ = try await service.receiveRequest(code, kind: kind, at: now)
        },
    ]

    func addCandidatePageRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten/{code}") { request, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let record = try await service.acting(as: account.auditActor).candidateRecord(code, at: clock())
            let body = Self.candidatePage(
                record, config: service.config, account: account, csrf: context.session?.csrfToken ?? "",
                notice: request.uri.queryParameters.get("melding"))
            return Page.response(
                Page.layout(title: Page.t("Kandidaat", "Candidate") + " \(code)", session: context.session, body: body))
        }
        for action in Self.candidateActions {
            router.post(RouterPath("/kandidaten/{code}/\(action.path)")) { _, context in
                let account = try context.require(action.role)
                let code = try Self.code(context)
                try await action.run(service.acting(as: account.auditActor), code, context.form, clock())
                return Page.redirect(to: "/kandidaten/\(code)?melding=\(action.path)")
            }
        }
        router.get("/kandidaten/{code}/wissen") { _, context in
            let account = try context.require(.privacyOfficer)
            let code = try Self.code(context)
            let record = try await service.acting(as: account.auditActor).candidateRecord(code, at: clock())
            let clients = Set(record.disclosures.map(\.client)).sorted()
            let list =
                clients.isEmpty
                ? "<p>\(Page.t("Het profiel is aan geen enkele klant verstrekt.", "The profile was disclosed to no client."))</p>"
                : "<p>\(Page.t("Het profiel is verstrekt aan deze klanten; informeer hen na het wissen (art. 19 AVG):", "The profile was disclosed to these clients; inform them after the erasure (GDPR art. 19):"))</p><ul>"
                    + clients.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul>"
            let held =
                record.holdReason == nil
                ? ""
                : "<p class=\"refusal\">\(Page.t("Er geldt een bewaarplicht: wissen wordt geweigerd tot die is opgeheven.", "A legal hold applies: erasure is refused until it is released."))</p>"
            let body = """
                <h1>\(Page.t("Kandidaat", "Candidate")) \(code) \(Page.t("wissen", "erase"))</h1>
                <p>\(record.values.count) \(Page.t("opgeslagen gegevens, de loopbaangegevens, de sleutel en het bewaarde origineel van deze kandidaat worden definitief gewist. Dit kan niet ongedaan worden gemaakt; het auditlog houdt vast dat er gewist is, zonder gegevens.", "stored values, the career facts, the key and the kept original of this candidate will be erased for good. This cannot be undone; the audit log records that an erasure took place, without data."))</p>
                \(held)\(list)
                \(Page.button(Page.t("Definitief wissen", "Erase for good"), action: "/kandidaten/\(code)/wissen", csrf: context.session?.csrfToken ?? "", danger: true))
                <p><a href="/kandidaten/\(code)">\(Page.t("Annuleren", "Cancel"))</a></p>
                """
            return Page.response(Page.layout(title: Page.t("Wissen", "Erase"), session: context.session, body: body))
        }
        router.post("/kandidaten/{code}/wissen") { _, context in
            let account = try context.require(.privacyOfficer)
            let code = try Self.code(context)
            let outcome = try await service.acting(as: account.auditActor).erase(.code(code), at: clock())
            let clients = outcome.recipientsToInform
            let list =
                clients.isEmpty
                ? "<p>\(Page.t("Er zijn geen klanten te informeren.", "There are no clients to inform."))</p>"
                : "<p>\(Page.t("Informeer deze klanten dat de gegevens zijn gewist:", "Tell these clients that the data was erased:"))</p><ul>"
                    + clients.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul>"
            let body = """
                <h1>\(Page.t("Kandidaat", "Candidate")) \(code) \(Page.t("gewist", "erased"))</h1>
                <p class="notice" role="status">\(Page.t("De gegevens zijn gewist.", "The data was erased."))</p>
                \(list)
                <p><a href="/kandidaten">\(Page.t("Terug naar de kandidaten", "Back to the candidates"))</a></p>
                """
            return Page.response(Page.layout(title: Page.t("Gewist", "Erased"), session: context.session, body: body))
        }
    }

    static func candidatePage(
        _ record: SubjectAccessReport, config: PipelineConfig, account: Account, csrf: String, notice: String?
    ) -> String {
        let code = Page.escape(record.code)
        let isOfficer = account.role.includes(.privacyOfficer)
        var messages: [String: String] = [:]
        for action in candidateActions { messages[action.path] = Page.t(action.message.0, action.message.1) }
        var flags: [String] = []
        if record.isRestricted { flags.append(Page.t("verwerking beperkt", "processing restricted")) }
        if record.hasObjected { flags.append(Page.t("bezwaar gemaakt", "objected")) }
        if record.holdReason != nil { flags.append(Page.t("bewaarplicht", "legal hold")) }
        var facts = """
            <dl class="facts"><dt>Status</dt><dd>\(Page.escape(stateLabel(record.state)))</dd>
            <dt>\(Page.t("Laatste contact", "Last contact"))</dt><dd>\(record.lastContactAt.map(Page.day) ?? "–")</dd>
            <dt>\(Page.t("Overeenkomst", "Agreement"))</dt>\
            <dd>\(record.agreementStart.map { Page.t("sinds", "since") + " \(Page.day($0))" } ?? Page.t("geen", "none"))\
            \(record.agreementEnd.map { ", " + Page.t("beëindigd", "ended") + " \(Page.day($0))" } ?? "")</dd>
            <dt>\(Page.t("Kenmerken", "Flags"))</dt><dd>\(flags.isEmpty ? "–" : Page.escape(flags.joined(separator: ", ")))</dd>
            """
        if isOfficer, let reason = record.holdReason {
            facts += "<dt>\(Page.t("Reden bewaarplicht", "Reason for the hold"))</dt><dd>\(Page.escape(reason))</dd>"
        }
        facts += "</dl>"
        let purposes = Set(record.values.map(\.purpose)).union(record.career.keys).sorted()
        var held = ""
        for purpose in purposes {
            let declared = config.purposes[purpose]
            let rows = record.values.filter { $0.purpose == purpose }.map { value in
                [
                    Page.escape(categoryLabel(value.category)), Page.escape(value.value),
                    Page.escape(value.legalBasis),
                    value.retainUntil.map(Page.day)
                        ?? Page.t("zolang de overeenkomst loopt", "while the agreement runs"),
                ]
            }
            held += """
                <section><h3>\(Page.t("Doel", "Purpose")): \(Page.escape(purpose))</h3>
                <p>\(Page.escape(declared?.description ?? ""))</p>
                \(Page.table([Page.t("Gegeven", "Field"), Page.t("Waarde", "Value"), Page.t("Grondslag", "Legal basis"), Page.t("Bewaren tot", "Kept until")], rows, empty: Page.t("Geen persoonsgegevens voor dit doel.", "No personal data for this purpose.")))
                \(record.career[purpose].map(careerSection) ?? "")</section>
                """
        }
        let consentRows = config.purposes.values.filter { $0.legalBasis == .consent || record.consents[$0.name] != nil }
            .sorted { $0.name < $1.name }
            .map { purpose -> [String] in
                let state =
                    record.consents[purpose.name].map {
                        $0 ? Page.t("gegeven", "given") : Page.t("ingetrokken", "withdrawn")
                    }
                    ?? Page.t("niet gevraagd", "not asked")
                let granted = record.consents[purpose.name] == true
                return [
                    Page.escape(purpose.name), state,
                    Page.button(
                        granted
                            ? Page.t("Toestemming intrekken", "Withdraw consent")
                            : Page.t("Toestemming vastleggen", "Record consent"),
                        action: "/kandidaten/\(record.code)/toestemming", csrf: csrf,
                        fields: [("doel", purpose.name), ("besluit", granted ? "intrekken" : "geven")]),
                ]
            }
        let disclosureRows = record.disclosures.map { disclosure in
            [
                Page.escape(disclosure.client), Page.dateTime(disclosure.disclosedAt), Page.escape(disclosure.format),
                Page.escape(disclosure.purpose), Page.escape(disclosure.fields.joined(separator: ", ")),
            ]
        }
        let requestRows = record.requests.map { request in
            [
                "\(request.id)", Page.escape(requestLabel(request.kind)), Page.day(request.receivedAt),
                Page.day(request.extendedUntil ?? request.dueAt),
                request.completedAt.map { Page.t("afgehandeld", "completed") + " \(Page.day($0))" }
                    ?? (request.isOverdue ? Page.t("te laat", "overdue") : "open"),
            ]
        }
        var actions = """
            <section><h2>\(Page.t("Gebeurtenissen vastleggen", "Record events"))</h2>
            \(Page.button(Page.t("Contact vastleggen", "Record contact"), action: "/kandidaten/\(record.code)/contact", csrf: csrf))
            \(Page.button(Page.t("Overeenkomst gestart", "Agreement started"), action: "/kandidaten/\(record.code)/overeenkomst-start", csrf: csrf))
            \(Page.button(Page.t("Overeenkomst beëindigd", "Agreement ended"), action: "/kandidaten/\(record.code)/overeenkomst-einde", csrf: csrf))
            <form method="post" action="/kandidaten/\(code)/sollicitatie-einde">\(Page.csrfField(csrf))
            <label for="op">\(Page.t("Sollicitatieprocedure beëindigd op (leeg: vandaag)", "Application procedure ended on (empty: today)"))</label>
            <input type="date" id="op" name="op">
            <button type="submit">\(Page.t("Einde sollicitatie vastleggen", "Record the end of the application"))</button></form>
            </section>
            """
        if isOfficer {
            let categories = Set(record.values.map(\.category)).sorted()
            let options = categories.map {
                "<option value=\"\(Page.escape($0))\">\(Page.escape(categoryLabel($0)))</option>"
            }
            let kinds = RequestKind.allCases.map {
                "<option value=\"\($0.rawValue)\">\(Page.escape(requestLabel($0.rawValue)))</option>"
            }
            let hold =
                record.holdReason == nil
                ? """
                <form method="post" action="/kandidaten/\(code)/bewaarplicht">\(Page.csrfField(csrf))
                <label for="reden">\(Page.t("Reden van de bewaarplicht (zonder persoonsgegevens)", "Reason for the legal hold (no personal data)"))</label>
                <input id="reden" name="reden" maxlength="200" required>
                <button type="submit">\(Page.t("Bewaarplicht vastleggen", "Place a legal hold"))</button></form>
                """
                : Page.button(
                    Page.t("Bewaarplicht opheffen", "Release the legal hold"),
                    action: "/kandidaten/\(record.code)/bewaarplicht-opheffen", csrf: csrf)
            actions += """
                <section><h2>\(Page.t("Rechten van de kandidaat", "The candidate's rights"))</h2>
                \(Page.button(Page.t("Verwerking beperken", "Restrict processing"), action: "/kandidaten/\(record.code)/beperken", csrf: csrf))
                \(Page.button(Page.t("Bezwaar vastleggen", "Record an objection"), action: "/kandidaten/\(record.code)/bezwaar", csrf: csrf))
                \(hold)
                <form method="post" action="/kandidaten/\(code)/corrigeren">\(Page.csrfField(csrf))
                <label for="veld">\(Page.t("Gegeven corrigeren", "Rectify a value"))</label><select id="veld" name="veld">\(options.joined())</select>
                <label for="waarde">\(Page.t("Juiste waarde", "Right value"))</label><input id="waarde" name="waarde" maxlength="500" required autocomplete="off">
                <button type="submit">\(Page.t("Corrigeren", "Rectify"))</button></form>
                <form method="post" action="/kandidaten/\(code)/verzoek">\(Page.csrfField(csrf))
                <label for="soort">\(Page.t("Verzoek ontvangen", "Request received"))</label><select id="soort" name="soort">\(kinds.joined())</select>
                <button type="submit">\(Page.t("Verzoek vastleggen", "Record the request"))</button></form>
                <p><a href="/kandidaten/\(code)/wissen">\(Page.t("Wissen", "Erase"))</a></p>
                </section>
                """
        }
        return """
            <h1>\(Page.t("Kandidaat", "Candidate")) \(code)</h1>
            \(Page.notice(notice, messages))
            <p><a href="/kandidaten/\(code)/profiel">\(Page.t("Profiel", "Profile"))</a> · \
            <a href="/kandidaten/\(code)/informatie">\(Page.t("Informatie aan de kandidaat", "Information for the candidate"))</a> · \
            <a href="/kandidaten/\(code)/origineel">\(Page.t("Origineel met gevonden gegevens", "Original with the values found"))</a></p>
            \(facts)
            <h2>\(Page.t("Opgeslagen gegevens per doel", "Stored values by purpose"))</h2>
            \(held)
            <h2>\(Page.t("Toestemming", "Consent"))</h2>
            \(Page.table([Page.t("Doel", "Purpose"), Page.t("Toestemming", "Consent"), ""], consentRows, empty: Page.t("Geen doel vraagt toestemming.", "No purpose asks for consent.")))
            <h2>\(Page.t("Verstrekkingen", "Disclosures"))</h2>
            \(Page.table([Page.t("Klant", "Client"), Page.t("Wanneer", "When"), Page.t("Formaat", "Format"), Page.t("Doel", "Purpose"), Page.t("Velden", "Fields")], disclosureRows, empty: Page.t("Nog aan geen enkele klant verstrekt.", "Not disclosed to any client yet.")))
            <h2>\(Page.t("Verzoeken", "Requests"))</h2>
            \(Page.table([Page.t("Nr.", "No."), Page.t("Soort", "Kind"), Page.t("Ontvangen", "Received"), Page.t("Uiterlijk", "Due"), Page.t("Stand", "State")], requestRows, empty: Page.t("Geen verzoeken.", "No requests.")))
            \(actions)
            """
    }

    static func careerSection(_ career: CareerFacts) -> String {
        let jobs = career.experience.map { job in
            [Page.escape(job.title), Page.escape(job.employer), Page.escape("\(job.start) – \(job.end)")]
        }
        let schools = career.education.map {
            [Page.escape($0.degree), Page.escape($0.institution), Page.escape($0.year)]
        }
        let languages = career.languages.map { "\($0.language) (\($0.level))" }
        return """
            <h4>\(Page.t("Loopbaan", "Career"))</h4>
            \(career.headline.map { "<p>\(Page.escape($0))</p>" } ?? "")
            \(Page.table([Page.t("Functie", "Title"), Page.t("Werkgever", "Employer"), Page.t("Periode", "Period")], jobs, empty: Page.t("Geen werkervaring gevonden.", "No experience found.")))
            \(Page.table([Page.t("Opleiding", "Education"), Page.t("Instelling", "Institution"), Page.t("Jaar", "Year")], schools, empty: Page.t("Geen opleiding gevonden.", "No education found.")))
            <p>\(Page.t("Vaardigheden", "Skills")): \(Page.escape(career.skills.joined(separator: ", ")))</p>
            <p>\(Page.t("Talen", "Languages")): \(Page.escape(languages.joined(separator: ", ")))</p>
            """
    }

    static func categoryLabel(_ category: String) -> String {
        switch Category(rawValue: category) {
        case .name: Page.t("naam", "name")
        case .email: "e-mail"
        case .phone: Page.t("telefoon", "phone")
        case .address: Page.t("adres", "address")
        case .postcode: "postcode"
        case .city: Page.t("woonplaats", "place of residence")
        case .birthDate: Page.t("geboortedatum", "date of birth")
        case .birthPlace: Page.t("geboorteplaats", "place of birth")
        case .nationality: Page.t("nationaliteit", "nationality")
        case .bsn: "BSN"
        case .iban: "IBAN"
        case .url: "website"
        default: category
        }
    }
}
