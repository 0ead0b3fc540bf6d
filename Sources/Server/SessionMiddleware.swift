import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Pipeline

/// Finds the signed-in session from its cookie, sends anyone without one to the log-in page, and
/// refuses (403) any request that changes something without the form's CSRF token: the session's
/// token for signed-in forms, the log-in cookie's for the log-in form itself.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let sessionCookie = "cvsieve_session"
    static let loginCookie = "cvsieve_login"
    /// Paths anyone may open: the log-in page and the stylesheet.
    static let publicPaths: Set<String> = ["/login", Page.stylesheetPath, "/favicon.ico"]
    /// The largest form body accepted (forms here carry a few short fields).
    static let maxFormBytes = 16 * 1024
    static let uploadPath = "/uploaden"
    /// Files one upload may carry.
    static let maxUploadFiles = 20

    /// The most one upload's files may weigh together. The body is held in memory while it is
    /// parsed (about twice over for a moment, then once while intake runs), so this bounds the
    /// memory an upload can take.
    static let maxUploadBytes = 128 << 20

    /// The largest upload body: as many files as one upload takes, each at the extraction limit
    /// (a larger file still arrives, and is quarantined as too large like a dropped one), and at
    /// most ``maxUploadBytes`` in all.
    var uploadLimit: Int { min(Self.maxUploadFiles * service.config.maxFileBytes, Self.maxUploadBytes) + (1 << 20) }

    /// Reads and parses a multipart upload, refusing one over `limit` before reading it when the
    /// browser says its length, and while reading otherwise.
    static func multipart(_ request: inout Request, boundary: String, limit: Int) async throws -> MultipartForm {
        let tooLarge = PageError(
            .contentTooLarge,
            Page.t("Deze upload is te groot: hoogstens", "This upload is too large: at most")
                + " \(maxUploadFiles) \(Page.t("bestanden en", "files and")) \(limit >> 20) MiB. "
                + Page.t("Upload minder bestanden tegelijk.", "Upload fewer files at a time."))
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        let body: ByteBuffer
        do {
            // Not kept on the request: the parts are all that stays in memory after parsing.
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw tooLarge
        }
        guard let form = MultipartForm(body: Data(body.readableBytesView), boundary: boundary) else {
            throw PageError(
                .badRequest,
                Page.t(
                    "De upload kwam niet volledig aan; probeer het opnieuw.",
                    "The upload did not arrive whole; try again."))
        }
        return form
    }

    let service: Service
    let settings: WebSettings
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty,
            let session = try await service.session(token: token, policy: settings.sessions, at: clock())
        {
            context.session = session
            context.sessionToken = token
        }
        let signedIn = context
        return try await logged(request, context: context) {
            do {
                return try await checked(request, context: signedIn, next: next)
            } catch let error as HTTPError where error.status == .unauthorized {
                throw error
            } catch {
                guard signedIn.session != nil else { throw error }
                // Signed in: the error page with the navigation (the outer middleware has no session).
                return SecurityHeadersMiddleware.errorResponse(error, context: signedIn)
            }
        }
    }

    /// The sign-in and CSRF checks, then the route.
    func checked(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        var request = request
        let path = request.uri.path
        if context.session == nil && !Self.publicPaths.contains(path) && !path.hasPrefix("/taal/") {
            return Page.redirect(to: "/login")
        }
        if request.method != .get && request.method != .head {
            let contentType = request.headers[.contentType] ?? ""
            if path == Self.uploadPath, context.session != nil,
                let boundary = MultipartForm.boundary(contentType: contentType)
            {
                let form = try await Self.multipart(&request, boundary: boundary, limit: uploadLimit)
                context.form = form.fields
                context.uploads = form.files
            } else {
                let body = try await request.collectBody(upTo: Self.maxFormBytes)
                let isForm = contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
                context.form = isForm ? FormFields(urlEncoded: String(buffer: body)) : FormFields()
            }
            let expected: String? =
                path == "/login" ? request.cookies[Self.loginCookie]?.value : context.session?.csrfToken
            guard let expected, let given = context.form["csrf"], Tokens.equal(expected, given) else {
                throw HTTPError(.forbidden)
            }
        }
        return try await next(request, context)
    }

    /// One info line per request: method, the route that answered it (its pattern, such as
    /// `/kandidaten/{code}`: never the path a person typed, which could hold a name, nor the query),
    /// status and the account by id.
    func logged(_ request: Request, context: Context, _ body: () async throws -> Response) async throws -> Response {
        var metadata: Logger.Metadata = [
            "http.method": "\(request.method.rawValue)",
            "cvsieve.account": "\(context.session.map { String($0.account.id) } ?? "-")",
        ]
        do {
            let response = try await body()
            metadata["http.status"] = "\(response.status.code)"
            metadata["http.route"] = "\(context.endpointPath ?? "-")"
            context.logger.info("web: request", metadata: metadata)
            return response
        } catch let error as HTTPError {
            metadata["http.status"] = "\(error.status.code)"
            metadata["http.route"] = "\(context.endpointPath ?? "-")"
            context.logger.info("web: request", metadata: metadata)
            throw error
        }
    }
}
