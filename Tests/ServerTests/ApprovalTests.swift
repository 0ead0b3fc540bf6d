import CVModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Pipeline
import Server
import TestSupport
import Testing

/// `export.require_approval`: a profile goes to a client only after the candidate approved that
/// exact profile; the approval e-mail; the public approval page with its one-time codes.
@Suite struct ApprovalTests {
    static func requiringApproval(_ yaml: String) -> String {
        yaml.replacingOccurrences(
            of: "\n  k: 3",
            with: "\n  require_approval: true\n  approval_url: https://werk.voorbeeld.example/akkoord\n  k: 3")
    }

    @Test(
        "without an approval of this exact profile the export is refused; staff record one and it goes; a changed profile needs a new one"
    )
    func exportNeedsApproval() async throws {
        try await WebFixture.with(samples: true, configure: Self.requiringApproval) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            let folder = fixture.folder
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let export = "csrf=\(recruiter.csrf)&klant=Bouwbedrijf+Zuid+BV&formaat=pdf"
                let refused = try await client.post("/kandidaten/\(code)/profiel/export", as: recruiter, body: export)
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains("nog niet goedgekeurd"))

                let asked = try await client.post(
                    "/kandidaten/\(code)/akkoord", as: recruiter, body: "csrf=\(recruiter.csrf)&taal=nl")
                #expect(asked.status == .ok)
                #expect(asked.headers[.contentDisposition]?.hasSuffix(".eml\"") == true)
                let path = folder.appendingPathComponent("akkoord.eml").path
                try Data(asked.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                let mail = try TestSupport.parseEmail(at: path)
                #expect(mail.defects.isEmpty && mail.parts.allSatisfy { $0.defects.isEmpty })
                #expect(mail.isCRLF && mail.longestLine <= 78)
                #expect(mail.contentType == "multipart/mixed" && mail.hasTo)
                let pdf = try #require(mail.parts.first { $0.type == "application/pdf" })
                #expect(pdf.text.hasPrefix("%PDF-") && pdf.size > 500)
                let text = try #require(mail.parts.first { $0.type == "text/plain" }?.text)
                #expect(text.contains("https://werk.voorbeeld.example/akkoord?code="))

                let approval = try #require(try await service.approvals(of: code).first)
                #expect(approval.isOpen(at: Date()))
                let recorded = try await client.post(
                    "/kandidaten/\(code)/akkoord/\(approval.id)", as: recruiter,
                    body: "csrf=\(recruiter.csrf)&besluit=ja")
                #expect(recorded.status == .seeOther)
                let again = try await client.post(
                    "/kandidaten/\(code)/akkoord/\(approval.id)", as: recruiter,
                    body: "csrf=\(recruiter.csrf)&besluit=nee")
                #expect(again.status == .conflict)
                let page = String(buffer: try await client.get("/kandidaten/\(code)/profiel", as: recruiter).body)
                #expect(page.contains("heeft dit profiel goedgekeurd"))
                let sent = try await client.post("/kandidaten/\(code)/profiel/export", as: recruiter, body: export)
                #expect(sent.status == .ok)

                // A changed city changes the profile's region: the approval no longer covers it.
                _ = try await service.rectify(code, field: "city", value: "Maastricht", at: Date())
                let changed = try await client.post("/kandidaten/\(code)/profiel/export", as: recruiter, body: export)
                #expect(changed.status == .unprocessableContent)
            }
            let actions = try await service.auditRecords(code: code, since: nil).map(\.action)
            #expect(actions.contains("approval-request") && actions.contains("approval-answer"))
        }
    }

    @Test("the latest answer decides: a later refusal or a withdrawal undoes an approval")
    func latestAnswerDecides() async throws {
        try await WebFixture.with(samples: true, configure: Self.requiringApproval) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            let now = Date()
            let first = try await service.requestApproval(code, at: now)
            #expect(try await service.recordApproval(code, id: first.approval.id, approved: true, at: now))
            let profile = try await service.profile(code, at: now)
            #expect(try await service.isCurrentProfileApproved(profile))
            let second = try await service.requestApproval(code, at: now.addingTimeInterval(60))
            #expect(
                try await service.recordApproval(
                    code, id: second.approval.id, approved: false, at: now.addingTimeInterval(120)))
            #expect(try await !service.isCurrentProfileApproved(profile))
            let third = try await service.requestApproval(code, at: now.addingTimeInterval(180))
            #expect(
                try await service.recordApproval(
                    code, id: third.approval.id, approved: true, at: now.addingTimeInterval(240)))
            #expect(try await service.isCurrentProfileApproved(profile))
            #expect(try await service.withdrawApproval(code, at: now.addingTimeInterval(300)) == 2)
            #expect(try await !service.isCurrentProfileApproved(profile))
        }
    }

    @Test("the public page: a code shows the profile once, the answer is recorded once, wrong codes are rate-limited")
    func publicPage() async throws {
        try await WebFixture.with(samples: true, configure: Self.requiringApproval) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            let request = try await service.requestApproval(code, at: Date())
            let secret = request.secret
            let app = ApprovalApp(service: service, settings: WebSettings(port: 0)).application(
                logger: Logger(label: "test"))
            // Live: the rate limit counts per client address, which a real connection has (here
            // loopback, so the address our proxy would forward).
            try await app.test(.live) { client in
                #expect(try await client.get("/kandidaten", as: nil).status == .notFound)
                #expect(try await client.get("/login", as: nil).status == .notFound)
                let form = try await client.get("/akkoord?code=\(secret)", as: nil)
                #expect(form.status == .ok)
                let cookie = try #require(cookieValue(form, "cvsieve_akkoord"))
                let token = try #require(hiddenCSRF(String(buffer: form.body)))
                var browser = Browser(cookie: "cvsieve_akkoord=\(cookie)", csrf: token)
                browser.forwardedFor = "203.0.113.9"

                #expect(
                    try await client.post("/akkoord", as: browser, body: "csrf=wrong&code=\(secret)").status
                        == .forbidden)
                let shown = try await client.post(
                    "/akkoord", as: browser,
                    body: "csrf=\(token)&code=\(secret.lowercased().replacingOccurrences(of: "-", with: "+"))")
                #expect(shown.status == .ok)
                let page = String(buffer: shown.body)
                #expect(page.contains("class=\"profile\"") && page.contains("Ja, akkoord"))
                let values = try await service.candidateRecord(code, at: Date()).values.filter { $0.category != "city" }
                for value in values where value.value.count >= 4 { #expect(!page.contains(value.value)) }

                let answered = try await client.post(
                    "/akkoord/antwoord", as: browser, body: "csrf=\(token)&code=\(secret)&besluit=ja")
                #expect(answered.status == .ok && String(buffer: answered.body).contains("akkoord is vastgelegd"))
                let reused = try await client.post(
                    "/akkoord/antwoord", as: browser, body: "csrf=\(token)&code=\(secret)&besluit=nee")
                #expect(reused.status == .notFound)

                var statuses: [HTTPResponse.Status] = []
                for attempt in 0..<11 {
                    let wrong = try await client.post(
                        "/akkoord", as: browser, body: "csrf=\(token)&code=BCDF-GHJK-\(1000 + attempt)")
                    statuses.append(wrong.status)
                }
                // The used code above counted as one wrong code: nine more pass, then the limit holds.
                #expect(statuses.prefix(9).allSatisfy { $0 == .notFound })
                #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
            }
            let approval = try #require(try await service.approvals(of: code).first)
            #expect(approval.isApproved == true && approval.answeredBy == "candidate")
        }
    }
}
