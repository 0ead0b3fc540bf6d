public import CVModel
import Export
public import Foundation
public import Vault

/// The e-mail that asks a candidate to approve their client profile: the profile as PDF attached,
/// the one-time code, and the public approval page's address when the agency runs one (else the
/// candidate answers by replying). Dutch or English.
enum ApprovalMessage {
    static func render(
        _ request: Service.ApprovalRequest, language: NoticeLanguage, to mailbox: String?, agency: String,
        from sender: String, approvalURL: String?
    ) -> Data {
        let words = NoticeWording(language)
        let secret = request.secret
        let until = words.date(request.approval.expiresAt)
        let link = approvalURL.map { url in
            url + (url.contains("?") ? "&" : "?") + "code=" + secret.replacingOccurrences(of: "-", with: "")
        }
        let how =
            link.map { link in
                words.say(
                    "Geef uw antwoord op \(link) (of ga naar \(approvalURL ?? link) en vul de code \(secret) in).",
                    "Give your answer at \(link) (or go to \(approvalURL ?? link) and enter the code \(secret)).")
            }
            ?? words.say(
                "Antwoord op deze e-mail met ‘akkoord’ of ‘niet akkoord’ en vermeld de code \(secret).",
                "Reply to this e-mail with ‘I approve’ or ‘I do not approve’ and quote the code \(secret).")
        let paragraphs = [
            words.say("Beste kandidaat,", "Dear candidate,"),
            words.say(
                "Wij willen uw profiel aan klanten voorstellen. In de bijlage ziet u het precies zoals een klant het krijgt: zonder uw naam of contactgegevens. Wij sturen het pas als u akkoord geeft.",
                "We would like to propose your profile to clients. The attachment shows it exactly as a client receives it: without your name or contact details. We send it only once you approve."
            ),
            how,
            words.say(
                "De code werkt één keer en is geldig tot \(until). Verandert het profiel, dan vragen wij opnieuw om uw akkoord. U kunt uw akkoord altijd intrekken door ons te mailen.",
                "The code works once and is valid until \(until). If the profile changes, we ask for your approval again. You can always withdraw your approval by e-mailing us."
            ),
            words.say("Met vriendelijke groet,", "Kind regards,") + "\n" + agency,
        ]
        let html =
            "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"></head><body>"
            + paragraphs.map { "<p>" + HTMLText.escape($0).replacingOccurrences(of: "\n", with: "<br>") + "</p>" }
            .joined() + "</body></html>"
        return MailMessage(
            fromName: agency, from: sender, to: mailbox,
            subject: words.say(
                "Uw profiel voor klanten: mogen wij het sturen?", "Your profile for clients: may we send it?"),
            date: request.approval.requestedAt, language: language.rawValue,
            text: paragraphs.joined(separator: "\n\n"), html: html,
            attachments: [
                MailMessage.Attachment(
                    fileName: "profiel-\(request.approval.code).pdf", contentType: "application/pdf",
                    bytes: request.profilePDF)
            ]
        ).render()
    }
}

extension Service {
    /// The approval e-mail for `request` (to the candidate's most recently collected address).
    public func approvalMessage(_ request: ApprovalRequest, language: NoticeLanguage) async throws(VaultError) -> Data {
        let addresses = try await vault.values(of: request.approval.code).filter {
            $0.category == Category.email.rawValue
        }
        let latest = addresses.map(\.collectedAt).max()
        let mailbox = addresses.last { $0.collectedAt == latest }?.value
        return ApprovalMessage.render(
            request, language: language, to: mailbox, agency: config.export.agency,
            from: config.notices.senderAddress, approvalURL: config.export.approvalURL)
    }
}
