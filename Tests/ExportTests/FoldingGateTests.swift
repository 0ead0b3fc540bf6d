import CVModel
import Export
import Extraction
import Foundation
import Testing

/// The leak gate reads what a client reads (decoded HTML and JSON) and folds text the way
/// detection does: diacritics, case and the Turkish i's do not hide a stored value.
@Suite struct FoldingGateTests {
    static let stored: [(category: String, value: String)] = [
        ("name", "Ömer Çelik"), ("name", "Aïcha d'Souza"), ("city", "Zwolle"),
    ]

    @Test("a stored value folded, upper-cased or with the dotted capital İ is still caught")
    func folding() {
        let gate = LeakGate(values: Self.stored)
        #expect(gate.check("Planner bij Celik Transport") == ["name"])
        #expect(gate.check("ÖMER ÇELİK, planner") == ["name"])
        #expect(gate.check("omer celik") == ["name"])
        #expect(gate.check("AICHA") == ["name"])
        #expect(gate.check("Planner bij Transport Noord") == [])
        #expect(TextFolding.fold("ÇELİK") == "celik")
        #expect(TextFolding.fold("çelık") == "celik")
        #expect(TextFolding.fold("ﬁnance  Ａ") == "finance a")
    }

    @Test("HTML character references and JSON escapes do not hide a value", arguments: [ExportFormat.html, .json])
    func decodedFormats(format: ExportFormat) throws {
        let exporter = ProfileExporter { bytes, format in
            try Extractor().extract(bytes: [UInt8](bytes), fileName: "profile.\(format.rawValue)").plainText
        }
        var profile = Profile(
            code: "C-TEST-CODE", headline: "Planner", yearsOfExperience: 3, region: nil, experience: [],
            education: [], certificates: [], languages: [], skills: [], agency: "Uitzendbureau Voorbeeld", footer: "")
        profile.skills = ["D'Souza-methode"]
        #expect(throws: ExportError.leak(categories: ["name"])) {
            try exporter.export(profile, as: format, gate: LeakGate(values: Self.stored))
        }
        profile.skills = ["Çelik-lassen"]
        #expect(throws: ExportError.leak(categories: ["name"])) {
            try exporter.export(profile, as: format, gate: LeakGate(values: Self.stored))
        }
    }
}

/// One career item holding a personal value costs that item, not the whole profile.
@Suite struct ProfileScreenTests {
    @Test("a job title with the home town is left out; the profile renders and passes the gate")
    func leavesOutTheItem() throws {
        let exporter = ProfileExporter { bytes, format in
            try Extractor().extract(bytes: [UInt8](bytes), fileName: "profile.\(format.rawValue)").plainText
        }
        let gate = LeakGate(values: [("city", "Zwolle"), ("nationality", "Nederlandse")])
        let profile = Profile(
            code: "C-TEST-CODE", headline: "Planner Zwolle", yearsOfExperience: 3, region: nil,
            experience: [
                Profile.Job(title: "Planner Zwolle", employer: "Gemeente Zwolle", period: "3 jaar"),
                Profile.Job(title: "Orderpicker", employer: "Opslag Zuid", period: "2 jaar"),
            ],
            education: [], certificates: ["VCA"], languages: [], skills: ["Nederlandse taal en cultuur", "SAP"],
            agency: "Uitzendbureau Voorbeeld", footer: "")
        #expect(throws: ExportError.self) { try exporter.export(profile, as: .md, gate: gate) }
        let (screened, leftOut) = ProfileScreen(gate: gate).screen(profile)
        #expect(screened.experience.map(\.title) == ["Orderpicker"])
        #expect(screened.headline == "Orderpicker")
        #expect(screened.skills == ["SAP"])
        #expect(leftOut.map(\.field).sorted() == ["experience.title", "headline", "skills"])
        for format in ExportFormat.allCases {
            #expect(throws: Never.self) { try exporter.export(screened, as: format, gate: gate) }
        }
    }
}

/// ASCII text folds without the Unicode tables; the result must be the one the full path gives.
@Suite struct ASCIIFoldingTests {
    @Test("ASCII folding: lower case, one space for each run of whitespace, trimmed")
    func ascii() {
        #expect(TextFolding.fold("  Jan\tDE  Vries\r\n") == "jan de vries")
        #expect(TextFolding.fold("J.W. POSTMA-Bakker (BSc)") == "j.w. postma-bakker (bsc)")
        #expect(TextFolding.fold("") == "")
        // The same words through the Unicode path (one accented letter) fold alike.
        #expect(TextFolding.fold("  Jän\tDE  Vries\r\n") == "jan de vries")
        #expect(TextFolding.fold("Ĳsselmeer  Planner") == "ijsselmeer planner")
    }
}
