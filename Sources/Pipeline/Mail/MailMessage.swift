import CVModel
public import Foundation

/// An e-mail message as a `.eml` file for the agency's mail program: RFC 5322 headers, a MIME
/// `multipart/alternative` with the plain text and the HTML (UTF-8, quoted-printable), optional
/// attachments (base64) in a `multipart/mixed` around it, header text encoded per RFC 2047 and
/// `CRLF` line ends. `X-Unsent: 1` makes common mail programs open the file as a draft to send.
/// Addresses are checked with ``MailAddress``, so no text from a CV or pipeline.yml can add a
/// header.
struct MailMessage {
    struct Attachment {
        var fileName: String
        var contentType: String
        var bytes: Data
    }

    /// The sender's display name (the agency) and address.
    var fromName: String
    var from: String
    /// The recipient; left out when `nil` or not a plain address.
    var to: String?
    var subject: String
    var date: Date
    var language: String
    var text: String
    var html: String
    var attachments: [Attachment] = []

    /// The `.eml` bytes. `messageID` and `boundary` are random unless given (tests fix them).
    func render(messageID: String? = nil, boundary: String? = nil) -> Data {
        let token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let boundary = boundary ?? "=_cvsieve_\(token)"
        let messageID = messageID ?? "\(token)@\(MailAddress.domain(of: from))"
        var headers: [String] = []
        headers.append(Self.header("From", words: Self.encodedWords(fromName) + ["<\(from)>"]))
        if let to, MailAddress.isUsable(to) { headers.append("To: <\(to)>") }
        headers.append(Self.header("Subject", words: Self.encodedWords(subject)))
        headers.append("Date: \(Self.date(date))")
        headers.append("Message-ID: <\(messageID)>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Language: \(language)")
        let alternative = attachments.isEmpty ? boundary : boundary + "_alt"
        if attachments.isEmpty {
            headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        } else {
            headers.append("Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"")
        }
        headers.append("X-Unsent: 1")
        var message = headers.joined(separator: "\r\n") + "\r\n\r\n"
        message += "This is a MIME message.\r\n"
        if !attachments.isEmpty {
            message +=
                "\r\n--\(boundary)\r\nContent-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"\r\n\r\n"
        }
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            message += "\r\n--\(alternative)\r\n"
            message += "Content-Type: \(type); charset=utf-8\r\n"
            message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            message += Self.quotedPrintable(content)
        }
        message += "\r\n--\(alternative)--\r\n"
        for attachment in attachments {
            let name = attachment.fileName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            message += "\r\n--\(boundary)\r\n"
            message += "Content-Type: \(attachment.contentType); name=\"\(name)\"\r\n"
            message += "Content-Disposition: attachment; filename=\"\(name)\"\r\n"
            message += "Content-Transfer-Encoding: base64\r\n\r\n"
            message += attachment.bytes.base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            message += "\r\n"
        }
        if !attachments.isEmpty { message += "\r\n--\(boundary)--\r\n" }
        return Data(message.utf8)
    }

    // MARK: - Encodings

    /// RFC 2045 quoted-printable of `text`'s UTF-8, lines ending in CRLF, none longer than 76.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            var current = ""
            for (position, byte) in bytes.enumerated() {
                let isLast = position == bytes.count - 1
                let token: String
                switch byte {
                case 0x20, 0x09:
                    token = isLast ? hex(byte) : String(UnicodeScalar(byte))
                case 0x3D:
                    token = hex(byte)
                // "From " at a line's start is mangled by some mail stores; a dot alone ends SMTP data.
                case 0x46 where position == 0 && line.hasPrefix("From "), 0x2E where position == 0:
                    token = hex(byte)
                case 0x21...0x7E:
                    token = String(UnicodeScalar(byte))
                default:
                    token = hex(byte)
                }
                if current.count + token.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                }
                current += token
            }
            out += current
            if index < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// `text` as RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 39 bytes of UTF-8 so
    /// that a header line with one stays under 76 characters; a character is never split.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// A header with its words folded one a line (RFC 5322 folding: CRLF and a space).
    private static func header(_ name: String, words: [String]) -> String {
        "\(name): " + words.joined(separator: "\r\n ")
    }

    /// An RFC 5322 date (`Thu, 31 Dec 2026 09:00:00 +0100`) in Europe/Amsterdam.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeSpan.agencyTimeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
