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
            return Page.response(Page.layout(title: "Profiel", session: context.session, body: body))
        }
        router.post("/kandidaten/{code}/profiel/export") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let client = (context.form["klant"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let format = context.form["formaat"].flatMap(ExportFormat.init(rawValue:)) else {
                throw PageError(.badRequest, "Kies een formaat.")
            }
            guard !client.isEmpty, client.count <= 200 else {
                throw PageError(.badRequest, "Vul de naam van de klant in (hoogstens 200 tekens).")
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
                    status: .unprocessableContent, Page.layout(title: "Profiel", session: context.session, body: body))
            }
        }
    }

    func profilePage(code: String, account: Account, csrf: String, refusal: String? = nil) async throws -> String {
        let staff = service.acting(as: account.auditActor)
        let gated: ExportService.GatedProfile
        do {
            gated = try await staff.profile(code, at: clock())
        } catch let failure as ExportService.Failure {
            return """
                <h1>Profiel \(code)</h1>
                <p class="refusal" role="alert">\(Page.escape(Self.refusal(failure)))</p>
                <p><a href="/kandidaten/\(code)">Terug naar de kandidaat</a></p>
                """
        }
        let shown: String
        do throws(ExportService.Failure) {
            shown = Self.profileBody(try staff.render(gated, as: .html))
        } catch {
            shown = "<p class=\"refusal\" role=\"alert\">\(Page.escape(Self.refusal(error)))</p>"
        }
        let k = service.config.export.kAnonymity
        let figure =
            """
            <p\(gated.belowK ? " class=\"warning\"" : "")>\(gated.similarCandidates) opgeslagen \
            kandidaat\(gated.similarCandidates == 1 ? "" : "en") (deze meegeteld) \
            \(gated.similarCandidates == 1 ? "heeft" : "hebben") dezelfde regio, functie, ervaringsjaren en \
            opleidingsniveau. \(gated.belowK ? "Dat is minder dan k = \(k): een klant kan deze kandidaat mogelijk herkennen." : "Dat is ten minste k = \(k).")</p>
            """
        let leftOut = gated.leftOut.map {
            [Page.escape($0.field), Page.escape($0.categories.map(Self.categoryLabel).joined(separator: ", "))]
        }
        let formats = ExportFormat.allCases.sorted { $0.rawValue > $1.rawValue }.map {
            "<option value=\"\($0.rawValue)\">\($0.rawValue.uppercased())</option>"
        }
        return """
            <h1>Profiel \(code)</h1>
            \(refusal.map { "<p class=\"refusal\" role=\"alert\">\(Page.escape($0))</p>" } ?? "")
            <p><a href="/kandidaten/\(code)">Terug naar de kandidaat</a></p>
            <h2>Herkenbaarheid</h2>
            \(figure)
            <h2>Zo ontvangt de klant het profiel</h2>
            <div class="profile">\(shown)</div>
            <h2>Weggelaten</h2>
            <p>Onderdelen van de loopbaan die een opgeslagen persoonsgegeven bevatten, laat de opbouw weg:</p>
            \(Page.table(["Onderdeel", "Bevatte"], leftOut, empty: "Niets weggelaten."))
            <h2>Exporteren naar een klant</h2>
            <form method="post" action="/kandidaten/\(code)/profiel/export">\(Page.csrfField(csrf))
            <label for="klant">Klant</label><input id="klant" name="klant" maxlength="200" required autocomplete="organization">
            <label for="formaat">Formaat</label><select id="formaat" name="formaat">\(formats.joined())</select>
            <p><button type="submit">Exporteren</button></p></form>
            <p>Elke export gaat door de lekcontrole en wordt vastgelegd als verstrekking aan de klant.</p>
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
            "De lekcontrole weigerde het profiel: het bevat opgeslagen persoonsgegevens ("
                + categories.map(categoryLabel).joined(separator: ", ")
                + "). Er is niets verstrekt. Corrigeer de loopbaangegevens of kies andere velden."
        case .notDisclosable: "Geen van de doelen van deze kandidaat staat verstrekking aan klanten toe."
        case .blocked: "De verwerking is beperkt of de kandidaat heeft bezwaar gemaakt: geen profiel."
        case .belowK(_, let count, let k): "Te herkenbaar: maar \(count) kandidaten delen dit profiel (k = \(k))."
        case .render, .write: "Het profiel kon niet worden opgemaakt; waarschuw de beheerder."
        case .detection: "De woordenlijsten van de herkenning ontbreken; waarschuw de beheerder."
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
