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
            return Page.response(Page.layout(title: Page.t("Uploaden", "Upload"), session: context.session, body: body))
        }
        router.post("/uploaden") { _, context in
            let account = try context.require(.recruiter)
            let channels = service.config.channels.keys.sorted()
            guard let channel = context.form["kanaal"], channels.contains(channel) else {
                throw PageError(.badRequest, Page.t("Kies een kanaal uit de lijst.", "Choose a channel from the list."))
            }
            let files = context.uploads.filter { !$0.fileName.isEmpty }
            guard !files.isEmpty else {
                throw PageError(
                    .badRequest,
                    Page.t("Kies een of meer bestanden om te uploaden.", "Choose one or more files to upload."))
            }
            guard files.count <= SessionMiddleware.maxUploadFiles else {
                throw PageError(
                    .badRequest,
                    Page.t("Hoogstens", "At most") + " \(SessionMiddleware.maxUploadFiles) "
                        + Page.t(
                            "bestanden per keer; upload de rest daarna.", "files at a time; upload the rest afterwards."
                        ))
            }
            let outcomes = try await service.acting(as: account.auditActor).receiveUploads(
                files.map { Service.Upload(name: $0.fileName, bytes: $0.bytes) }, channel: channel, at: clock(),
                logger: Logger(label: "cvsieve.web.upload"), workerCommand: workerCommand)
            let body = Self.uploadOutcome(files: files, outcomes: outcomes, channel: channel)
            return Page.response(Page.layout(title: Page.t("Uploaden", "Upload"), session: context.session, body: body))
        }
    }

    static func uploadForm(channels: [String], csrf: String) -> String {
        let options = channels.map { "<option value=\"\(Page.escape($0))\">\(Page.escape($0))</option>" }
        return """
            <h1>\(Page.t("Uploaden", "Upload"))</h1>
            <p>\(Page.t("Cv's (PDF, DOCX, of een scan of foto als JPEG, PNG of TIFF) die u hier uploadt, komen in de inboxmap van het gekozen kanaal, precies alsof ze daar waren neergezet: dezelfde grenzen, dezelfde verwerking. Sleep bestanden op de knop of kies ze; hoogstens", "CVs (PDF, DOCX, or a scan or photo as JPEG, PNG or TIFF) uploaded here land in the chosen channel's inbox folder exactly as if dropped there: the same limits, the same processing. Drag files onto the button or choose them; at most")) \
            \(SessionMiddleware.maxUploadFiles) \(Page.t("per keer. De bestandsnaam telt als persoonsgegeven: hij komt in geen log of export.", "at a time. The file name counts as personal data: it goes into no log or export."))</p>
            <form method="post" action="/uploaden" enctype="multipart/form-data">\(Page.csrfField(csrf))
            <label for="kanaal">\(Page.t("Kanaal", "Channel"))</label><select id="kanaal" name="kanaal">\(options.joined())</select>
            <label for="bestanden">\(Page.t("Bestanden", "Files"))</label>
            <input type="file" id="bestanden" name="bestanden" multiple \
            accept=".pdf,.docx,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png,image/tiff">
            <label for="map">\(Page.t("Of een hele map", "Or a whole folder"))</label>
            <input type="file" id="map" name="map" webkitdirectory multiple>
            <p><button type="submit">\(Page.t("Uploaden", "Upload"))</button></p></form>
            <p>\(Page.t("Uw browser toont de voortgang van het versturen; daarna verwerkt cvsieve de bestanden en toont deze pagina per bestand wat ermee gebeurde.", "Your browser shows the upload's progress; then cvsieve processes the files and this page shows what became of each."))</p>
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
                    result =
                        Page.t("opgeslagen als", "stored as")
                        + " <a href=\"/kandidaten/\(code)\"><code>\(code)</code></a>"
                case .duplicate:
                    let code = Page.escape(processed.code ?? "")
                    result =
                        Page.t("al eerder ontvangen", "received before")
                        + (code.isEmpty ? "" : " (<a href=\"/kandidaten/\(code)\"><code>\(code)</code></a>)")
                case .quarantined:
                    result =
                        Page.t("in quarantaine", "quarantined") + ": \(Page.escape(processed.reason?.rawValue ?? "?"))"
                default:
                    result = Page.t("wacht in de inbox", "waiting in the inbox")
                }
            case .waiting:
                result = Page.t(
                    "staat in de inbox; de lopende verwerking neemt het mee",
                    "in the inbox; the running intake takes it")
            case .notSaved:
                result = Page.t(
                    "<strong>niet opgeslagen</strong>: de inboxmap is niet beschrijfbaar",
                    "<strong>not saved</strong>: the inbox folder cannot be written")
            }
            return [
                "\(index + 1)", Page.escape(Service.uploadName(file.fileName)), "\(file.bytes.count / 1024) KiB",
                result,
            ]
        }
        return """
            <h1>\(Page.t("Uploaden", "Upload"))</h1>
            <p class="notice" role="status">\(files.count) \(Page.t("ontvangen op kanaal", "received on channel")) \
            \(Page.escape(channel)); \(stored) \(Page.t("opgeslagen", "stored")).</p>
            \(Page.table([Page.t("Nr.", "No."), Page.t("Bestand", "File"), Page.t("Grootte", "Size"), Page.t("Uitkomst", "Outcome")], rows, empty: ""))
            <p><a href="/uploaden">\(Page.t("Meer uploaden", "Upload more"))</a> · <a href="/overzicht">\(Page.t("Overzicht", "Overview"))</a></p>
            """
    }
}
