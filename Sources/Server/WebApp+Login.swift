import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

// MARK: - Log-in and log-out

extension WebApp {
    func addLoginRoutes(to router: Router<WebContext>) {
        router.get("/login") { request, context in
            if context.session != nil { return Page.redirect(to: "/overzicht") }
            return loginPage(status: .ok, message: nil, token: request.cookies[SessionMiddleware.loginCookie]?.value)
        }
        router.post("/login") { request, context in
            let name = context.form["naam"] ?? ""
            let password = context.form["wachtwoord"] ?? ""
            let client = Self.rateLimitedClient(peer: context.clientAddress, request: request)
            switch try await service.login(
                name: name, password: password, client: client, policy: settings.sessions, at: clock())
            {
            case .signedIn(_, let token, _):
                var response = Page.redirect(to: "/overzicht")
                response.setCookie(sessionCookie(token))
                response.setCookie(expiredCookie(SessionMiddleware.loginCookie, path: "/login"))
                return response
            case .refused:
                return loginPage(
                    status: .unauthorized, message: Page.t("Onjuiste naam of wachtwoord.", "Wrong name or password."))
            case .rateLimited:
                return loginPage(
                    status: .tooManyRequests,
                    message: Page.t(
                        "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.",
                        "Too many failed attempts. Try again in a quarter of an hour."))
            }
        }
        router.post("/logout") { _, context in
            let account = try context.account()
            if let token = context.sessionToken {
                try await service.logout(token: token, account: account, at: clock())
            }
            var response = Page.redirect(to: "/login")
            response.setCookie(expiredCookie(SessionMiddleware.sessionCookie, path: "/"))
            return response
        }
    }

    /// The address the per-client log-in limit counts against. Behind a proxy on this machine the
    /// peer is always loopback: then the last `X-Forwarded-For` entry (the one our proxy added) is
    /// the client, and without one there is no per-client limit (the per-name limit still holds),
    /// so one person's typos cannot lock every account out.
    static func rateLimitedClient(peer: String?, request: Request) -> String? {
        guard let peer else { return nil }
        let isLoopback = peer == "::1" || peer.hasPrefix("127.")
        guard isLoopback else { return peer }
        guard let header = HTTPField.Name("X-Forwarded-For") else { return nil }
        let forwarded = request.headers[values: header].flatMap { $0.split(separator: ",") }
        return forwarded.last.map { String($0).trimmingCharacters(in: CharacterSet.whitespaces) }
    }

    /// The log-in form with a fresh CSRF token, which the browser also gets as a cookie (the form
    /// must send back the same value: a page on another site cannot read it).
    /// A browser that already holds a log-in token keeps it (a second tab, a reload), so the form
    /// it shows still matches its cookie.
    func loginPage(status: HTTPResponse.Status, message: String?, token given: String? = nil) -> Response {
        let token = given.flatMap { Tokens.isWellFormed($0) ? $0 : nil } ?? Tokens.random()
        let error = message.map { "<p class=\"error\" role=\"alert\">\(Page.escape($0))</p>" } ?? ""
        var response = Page.response(
            status: status,
            Page.layout(
                title: Page.t("Aanmelden", "Sign in"), session: nil,
                body: """
                    <h1>\(Page.t("Aanmelden", "Sign in"))</h1>\(error)
                    <form method="post" action="/login">\(Page.csrfField(token))
                    <label for="naam">\(Page.t("Naam", "Name"))</label><input id="naam" name="naam" autocomplete="username" required autofocus>
                    <label for="wachtwoord">\(Page.t("Wachtwoord", "Password"))</label>\
                    <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required>
                    <p><button type="submit">\(Page.t("Aanmelden", "Sign in"))</button></p>
                    </form>
                    """))
        response.setCookie(
            Cookie(
                name: SessionMiddleware.loginCookie, value: token, path: "/login", secure: settings.isBehindTLS,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// The session cookie: no expiry of its own (gone when the browser closes), HttpOnly, SameSite
    /// Strict, Secure behind TLS; the server ends it sooner (idle and absolute limits).
    func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: SessionMiddleware.sessionCookie, value: token, path: "/", secure: settings.isBehindTLS,
            httpOnly: true, sameSite: .strict)
    }

    func expiredCookie(_ name: String, path: String) -> Cookie {
        Cookie(
            name: name, value: "", maxAge: 0, path: path, secure: settings.isBehindTLS, httpOnly: true,
            sameSite: .strict)
    }
}
