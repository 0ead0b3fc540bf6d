import CVModel
public import Export
import Foundation

/// Renders a ``Notice`` as plain text or as an HTML document. The e-mail form
/// (``NoticeMessage``) carries both.
public enum NoticeRenderer {
    /// Plain text, wrapped at 76 columns, lines ending in `\n`.
    public static func text(_ notice: Notice) -> String {
        text(NoticeOutline(notice))
    }

    /// A complete HTML document: every text escaped, no script, no style, no remote resource.
    public static func html(_ notice: Notice) -> String {
        html(NoticeOutline(notice), language: notice.language)
    }

    static let width = 76

    static func text(_ outline: NoticeOutline) -> String {
        var out: [String] = []
        for line in outline.lines {
            switch line {
            case .title(let text):
                out.append(text)
                out.append(String(repeating: "=", count: text.count))
                out.append("")
            case .heading(let text):
                if out.last != "" { out.append("") }
                out.append(text)
                out.append(String(repeating: "-", count: text.count))
            case .subheading(let text):
                if out.last != "" { out.append("") }
                out += wrap(text, first: "", rest: "")
            case .paragraph(let text):
                if out.last?.hasPrefix("- ") == true || out.last?.hasPrefix("  ") == true { out.append("") }
                out += wrap(text, first: "", rest: "")
                out.append("")
            case .item(let text):
                out += wrap(text, first: "- ", rest: "  ")
            case .link(_, let url):
                out.append(url)
                out.append("")
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// Word-wraps `text` (each of its own lines) at ``width``; a word longer than the width
    /// (a web address) stays whole on its own line.
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var prefix = first
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = prefix
            var hasWord = false
            for word in paragraph.split(separator: " ") {
                if hasWord && line.count + 1 + word.count > width {
                    lines.append(line)
                    prefix = rest
                    line = prefix + word
                } else {
                    line += (hasWord ? " " : "") + word
                }
                hasWord = true
            }
            lines.append(line)
            prefix = rest
        }
        return lines
    }

    static func html(_ outline: NoticeOutline, language: NoticeLanguage) -> String {
        var body: [String] = []
        var isInList = false
        for line in outline.lines {
            let isItem: Bool
            if case .item = line { isItem = true } else { isItem = false }
            if isInList && !isItem {
                body.append("</ul>")
                isInList = false
            }
            switch line {
            case .title(let text): body.append("<h1>\(escape(text))</h1>")
            case .heading(let text): body.append("<h2>\(escape(text))</h2>")
            case .subheading(let text): body.append("<h3>\(escape(text))</h3>")
            case .paragraph(let text): body.append("<p>\(escape(text))</p>")
            case .item(let text):
                if !isInList {
                    body.append("<ul>")
                    isInList = true
                }
                body.append("<li>\(escape(text))</li>")
            case .link(let text, let url):
                body.append("<p><a href=\"\(HTMLText.escape(url))\">\(escape(text))</a></p>")
            }
        }
        if isInList { body.append("</ul>") }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="referrer" content="no-referrer">
            <title>\(HTMLText.escape(outline.title))</title>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// Escaped text with its own line breaks kept (`<br>`), as a contact address may have.
    private static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { HTMLText.escape(String($0)) }
            .joined(separator: "<br>\n")
    }
}
