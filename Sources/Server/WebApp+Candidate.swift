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
        var message: String
        var run: @Sendable (Service, String, FormFields, Date) async throws -> Void
    }

    static let candidateActions: [CandidateAction] = [
        CandidateAction(path: "contact", role: .recruiter, message: "Contact vastgelegd.") { service, code, _, now in
            try await service.recordContact(code, at: now)
        },
        CandidateAction(path: "overeenkomst-start", role: .recruiter, message: "Begin van de overeenkomst vastgelegd.")
        {
            service, code, _, now in try await service.recordAgreement(code, starts: true, at: now)
        },
        CandidateAction(path: "overeenkomst-einde", role: .recruiter, message: "Einde van de overeenkomst vastgelegd.")
        {
            service, code, _, now in try await service.recordAgreement(code, starts: false, at: now)
        },
        CandidateAction(path: "toestemming", role: .recruiter, message: "Toestemming vastgelegd.") {
            service, code, form, now in
            guard let purpose = form["doel"], let decision = form["besluit"], ["geven", "intrekken"].contains(decision)
            else { throw HTTPError(.badRequest) }
            try await service.consent(code, purpose: purpose, granted: decision == "geven", at: now)
        },
        CandidateAction(path: "beperken", role: .privacyOfficer, message: "Verwerking beperkt.") {
            service, code, _, now in _ = try await service.restrict(.code(code), isObjection: false, at: now)
        },
        CandidateAction(path: "bezwaar", role: .privacyOfficer, message: "Bezwaar vastgelegd.") {
            service, code, _, now in _ = try await service.restrict(.code(code), isObjection: true, at: now)
        },
        CandidateAction(path: "bewaarplicht", role: .privacyOfficer, message: "Bewaarplicht vastgelegd.") {
            service, code, form, now in
            let reason = (form["reden"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 200 else {
                throw PageError(.badRequest, "Geef een reden voor de bewaarplicht (hoogstens 200 tekens).")
            }
            try await service.hold(code, reason: reason, at: now)
        },
        CandidateAction(path: "bewaarplicht-opheffen", role: .privacyOfficer, message: "Bewaarplicht opgeheven.") {
            service, code, _, now in try await service.hold(code, reason: nil, at: now)
        },
        CandidateAction(path: "corrigeren", role: .privacyOfficer, message: "Gegeven gecorrigeerd.") {
            service, code, form, now in
            let value = (form["waarde"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let field = form["veld"], !value.isEmpty, value.count <= 500 else {
                throw PageError(.badRequest, "Kies een gegeven en vul de juiste waarde in.")
            }
            _ = try await service.rectify(code, field: field, value: value, at: now)
        },
        CandidateAction(path: "verzoek", role: .privacyOfficer, message: "Verzoek vastgelegd.") {
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
            return Page.response(Page.layout(title: "Kandidaat \(code)", session: context.session, body: body))
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
                ? "<p>Het profiel is aan geen enkele klant verstrekt.</p>"
                : "<p>Het profiel is verstrekt aan deze klanten; informeer hen na het wissen (art. 19 AVG):</p><ul>"
                    + clients.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul>"
            let held =
                record.holdReason == nil
                ? ""
                : "<p class=\"refusal\">Er geldt een bewaarplicht: wissen wordt geweigerd tot die is opgeheven.</p>"
            let body = """
                <h1>Kandidaat \(code) wissen</h1>
                <p>Alle \(record.values.count) opgeslagen gegevens, de loopbaangegevens, de sleutel en het bewaarde \
                origineel van deze kandidaat worden definitief gewist. Dit kan niet ongedaan worden gemaakt; het \
                auditlog houdt vast dat er gewist is, zonder gegevens.</p>
                \(held)\(list)
                \(Page.button("Definitief wissen", action: "/kandidaten/\(code)/wissen", csrf: context.session?.csrfToken ?? "", danger: true))
                <p><a href="/kandidaten/\(code)">Annuleren</a></p>
                """
            return Page.response(Page.layout(title: "Wissen", session: context.session, body: body))
        }
        router.post("/kandidaten/{code}/wissen") { _, context in
            let account = try context.require(.privacyOfficer)
            let code = try Self.code(context)
            let outcome = try await service.acting(as: account.auditActor).erase(.code(code), at: clock())
            let clients = outcome.recipientsToInform
            let list =
                clients.isEmpty
                ? "<p>Er zijn geen klanten te informeren.</p>"
                : "<p>Informeer deze klanten dat de gegevens zijn gewist:</p><ul>"
                    + clients.map { "<li>\(Page.escape($0))</li>" }.joined() + "</ul>"
            let body = """
                <h1>Kandidaat \(code) gewist</h1>
                <p class="notice" role="status">De gegevens van \(code) zijn gewist.</p>
                \(list)
                <p><a href="/kandidaten">Terug naar de kandidaten</a></p>
                """
            return Page.response(Page.layout(title: "Gewist", session: context.session, body: body))
        }
    }

    static func candidatePage(
        _ record: SubjectAccessReport, config: PipelineConfig, account: Account, csrf: String, notice: String?
    ) -> String {
        let code = Page.escape(record.code)
        let isOfficer = account.role.includes(.privacyOfficer)
        var messages: [String: String] = [:]
        for action in candidateActions { messages[action.path] = action.message }
        var flags: [String] = []
        if record.isRestricted { flags.append("verwerking beperkt") }
        if record.hasObjected { flags.append("bezwaar gemaakt") }
        if record.holdReason != nil { flags.append("bewaarplicht") }
        var facts = """
            <dl class="facts"><dt>Status</dt><dd>\(Page.escape(stateLabel(record.state)))</dd>
            <dt>Laatste contact</dt><dd>\(record.lastContactAt.map(Page.day) ?? "–")</dd>
            <dt>Overeenkomst</dt><dd>\(record.agreementStart.map { "sinds \(Page.day($0))" } ?? "geen")\
            \(record.agreementEnd.map { ", beëindigd \(Page.day($0))" } ?? "")</dd>
            <dt>Kenmerken</dt><dd>\(flags.isEmpty ? "–" : Page.escape(flags.joined(separator: ", ")))</dd>
            """
        if isOfficer, let reason = record.holdReason {
            facts += "<dt>Reden bewaarplicht</dt><dd>\(Page.escape(reason))</dd>"
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
                    value.retainUntil.map(Page.day) ?? "zolang de overeenkomst loopt",
                ]
            }
            held += """
                <section><h3>Doel: \(Page.escape(purpose))</h3>
                <p>\(Page.escape(declared?.description ?? ""))</p>
                \(Page.table(["Gegeven", "Waarde", "Grondslag", "Bewaren tot"], rows, empty: "Geen persoonsgegevens voor dit doel."))
                \(record.career[purpose].map(careerSection) ?? "")</section>
                """
        }
        let consentRows = config.purposes.values.filter { $0.legalBasis == .consent || record.consents[$0.name] != nil }
            .sorted { $0.name < $1.name }
            .map { purpose -> [String] in
                let state = record.consents[purpose.name].map { $0 ? "gegeven" : "ingetrokken" } ?? "niet gevraagd"
                let granted = record.consents[purpose.name] == true
                return [
                    Page.escape(purpose.name), state,
                    Page.button(
                        granted ? "Toestemming intrekken" : "Toestemming vastleggen",
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
                request.completedAt.map { "afgehandeld \(Page.day($0))" } ?? (request.isOverdue ? "te laat" : "open"),
            ]
        }
        var actions = """
            <section><h2>Gebeurtenissen vastleggen</h2>
            \(Page.button("Contact vastleggen", action: "/kandidaten/\(record.code)/contact", csrf: csrf))
            \(Page.button("Overeenkomst gestart", action: "/kandidaten/\(record.code)/overeenkomst-start", csrf: csrf))
            \(Page.button("Overeenkomst beëindigd", action: "/kandidaten/\(record.code)/overeenkomst-einde", csrf: csrf))
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
                <label for="reden">Reden van de bewaarplicht (zonder persoonsgegevens)</label>
                <input id="reden" name="reden" maxlength="200" required>
                <button type="submit">Bewaarplicht vastleggen</button></form>
                """
                : Page.button(
                    "Bewaarplicht opheffen", action: "/kandidaten/\(record.code)/bewaarplicht-opheffen", csrf: csrf)
            actions += """
                <section><h2>Rechten van de kandidaat</h2>
                \(Page.button("Verwerking beperken", action: "/kandidaten/\(record.code)/beperken", csrf: csrf))
                \(Page.button("Bezwaar vastleggen", action: "/kandidaten/\(record.code)/bezwaar", csrf: csrf))
                \(hold)
                <form method="post" action="/kandidaten/\(code)/corrigeren">\(Page.csrfField(csrf))
                <label for="veld">Gegeven corrigeren</label><select id="veld" name="veld">\(options.joined())</select>
                <label for="waarde">Juiste waarde</label><input id="waarde" name="waarde" maxlength="500" required autocomplete="off">
                <button type="submit">Corrigeren</button></form>
                <form method="post" action="/kandidaten/\(code)/verzoek">\(Page.csrfField(csrf))
                <label for="soort">Verzoek ontvangen</label><select id="soort" name="soort">\(kinds.joined())</select>
                <button type="submit">Verzoek vastleggen</button></form>
                <p><a href="/kandidaten/\(code)/wissen">Wissen</a></p>
                </section>
                """
        }
        return """
            <h1>Kandidaat \(code)</h1>
            \(Page.notice(notice, messages))
            <p><a href="/kandidaten/\(code)/profiel">Profiel</a> · <a href="/kandidaten/\(code)/informatie">Informatie aan de kandidaat</a></p>
            \(facts)
            <h2>Opgeslagen gegevens per doel</h2>
            \(held)
            <h2>Toestemming</h2>
            \(Page.table(["Doel", "Toestemming", ""], consentRows, empty: "Geen doel vraagt toestemming."))
            <h2>Verstrekkingen</h2>
            \(Page.table(["Klant", "Wanneer", "Formaat", "Doel", "Velden"], disclosureRows, empty: "Nog aan geen enkele klant verstrekt."))
            <h2>Verzoeken</h2>
            \(Page.table(["Nr.", "Soort", "Ontvangen", "Uiterlijk", "Stand"], requestRows, empty: "Geen verzoeken."))
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
            <h4>Loopbaan</h4>
            \(career.headline.map { "<p>\(Page.escape($0))</p>" } ?? "")
            \(Page.table(["Functie", "Werkgever", "Periode"], jobs, empty: "Geen werkervaring gevonden."))
            \(Page.table(["Opleiding", "Instelling", "Jaar"], schools, empty: "Geen opleiding gevonden."))
            <p>Vaardigheden: \(Page.escape(career.skills.joined(separator: ", ")))</p>
            <p>Talen: \(Page.escape(languages.joined(separator: ", ")))</p>
            """
    }

    static func categoryLabel(_ category: String) -> String {
        switch Category(rawValue: category) {
        case .name: "naam"
        case .email: "e-mail"
        case .phone: "telefoon"
        case .address: "adres"
        case .postcode: "postcode"
        case .city: "woonplaats"
        case .birthDate: "geboortedatum"
        case .birthPlace: "geboorteplaats"
        case .nationality: "nationaliteit"
        case .bsn: "BSN"
        case .iban: "IBAN"
        case .url: "website"
        default: category
        }
    }
}
