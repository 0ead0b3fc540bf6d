import HTTPTypes
import Hummingbird
import Logging
import Vault

/// The outermost middleware: every response, an error's included, leaves with `no-store`, a
/// strict Content-Security-Policy (no script at all, styles from our own stylesheet only, forms
/// to ourselves only, no framing) and the headers that go with it. Errors become Dutch pages here,
/// so no framework default page (or an error's text) reaches the browser.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'"

    static let headers: HTTPFields = {
        var fields: HTTPFields = [
            .cacheControl: "no-store",
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
        ]
        let more = [
            ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in more {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return fields
    }()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let language = request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) } ?? .nl
        return try await Page.$language.withValue(language) {
            try await secured(request, context: context, next: next)
        }
    }

    /// The cookie that keeps the interface's language (`nl` or `en`; no personal data).
    static let languageCookie = "cvsieve_taal"

    func secured(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Self.errorResponse(error, context: context)
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }

    /// The page for an error a route threw: our own words, never the error's text. The session
    /// middleware calls this too, so a signed-in user's error page keeps the navigation.
    static func errorResponse(_ error: any Error, context: Context) -> Response {
        switch error {
        case let error as HTTPError:
            return errorPage(error.status, context: context)
        case let error as PageError:
            return errorPage(error.status, message: error.message, context: context)
        case let error as VaultError:
            let page = PageError(error)
            if page.status == .internalServerError {
                context.logger.error("web: vault error", metadata: ["cvsieve.error": "\(error.kind)"])
            }
            return errorPage(page.status, message: page.message, context: context)
        default:
            // The type name only: an error's text can hold a value.
            context.logger.error("web: internal error", metadata: ["cvsieve.error": "\(type(of: error))"])
            return errorPage(.internalServerError, context: context)
        }
    }

    static func errorPage(_ status: HTTPResponse.Status, message: String? = nil, context: Context) -> Response {
        if status == .unauthorized { return Page.redirect(to: "/login") }
        let fallback =
            switch status {
            case .forbidden:
                Page.t(
                    "U hebt geen toegang tot deze pagina of handeling.", "You have no access to this page or action.")
            case .notFound: Page.t("Deze pagina bestaat niet.", "This page does not exist.")
            case .badRequest: Page.t("Dit verzoek kan niet worden verwerkt.", "This request cannot be processed.")
            default:
                Page.t(
                    "Er ging iets mis. Probeer het opnieuw of neem contact op met de beheerder.",
                    "Something went wrong. Try again or contact the administrator.")
            }
        return Page.response(
            status: status,
            Page.layout(
                title: Page.t("Fout", "Error") + " \(status.code)", session: context.session,
                body: "<h1>\(Page.t("Fout", "Error")) \(status.code)</h1><p>\(Page.escape(message ?? fallback))</p>"))
    }
}
