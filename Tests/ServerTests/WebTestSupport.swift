import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Pipeline
import Server
import Synchronization
import TestSupport
import Testing

/// A clock the tests move forward (to expire sessions) instead of waiting.
final class TestClock: Sendable {
    private let current = Mutex(Date())

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A vault in a temporary folder with two samples run through the real pipeline, a recruiter, a
/// privacy officer and an admin (fictional log-in names, bcrypt at the lowest cost for speed).
struct WebFixture {
    static let password = "correct horse battery"
    static let sampleNames = ["nl-single-column.pdf", "en-docx-references.docx"]

    let folder: URL
    let service: Service
    let clock = TestClock()
    var settings = WebSettings()
    let recruiter: Account
    let privacyOfficer: Account
    let admin: Account

    /// Runs `body` on a fresh fixture; `configure` changes the shipped pipeline.yml's text before
    /// the vault opens.
    static func with<Result>(
        samples: Bool = false, configure: (String) -> String = { $0 }, _ body: (inout WebFixture) async throws -> Result
    ) async throws -> Result {
        try await TestSupport.withTemporaryDirectory { folder in
            let path = try TestSupport.writeConfig(in: folder)
            try configure(try String(contentsOfFile: path, encoding: .utf8)).write(
                toFile: path, atomically: true, encoding: .utf8)
            let service = try Service(config: try PipelineConfig.load(path: path), actor: "test")
            if samples {
                try TestSupport.dropSamples(
                    sampleNames.map { TestSupport.samplesFolder.appendingPathComponent($0) }, into: folder)
                _ = try await service.runBatch(
                    at: Date(), logger: Logger(label: "test"), workerCommand: TestSupport.workerCommand)
            }
            var fixture = WebFixture(
                folder: folder, service: service,
                recruiter: try await service.addAccount(
                    name: "recruiter1", role: .recruiter, password: password, at: Date(), cost: 4),
                privacyOfficer: try await service.addAccount(
                    name: "privacy1", role: .privacyOfficer, password: password, at: Date(), cost: 4),
                admin: try await service.addAccount(
                    name: "admin1", role: .admin, password: password, at: Date(), cost: 4))
            return try await body(&fixture)
        }
    }

    /// Runs `body` against the router (no network), the app acting at ``clock``.
    func test<Result: Sendable>(
        logger: Logger = Logger(label: "test"), _ body: @Sendable (any TestClientProtocol) async throws -> Result
    ) async throws -> Result {
        let clock = clock
        let app = WebApp(
            service: service, settings: settings, clock: { clock.now }, workerCommand: TestSupport.workerCommand
        )
        .application(logger: logger)
        return try await app.test(.router) { client in try await body(client) }
    }
}

/// A signed-in browser: its session cookie and the CSRF token its pages carry.
struct Browser: Sendable {
    var cookie: String
    var csrf: String
    /// The client a local proxy would name in `X-Forwarded-For`.
    var forwardedFor: String?

    var headers: HTTPFields {
        var fields: HTTPFields = [.cookie: cookie]
        if let forwardedFor, let name = HTTPField.Name("X-Forwarded-For") { fields[name] = forwardedFor }
        return fields
    }
}

extension TestClientProtocol {
    /// GET /login, then POST it with the login cookie and token; returns the response.
    func postLogin(name: String, password: String) async throws -> TestResponse {
        let page = try await execute(uri: "/login", method: .get) { $0 }
        let loginCookie = try #require(cookieValue(page, "cvsieve_login"))
        let token = try #require(hiddenCSRF(String(buffer: page.body)))
        return try await execute(
            uri: "/login", method: .post,
            headers: [.cookie: "cvsieve_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(token)&naam=\(name)&wachtwoord=\(form(password))")
        ) { $0 }
    }

    /// Signs in and returns the browser's cookie and CSRF token (read from the next page).
    func signIn(_ name: String, password: String = WebFixture.password) async throws -> Browser {
        let response = try await postLogin(name: name, password: password)
        let session = try #require(cookieValue(response, "cvsieve_session"))
        let cookie = "cvsieve_session=\(session)"
        let page = try await execute(uri: "/kandidaten", method: .get, headers: [.cookie: cookie]) { $0 }
        return Browser(cookie: cookie, csrf: try #require(hiddenCSRF(String(buffer: page.body))))
    }

    func get(_ uri: String, as browser: Browser?) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: browser?.headers ?? [:]) { $0 }
    }

    func post(_ uri: String, as browser: Browser?, body: String) async throws -> TestResponse {
        var headers = browser?.headers ?? [:]
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }
}

/// The value of cookie `name` set by `response` (`nil` if not set).
func cookieValue(_ response: TestResponse, _ name: String) -> String? {
    setCookie(response, name).flatMap { header in
        header.split(separator: ";").first.map { String($0.dropFirst(name.count + 1)) }
    }
}

/// The whole Set-Cookie header for `name`.
func setCookie(_ response: TestResponse, _ name: String) -> String? {
    response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
}

/// The first hidden `csrf` field's value in a page.
func hiddenCSRF(_ html: String) -> String? {
    guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

func form(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}

/// Every URL a page links to or posts to.
func urls(in html: String) -> [String] {
    var found: [String] = []
    for attribute in ["href=\"", "action=\"", "src=\""] {
        var rest = html[...]
        while let range = rest.range(of: attribute) {
            let value = rest[range.upperBound...].prefix { $0 != "\"" }
            found.append(String(value))
            rest = rest[range.upperBound...]
        }
    }
    return found
}
