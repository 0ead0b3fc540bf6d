import Foundation

/// The fields of an `application/x-www-form-urlencoded` body. A field given twice keeps its first
/// value.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init() {}

    init(urlEncoded body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    /// Fields already decoded (a multipart body's text parts).
    init(pairs: [(String, String)]) {
        for (name, value) in pairs where values[name] == nil { values[name] = value }
    }

    subscript(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
