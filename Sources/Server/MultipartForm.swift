import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578): text fields and uploaded files. Only
/// what a browser's form sends is understood; anything else is refused as malformed.
struct MultipartForm: Sendable {
    struct File: Sendable {
        /// The field the file came in.
        var field: String
        /// The name the browser gave (a folder upload sends `folder/file.pdf`): personal data, never
        /// logged.
        var fileName: String
        var bytes: Data
    }

    /// A part's headers longer than this make the body malformed (a browser sends a few hundred bytes).
    static let maxHeaderBytes = 8192

    var fields = FormFields()
    var files: [File] = []

    /// The boundary of a `multipart/form-data` content type, `nil` for any other type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses `body`; `nil` when it is not well-formed multipart with this boundary.
    init?(body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        var textFields: [(String, String)] = []
        while true {
            // After a delimiter: `--` closes the body, CRLF starts a part.
            let rest = body[cursor...]
            if rest.starts(with: Data("--".utf8)) { break }
            guard rest.starts(with: Data("\r\n".utf8)) else { return nil }
            let headerStart = cursor + 2
            let headerWindow = headerStart..<min(body.endIndex, headerStart + Self.maxHeaderBytes)
            guard let headerEnd = body.range(of: separator, in: headerWindow) else { return nil }
            let headers = String(decoding: body[headerStart..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex)
            else { return nil }
            let content = body[headerEnd.upperBound..<next.lowerBound]
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else { return nil }
            if let fileName = disposition["filename"] {
                if !fileName.isEmpty || !content.isEmpty {
                    files.append(File(field: name, fileName: fileName, bytes: Data(content)))
                }
            } else {
                textFields.append((name, String(decoding: content, as: UTF8.self)))
            }
            cursor = next.upperBound
        }
        fields = FormFields(pairs: textFields)
    }

    /// The parameters of the part's `Content-Disposition: form-data` header.
    static func disposition(_ headers: String) -> [String: String]? {
        for line in headers.split(separator: "\r\n") {
            let header = line.split(separator: ":", maxSplits: 1)
            guard header.count == 2, header[0].lowercased() == "content-disposition" else { continue }
            var parameters: [String: String] = [:]
            var rest = Substring(header[1].trimmingCharacters(in: .whitespaces))
            guard rest.lowercased().hasPrefix("form-data") else { return nil }
            rest = rest.dropFirst("form-data".count)
            while let semicolon = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let key = rest[..<equals].lowercased()
                rest = rest[rest.index(after: equals)...]
                var value = ""
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    var escaped = false
                    while let character = rest.first {
                        rest = rest.dropFirst()
                        if escaped {
                            value.append(character)
                            escaped = false
                        } else if character == "\\" {
                            escaped = true
                        } else if character == "\"" {
                            break
                        } else {
                            value.append(character)
                        }
                    }
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    value = String(rest[..<end]).trimmingCharacters(in: .whitespaces)
                    rest = rest[end...]
                }
                parameters[key] = value
            }
            return parameters
        }
        return nil
    }
}
