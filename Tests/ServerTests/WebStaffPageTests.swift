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

/// The staff pages (overview, candidate, profile, requests, record of processing, audit, upload)
/// through the router, with the real SQLite vault and samples run through the real pipeline.
@Suite struct WebStaffPageTests {
    /// Every staff page with the least role that may open it.
    static func pages(code: String) -> [(path: String, role: AccountRole)] {
        [
            ("/overzicht", .recruiter), ("/uploaden", .recruiter), ("/kandidaten", .recruiter),
            ("/kandidaten/\(code)", .recruiter), ("/kandidaten/\(code)/profiel", .recruiter),
            ("/kandidaten/\(code)/informatie", .recruiter), ("/kandidaten/\(code)/wissen", .privacyOfficer),
            ("/verzoeken", .privacyOfficer),
            ("/verwerkingsregister", .privacyOfficer), ("/audit", .privacyOfficer), ("/gebruikers", .admin),
            ("/configuratie", .admin),
        ]
    }

    /// Every action on a candidate with the least role that may take it and a valid form.
    static func actions(code: String) -> [(path: String, role: AccountRole, form: String)] {
        [
            ("/kandidaten/\(code)/contact", .recruiter, ""),
            ("/kandidaten/\(code)/sollicitatie-einde", .recruiter, ""),
            ("/kandidaten/\(code)/overeenkomst-start", .recruiter, ""),
            ("/kandidaten/\(code)/toestemming", .recruiter, "doel=application&besluit=geven"),
            ("/kandidaten/\(code)/beperken", .privacyOfficer, ""),
            ("/kandidaten/\(code)/bezwaar", .privacyOfficer, ""),
            ("/kandidaten/\(code)/bewaarplicht", .privacyOfficer, "reden=dossier+arbeidsconflict"),
            ("/kandidaten/\(code)/corrigeren", .privacyOfficer, "veld=city&waarde=Zwolle"),
            ("/kandidaten/\(code)/verzoek", .privacyOfficer, "soort=access"),
            ("/kandidaten/\(code)/wissen", .privacyOfficer, ""),
            ("/verzoeken", .privacyOfficer, "code=\(code)&soort=access"),
        ]
    }

    @Test("each role opens exactly the pages of its role and those below it; the rest answer 403")
    func pagesByRole() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let code = try #require(try await fixture.service.candidates().first?.code)
            try await fixture.test { client in
                for (name, role) in [
                    ("recruiter1", AccountRole.recruiter), ("privacy1", .privacyOfficer), ("admin1", .admin),
                ] {
                    let browser = try await client.signIn(name)
                    for page in Self.pages(code: code) {
                        let response = try await client.get(page.path, as: browser)
                        #expect(
                            response.status == (role.includes(page.role) ? .ok : .forbidden), "\(name) \(page.path)")
                        if response.status == .ok {
                            let html = String(buffer: response.body)
                            #expect(html.components(separatedBy: "<h1>").count == 2, "one h1 on \(page.path)")
                        }
                    }
                }
                for page in Self.pages(code: code) {
                    #expect(try await client.get(page.path, as: nil).status == .seeOther, "signed out: \(page.path)")
                }
            }
        }
    }

    @Test("a recruiter's attempt at a privacy officer's action is refused and changes nothing")
    func actionsByRole() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            let before = try await service.auditRecords(code: nil, since: nil).count
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                for action in Self.actions(code: code) where action.role == .privacyOfficer {
                    let response = try await client.post(
                        action.path, as: recruiter, body: "csrf=\(recruiter.csrf)&\(action.form)")
                    #expect(response.status == .forbidden, "\(action.path)")
                }
            }
            let candidate = try #require(try await service.candidates().first { $0.code == code })
            #expect(!candidate.isRestricted && !candidate.hasObjected && candidate.holdReason == nil)
            #expect(try await service.requests(includeCompleted: true, at: Date()).isEmpty)
            let actions = try await service.auditRecords(code: nil, since: nil).dropFirst(before).map(\.action)
            #expect(actions.allSatisfy { ["login", "view"].contains($0) }, "\(actions)")
        }
    }

    @Test("every action without the session's CSRF token is refused before it runs")
    func actionsNeedCSRF() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let before = try await service.auditRecords(code: code, since: nil).count
                for action in Self.actions(code: code) {
                    for token in ["", "csrf=\(String(officer.csrf.reversed()))&"] {
                        let response = try await client.post(action.path, as: officer, body: token + action.form)
                        #expect(response.status == .forbidden, "\(action.path)")
                    }
                }
                #expect(try await service.auditRecords(code: code, since: nil).count == before)
                #expect(try await client.get("/kandidaten/\(code)", as: officer).status == .ok)
            }
        }
    }

    @Test("the actions record their events under the account's id and say so on the page")
    func actionsRecorded() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let officerID = fixture.privacyOfficer.id
            let code = try #require(try await service.candidates().first?.code)
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                for action in Self.actions(code: code) where !action.path.hasSuffix("/wissen") {
                    let response = try await client.post(
                        action.path, as: officer, body: "csrf=\(officer.csrf)&\(action.form)")
                    #expect(response.status == .seeOther, "\(action.path)")
                    let target = try #require(response.headers[.location])
                    let page = String(buffer: try await client.get(target, as: officer).body)
                    #expect(page.contains("role=\"status\""), "\(action.path)")
                }
            }
            let records = try await service.auditRecords(code: code, since: nil)
            let actions = Set(records.map(\.action))
            for expected in [
                "contact", "application-end", "agreement-start", "consent", "restrict", "object", "hold", "rectify",
                "request",
            ] {
                #expect(actions.contains(expected), "\(expected)")
            }
            #expect(records.filter { $0.action != "ingest" }.allSatisfy { $0.actor == "account:\(officerID)" })
            let candidate = try #require(try await service.candidates().first { $0.code == code })
            #expect(candidate.isRestricted && candidate.hasObjected && candidate.holdReason != nil)
            #expect(
                try await service.candidateRecord(code, at: Date()).values.contains {
                    $0.category == "city" && $0.value == "Zwolle"
                })
        }
    }

    @Test("no stored value appears in any URL of any page, and the staff pages show the values they should")
    func noValueInURLs() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let candidates = try await service.candidates()
            var values: [String] = []
            for candidate in candidates {
                values += try await service.candidateRecord(candidate.code, at: Date()).values.map(\.value).filter {
                    $0.count >= 4
                }
            }
            #expect(!values.isEmpty)
            let stored = values
            try await fixture.test { client in
                let admin = try await client.signIn("admin1")
                var seen: [String] = []
                for candidate in candidates {
                    for page in Self.pages(code: candidate.code) {
                        let response = try await client.get(page.path, as: admin)
                        #expect(response.status == .ok)
                        seen += urls(in: String(buffer: response.body))
                        seen += response.headers[values: .location]
                    }
                }
                #expect(seen.count > 50)
                for url in seen {
                    let decoded = url.removingPercentEncoding ?? url
                    for value in stored { #expect(!decoded.lowercased().contains(value.lowercased())) }
                }
                let code = try #require(candidates.first?.code)
                let page = String(buffer: try await client.get("/kandidaten/\(code)", as: admin).body)
                let own = try await service.candidateRecord(code, at: Date()).values
                #expect(own.contains { page.contains(escaped($0.value)) })
            }
        }
    }

    @Test("a profile passes the leak gate as a download, and the disclosure names the client")
    func exportDownload() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let page = String(buffer: try await client.get("/kandidaten/\(code)/profiel", as: recruiter).body)
                #expect(page.contains("Zo ontvangt de klant het profiel") && page.contains("opgeslagen"))
                for format in ["pdf", "docx", "html", "md", "json"] {
                    let response = try await client.post(
                        "/kandidaten/\(code)/profiel/export", as: recruiter,
                        body: "csrf=\(recruiter.csrf)&klant=Bouwbedrijf+Zuid+BV&formaat=\(format)")
                    #expect(response.status == .ok, "\(format)")
                    let disposition = try #require(response.headers[.contentDisposition])
                    #expect(disposition.hasPrefix("attachment;") && disposition.contains(".\(format)\""))
                    #expect(response.body.readableBytes > 100)
                    if format == "pdf" { #expect(String(buffer: response.body).hasPrefix("%PDF-")) }
                }
                let missing = try await client.post(
                    "/kandidaten/\(code)/profiel/export", as: recruiter, body: "csrf=\(recruiter.csrf)&formaat=pdf")
                #expect(missing.status == .badRequest)
            }
            let disclosures = try await service.candidateRecord(code, at: Date()).disclosures
            #expect(disclosures.count == 5 && disclosures.allSatisfy { $0.client == "Bouwbedrijf Zuid BV" })
        }
    }

    @Test("a leak-gate refusal shows the category, never the value, and discloses nothing")
    func leakRefusal() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            // The agency's own name, printed on every profile, stored as the candidate's name: the
            // rendered file then holds a stored value, which the gate must refuse.
            let agency = service.config.export.agency
            _ = try await service.rectify(code, field: "name", value: agency, at: Date())
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let page = String(buffer: try await client.get("/kandidaten/\(code)/profiel", as: recruiter).body)
                #expect(page.contains("lekcontrole weigerde") && page.contains("(naam)"))
                let response = try await client.post(
                    "/kandidaten/\(code)/profiel/export", as: recruiter,
                    body: "csrf=\(recruiter.csrf)&klant=Bouwbedrijf+Zuid+BV&formaat=pdf")
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentDisposition] == nil)
                let refusal = String(buffer: response.body)
                #expect(refusal.contains("role=\"alert\"") && refusal.contains("(naam)"))
            }
            #expect(try await service.candidateRecord(code, at: Date()).disclosures.isEmpty)
            let refused = try await service.auditRecords(code: code, since: nil).filter {
                $0.action == "export-refused"
            }
            #expect(refused.count == 1)
            #expect(!refused[0].detail.contains(agency))
        }
    }

    @Test("erasure: the confirmation lists the clients to inform; afterwards the candidate is gone")
    func erasure() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            _ = try await service.export(
                code: code, client: "Installatietechniek Noord BV", format: .md,
                out: fixture.folder.appendingPathComponent("p.md").path, strict: false, at: Date())
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let confirm = String(buffer: try await client.get("/kandidaten/\(code)/wissen", as: officer).body)
                #expect(confirm.contains("Installatietechniek Noord BV") && confirm.contains("Definitief wissen"))
                let erased = try await client.post(
                    "/kandidaten/\(code)/wissen", as: officer, body: "csrf=\(officer.csrf)")
                #expect(erased.status == .ok)
                #expect(String(buffer: erased.body).contains("Installatietechniek Noord BV"))
                #expect(try await client.get("/kandidaten/\(code)", as: officer).status == .notFound)
                #expect(!String(buffer: try await client.get("/kandidaten", as: officer).body).contains(code))
            }
            #expect(try await service.auditRecords(code: code, since: nil).contains { $0.action == "erase" })
        }
    }

    @Test("a legal hold blocks erasure with a page that says why")
    func holdBlocksErasure() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            try await service.hold(code, reason: "lopende procedure", at: Date())
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let response = try await client.post(
                    "/kandidaten/\(code)/wissen", as: officer, body: "csrf=\(officer.csrf)")
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("bewaarplicht"))
            }
            #expect(try await service.candidates().contains { $0.code == code })
        }
    }

    @Test("requests: recorded, extended with a reason, and an access request answered as a download")
    func requests() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let received = try await client.post(
                    "/verzoeken", as: officer, body: "csrf=\(officer.csrf)&code=\(code.lowercased())&soort=access")
                #expect(received.status == .seeOther)
                let request = try #require(try await service.requests(includeCompleted: false, at: Date()).first)
                let unknown = try await client.post(
                    "/verzoeken", as: officer, body: "csrf=\(officer.csrf)&code=C-0000-0000&soort=access")
                #expect(unknown.status == .notFound)
                let badDate = try await client.post(
                    "/verzoeken/\(request.id)/verlengen", as: officer,
                    body: "csrf=\(officer.csrf)&tot=2027-02-30&reden=complex")
                #expect(badDate.status == .badRequest)
                let extended = try await client.post(
                    "/verzoeken/\(request.id)/verlengen", as: officer,
                    body: "csrf=\(officer.csrf)&tot=2027-02-28&reden=complex+verzoek")
                #expect(extended.status == .seeOther)
                let list = String(buffer: try await client.get("/verzoeken", as: officer).body)
                #expect(list.contains("28-02-2027") && list.contains("complex verzoek"))
                let download = try await client.post(
                    "/verzoeken/\(request.id)/inzage", as: officer, body: "csrf=\(officer.csrf)")
                #expect(download.status == .ok)
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                let report =
                    try JSONSerialization.jsonObject(with: Data(download.body.readableBytesView)) as? [String: Any]
                #expect(report?["code"] as? String == code)
            }
            #expect(try await service.requests(includeCompleted: false, at: Date()).isEmpty)
        }
    }

    @Test("the record of processing lists every purpose; the audit page checks the chain and filters by code")
    func registerAndAudit() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let codes = try await service.candidates().map(\.code)
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let register = String(buffer: try await client.get("/verwerkingsregister", as: officer).body)
                for purpose in service.config.purposes.keys { #expect(register.contains(purpose)) }
                let audit = String(buffer: try await client.get("/audit?code=\(codes[0])", as: officer).body)
                #expect(audit.contains("is intact"))
                #expect(audit.contains(codes[0]) && !audit.contains(codes[1]))
            }
        }
    }

    @Test("the overview shows the inbox per channel, the quarantine, the last run and the requests due")
    func overview() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            _ = try await service.receiveRequest(code, kind: .erase, at: Date().addingTimeInterval(-40 * 24 * 3600))
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let page = String(buffer: try await client.get("/overzicht", as: officer).body)
                #expect(page.contains("sollicitatie") && page.contains("Laatste verwerking:"))
                #expect(page.contains("2 opgeslagen"))
                #expect(page.contains("te laat") && page.contains(code))
                let recruiter = try await client.signIn("recruiter1")
                let recruiterPage = String(buffer: try await client.get("/overzicht", as: recruiter).body)
                #expect(!recruiterPage.contains("te laat"))
            }
        }
    }

    @Test("an upload lands in the channel's inbox like a dropped file and each file's outcome is shown")
    func upload() async throws {
        try await WebFixture.with { fixture in
            let sample = TestSupport.samplesFolder.appendingPathComponent("nl-single-column.pdf")
            let damaged = TestSupport.samplesFolder.appendingPathComponent("hostile/truncated.pdf")
            let boundary = "----cvsieve-test-boundary"
            let files = [
                ("bestanden", "../../cv.pdf", try Data(contentsOf: sample)),
                ("map", "map/kapot.pdf", try Data(contentsOf: damaged)),
            ]
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let body = multipart(
                    boundary: boundary, fields: [("csrf", recruiter.csrf), ("kanaal", "sollicitatie")], files: files)
                var headers = recruiter.headers
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                let response = try await client.execute(
                    uri: "/uploaden", method: .post, headers: headers, body: ByteBuffer(bytes: body)
                ) { $0 }
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("opgeslagen als") && page.contains("in quarantaine: corrupt_pdf"))
                #expect(page.contains(">cv.pdf<") && !page.contains("../"))

                var wrongToken = headers
                wrongToken[.contentType] = "multipart/form-data; boundary=\(boundary)"
                let forged = Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nwrong\r\n--\(boundary)--\r\n"
                        .utf8)
                let refused = try await client.execute(
                    uri: "/uploaden", method: .post, headers: wrongToken, body: ByteBuffer(bytes: forged)
                ) { $0 }
                #expect(refused.status == .forbidden)
            }
            #expect(try await fixture.service.candidates().count == 1)
            let inbox = fixture.folder.appendingPathComponent("inbox/sollicitatie").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).isEmpty)
        }
    }

    @Test("the interface is Dutch by default and English after the switch, on every page, signed in or not")
    func languageSwitch() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let code = try #require(try await fixture.service.candidates().first?.code)
            try await fixture.test { client in
                let dutch = String(buffer: try await client.get("/login", as: nil).body)
                #expect(dutch.contains("<html lang=\"nl\">") && dutch.contains("Aanmelden"))
                let switched = try await client.get("/taal/en", as: nil)
                #expect(switched.status == .seeOther)
                let cookie = try #require(cookieValue(switched, "cvsieve_taal"))
                #expect(cookie == "en")
                #expect(try await client.get("/taal/fr", as: nil).status == .notFound)
                let english = try await client.execute(
                    uri: "/login", method: .get, headers: [.cookie: "cvsieve_taal=en"]
                ) { $0 }
                #expect(String(buffer: english.body).contains("Sign in"))
                var admin = try await client.signIn("admin1")
                admin.cookie += "; cvsieve_taal=en"
                for page in Self.pages(code: code) {
                    let html = String(buffer: try await client.get(page.path, as: admin).body)
                    #expect(html.contains("<html lang=\"en\">") && html.contains("Sign out"), "\(page.path)")
                    for dutchWord in ["Kandidaten</a>", "Afmelden", "Verzoeken</a>", "Bewaren tot", "Terug naar"] {
                        #expect(!html.contains(dutchWord), "\(page.path): \(dutchWord)")
                    }
                }
            }
        }
    }

    @Test("the information notice: shown in either language, downloaded as an e-mail, and recorded as sent")
    func notice() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            let folder = fixture.folder
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let dutch = String(buffer: try await client.get("/kandidaten/\(code)/informatie", as: recruiter).body)
                #expect(dutch.contains("Autoriteit Persoonsgegevens"))
                let english = String(
                    buffer: try await client.get("/kandidaten/\(code)/informatie?taal=en", as: recruiter).body)
                #expect(english.contains("right to") || english.contains("rights"))
                let download = try await client.post(
                    "/kandidaten/\(code)/informatie", as: recruiter,
                    body: "csrf=\(recruiter.csrf)&taal=nl&formaat=eml")
                #expect(download.status == .ok)
                let path = folder.appendingPathComponent("notice.eml").path
                try Data(download.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                let mail = try TestSupport.parseEmail(at: path)
                #expect(mail.defects.isEmpty && mail.hasTo)
            }
            let records = try await service.auditRecords(code: code, since: nil).filter { $0.action == "notice" }
            #expect(records.count == 1)
        }
    }

    @Test("Kandidaten filters by flag and state and sorts by code either way; unknown parameters are ignored")
    func candidateFilters() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let codes = try await service.candidates().map(\.code).sorted()
            #expect(codes.count == 2)
            try await service.hold(codes[1], reason: "lopende procedure", at: Date())
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                func listed(_ query: String) async throws -> [String] {
                    let html = String(buffer: try await client.get("/kandidaten?\(query)", as: recruiter).body)
                    return codes.filter { html.contains(">\($0)<") }.sorted {
                        html.range(of: ">\($0)<")!.lowerBound < html.range(of: ">\($1)<")!.lowerBound
                    }
                }
                #expect(try await listed("kenmerk=on_hold") == [codes[1]])
                #expect(try await listed("status=placed").isEmpty)
                #expect(try await listed("sorteer=code") == codes)
                #expect(try await listed("sorteer=-code") == codes.reversed())
                #expect(try await listed("sorteer=%3Cscript%3E&status=nope&pagina=99") == codes)
            }
        }
    }

    @Test(
        "a kept original's pages are shown with the values boxed, a DOCX as marked text; restriction limits it to the privacy officer"
    )
    func originals() async throws {
        let keepOriginals = { (yaml: String) in
            yaml.replacingOccurrences(of: "originals: {keep: 0d}", with: "originals: {keep: 30d}")
        }
        try await WebFixture.with(samples: true, configure: keepOriginals) { fixture in
            let service = fixture.service
            let codes = try await service.candidates().map(\.code)
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                var pages: [String] = []
                for code in codes {
                    let response = try await client.get("/kandidaten/\(code)/origineel", as: recruiter)
                    #expect(response.status == .ok)
                    pages.append(String(buffer: response.body))
                }
                #expect(pages.contains { $0.contains("<img src=\"data:image/png;base64,iVBORw0KGgo") })
                #expect(pages.contains { $0.contains("<mark class=\"mark-contact\"") })
                #expect(pages.allSatisfy { $0.contains("class=\"legend\"") })
                _ = try await service.restrict(.code(codes[0]), isObjection: false, at: Date())
                #expect(try await client.get("/kandidaten/\(codes[0])/origineel", as: recruiter).status == .forbidden)
                let officer = try await client.signIn("privacy1")
                #expect(try await client.get("/kandidaten/\(codes[0])/origineel", as: officer).status == .ok)
            }
            let views = try await service.auditRecords(code: nil, since: nil).filter { $0.action == "original-view" }
            #expect(views.count == 3)
        }
    }

    @Test("without a kept original the page says so; a quarantined file is shown from the overview")
    func noOriginalAndQuarantine() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let code = try #require(try await service.candidates().first?.code)
            try TestSupport.dropSamples(
                [TestSupport.samplesFolder.appendingPathComponent("hostile/truncated.pdf")], into: fixture.folder)
            _ = try await service.runBatch(
                at: Date(), logger: .init(label: "test"), workerCommand: TestSupport.workerCommand)
            let id = try #require(try await service.overview(at: Date()).quarantined.first?.id)
            try await fixture.test { client in
                let recruiter = try await client.signIn("recruiter1")
                let none = String(buffer: try await client.get("/kandidaten/\(code)/origineel", as: recruiter).body)
                #expect(none.contains("geen origineel bewaard"))
                let overview = String(buffer: try await client.get("/overzicht", as: recruiter).body)
                #expect(overview.contains("/overzicht/quarantaine/\(id)"))
                let quarantined = try await client.get("/overzicht/quarantaine/\(id)", as: recruiter)
                #expect(quarantined.status == .ok)
                #expect(String(buffer: quarantined.body).contains("kan niet worden getoond"))
                #expect(try await client.get("/overzicht/quarantaine/..%2Fvault", as: recruiter).status == .notFound)
                let retried = try await client.post(
                    "/overzicht/quarantaine/opnieuw", as: recruiter, body: "csrf=\(recruiter.csrf)&id=\(id)")
                #expect(retried.headers[.location] == "/overzicht?melding=opnieuw")
            }
            let inbox = fixture.folder.appendingPathComponent("inbox/sollicitatie").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).contains { $0.hasPrefix("retry-") })
            let retries = try await service.auditRecords(code: nil, since: nil).filter { $0.action == "retry" }
            #expect(retries.count == 1 && retries[0].actor == "account:\(fixture.recruiter.id)")
        }
    }

    @Test("a huge page number, a portability request and an upload's audit record")
    func reviewFindings() async throws {
        try await WebFixture.with(samples: true) { fixture in
            let service = fixture.service
            let codes = try await service.candidates().map(\.code)
            let access = try await service.receiveRequest(codes[0], kind: .access, at: Date())
            let portability = try await service.receiveRequest(codes[0], kind: .portability, at: Date())
            try await fixture.test { client in
                let officer = try await client.signIn("privacy1")
                let huge = try await client.get("/kandidaten?pagina=9223372036854775807", as: officer)
                #expect(huge.status == .ok)
                let answered = try await client.post(
                    "/verzoeken/\(portability)/inzage", as: officer, body: "csrf=\(officer.csrf)")
                #expect(answered.status == .ok)
            }
            let open = try await service.requests(includeCompleted: false, at: Date()).map(\.id)
            #expect(open == [access])
            _ = try await service.acting(as: "account:9").receiveUploads(
                [Service.Upload(name: "cv.pdf", bytes: Data("not a pdf".utf8))], channel: "sollicitatie", at: Date(),
                logger: .init(label: "test"), workerCommand: TestSupport.workerCommand)
            let uploads = try await service.auditRecords(code: nil, since: nil).filter { $0.action == "upload" }
            #expect(uploads.count == 1 && uploads[0].actor == "account:9")
            #expect(uploads.first?.detail.contains("quarantined") == true)
            #expect(uploads.first?.detail.contains("cv.pdf") == false)
        }
    }

    @Test("the configuration check reads pipeline.yml as it is on disk and shows its error with the line")
    func configurationCheck() async throws {
        try await WebFixture.with { fixture in
            let file = fixture.service.config.file
            try await fixture.test { client in
                let admin = try await client.signIn("admin1")
                let valid = String(buffer: try await client.get("/configuratie", as: admin).body)
                #expect(valid.contains("in orde") && valid.contains("sollicitatie"))
                let yaml = try String(contentsOfFile: file, encoding: .utf8)
                try (yaml + "\nunknown_key: 1\n").write(toFile: file, atomically: true, encoding: .utf8)
                let broken = String(buffer: try await client.get("/configuratie", as: admin).body)
                #expect(broken.contains("role=\"alert\"") && broken.contains("unknown_key"))
                let recruiter = try await client.signIn("recruiter1")
                #expect(try await client.get("/configuratie", as: recruiter).status == .forbidden)
            }
        }
    }

    @Test("upload names are cleaned to one safe name: no folders, no leading dots, no control characters")
    func uploadNames() {
        #expect(Service.uploadName("../../etc/passwd") == "passwd")
        #expect(Service.uploadName("map\\sub\\cv.docx") == "cv.docx")
        #expect(Service.uploadName("..") == "upload")
        #expect(Service.uploadName(".hidden.pdf") == "hidden.pdf")
        #expect(Service.uploadName("a\u{0}b\nc.pdf") == "abc.pdf")
        let long = Service.uploadName(String(repeating: "x", count: 300) + ".pdf")
        #expect(long.utf8.count <= 120 && long.hasSuffix(".pdf"))
        // A long "extension" is not one: cut once, never looping.
        let dotted = Service.uploadName("cv." + String(repeating: "y", count: 130))
        #expect(dotted.utf8.count <= 120 && dotted.hasPrefix("cv.y"))
        let early = Service.uploadName("Dhr. Jansen sollicitatie " + String(repeating: "z", count: 200))
        #expect(early.utf8.count <= 120 && early.hasPrefix("Dhr"))
        #expect(Service.uploadName(String(repeating: "é", count: 100) + ".docx").utf8.count <= 120)
        // Names intake would skip get a neutral one, so no upload lies unseen in the inbox.
        #expect(Service.uploadName(" .verborgen.pdf") == "verborgen.pdf")
        #expect(Service.uploadName("~$cv.docx") == "upload.docx")
        #expect(Service.uploadName("cv.pdf.part") == "upload")
        #expect(Service.uploadName("cv.tmp") == "upload")
    }
}

/// A `multipart/form-data` body as a browser sends it.
func multipart(boundary: String, fields: [(String, String)], files: [(String, String, Data)]) -> Data {
    var body = Data()
    for (name, value) in fields {
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    for (field, fileName, content) in files {
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\nContent-Type: application/pdf\r\n\r\n"
                .utf8)
        body += content + Data("\r\n".utf8)
    }
    return body + Data("--\(boundary)--\r\n".utf8)
}

/// `text` as the pages escape it.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}
