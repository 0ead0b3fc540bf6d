public import Foundation
public import Hummingbird
public import Logging
public import Pipeline

/// The web app for recruiters and privacy officers: a thin face over the same ``Service`` the
/// CLI uses. It holds no data of its own; accounts, sessions and failed log-ins live in the vault.
public struct WebApp: Sendable {
    let service: Service
    let settings: WebSettings
    let clock: @Sendable () -> Date
    /// How intake starts its extraction workers (`nil`: this executable's `worker` command).
    let workerCommand: [String]?

    /// - Parameters:
    ///   - service: the use cases over the open vault.
    ///   - settings: address, cookies and session limits.
    ///   - clock: the time the app acts at (tests move it to expire sessions).
    ///   - workerCommand: how uploads' extraction workers start (`nil`: `cvsieve worker`).
    public init(
        service: Service, settings: WebSettings, clock: @escaping @Sendable () -> Date = { Date() },
        workerCommand: [String]? = nil
    ) {
        self.service = service
        self.settings = settings
        self.clock = clock
        self.workerCommand = workerCommand
    }

    /// Every route behind the security headers and the session check.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(service: service, settings: settings, clock: clock))
        router.get(RouterPath(Page.stylesheetPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Page.stylesheet)))
        }
        router.get("/") { _, _ in Page.redirect(to: "/overzicht") }
        // Browsers ask for it on every page: answered, so it never redirects to the log-in page
        // (which would hand out a new log-in token under the form's feet).
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        // The language switch: a preference cookie (no personal data), then back to the start.
        router.get("/taal/{taal}") { _, context in
            guard let language = context.parameters.get("taal").flatMap(Language.init(rawValue:)) else {
                throw HTTPError(.notFound)
            }
            var response = Page.redirect(to: context.session == nil ? "/login" : "/overzicht")
            response.setCookie(
                Cookie(
                    name: SecurityHeadersMiddleware.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600,
                    path: "/", secure: settings.isBehindTLS, httpOnly: true, sameSite: .strict))
            return response
        }
        addLoginRoutes(to: router)
        addOverviewRoutes(to: router)
        addCandidateRoutes(to: router)
        addCandidatePageRoutes(to: router)
        addProfileRoutes(to: router)
        addApprovalRoutes(to: router)
        addNoticeRoutes(to: router)
        addOriginalRoutes(to: router)
        addRecordRoutes(to: router)
        addUploadRoutes(to: router)
        addAccountRoutes(to: router)
        addConfigurationRoutes(to: router)
        return router
    }

    /// The application on `settings`' address; `onRunning` is called once it listens.
    public func application(logger: Logger, onRunning: @escaping @Sendable () async -> Void = {})
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { _ in await onRunning() }, logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in hand and returns
    /// (service-lifecycle's graceful shutdown). With `approvals`, the public approval page is served
    /// on its own listener in the same service group.
    public func serve(
        logger: Logger, approvals: ApprovalApp? = nil, onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        let staff = application(logger: logger, onRunning: onRunning)
        try await Listeners.run(staff, approvals?.application(logger: logger), logger: logger)
    }
}
