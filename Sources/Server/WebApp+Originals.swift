import CVModel
import Foundation
import Hummingbird
import Pipeline
import Vault

// MARK: - Origineel: a kept or quarantined original's pages with every detected value boxed

extension WebApp {
    func addOriginalRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten/{code}/origineel") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            // Restriction and objection stop processing: only a privacy officer may still look.
            if try await service.vault.isBlocked(code), !account.role.includes(.privacyOfficer) {
                throw PageError(
                    .forbidden,
                    Page.t(
                        "De verwerking is beperkt of de kandidaat heeft bezwaar gemaakt: alleen de privacyfunctionaris kan het origineel inzien.",
                        "Processing is restricted or the candidate objected: only the privacy officer may see the original."
                    ))
            }
            var body = "<h1>\(Page.t("Origineel", "Original")) \(code)</h1>"
            body +=
                "<p><a href=\"/kandidaten/\(code)\">\(Page.t("Terug naar de kandidaat", "Back to the candidate"))</a></p>"
            do {
                let views = try await service.acting(as: account.auditActor).originalPages(
                    code: code, at: clock(), workerCommand: workerCommand)
                body += Self.legend
                for (index, view) in views.enumerated() {
                    body += "<h2>\(Page.t("Document", "Document")) \(index + 1)</h2>" + Self.originalView(view)
                }
            } catch let error as OriginalsError {
                body += "<p class=\"warning\">\(Page.escape(Self.originalProblem(error)))</p>"
            }
            return Page.response(
                Page.layout(title: Page.t("Origineel", "Original"), session: context.session, body: body))
        }
        router.get("/overzicht/quarantaine/{id}") { _, context in
            let account = try context.require(.recruiter)
            let id = try context.parameters.require("id")
            guard Self.isQuarantineID(id) else { throw HTTPError(.notFound) }
            var body = "<h1>\(Page.t("Bestand in quarantaine", "File in quarantine"))</h1>"
            body += "<p><a href=\"/overzicht\">\(Page.t("Terug naar het overzicht", "Back to the overview"))</a></p>"
            do {
                let view = try await service.acting(as: account.auditActor).quarantinedPages(
                    id: id, at: clock(), workerCommand: workerCommand)
                body += Self.legend + Self.originalView(view)
            } catch let error as OriginalsError {
                body += "<p class=\"warning\">\(Page.escape(Self.originalProblem(error)))</p>"
            }
            return Page.response(
                Page.layout(title: Page.t("Quarantaine", "Quarantine"), session: context.session, body: body))
        }
    }

    /// Which colour boxes which kind of value.
    static var legend: String {
        let items = CategoryGroup.allCases.map { group in
            "<li><span class=\"swatch mark-\(group.rawValue)\"></span> \(Page.escape(groupLabel(group))): "
                + Page.escape(group.categories.map { categoryLabel($0.rawValue) }.joined(separator: ", ")) + "</li>"
        }
        return """
            <p>\(Page.t("Elk gevonden persoonsgegeven staat in een kader; wat niet omkaderd is, is niet gevonden.", "Every personal value found is boxed; what is not boxed was not found."))</p>
            <ul class="legend">\(items.joined())</ul>
            """
    }

    static func originalView(_ view: Service.OriginalView) -> String {
        var html = ""
        if let problem = view.extractionProblem {
            html += "<p class=\"warning\">\(Page.escape(problem))</p>"
        }
        for page in view.pages {
            let found = page.categories.map { categoryLabel($0.rawValue) }.joined(separator: ", ")
            html += """
                <figure class="page"><img src="data:image/png;base64,\(page.png.base64EncodedString())" \
                width="\(page.width)" height="\(page.height)" \
                alt="\(Page.t("Pagina", "Page")) \(page.number)\(found.isEmpty ? "" : ": " + Page.escape(found))">\
                <figcaption>\(Page.t("Pagina", "Page")) \(page.number)\(view.pageCount.map { " \(Page.t("van", "of")) \($0)" } ?? ""). \
                \(Page.t("Gevonden", "Found")): \(found.isEmpty ? "–" : Page.escape(found))</figcaption></figure>
                """
        }
        if !view.notOnAnyPage.isEmpty {
            html +=
                "<p>\(Page.t("Gevonden maar op geen pagina te omkaderen (bijvoorbeeld in de metadata)", "Found but boxed on no page (in the metadata, for instance)")): "
                + Page.escape(view.notOnAnyPage.map { categoryLabel($0.rawValue) }.joined(separator: ", ")) + "</p>"
        }
        if view.pages.isEmpty, let marked = view.markedText {
            let runs = marked.runs.map { run -> String in
                guard let category = run.category else { return Page.escape(run.text) }
                return
                    "<mark class=\"mark-\(category.group.rawValue)\" title=\"\(Page.escape(categoryLabel(category.rawValue)))\">"
                    + Page.escape(run.text) + "</mark>"
            }
            html += "<pre class=\"marked\">\(runs.joined())</pre>"
        }
        return html
    }

    static func groupLabel(_ group: CategoryGroup) -> String {
        switch group {
        case .contact: Page.t("contact", "contact")
        case .identity: Page.t("identiteit", "identity")
        case .location: Page.t("plaats", "location")
        case .identifier: Page.t("nummers", "identifiers")
        }
    }

    static func originalProblem(_ error: OriginalsError) -> String {
        switch error {
        case .noOriginalKept:
            Page.t(
                "Van deze kandidaat is geen origineel bewaard (originals.keep was 0d, of de bewaartijd is voorbij).",
                "No original is kept for this candidate (originals.keep was 0d, or its time is up).")
        case .unreadable:
            Page.t(
                "Het bestand kan niet worden getoond: het is beschadigd, versleuteld, of geen PDF, DOCX of afbeelding.",
                "The file cannot be shown: it is damaged, encrypted, or not a PDF, DOCX or image.")
        }
    }
}
