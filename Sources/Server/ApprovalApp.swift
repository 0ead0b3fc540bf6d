public import Foundation
public import Hummingbird
public import Logging
public import Pipeline

/// The public approval page (off by default; `cvsieve serve --approval-listen`): on its own
/// listener, a candidate types the one-time code from the approval e-mail, sees the profile exactly
/// as a client would receive it, and approves or refuses it. Nothing else is reachable there: no
/// staff page, no session. Wrong codes are rate-limited per address and overall (THREATS.md).
public struct ApprovalApp: Sendable {
    let service: Service
    let settings: WebSettings
    let clock: @Sendable () -> Date

    static let tokenCookie = "cvsieve_akkoord"

    public init(service: Service, settings: WebSettings, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.settings = settings
        self.clock = clock
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ApprovalFormMiddleware())
        router.get(RouterPath(Page.stylesheetPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Page.stylesheet)))
        }
        router.get("/") { _, _ in Page.redirect(to: "/akkoord") }
        router.get("/akkoord") { request, _ in
            codeForm(status: .ok, code: request.uri.queryParameters.get("code") ?? "", message: nil)
        }
        router.post("/akkoord") { request, context in
            let secret = context.form["code"] ?? ""
            let client = WebApp.rateLimitedClient(peer: context.clientAddress, request: request)
            switch try await service.acting(as: "candidate").approvalByCandidate(
                secret: secret, client: client, at: clock())
            {
            case .open(_, let html):
                return profilePage(secret: secret, html: html)
            case .notOpen:
                return codeForm(
                    status: .notFound, code: "",
                    message: Page.t(
                        "Deze code is onbekend, al gebruikt of verlopen. Controleer de code in de e-mail of neem contact op met het bureau.",
                        "This code is unknown, used or expired. Check the code in the e-mail or contact the agency."))
            case .rateLimited:
                return codeForm(
                    status: .tooManyRequests, code: "",
                    message: Page.t(
                        "Te veel onjuiste codes. Probeer het over een kwartier opnieuw.",
                        "Too many wrong codes. Try again in a quarter of an hour."))
            }
        }
        router.post("/akkoord/antwoord") { request, context in
            guard let secret = context.form["code"], let decision = context.form["besluit"],
                ["ja", "nee"].contains(decision)
            else { throw HTTPError(.badRequest) }
            let client = WebApp.rateLimitedClient(peer: context.clientAddress, request: request)
            let answered = try await service.acting(as: "candidate").answerByCandidate(
                secret: secret, approved: decision == "ja", client: client, at: clock())
            guard answered else {
                return codeForm(
                    status: .notFound, code: "",
                    message: Page.t(
                        "Deze code is niet meer geldig; er is niets vastgelegd.",
                        "This code is no longer valid; nothing was recorded."))
            }
            let thanks =
                decision == "ja"
                ? Page.t(
                    "Dank u. Uw akkoord is vastgelegd; het bureau mag dit profiel nu aan klanten sturen.",
                    "Thank you. Your approval is recorded; the agency may now send this profile to clients.")
                : Page.t(
                    "Dank u. Uw weigering is vastgelegd; het bureau stuurt dit profiel niet aan klanten.",
                    "Thank you. Your refusal is recorded; the agency will not send this profile to clients.")
            return Page.response(
                Page.layout(
                    title: Page.t("Akkoord", "Approval"), session: nil,
                    body:
                        "<h1>\(Page.t("Akkoord", "Approval"))</h1><p class=\"notice\" role=\"status\">\(Page.escape(thanks))</p>"
                ))
        }
        return router
    }

    /// The application on `settings`' address.
    public func application(logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil), logger: logger)
    }

    /// The code form with a fresh form token, also set as a cookie (a page elsewhere cannot read it).
    func codeForm(status: HTTPResponse.Status, code: String, message: String?) -> Response {
        let token = Tokens.random()
        let error = message.map { "<p class=\"error\" role=\"alert\">\(Page.escape($0))</p>" } ?? ""
        var response = Page.response(
            status: status,
            Page.layout(
                title: Page.t("Akkoord met uw profiel", "Approve your profile"), session: nil,
                body: """
                    <h1>\(Page.t("Akkoord met uw profiel", "Approve your profile"))</h1>\(error)
                    <p>\(Page.t("Vul de code uit de e-mail van het bureau in. U ziet dan het profiel precies zoals een klant het krijgt, zonder uw naam of contactgegevens, en kunt het goedkeuren of weigeren.", "Enter the code from the agency's e-mail. You then see the profile exactly as a client receives it, without your name or contact details, and can approve or refuse it."))</p>
                    <form method="post" action="/akkoord">\(Page.csrfField(token))
                    <label for="code">Code</label>\
                    <input id="code" name="code" value="\(Page.escape(String(code.prefix(20))))" autocomplete="off" required autofocus>
                    <p><button type="submit">\(Page.t("Profiel tonen", "Show the profile"))</button></p></form>
                    """))
        response.setCookie(
            Cookie(
                name: Self.tokenCookie, value: token, path: "/akkoord", secure: settings.isBehindTLS, httpOnly: true,
                sameSite: .strict))
        return response
    }

    func profilePage(secret: String, html: Data) -> Response {
        let token = Tokens.random()
        func answer(_ decision: String, _ label: String) -> String {
            """
            <form method="post" action="/akkoord/antwoord" class="inline">\(Page.csrfField(token))\
            <input type="hidden" name="code" value="\(Page.escape(secret))">\
            <input type="hidden" name="besluit" value="\(decision)">\
            <button type="submit">\(Page.escape(label))</button></form>
            """
        }
        var response = Page.response(
            Page.layout(
                title: Page.t("Uw profiel", "Your profile"), session: nil,
                body: """
                    <h1>\(Page.t("Uw profiel", "Your profile"))</h1>
                    <p>\(Page.t("Zo krijgt een klant uw profiel. Geeft u akkoord?", "This is how a client receives your profile. Do you approve?"))</p>
                    <div class="profile">\(WebApp.profileBody(html))</div>
                    <p>\(answer("ja", Page.t("Ja, akkoord", "Yes, I approve"))) \(answer("nee", Page.t("Nee, niet versturen", "No, do not send it")))</p>
                    """))
        response.setCookie(
            Cookie(
                name: Self.tokenCookie, value: token, path: "/akkoord", secure: settings.isBehindTLS, httpOnly: true,
                sameSite: .strict))
        return response
    }
}

/// The public page's forms: read once, their token checked against the page's own cookie (there
/// is no session here), and one log line per request without the query.
struct ApprovalFormMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        var request = request
        if request.method == .post {
            let body = try await request.collectBody(upTo: 4096)
            context.form = FormFields(urlEncoded: String(buffer: body))
            guard let expected = request.cookies[ApprovalApp.tokenCookie]?.value, let given = context.form["csrf"],
                Tokens.equal(expected, given)
            else { throw HTTPError(.forbidden) }
        }
        let response = try await next(request, context)
        context.logger.info(
            "approval page: request",
            metadata: [
                "http.method": "\(request.method.rawValue)", "http.route": "\(context.endpointPath ?? "-")",
                "http.status": "\(response.status.code)",
            ])
        return response
    }
}
