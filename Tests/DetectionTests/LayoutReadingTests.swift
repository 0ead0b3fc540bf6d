import CVModel
import Detection
import Testing

/// Headings known by their look, and page furniture, in documents whose lines carry layout.
@Suite struct LayoutReadingTests {
    typealias Line = (text: String, look: LineLayout)

    static func document(pages: [[Line]]) -> Document {
        let blocks = pages.enumerated().map { number, lines in
            TextBlock(
                text: lines.map(\.text).joined(separator: "\n"), source: .body, page: number + 1,
                layout: lines.map(\.look))
        }
        return Document(
            fileName: "test.pdf", format: .pdf, sha256: String(repeating: "0", count: 64), byteCount: 1,
            pageCount: pages.count, blocks: blocks)
    }

    static let body = LineLayout(size: 10)
    static let heading = LineLayout(size: 14, isBold: true)

    @Test("a heading set like the keyword headings ends the section before it")
    func unknownHeadingEndsSection() throws {
        let page: [Line] = [
            ("Werkervaring", Self.heading),
            ("2019 - 2022", Self.body), ("Planner", Self.body), ("Voorbeeld Transport BV", Self.body),
            ("2016 - 2019", Self.body), ("Chauffeur", Self.body), ("Fictief Vervoer BV", Self.body),
            ("Bestuursfuncties", Self.heading),
            ("Penningmeester", Self.body), ("Voetbalvereniging De Testers", Self.body),
            ("Opleiding", Self.heading), ("MBO Logistiek", Self.body),
        ]
        let career = try Detector().detect(Self.document(pages: [page])).career
        #expect(career.experience.map(\.title) == ["Planner", "Chauffeur"])
        #expect(!career.experience.contains { $0.employer.contains("Voetbal") || $0.title == "Penningmeester" })
    }

    @Test("a bold line at body size is no heading where headings are bold at body size too")
    func boldTitlesStay() throws {
        let bold = LineLayout(size: 10, isBold: true)
        let page: [Line] = [
            ("Werkervaring", bold),
            ("Planner binnendienst", bold), ("Voorbeeld Transport BV | 2019 - 2022", Self.body),
            ("Magazijnmedewerker", bold), ("Fictief Vervoer BV | 2016 - 2019", Self.body),
        ]
        let titles = try Detector().detect(Self.document(pages: [page])).career.experience.map(\.title)
        #expect(titles == ["Planner binnendienst", "Magazijnmedewerker"])
    }

    @Test("a footer repeated on every page and page numbers are not career text")
    func furniture() throws {
        let footer = LineLayout(size: 8, y: 800)
        let first: [Line] = [
            ("Werkervaring", Self.heading),
            ("2019 - 2022", Self.body), ("Planner", Self.body), ("Voorbeeld Transport BV", Self.body),
            ("Curriculum vitae Testpersoon", footer), ("1", LineLayout(size: 8, y: 812)),
        ]
        let second: [Line] = [
            ("2016 - 2019", Self.body), ("Chauffeur", Self.body), ("Fictief Vervoer BV", Self.body),
            ("Curriculum vitae Testpersoon", footer), ("2", LineLayout(size: 8, y: 812)),
        ]
        let career = try Detector().detect(Self.document(pages: [first, second])).career
        #expect(career.experience.map(\.title) == ["Planner", "Chauffeur"])
        #expect(!career.experience.contains { $0.employer.contains("Curriculum") || $0.title.contains("Curriculum") })
    }
}
