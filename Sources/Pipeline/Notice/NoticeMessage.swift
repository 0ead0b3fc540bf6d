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
        let subject = words.say(
            "Informatie aan de kandidaat: uw persoonsgegevens bij \(notice.controller)",
            "Information for the candidate: your personal data at \(notice.controller)")
        return MailMessage(
            fromName: notice.controller, from: sender, to: notice.mailbox, subject: subject, date: notice.generatedAt,
            language: notice.language.rawValue, text: NoticeRenderer.text(outline),
            html: NoticeRenderer.html(outline, language: notice.language)
        ).render(messageID: messageID, boundary: boundary)
    }
}
