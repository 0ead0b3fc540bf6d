import CVModel
import Foundation
import Testing

/// The leak scan of the export test finds a planted value in each writing, and spares only the
/// two narrow exceptions (a place inside a career fact, a city named like the region).
@Suite struct TruthLeakScanTests {
    static func truth() throws -> SampleTruth {
        let json = """
            {"file": "cv.pdf", "language": "nl", "format": "pdf", "personal": [
              {"category": "name", "text": "Anouk van 't Veld-Ruïs", "source": "body"},
              {"category": "phone", "text": "06 11 22 33 44", "source": "body"},
              {"category": "iban", "text": "NL02ABNA0123456789", "source": "body"},
              {"category": "gender", "text": "male", "source": "body"},
              {"category": "city", "text": "Leiden", "source": "body"},
              {"category": "birth_place", "text": "Utrecht", "source": "body"}],
             "career": {"experience": [], "education": [{"degree": "Rechten", "institution": "Universiteit Leiden",
               "year": "2010"}], "certificates": [], "languages": [], "skills": []}}
            """
        return try JSONDecoder().decode(SampleTruth.self, from: Data(json.utf8))
    }

    static func forms(in raw: String, decoded: String? = nil, region: String? = nil) throws -> [String] {
        try TruthLeakScan(truth: truth(), region: region).leaks(in: [ExportReading(raw: raw, decoded: decoded ?? raw)])
            .map { "#\($0.index) \($0.form)" }
    }

    @Test("a planted value is found in every writing")
    func plantedValues() throws {
        #expect(try Self.forms(in: "Kandidaat ANOUK VAN 'T VELD-RUIS").contains("#0 case-folded without diacritics"))
        #expect(try Self.forms(in: "<p>Anouk van &#39;t Veld-Ru&#239;s</p>", decoded: "").contains("#0 HTML-escaped"))
        #expect(try Self.forms(in: #"{"a": "Anouk van 't Veld-Ru\u00efs"}"#, decoded: "").contains("#0 JSON-escaped"))
        #expect(try Self.forms(in: "tel. 0611-223344").contains("#1 as its digits"))
        #expect(try Self.forms(in: "NL02 ABNA 0123 4567 89").contains("#2 as its letters and digits"))
        #expect(try Self.forms(in: "Gender: Male").contains("#3 case-folded without diacritics"))
    }

    @Test("no leak: clean text, a short value inside a word, a place in a career fact, the region")
    func exceptions() throws {
        #expect(try Self.forms(in: "Teamleider magazijn, 12 jaar ervaring (2010 - 2022)").isEmpty)
        #expect(try Self.forms(in: "Female staff network").isEmpty)
        #expect(try Self.forms(in: "Rechten — Universiteit Leiden — 2010").isEmpty)
        #expect(try Self.forms(in: "Regio: Utrecht", region: "Utrecht").isEmpty)
        // Outside the career fact, the same place is a leak; outside the region, the same city is.
        let folded = "case-folded without diacritics"
        #expect(try Self.forms(in: "Universiteit Leiden; woont in Leiden").contains("#4 \(folded)"))
        #expect(try Self.forms(in: "Regio: Utrecht", region: "Gelderland").contains("#5 \(folded)"))
    }
}
