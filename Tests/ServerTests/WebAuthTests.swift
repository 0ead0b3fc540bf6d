import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Pipeline
import Server
import Testing

/// Log-in, sessions and CSRF, through the router with the real SQLite vault.
@Suite struct WebAuthTests {
    @Test("every page but the log-in page and the stylesheet sends a stranger to the log-in page")
    func loginRequired() async throws {
        try await WebFixture.with { fixture in
            try await fixture.test { client in
                for uri in ["/", "/kandidaten", "/kandidaten?pagina=2", "/gebruikers", "/onbekend"] {
                    let response = try await client.get(uri, as: nil)
                    #expect(response.status == .seeOther, "\(uri)")
                    if uri != "/" { #expect(response.headers[.location] == "/login", "\(uri)") }
                }
                let logout = try await client.post("/logout", as: nil, body: "")
                #expect(logout.status == .seeOther)
                #expect(try await client.get("/login", as: nil).status == .ok)
                #expect(try await client.get("/static/app.css", as: nil).status == .ok)
            }
        }
    }

    @Test("a wrong password or an unknown name is refused without a session, and says neither which")
    func wrongPasswordRefused() async throws {
        try await WebFixture.with { fixture in
            try await fixture.test { client in
                for (name, password) in [("recruiter1", "wrong password here"), ("nobody", WebFixture.password)] {
                    let response = try await client.postLogin(name: name, password: password)
                    #expect(response.status == .unauthorized)
                    #expect(cookieValue(response, "cvsieve_session") == nil)
                    #expect(String(buffer: response.body).contains("Onjuiste naam of wachtwoord."))
                }
                let signedIn = try await client.postLogin(name: "recruiter1", password: WebFixture.password)
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/overzicht")
            }
        }
    }

    @Test("a disabled account cannot sign in, and its open session ends")
    func disabledAccount() async throws {
        try await WebFixture.with { fixture in
            let service = fixture.service
            try await fixture.test { client in
                let browser = try await client.signIn("recruiter1")
                _ = try await service.disableAccount(name: "recruiter1", at: Date())
                #expect(try await client.get("/kandidaten", as: browser).status == .seeOther)
                let again = try await client.postLogin(name: "recruiter1", password: WebFixture.password)
                #expect(again.status == .unauthorized)
            }
        }
    }

    @Test("after five failures the name is locked for a while, even with the right password")
    func loginRateLimited() async throws {
        try await WebFixture.with { fixture in
            let clock = fixture.clock
            try await fixture.test { client in
                for _ in 0..<5 {
                    #expect(
                        try await client.postLogin(name: "admin1", password: "not the password").status == .unauthorized
                    )
                }
                let limited = try await client.postLogin(name: "admin1", password: WebFixture.password)
                #expect(limited.status == .tooManyRequests)
                #expect(cookieValue(limited, "cvsieve_session") == nil)
                clock.advance(16 * 60)
                #expect(try await client.postLogin(name: "admin1", password: WebFixture.password).status == .seeOther)
            }
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Strict, Secure only behind TLS")
    func cookieAttributes() async throws {
        for isBehindTLS in [false, true] {
            try await WebFixture.with { fixture in
                fixture.settings.isBehindTLS = isBehindTLS
                try await fixture.test { client in
                    let response = try await client.postLogin(name: "recruiter1", password: WebFixture.password)
                    let header = try #require(setCookie(response, "cvsieve_session"))
                    #expect(header.contains("HttpOnly"))
                    #expect(header.contains("SameSite=Strict"))
                    #expect(header.contains("Secure") == isBehindTLS)
                    #expect(!header.contains("Max-Age") && !header.contains("Expires"))
                }
            }
        }
    }

    @Test("a session ends after 30 idle minutes, and after 12 hours however busy")
    func sessionExpiry() async throws {
        try await WebFixture.with { fixture in
            let clock = fixture.clock
            try await fixture.test { client in
                let idle = try await client.signIn("recruiter1")
                clock.advance(29 * 60)
                #expect(try await client.get("/kandidaten", as: idle).status == .ok)
                clock.advance(29 * 60)
                #expect(try await client.get("/kandidaten", as: idle).status == .ok)
                clock.advance(31 * 60)
                #expect(try await client.get("/kandidaten", as: idle).status == .seeOther)

                let busy = try await client.signIn("recruiter1")
                for _ in 0..<(12 * 3) {
                    #expect(try await client.get("/kandidaten", as: busy).status == .ok)
                    clock.advance(20 * 60)
                }
                // 12 hours and a minute after the log-in (the vault keeps times to the millisecond).
                clock.advance(60)
                #expect(try await client.get("/kandidaten", as: busy).status == .seeOther)
            }
        }
    }

    @Test("a form without the session's CSRF token is refused and changes nothing")
    func csrfRefused() async throws {
        try await WebFixture.with { fixture in
            let recruiterID = fixture.recruiter.id
            let service = fixture.service
            try await fixture.test { client in
                let admin = try await client.signIn("admin1")
                let other = try await client.signIn("privacy1")
                for body in ["", "csrf=", "csrf=\(String(repeating: "0", count: 64))", "csrf=\(other.csrf)"] {
                    let disable = try await client.post(
                        "/gebruikers/\(recruiterID)/uitschakelen", as: admin, body: body)
                    #expect(disable.status == .forbidden, "\(body.prefix(5))")
                    #expect(try await client.post("/logout", as: admin, body: body).status == .forbidden)
                }
                #expect(try await service.accounts().allSatisfy { !$0.isDisabled })
                #expect(try await client.get("/kandidaten", as: admin).status == .ok)

                // The log-in form: its token must match the log-in cookie.
                let page = try await client.get("/login", as: nil)
                let token = try #require(hiddenCSRF(String(buffer: page.body)))
                let forged = try await client.post(
                    "/login", as: nil, body: "csrf=\(token)&naam=admin1&wachtwoord=\(form(WebFixture.password))")
                #expect(forged.status == .forbidden)

                let logout = try await client.post("/logout", as: admin, body: "csrf=\(admin.csrf)")
                #expect(logout.status == .seeOther)
                #expect(setCookie(logout, "cvsieve_session")?.contains("Max-Age=0") == true)
                #expect(try await client.get("/kandidaten", as: admin).status == .seeOther)
            }
        }
    }

    @Test("log-in, refusal and log-out are audited by account id, never by name")
    func auditedByID() async throws {
        try await WebFixture.with { fixture in
            let service = fixture.service
            let recruiter = fixture.recruiter
            try await fixture.test { client in
                _ = try await client.postLogin(name: "recruiter1", password: "not the password")
                let browser = try await client.signIn("recruiter1")
                _ = try await client.post("/logout", as: browser, body: "csrf=\(browser.csrf)")
            }
            let records = try await service.auditRecords(code: nil, since: nil)
            let actions = records.map(\.action)
            for action in [AuditAction.accountAdd, .loginRefused, .login, .logout] {
                #expect(actions.contains(action.rawValue), "\(action)")
            }
            #expect(records.contains { $0.action == "login" && $0.actor == recruiter.auditActor })
            for record in records {
                #expect(!record.detail.contains("recruiter1") && !record.actor.contains("recruiter1"))
            }
            #expect(try await service.verifyAudit().isIntact)
        }
    }
}
