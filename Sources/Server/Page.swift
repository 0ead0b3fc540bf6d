import CVModel
import Foundation
import HTTPTypes
import Hummingbird

/// HTML pages as escaped strings: every value that goes into a page passes ``escape(_:)``. No
/// script anywhere and no inline style, so the Content-Security-Policy can forbid both.
enum Page {
    static let stylesheetPath = "/static/app.css"

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The hidden field every form carries.
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(token))\">"
    }

    /// A page with the navigation for `session`'s role (none when signed out).
    static func layout(title: String, session: AccountSession?, body: String) -> String {
        var navigation = ""
        if let session {
            var links = ["<a href=\"/kandidaten\">Kandidaten</a>"]
            if session.account.role.includes(.admin) { links.append("<a href=\"/gebruikers\">Gebruikers</a>") }
            navigation = """
                <nav><span class="brand">cvsieve</span> \(links.joined(separator: " "))
                <form method="post" action="/logout" class="logout">\(csrfField(session.csrfToken))\
                <span class="who">\(escape(session.account.name)) (\(roleLabel(session.account.role)))</span> \
                <button type="submit">Afmelden</button></form></nav>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="nl">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · cvsieve</title>
            <link rel="stylesheet" href="\(stylesheetPath)"></head>
            <body>\(navigation)<main>\(body)</main></body>
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
        case .privacyOfficer: "privacyfunctionaris"
        case .admin: "beheerder"
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

    static let stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
        nav { display: flex; gap: 1em; align-items: center; padding: .6em 1em; background: #1f3a5f; }
        nav a, nav .brand, nav .who { color: #fff; }
        nav .brand { font-weight: bold; }
        nav .logout { margin-left: auto; }
        main { padding: 1em 2em; max-width: 70em; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #ddd; }
        th { background: #eef2f7; }
        .error { color: #a00; }
        .pager { margin-top: 1em; display: flex; gap: 1em; }
        label { display: block; margin-top: .6em; }
        a:focus, button:focus, input:focus { outline: 3px solid #f0b400; }
        """
}
