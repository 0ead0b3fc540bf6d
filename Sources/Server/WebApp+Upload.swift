import CVModel
import Foundation
import Hummingbird
import Logging
import Pipeline

// MARK: - Uploaden: files onto a channel, exactly as if dropped into its inbox folder

extension WebApp {
    func addUploadRoutes(to router: Router<WebContext>) {
        router.get("/uploaden") { _, context in
            _ = try context.require(.recruiter)
            let body = Self.uploadForm(
                channels: service.config.channels.keys.sorted(), csrf: context.session?.csrfToken ?? "")
            return Page.response(Page.layout(title: "Uploaden", session: context.session, body: body))
        }
        router.post("/uploaden") { _, context in
            let account = try context.require(.recruiter)
            let channels = service.config.channels.keys.sorted()
            guard let channel = context.form["kanaal"], channels.contains(channel) else {
                throw PageError(.badRequest, "Kies een kanaal uit de lijst.")
            }
            let files = context.uploads.filter { !$0.fileName.isEmpty }
            guard !files.isEmpty else { throw PageError(.badRequest, "Kies een of meer bestanden om te uploaden.") }
            guard files.count <= SessionMiddleware.maxUploadFiles else {
                throw PageError(
                    .badRequest,
                    "Hoogstens \(SessionMiddleware.maxUploadFiles) bestanden per keer; upload de rest daarna.")
            }
            let outcomes = try await service.acting(as: account.auditActor).receiveUploads(
                files.map { Service.Upload(name: $0.fileName, bytes: $0.bytes) }, channel: channel, at: clock(),
                logger: Logger(label: "cvsieve.web.upload"), workerCommand: workerCommand)
            let body = Self.uploadOutcome(files: files, outcomes: outcomes, channel: channel)
            return Page.response(Page.layout(title: "Uploaden", session: context.session, body: body))
        }
    }

    static func uploadForm(channels: [String], csrf: String) -> String {
        let options = channels.map { "<option value=\"\(Page.escape($0))\">\(Page.escape($0))</option>" }
        return """
            <h1>Uploaden</h1>
            <p>Cv's (PDF of DOCX) die u hier uploadt, komen in de inboxmap van het gekozen kanaal, precies alsof ze \
            daar waren neergezet: dezelfde grenzen, dezelfde verwerking. Sleep bestanden op de knop of kies ze; \
            hoogstens \(SessionMiddleware.maxUploadFiles) per keer. De bestandsnaam telt als persoonsgegeven: hij \
            komt in geen log of export.</p>
            <form method="post" action="/uploaden" enctype="multipart/form-data">\(Page.csrfField(csrf))
            <label for="kanaal">Kanaal</label><select id="kanaal" name="kanaal">\(options.joined())</select>
            <label for="bestanden">Bestanden</label>
            <input type="file" id="bestanden" name="bestanden" multiple \
            accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
            <label for="map">Of een hele map</label>
            <input type="file" id="map" name="map" webkitdirectory multiple>
            <p><button type="submit">Uploaden</button></p></form>
            <p>Uw browser toont de voortgang van het versturen; daarna verwerkt cvsieve de bestanden en toont deze \
            pagina per bestand wat ermee gebeurde.</p>
            """
    }

    static func uploadOutcome(files: [MultipartForm.File], outcomes: [Service.UploadOutcome], channel: String) -> String
    {
        var stored = 0
        let rows = zip(files, outcomes).enumerated().map { index, pair -> [String] in
            let (file, outcome) = pair
            let result: String
            switch outcome {
            case .processed(let processed):
                switch processed.status {
                case .stored:
                    stored += 1
                    let code = Page.escape(processed.code ?? "")
                    result = "opgeslagen als <a href=\"/kandidaten/\(code)\"><code>\(code)</code></a>"
                case .duplicate:
                    let code = Page.escape(processed.code ?? "")
                    result =
                        "al eerder ontvangen"
                        + (code.isEmpty ? "" : " (<a href=\"/kandidaten/\(code)\"><code>\(code)</code></a>)")
                case .quarantined:
                    result = "in quarantaine: \(Page.escape(processed.reason?.rawValue ?? "onbekend"))"
                default:
                    result = "wacht in de inbox: \(Page.escape(processed.detail ?? "de kluis was niet beschikbaar"))"
                }
            case .waiting: result = "staat in de inbox; de lopende verwerking neemt het mee"
            case .notSaved: result = "<strong>niet opgeslagen</strong>: de inboxmap is niet beschrijfbaar"
            }
            return [
                "\(index + 1)", Page.escape(Service.uploadName(file.fileName)), "\(file.bytes.count / 1024) KiB",
                result,
            ]
        }
        return """
            <h1>Uploaden</h1>
            <p class="notice" role="status">\(files.count) bestand\(files.count == 1 ? "" : "en") ontvangen op kanaal \
            \(Page.escape(channel)); \(stored) opgeslagen.</p>
            \(Page.table(["Nr.", "Bestand", "Grootte", "Uitkomst"], rows, empty: ""))
            <p><a href="/uploaden">Meer uploaden</a> · <a href="/overzicht">Overzicht</a></p>
            """
    }
}
