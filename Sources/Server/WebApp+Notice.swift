import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

// MARK: - Informatie aan de kandidaat: the GDPR art. 13/14 notice, shown and handed out

extension WebApp {
    func addNoticeRoutes(to router: Router<WebContext>) {
        router.get("/kandidaten/{code}/informatie") { request, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            let language: NoticeLanguage =
                request.uri.queryParameters.get("taal").flatMap(NoticeLanguage.init(rawValue:))
                ?? (Page.language == .en ? .en : service.config.notices.language)
            let staff = service.acting(as: account.auditActor)
            let notice = try await staff.notice(code: code, language: language, at: clock())
            let html = staff.renderNotice(notice, format: .html)
            let csrf = context.session?.csrfToken ?? ""
            let other: NoticeLanguage = language == .nl ? .en : .nl
            let body = """
                <h1>\(Page.t("Informatie aan de kandidaat", "Information for the candidate")) \(code)</h1>
                <p><a href="/kandidaten/\(code)">\(Page.t("Terug naar de kandidaat", "Back to the candidate"))</a> · \
                <a href="/kandidaten/\(code)/informatie?taal=\(other.rawValue)">\(other == .en ? "English version" : "Nederlandse versie")</a></p>
                <p>\(Page.t("De kennisgeving (AVG art. 13/14) zoals de kandidaat haar krijgt. Downloaden legt vast dat zij is verstuurd.", "The notice (GDPR art. 13/14) as the candidate receives it. Downloading it records that it was sent."))</p>
                \(notice.mailbox == nil ? "<p class=\"warning\">\(Page.t("Er is geen bruikbaar e-mailadres opgeslagen: het bericht heeft geen geadresseerde; bezorg het op een andere manier.", "No usable e-mail address is stored: the message has no recipient; deliver it another way."))</p>" : "")
                <form method="post" action="/kandidaten/\(code)/informatie">\(Page.csrfField(csrf))\
                <input type="hidden" name="taal" value="\(language.rawValue)">
                <label for="formaat">\(Page.t("Formaat", "Format"))</label>
                <select id="formaat" name="formaat"><option value="eml">\(Page.t("E-mail (.eml)", "E-mail (.eml)"))</option>\
                <option value="html">HTML</option><option value="txt">\(Page.t("Tekst", "Text"))</option></select>
                <p><button type="submit">\(Page.t("Downloaden en als verstuurd vastleggen", "Download and record as sent"))</button></p></form>
                <div class="profile">\(Self.profileBody(html))</div>
                """
            return Page.response(
                Page.layout(
                    title: Page.t("Informatie aan de kandidaat", "Information for the candidate"),
                    session: context.session, body: body))
        }
        router.post("/kandidaten/{code}/informatie") { _, context in
            let account = try context.require(.recruiter)
            let code = try Self.code(context)
            guard let language = context.form["taal"].flatMap(NoticeLanguage.init(rawValue:)),
                let format = context.form["formaat"].flatMap(NoticeFormat.init(rawValue:))
            else { throw HTTPError(.badRequest) }
            let staff = service.acting(as: account.auditActor)
            let notice = try await staff.notice(code: code, language: language, at: clock())
            let bytes = staff.renderNotice(notice, format: format)
            try await staff.recordNoticeSent(code: code, language: language, format: format, at: clock())
            let type =
                switch format {
                case .eml: "message/rfc822"
                case .html: "text/html; charset=utf-8"
                case .txt: "text/plain; charset=utf-8"
                }
            return Response(
                status: .ok,
                headers: [
                    .contentType: type,
                    .contentDisposition:
                        "attachment; filename=\"\(code)-informatie-\(language.rawValue).\(format.fileExtension)\"",
                ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
