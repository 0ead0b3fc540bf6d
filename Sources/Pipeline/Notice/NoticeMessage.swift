public import CVModel
public import Foundation

/// A notice as an e-mail message, ready for the agency's mail program or a mail drop: RFC 5322
/// headers, MIME `multipart/alternative` with the plain text and the HTML (both UTF-8,
/// quoted-printable), a Subject in the notice's language encoded per RFC 2047, `CRLF` line ends.
///
/// `To:` is the candidate's stored address when one is held and usable; otherwise the message
/// has no `To:` and the caller says so. `From:` is `notices.from` (see
/// ``NoticeSettings/senderAddress``). `X-Unsent: 1` makes common mail programs open the file as
/// a draft to send.
public enum NoticeMessage {
    /// The `.eml` bytes. `messageID` and `boundary` are random unless given (tests fix them).
    public static func render(
        _ notice: Notice, from sender: String, messageID: String? = nil, boundary: String? = nil
    ) -> Data {
        let outline = NoticeOutline(notice)
        let words = NoticeWording(notice.language)
        let token = UUID().uuidString.lowercased()
        let boundary = boundary ?? "=_cvsieve_\(token.replacingOccurrences(of: "-", with: ""))"
        let messageID = messageID ?? "\(token)@\(MailAddress.domain(of: sender))"
        var headers: [String] = []
        headers.append(header("From", words: encodedWords(notice.controller) + ["<\(sender)>"]))
        if let mailbox = notice.mailbox, MailAddress.isUsable(mailbox) { headers.append("To: <\(mailbox)>") }
        let subject = words.say(
            "Informatie aan de kandidaat: uw persoonsgegevens bij \(notice.controller)",
            "Information for the candidate: your personal data at \(notice.controller)")
        headers.append(header("Subject", words: encodedWords(subject)))
        headers.append("Date: \(date(notice.generatedAt))")
        headers.append("Message-ID: <\(messageID)>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Language: \(notice.language.rawValue)")
        headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        headers.append("X-Unsent: 1")
        var message = headers.joined(separator: "\r\n") + "\r\n\r\n"
        message += "This is a MIME message: a plain-text and an HTML version of the same notice.\r\n"
        for (type, content) in [
            ("text/plain", NoticeRenderer.text(outline)),
            ("text/html", NoticeRenderer.html(outline, language: notice.language)),
        ] {
            message += "\r\n--\(boundary)\r\n"
            message += "Content-Type: \(type); charset=utf-8\r\n"
            message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            message += quotedPrintable(content)
        }
        message += "\r\n--\(boundary)--\r\n"
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
