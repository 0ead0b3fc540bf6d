import CVModel
import Foundation
import TestSupport

/// An exported profile read back with tools that are not cvsieve's: `pdftotext` and `pdfinfo`
/// for PDF, `unzip -p` for the parts of a DOCX, entity decoding for HTML and XML, a JSON parser
/// for JSON. Each reading has the text as stored (`raw`: where escaped writings show) and the
/// text a reader sees (`decoded`).
struct ExportReading {
    var raw: String
    var decoded: String

    static func read(_ file: URL, format: String) throws -> [ExportReading] {
        let text = { String(decoding: try Data(contentsOf: file), as: UTF8.self) }
        switch format {
        case "pdf":
            let body = try tool("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
            let metadata = try tool("/usr/bin/pdfinfo", ["-enc", "UTF-8", file.path])
            return [body, metadata].map { ExportReading(raw: $0, decoded: $0) }
        case "docx":
            let parts = try tool("/usr/bin/unzip", ["-Z1", file.path]).split(separator: "\n").map(String.init)
                .filter { ($0.hasPrefix("word/") || $0.hasPrefix("docProps/")) && !$0.hasSuffix("/") }
            return try parts.flatMap { part -> [ExportReading] in
                let xml = try tool("/usr/bin/unzip", ["-p", file.path, part])
                // The text runs, and separately the markup with its attribute values.
                return [
                    ExportReading(raw: xml, decoded: decodeEntities(stripTags(xml))),
                    ExportReading(raw: xml, decoded: decodeEntities(xml)),
                ]
            }
        case "html":
            let html = try text()
            return [
                ExportReading(raw: html, decoded: decodeEntities(stripTags(html))),
                ExportReading(raw: html, decoded: decodeEntities(html)),
            ]
        case "json":
            let json = try text()
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
            return [ExportReading(raw: json, decoded: strings(in: object).joined(separator: "\n"))]
        default:
            // Markdown is read as text, its backslash escapes (`\-`, `\*`) removed.
            let markdown = try text()
            return [ExportReading(raw: markdown, decoded: removeMarkdownEscapes(markdown))]
        }
    }

    // MARK: - Independent readers

    private static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let result = try TestSupport.run(path, arguments)
        guard result.status == 0 else {
            throw ReadBackError(tool: URL(fileURLWithPath: path).lastPathComponent, status: result.status)
        }
        return result.stdout
    }

    struct ReadBackError: Error, CustomStringConvertible {
        var tool: String
        var status: Int32
        var description: String { "\(tool) could not read the exported file (exit \(status))" }
    }

    /// Every string of a JSON value, keys included.
    static func strings(in object: Any) -> [String] {
        if let string = object as? String { return [string] }
        if let array = object as? [Any] { return array.flatMap { strings(in: $0) } }
        if let dictionary = object as? [String: Any] {
            return dictionary.flatMap { [$0.key] + strings(in: $0.value) }
        }
        return []
    }

    /// Markup without its tags. A paragraph end, tab or line break becomes a line end, so that
    /// words of separate paragraphs do not run together; other tags vanish, so that a value split
    /// over runs (`<w:t>Da</w:t></w:r><w:r><w:t>an</w:t>`) joins up.
    static func stripTags(_ markup: String) -> String {
        var text = ""
        var tag = ""
        var isInTag = false
        for character in markup {
            if isInTag, character == ">" {
                isInTag = false
                var name = String(tag.prefix { !$0.isWhitespace })
                if name.hasSuffix("/") { name.removeLast() }
                if lineBreakTags.contains(name) { text.append("\n") }
            } else if isInTag {
                tag.append(character)
            } else if character == "<" {
                isInTag = true
                tag = ""
            } else {
                text.append(character)
            }
        }
        return text
    }

    private static let lineBreakTags: Set<String> = [
        "/w:p", "w:tab", "w:br", "w:cr", "br", "/p", "/li", "/h1", "/h2", "/h3", "/title", "/dt", "/dd", "/td", "/tr",
    ]

    /// HTML and XML character references decoded: numeric ones, the five XML names and the
    /// HTML 4 Latin-1 names (`&euml;`, `&nbsp;`, …); an unknown name stays as written.
    static func decodeEntities(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result.append("&")
                rest = after
                continue
            }
            let name = after[..<semicolon]
            if let scalar = scalar(forEntity: String(name)) {
                result.unicodeScalars.append(scalar)
                rest = after[after.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = after
            }
        }
        return result + rest
    }

    private static func scalar(forEntity name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        let xml: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        if let scalar = xml[name] { return scalar }
        return latin1Entities.firstIndex(of: name).flatMap { Unicode.Scalar(UInt32(0xA0 + $0)) }
    }

    /// The HTML 4 entity names of U+00A0…U+00FF, in code point order.
    private static let latin1Entities = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 \
        acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml \
        Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde \
        Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig \
        ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide \
        oslash ugrave uacute ucirc uuml yacute thorn yuml
        """.split(separator: " ").map(String.init)

    /// CommonMark backslash escapes removed: a backslash before ASCII punctuation.
    static func removeMarkdownEscapes(_ text: String) -> String {
        var result = ""
        var isEscaped = false
        for character in text {
            if !isEscaped, character == "\\" {
                isEscaped = true
                continue
            }
            if isEscaped, !(character.isASCII && (character.isPunctuation || character.isSymbol)) {
                result.append("\\")
            }
            isEscaped = false
            result.append(character)
        }
        return result
    }
}
