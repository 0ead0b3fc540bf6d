import CVModel
import Foundation

/// What a reader of a rendered text profile sees, for the leak gate: HTML with its character
/// references decoded (`d&#39;souza` is `d'souza`), JSON with its escapes decoded (`\u00c7` is
/// `Ç`), Markdown without its backslash escapes. The gate checks this and the source as written.
enum RenderedText {
    static func decoded(_ bytes: Data, format: ExportFormat) -> String {
        let source = String(decoding: bytes, as: UTF8.self)
        switch format {
        case .html:
            return source + "\n" + decodeCharacterReferences(source)
        case .json:
            guard let object = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
                return source
            }
            return source + "\n" + strings(in: object).joined(separator: "\n")
        case .md:
            return source + "\n" + source.replacingOccurrences(of: "\\", with: "")
        case .pdf, .docx:
            return source
        }
    }

    /// Every string (keys included) in a decoded JSON value.
    static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let array = value as? [Any] { return array.flatMap(strings(in:)) }
        if let object = value as? [String: Any] {
            return object.flatMap { [$0.key] + strings(in: $0.value) }
        }
        return []
    }

    static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
    ]

    /// `&amp;`, `&#39;`, `&#x27;` and the like, decoded; an unknown or malformed reference stays.
    static func decodeCharacterReferences(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                output += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedReferences[String(name)]
            }
            if let decoded {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[afterAmpersand...]
            }
        }
        output += rest
        return output
    }
}
