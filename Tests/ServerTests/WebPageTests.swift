import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Pipeline
import Server
import TestSupport
import Testing

/// Pages, roles and response headers, through the router with the real SQLite vault.
@Suite struct WebPageTests {
    @Test("a recruiter and a privacy officer cannot reach the admin's pages or actions; an admin can")
    func roleAuthorisation() async throws {
        try await WebFixture.with { fixture in
            let privacyID = fixture.privacyOfficer.id
            let service = fixture.service
            try await fixture.test { client in
                for name in ["recruiter1", "privacy1"] {
                    let browser = try await client.signIn(name)
                    #expect(try await client.get("/gebruikers", as: browser).status == .forbidden)
                    let disable = try await client.post(
                        "/gebruikers/\(privacyID)/uitschakelen", as: browser, body: "csrf=\(browser.csrf)")
                    #expect(disable.status == .forbidden)
                    let page = String(buffer: try await client.get("/kandidaten", as: browser).body)
                    #expect(!page.contains("/gebruikers"))
                }
                #expect(try await service.accounts().allSatisfy { !$0.isDisabled })

                let admin = try await client.signIn("admin1")
                let users = try await client.get("/gebruikers", as: admin)
                #expect(users.status == .ok)
                #expect(String(buffer: users.body).contains("recruiter1"))
                let disable = try await client.post(
                    "/gebruikers/\(privacyID)/uitschakelen", as: admin, body: "csrf=\(admin.csrf)")
                #expect(disable.status == .seeOther)
                #expect(try await service.accounts().first { $0.id == privacyID }?.isDisabled == true)
            }
        }
    }

    @Test("every response carries no-store, a strict CSP without inline script, nosniff and no framing")
    func securityHeaders() async throws {
        try await WebFixture.with { fixture in
            try await fixture.test { client in
                let browser = try await client.signIn("recruiter1")
                var responses = [
                    try await client.get("/login", as: nil), try await client.get("/kandidaten", as: nil),
                    try await client.get("/static/app.css", as: nil), try await client.get("/kandidaten", as: browser),
                    try await client.get("/gebruikers", as: browser),
                    try await client.get("/bestaat-niet", as: browser),
                    try await client.post("/logout", as: browser, body: "csrf=wrong"),
                    try await client.postLogin(name: "recruiter1", password: "not the password"),
                ]
                responses.append(try await client.post("/logout", as: browser, body: "csrf=\(browser.csrf)"))
                #expect(Set(responses.map(\.status.code)) == [200, 303, 403, 404, 401])
                for response in responses {
                    let status = response.status.code
                    #expect(response.headers[.cacheControl] == "no-store", "\(status)")
                    let policy = try #require(response.headers[.contentSecurityPolicy], "\(status)")
                    #expect(policy.contains("default-src 'none'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(!policy.contains("unsafe-inline") && !policy.contains("script-src"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[try #require(HTTPField.Name("X-Frame-Options"))] == "DENY")
                    #expect(response.headers[try #require(HTTPField.Name("Referrer-Policy"))] == "no-referrer")
                    let body = String(buffer: response.body)
                    #expect(!body.contains("<script") && !body.contains("style=\""))
                }
            }
        }
    }

    @Test("Kandidaten lists the stored candidates by code, state, purpose and date, a page at a time")
    func candidatesPage() async throws {
        try await WebFixture.with(samples: true) { fixture in
            fixture.settings.pageSize = 1
            let candidates = try await fixture.service.candidates()
            #expect(candidates.count == WebFixture.sampleNames.count)
            try await fixture.test { client in
                let browser = try await client.signIn("recruiter1")
                for (index, candidate) in candidates.enumerated() {
                    let page = String(buffer: try await client.get("/kandidaten?pagina=\(index + 1)", as: browser).body)
                    #expect(page.contains(candidate.code))
                    #expect(page.contains("sollicitant"))
                    #expect(page.contains("Pagina \(index + 1) van \(candidates.count)"))
                    for other in candidates where other.code != candidate.code { #expect(!page.contains(other.code)) }
                    if let until = candidate.retainUntil {
                        let day = try #require(
                            Calendar(identifier: .gregorian).dateComponents(in: .amsterdam, from: until).day)
                        #expect(page.contains(String(format: "%02d-", day)))
                    }
                }
            }
        }
    }

    @Test("no value of a stored candidate appears in any URL, redirect or page of the app")
    func noPersonalValueInURLs() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let values = try WebFixture.sampleNames.flatMap { try TestSupport.truth(for: $0).personal.map(\.text) }
                .filter { $0.count >= 4 }
            #expect(!values.isEmpty)
            try await fixture.test { client in
                var seen: [String] = []
                let admin = try await client.signIn("admin1")
                for uri in ["/", "/login", "/kandidaten", "/kandidaten?pagina=2", "/gebruikers"] {
                    let response = try await client.get(uri, as: admin)
                    let body = String(buffer: response.body)
                    seen += [uri] + urls(in: body) + response.headers[values: .location]
                    for value in values { #expect(!body.contains(value), "a truth value on \(uri)") }
                }
                #expect(seen.contains { $0.hasPrefix("/kandidaten?pagina=") } || seen.contains("/kandidaten"))
                for url in seen {
                    let decoded = url.removingPercentEncoding ?? url
                    for value in values { #expect(!decoded.contains(value)) }
                }
            }
        }
    }
}

extension TimeZone {
    static var amsterdam: TimeZone { TimeZone(identifier: "Europe/Amsterdam") ?? .gmt }
}

/// What the app logs, at trace level, over a session of use.
@Suite struct WebLogTests {
    @Test("no password, typed name, session token or candidate value reaches a log line")
    func nothingPersonalLogged() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let handler = InMemoryLogHandler()
            var logger = Logger(label: "test") { _ in handler }
            logger.logLevel = .trace
            let values = try WebFixture.sampleNames.flatMap { try TestSupport.truth(for: $0).personal.map(\.text) }
                .filter { $0.count >= 4 }
            let browser = try await fixture.test(logger: logger) { client in
                _ = try await client.postLogin(name: "femke.voskuilen", password: "Voskuilen1989!")
                let browser = try await client.signIn("admin1")
                // A name typed into a URL must not reach the log either (the route pattern is logged).
                for uri in [
                    "/kandidaten", "/kandidaten?pagina=2", "/gebruikers", "/bestaat-niet",
                    "/kandidaten/Femke-Voskuilen",
                    "/zoek/femke.voskuilen",
                ] {
                    _ = try await client.get(uri, as: browser)
                }
                _ = try await client.post("/logout", as: browser, body: "csrf=\(browser.csrf)")
                return browser
            }
            let text = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(text.contains("/kandidaten/{code}") && text.contains("http.status") && text.contains("http.route"))
            #expect(!text.contains("Femke-Voskuilen"))
            let token = String(browser.cookie.dropFirst("cvsieve_session=".count))
            for secret in ["femke.voskuilen", "Voskuilen1989!", WebFixture.password, "admin1", token, browser.csrf] {
                #expect(!text.contains(secret))
            }
            for value in values { #expect(!text.contains(value)) }
        }
    }
}
