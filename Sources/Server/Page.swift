import CVModel
import Export
import Foundation
import HTTPTypes
import Hummingbird

/// The interface's languages.
enum Language: String, Sendable {
    case nl, en
}

/// HTML pages as escaped strings: every value that goes into a page passes ``escape(_:)``. No
/// script anywhere and no inline style, so the Content-Security-Policy can forbid both.
enum Page {
    static let stylesheetPath = "/static/app.css"

    /// The interface's language for the request in hand (Dutch unless the browser's
    /// `cvsieve_taal` cookie says English); set by ``SecurityHeadersMiddleware``.
    @TaskLocal static var language: Language = .nl

    /// The Dutch or the English text, by the request's language.
    static func t(_ dutch: String, _ english: String) -> String { language == .en ? english : dutch }

    /// Text made safe between tags and in quoted attributes (the export's own escaping).
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The hidden field every form carries.
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(token))\">"
    }

    /// A page with the navigation for `session`'s role (none when signed out).
    static func layout(title: String, session: AccountSession?, body: String) -> String {
        var navigation = ""
        if let session {
            let role = session.account.role
            var links = [
                ("/overzicht", t("Overzicht", "Overview")), ("/uploaden", t("Uploaden", "Upload")),
                ("/kandidaten", t("Kandidaten", "Candidates")),
            ]
            if role.includes(.privacyOfficer) {
                links += [
                    ("/verzoeken", t("Verzoeken", "Requests")),
                    ("/verwerkingsregister", t("Verwerkingsregister", "Record of processing")), ("/audit", "Audit"),
                ]
            }
            if role.includes(.admin) {
                links += [
                    ("/gebruikers", t("Gebruikers", "Users")), ("/configuratie", t("Configuratie", "Configuration")),
                ]
            }
            let anchors = links.map { path, label in
                "<a href=\"\(path)\"\(title == label ? " aria-current=\"page\"" : "")>\(label)</a>"
            }
            navigation = """
                <nav aria-label="\(t("Hoofdmenu", "Main menu"))"><span class="brand">cvsieve</span> \
                \(anchors.joined(separator: " "))
                <form method="post" action="/logout" class="logout">\(csrfField(session.csrfToken))\
                <span class="who">\(escape(session.account.name)) (\(roleLabel(role)))</span> \
                <button type="submit">\(t("Afmelden", "Sign out"))</button></form></nav>
                """
        }
        let switchLanguage =
            language == .en
            ? "<a href=\"/taal/nl\" lang=\"nl\" hreflang=\"nl\">Nederlands</a>"
            : "<a href=\"/taal/en\" lang=\"en\" hreflang=\"en\">English</a>"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · cvsieve</title>
            <link rel="stylesheet" href="\(stylesheetPath)"></head>
            <body>\(navigation)<main>\(body)</main><footer>\(switchLanguage)</footer></body>
            </html>
            """
    }

    static func response(status: HTTPResponse.Status = .ok, _ html: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other: after a POST the browser GETs the target.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    static func roleLabel(_ role: AccountRole) -> String {
        switch role {
        case .recruiter: "recruiter"
        case .privacyOfficer: t("privacyfunctionaris", "privacy officer")
        case .admin: t("beheerder", "administrator")
        }
    }

    /// Dutch notation in the agency's time zone: 31-12-2026.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(two(parts.day))-\(two(parts.month))-\(parts.year ?? 0)"
    }

    /// Date and time in Dutch notation in the agency's time zone: 31-12-2026 14:05.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(day(date)) \(String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0))"
    }

    /// A table with a header row; cells are HTML the caller escaped.
    static func table(_ headers: [String], _ rows: [[String]], empty: String) -> String {
        guard !rows.isEmpty else { return "<p>\(escape(empty))</p>" }
        let head = headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table><thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody></table>"
    }

    /// A one-button form that POSTs to `action` (with the CSRF token and `fields` hidden).
    static func button(
        _ label: String, action: String, csrf: String, fields: [(String, String)] = [], danger: Bool = false
    ) -> String {
        let hidden = fields.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }
        return """
            <form method="post" action="\(escape(action))" class="inline">\(csrfField(csrf))\(hidden.joined())\
            <button type="submit"\(danger ? " class=\"danger\"" : "")>\(escape(label))</button></form>
            """
    }

    /// The outcome of the last action (post-redirect-get): a fixed message by key, never a value.
    static func notice(_ key: String?, _ messages: [String: String]) -> String {
        guard let key, let message = messages[key] else { return "" }
        return "<p class=\"notice\" role=\"status\">\(escape(message))</p>"
    }

    static let stylesheet = baseStylesheet + markStyles

    /// One colour per kind of value found, for the original's legend and the marked text (the
    /// boxes on the page images are drawn in the same colours).
    static var markStyles: String {
        CategoryGroup.allCases.map { group in
            ".mark-\(group.rawValue) { background: \(group.colour.hex)55; outline: 2px solid \(group.colour.hex); }"
        }.joined(separator: "\n") + "\n"
    }

    static let baseStylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
        body > nav { display: flex; gap: 1em; align-items: center; padding: .6em 1em; background: #1f3a5f; }
        body > nav a, body > nav .brand, body > nav .who { color: #fff; }
        body > nav .brand { font-weight: bold; }
        body > nav .logout { margin-left: auto; }
        main { padding: 1em 2em; max-width: 70em; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #ddd; }
        th { background: #eef2f7; }
        .error { color: #a00; }
        .pager { margin-top: 1em; display: flex; gap: 1em; }
        footer { padding: 1em 2em; }
        label { display: block; margin-top: .6em; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f0b400; outline-offset: 2px; }
        nav a[aria-current] { text-decoration: underline; font-weight: bold; }
        form.inline { display: inline; }
        form.filters { display: flex; gap: 1em; flex-wrap: wrap; align-items: end; margin-bottom: 1em; }
        form.filters label { margin-top: 0; }
        fieldset { border: 1px solid #ccc; margin: 1em 0; background: #fff; }
        .notice { background: #e7f4e4; border-left: 4px solid #2e7d32; padding: .5em 1em; }
        .refusal { background: #fdecea; border-left: 4px solid #a00; padding: .5em 1em; }
        .warning { background: #fff6dd; border-left: 4px solid #b26a00; padding: .5em 1em; }
        button.danger { background: #a00; color: #fff; border: 1px solid #700; }
        .profile { background: #fff; border: 1px solid #ccc; padding: 1em 2em; }
        .cards { display: flex; gap: 1em; flex-wrap: wrap; }
        .cards section { background: #fff; border: 1px solid #ddd; padding: .5em 1em; min-width: 16em; flex: 1; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
        dl.facts dt { font-weight: bold; }
        figure.page { margin: 1em 0; }
        figure.page img { max-width: 100%; height: auto; border: 1px solid #999; background: #fff; }
        ul.legend { list-style: none; padding: 0; display: flex; gap: 1.5em; flex-wrap: wrap; }
        .swatch { display: inline-block; width: 1em; height: 1em; vertical-align: middle; }
        pre.marked { white-space: pre-wrap; background: #fff; border: 1px solid #ccc; padding: 1em; }
        """
}
