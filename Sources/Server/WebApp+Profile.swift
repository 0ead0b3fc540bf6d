import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

// MARK: - Profiel: the profile as the client receives it, and its export through the leak gate

extension WebApp {
    func addProfileRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten/{code}/profiel") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let body = try await profilePage(code: code, account: account, csrf: context.session?.csrfToken ?? "")
            return Page.response(Page.layout(title: Page.t("Profiel", "Profile"), session: context.session, body: body))
        }
        router.post("/kandidaten/{code}/profiel/export") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let client = (context.form["klant"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let format = context.form["formaat"].flatMap(ExportFormat.init(rawValue:)) else {
                throw PageError(.badRequest, Page.t("Kies een formaat.", "Choose a format."))
            }
            guard !client.isEmpty, client.count <= 200 else {
                throw PageError(
                    .badRequest,
                    Page.t(
                        "Vul de naam van de klant in (hoogstens 200 tekens).",
                        "Fill in the client's name (at most 200 characters)."))
            }
            do {
                let (bytes, _) = try await service.acting(as: account.auditActor).disclose(
                    code: code, client: client, format: format, strict: false, at: clock())
                var headers: HTTPFields = [
                    .contentType: Self.mediaType(format),
                    .contentDisposition: "attachment; filename=\"\(code)-profiel.\(format.fileExtension)\"",
                ]
                headers[.contentLength] = String(bytes.count)
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            } catch let failure as ExportService.Failure {
                let body = try await profilePage(
                    code: code, account: account, csrf: context.session?.csrfToken ?? "",
                    refusal: Self.refusal(failure))
                return Page.response(
                    status: .unprocessableContent,
                    Page.layout(title: Page.t("Profiel", "Profile"), session: context.session, body: body))
            }
        }
    }

    func addApprovalRoutes(to router: Router<WebContext>) {
        // Asks the candidate: the answer is the approval e-mail to send (with the profile and the
        // one-time code), downloaded once; only the code's keyed hash stays in the vault.
        router.post("/kandidaten/{code}/akkoord") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let language: NoticeLanguage = context.form["taal"] == "en" ? .en : .nl
            let staff = service.acting(as: account.auditActor)
            let request = try await staff.requestApproval(code, at: clock())
            let message = try await staff.approvalMessage(request, language: language)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "message/rfc822",
                    .contentDisposition: "attachment; filename=\"\(code)-akkoord-\(request.approval.id).eml\"",
                ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: message)))
        }
        router.post("/kandidaten/{code}/akkoord-intrekken") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            _ = try await service.acting(as: account.auditActor).withdrawApproval(code, at: clock())
            return Page.redirect(to: "/kandidaten/\(code)/profiel")
        }
        router.post("/kandidaten/{code}/akkoord/{id}") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let decision = context.form["besluit"], ["ja", "nee"].contains(decision) else {
                throw HTTPError(.badRequest)
            }
            let recorded = try await service.acting(as: account.auditActor).recordApproval(
                code, id: id, approved: decision == "ja", at: clock())
            guard recorded else {
                throw PageError(
                    .conflict,
                    Page.t(
                        "Dit akkoord is al beantwoord of verlopen.", "This approval was already answered or expired."))
            }
            return Page.redirect(to: "/kandidaten/\(code)/profiel")
        }
    }

    func profilePage(code: String, account: Account, csrf: String, refusal: String? = nil) async throws -> String {
        let staff = service.acting(as: account.auditActor)
        let gated: ExportService.GatedProfile
        do {
            gated = try await staff.profile(code, at: clock())
        } catch let failure as ExportService.Failure {
            return """
                <h1>\(Page.t("Profiel", "Profile")) \(code)</h1>
                <p class="refusal" role="alert">\(Page.escape(Self.refusal(failure)))</p>
                <p><a href="/kandidaten/\(code)">\(Page.t("Terug naar de kandidaat", "Back to the candidate"))</a></p>
                """
        }
        let approvals = try await approvalSection(code: code, gated: gated, csrf: csrf)
        let shown: String
        do throws(ExportService.Failure) {
            shown = Self.profileBody(try staff.render(gated, as: .html))
        } catch {
            shown = "<p class=\"refusal\" role=\"alert\">\(Page.escape(Self.refusal(error)))</p>"
        }
        let k = service.config.export.kAnonymity
        let figure =
            """
            <p\(gated.belowK ? " class=\"warning\"" : "")>\(Page.t("Opgeslagen kandidaten (deze meegeteld) met dezelfde regio, functie, ervaringsjaren en opleidingsniveau", "Stored candidates (this one included) with the same region, headline, years of experience and education level")): \
            <strong>\(gated.similarCandidates)</strong>. \
            \(gated.belowK ? Page.t("Dat is minder dan k = \(k): een klant kan deze kandidaat mogelijk herkennen.", "That is fewer than k = \(k): a client might recognise this candidate.") : Page.t("Dat is ten minste k = \(k).", "That is at least k = \(k)."))</p>
            """
        let leftOut = gated.leftOut.map {
            [Page.escape($0.field), Page.escape($0.categories.map(Self.categoryLabel).joined(separator: ", "))]
        }
        let formats = ExportFormat.allCases.sorted { $0.rawValue > $1.rawValue }.map {
            "<option value=\"\($0.rawValue)\">\($0.rawValue.uppercased())</option>"
        }
        return """
            <h1>\(Page.t("Profiel", "Profile")) \(code)</h1>
            \(refusal.map { "<p class=\"refusal\" role=\"alert\">\(Page.escape($0))</p>" } ?? "")
            <p><a href="/kandidaten/\(code)">\(Page.t("Terug naar de kandidaat", "Back to the candidate"))</a></p>
            <h2>\(Page.t("Herkenbaarheid", "Re-identification"))</h2>
            \(figure)
            <h2>\(Page.t("Zo ontvangt de klant het profiel", "The profile as the client receives it"))</h2>
            <div class="profile">\(shown)</div>
            <h2>\(Page.t("Weggelaten", "Left out"))</h2>
            <p>\(Page.t("Onderdelen van de loopbaan die een opgeslagen persoonsgegeven bevatten, laat de opbouw weg:", "Career items that hold a stored personal value are left out:"))</p>
            \(Page.table([Page.t("Onderdeel", "Item"), Page.t("Bevatte", "Held")], leftOut, empty: Page.t("Niets weggelaten.", "Nothing left out.")))
            \(approvals)
            <h2>\(Page.t("Exporteren naar een klant", "Export to a client"))</h2>
            <form method="post" action="/kandidaten/\(code)/profiel/export">\(Page.csrfField(csrf))
            <label for="klant">\(Page.t("Klant", "Client"))</label><input id="klant" name="klant" maxlength="200" required autocomplete="organization">
            <label for="formaat">\(Page.t("Formaat", "Format"))</label><select id="formaat" name="formaat">\(formats.joined())</select>
            <p><button type="submit">\(Page.t("Exporteren", "Export"))</button></p></form>
            <p>\(Page.t("Elke export gaat door de lekcontrole en wordt vastgelegd als verstrekking aan de klant.", "Every export passes the leak gate and is recorded as a disclosure to the client."))</p>
            """
    }

    /// The candidate's approvals of this profile (`export.require_approval`): whether the profile as
    /// it is now is approved, the approvals asked, and the forms to ask and to record an answer.
    func approvalSection(code: String, gated: ExportService.GatedProfile, csrf: String) async throws -> String {
        guard service.config.export.requireApproval else { return "" }
        let approvals = try await service.approvals(of: code)
        let current = gated.sha256
        let isApproved = approvals.contains { $0.profileSHA256 == current && $0.isApproved == true }
        let now = clock()
        let rows = approvals.reversed().map { approval -> [String] in
            let answer: String
            switch approval.isApproved {
            case true?: answer = Page.t("akkoord", "approved")
            case false?: answer = Page.t("geweigerd", "refused")
            case nil: answer = approval.isOpen(at: now) ? Page.t("open", "open") : Page.t("verlopen", "expired")
            }
            var actions = ""
            if approval.isOpen(at: now) {
                let path = "/kandidaten/\(code)/akkoord/\(approval.id)"
                actions =
                    Page.button(
                        Page.t("Akkoord vastleggen", "Record approval"), action: path, csrf: csrf,
                        fields: [("besluit", "ja")])
                    + " "
                    + Page.button(
                        Page.t("Weigering vastleggen", "Record refusal"), action: path, csrf: csrf,
                        fields: [("besluit", "nee")])
            }
            return [
                "\(approval.id)", Page.dateTime(approval.requestedAt), Page.day(approval.expiresAt),
                answer
                    + (approval.answeredBy == "candidate" ? Page.t(" (door de kandidaat)", " (by the candidate)") : ""),
                approval.profileSHA256 == current
                    ? Page.t("dit profiel", "this profile") : Page.t("een eerdere versie", "an earlier version"),
                actions,
            ]
        }
        let withdraw = Page.button(
            Page.t("Intrekking van het akkoord vastleggen", "Record that the approval was withdrawn"),
            action: "/kandidaten/\(code)/akkoord-intrekken", csrf: csrf)
        let state =
            isApproved
            ? "<p class=\"notice\">\(Page.t("De kandidaat heeft dit profiel goedgekeurd; het mag naar klanten.", "The candidate approved this profile; it may go to clients.")) \(withdraw)</p>"
            : "<p class=\"warning\">\(Page.t("Dit profiel gaat pas naar een klant als de kandidaat het heeft goedgekeurd (export.require_approval).", "This profile goes to a client only once the candidate has approved it (export.require_approval)."))</p>"
        return """
            <h2>\(Page.t("Akkoord van de kandidaat", "The candidate's approval"))</h2>
            \(state)
            \(Page.table([Page.t("Nr.", "No."), Page.t("Gevraagd", "Asked"), Page.t("Geldig tot", "Valid until"), Page.t("Antwoord", "Answer"), Page.t("Voor", "For"), ""], rows, empty: Page.t("Nog geen akkoord gevraagd.", "No approval asked yet.")))
            <form method="post" action="/kandidaten/\(code)/akkoord">\(Page.csrfField(csrf))
            <label for="taal">\(Page.t("Taal van de e-mail", "Language of the e-mail"))</label>
            <select id="taal" name="taal"><option value="nl">Nederlands</option><option value="en">English</option></select>
            <p><button type="submit">\(Page.t("Akkoord vragen (e-mail downloaden)", "Ask for approval (download the e-mail)"))</button></p></form>
            """
    }

    /// The body of the rendered HTML profile, one heading level down so the page keeps one `h1`.
    static func profileBody(_ html: Data) -> String {
        let text = String(decoding: html, as: UTF8.self)
        guard let start = text.range(of: "<body>"), let end = text.range(of: "</body>", options: .backwards) else {
            return ""
        }
        return String(text[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "<h2>", with: "<h4>").replacingOccurrences(of: "</h2>", with: "</h4>")
            .replacingOccurrences(of: "<h1>", with: "<h3>").replacingOccurrences(of: "</h1>", with: "</h3>")
    }

    /// A refusal in the page's words: the categories the gate found, never a value.
    static func refusal(_ failure: ExportService.Failure) -> String {
        switch failure {
        case .leak(_, let categories):
            Page.t(
                "De lekcontrole weigerde het profiel: het bevat opgeslagen persoonsgegevens (",
                "The leak gate refused the profile: it contains stored personal data (")
                + categories.map(categoryLabel).joined(separator: ", ")
                + Page.t(
                    "). Er is niets verstrekt. Corrigeer de loopbaangegevens of kies andere velden.",
                    "). Nothing was disclosed. Rectify the career facts or choose other fields.")
        case .notDisclosable:
            Page.t(
                "Geen van de doelen van deze kandidaat staat verstrekking aan klanten toe.",
                "None of this candidate's purposes allows disclosure to clients.")
        case .blocked:
            Page.t(
                "De verwerking is beperkt of de kandidaat heeft bezwaar gemaakt: geen profiel.",
                "Processing is restricted or the candidate objected: no profile.")
        case .belowK(_, let count, let k):
            Page.t("Te herkenbaar: maar", "Too recognisable: only") + " \(count) "
                + Page.t("kandidaten delen dit profiel", "candidates share this profile") + " (k = \(k))."
        case .render, .write:
            Page.t(
                "Het profiel kon niet worden opgemaakt; waarschuw de beheerder.",
                "The profile could not be rendered; tell the administrator.")
        case .notApproved:
            Page.t(
                "De kandidaat heeft dit profiel nog niet goedgekeurd; vraag eerst akkoord (hieronder).",
                "The candidate has not approved this profile yet; ask for approval first (below).")
        case .detection:
            Page.t(
                "De woordenlijsten van de herkenning ontbreken; waarschuw de beheerder.",
                "The detector's word lists are missing; tell the administrator.")
        }
    }

    static func mediaType(_ format: ExportFormat) -> String {
        switch format {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .html: "text/html; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .json: "application/json"
        }
    }
}
