import Foundation
import Pipeline
import TestSupport
import Testing

/// ``CorpusScorer`` against score.py itself on a small made-up corpus with the cases the real
/// corpus may not hold today: soft hyphens, dashes, no-break spaces, fullwidth digits, a final
/// sigma, name particles, e-mail local parts, quasi-identifiers inside career items, the 0.6
/// recall rule, both career schemas, a skipped label, a missing output, a file without findings.
/// All names and numbers are invented.
@Suite(
    .enabled(
        if: RealCorpus.isPresent || RealCorpus.isCI,
        "the shared corpus (and its score.py) is not at ../shared/corpus; under CI=true this fails instead"))
struct CorpusScorerTests {
    static let labels: [String: String] = [
        "a1": #"""
        {"id": "a1", "text_extractable": true,
         "pii": {"name": ["Anna van der Berg-Smit", "J. de Vries", "Olaf ter Horst"],
                 "email": ["anna.berg@voorbeeld.test", "ab@voorbeeld.test"],
                 "phone": ["+31 6 1234 5678", "12"], "address": ["Lange Voorhout 12"],
                 "city": ["Den Haag", "Zwolle", "Assen"], "gender": ["vrouw"], "nationality": ["Nederlandse"],
                 "iban": ["NL91 ABNA 0417 1643 00"], "url": "voorbeeld.test/anna", "photo": true,
                 "marital_status": ["gehuwd"], "other": [1, "x", "  y ", "Kees Jansen", null],
                 "birth_date": "０１-０２-１９９０"},
         "career": {"job_titles": ["Beleids\u00admedewerker Zwolle", "ΟΔΟΣ Analist", 7],
                    "employers": ["Gemeente Den Haag", "Zwolle", "Zwolle"],
                    "education": [{"degree": "MSc Bestuurskunde", "institution": "Universiteit Leiden", "year": ""},
                                  "loose"],
                    "certificates": [{"name": "VCA"}, "Rijbewijs B", {"other": 1}],
                    "languages": [{"language": "Engels"}, "Duits", "  "],
                    "skills": ["Excel", {"name": "SQL"}, "Go", "Kees Jansen", "Python"]}}
        """#,
        "a2": #"""
        {"id": "a2", "pii": {"phone": ["06\u20131234\u20135679"], "city": "Assen", "name": ["Piet Bakker"],
                             "bsn": ["999947382"]},
         "career": {"jobs": [{"title": "Monteur", "employer": "Assen Techniek"}, {"title": null}],
                    "certificates": ["VCA VOL"], "languages": [{"language": "Frans"}]}}
        """#,
        "a3": #"{"id": "a3", "text_extractable": false, "pii": {"name": ["Niet Gelezen"]}}"#,
        "a4": #"{"id": "a4", "pii": {"name": ["Geen Uitvoer"]}, "career": {}}"#,
        "a5": #"{"id": "a5", "pii": {"name": ["Zonder Bevindingen"], "city": ["Ede"]}, "career": {}}"#,
    ]

    /// The profiles (a4 has none: a missing output).
    static let profiles: [String: String] = [
        "a1": """
        # Profiel\u{00A0}kandidaat
        Beleids\u{00AD}medewerker Zwolle bij Gemeente Den Haag (2019 \u{2013} 2023)
        Woonplaats: assen. Geslacht: Vrouw
        Contact: anna.berg@elders.test, tel 06-1234\u{2011}5678, ０６１２３４５６７８
        SMIT en Berg-Smit; ΟΔΟΣ ANALIST; Horst
        MSc  Bestuurskunde, Universiteit Leiden; vca; rijbewijs b; Engels
        Skills: excel, sql
        Referentie: Kees Jansen
        """,
        "a2": "Monteur bij Assen Techniek\nwoonachtig in Assen\n",
        "a5": "Ede\n",
    ]

    /// The findings' texts (a5 has no findings file).
    static let findings: [String: [String]] = [
        "a1": [
            "Anna van der Berg", "anna.berg@voorbeeld.test", "+31 6 1234 5678", "Den", "Lange Voorhout",
            "NL91ABNA0417164300", "Nederlandse nationaliteit", "Zwol", "Kees",
        ],
        "a2": ["Bakker", "06 1234 5679", "Assen"],
    ]

    static func withCorpus(_ body: (URL) throws -> Void) throws {
        try TestSupport.withTemporaryDirectory { folder in
            for name in ["labels", "outputs", "findings"] {
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            }
            for (id, json) in labels {
                try Data(json.utf8).write(to: folder.appendingPathComponent("labels/\(id).json"))
            }
            for (id, text) in profiles {
                try Data(text.utf8).write(to: folder.appendingPathComponent("outputs/\(id).txt"))
            }
            for (id, texts) in findings {
                let document = ["findings": texts.map { ["text": $0] }]
                try JSONEncoder().encode(document).write(to: folder.appendingPathComponent("findings/\(id).json"))
            }
            try body(folder)
        }
    }

    static func script(_ folder: URL, json: Bool) throws -> String {
        let result = try TestSupport.run(
            "/usr/bin/env",
            [
                "python3", RealCorpus.shared.appendingPathComponent("score.py").path,
                "--labels", folder.appendingPathComponent("labels").path,
                "--outputs", folder.appendingPathComponent("outputs").path,
                "--findings", folder.appendingPathComponent("findings").path,
            ] + (json ? ["--json"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("figures and printed lines equal score.py's on made-up edge cases")
    func sameAsScript() throws {
        try Self.withCorpus { folder in
            let labels = try CorpusLabel.load(folder: folder.appendingPathComponent("labels").path)
            var outputs: [String: CorpusScorer.Output] = [:]
            for (id, profile) in Self.profiles { outputs[id] = .init(profile: profile, findings: Self.findings[id]) }
            let report = CorpusScorer.score(labels: labels, outputs: outputs, listsMisses: true)

            let script = try JSONDecoder().decode(
                RealCorpus.ScriptReport.self, from: Data(try Self.script(folder, json: true).utf8))
            #expect(report.categories.map(\.category) == script.perCategory.keys.sorted())
            for score in report.categories {
                let expected = try #require(script.perCategory[score.category])
                let counted: [Int] = [
                    score.n, score.leaked, score.variantLeaked, score.quasiLeaked, score.found, score.foundN,
                ]
                let expectedCounts: [Int] = [
                    expected.n, expected.leak, expected.vleak, expected.quasi, expected.found, expected.foundN,
                ]
                #expect(counted == expectedCounts, "\(score.category)")
            }
            #expect(report.summary.recall == script.summary.recall)
            #expect(report.summary.careerKept == script.summary.careerKept)
            #expect(report.missing == ["a4"])
            #expect(report.skipped == ["a3"])
            #expect(report.leaks.map { [$0.file, $0.category] } == script.leakExamples)

            let lines = try Self.script(folder, json: false).split(separator: "\n").map(String.init)
            #expect(
                lines == report.tableRows + [report.missingLine, report.leaksLine].compactMap { $0 } + [
                    report.summaryLine
                ])

            // The cases above are live: something leaked, a variant, a quasi-identifier, a miss.
            #expect(report.summary.leaks > 0 && report.summary.variantLeaks > 0 && report.summary.quasiLeaks > 0)
            #expect(report.summary.found < report.summary.foundN)
            #expect(report.summary.skills == 3)
            let misses = try #require(report.misses)
            #expect(misses.contains { $0.file == "a1" && $0.kind == .notKept && $0.category == "skill" })
            #expect(misses.contains { $0.file == "a2" && $0.kind == .notFound && $0.category == "bsn" })
        }
    }

    @Test("Python's rounding: round(x, 3) printed as repr, half to even on the exact binary value")
    func pythonRounding() {
        #expect(CorpusReport.pythonRounded(nil) == "None")
        #expect(CorpusReport.pythonRounded(1) == "1.0")
        #expect(CorpusReport.pythonRounded(0.9) == "0.9")
        #expect(CorpusReport.pythonRounded(142.0 / 189.0) == "0.751")
        #expect(CorpusReport.pythonRounded(0.0625) == "0.062")
        #expect(CorpusReport.pythonRounded(0.0005) == "0.001")
    }
}
