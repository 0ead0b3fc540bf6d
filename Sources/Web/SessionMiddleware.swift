import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

/// Finds the signed-in session from its cookie, sends anyone without one to the log-in page, and
/// refuses (403) any request that changes something without the form's CSRF token: the session's
/// token for signed-in forms, the log-in cookie's for the log-in form itself.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let sessionCookie = "cvsieve_session"
    static let loginCookie = "cvsieve_login"
    /// Paths anyone may open: the log-in page and the stylesheet.
    static let publicPaths: Set<String> = ["/login", Page.stylesheetPath]
    /// The largest form body accepted (forms here carry a few short fields).
    static let maxFormBytes = 16 * 1024

    let service: Service
    let settings: WebSettings
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        var request = request
        if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty,
            let session = try await service.session(token: token, policy: settings.sessions, at: clock())
        {
            context.session = session
            context.sessionToken = token
        }
        let path = request.uri.path
        if context.session == nil && !Self.publicPaths.contains(path) {
            return Page.redirect(to: "/login")
        }
        if request.method != .get && request.method != .head {
            let body = try await request.collectBody(upTo: Self.maxFormBytes)
            let isForm =
                request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
            context.form = isForm ? FormFields(urlEncoded: String(buffer: body)) : FormFields()
            let expected: String? =
                path == "/login" ? request.cookies[Self.loginCookie]?.value : context.session?.csrfToken
            guard let expected, let given = context.form["csrf"], Tokens.equal(expected, given) else {
                throw HTTPError(.forbidden)
            }
        }
        return try await next(request, context)
    }
}
