import Testing

@testable import Extraction

/// Tesseract's words into page lines, without Tesseract: bullets and middle dots read back, a
/// dropped word's line start kept, wide gaps and two columns read as on native pages.
@Suite struct PageOCRTests {
    /// A word on a 30-pixel line at `top`, 20 pixels a character.
    static func word(_ text: String, x: Int, top: Int, startsLine: Bool = false, confidence: Double = 95)
        -> TesseractEngine.Word
    {
        TesseractEngine.Word(
            text: text, left: x, top: top, right: x + 20 * text.count, bottom: top + 30, confidence: confidence,
            startsLine: startsLine, lineTop: top, lineBottom: top + 30, lineBaseline: top + 24)
    }

    @Test("a bullet misread as ¢ or e at a line start is a bullet again; a small dash between items a middle dot")
    func bulletsAndDots() {
        var dot = Self.word("-", x: 200, top: 0, confidence: 40)
        dot.right = dot.left + 5
        dot.top = 12
        dot.bottom = 17
        let words = [
            Self.word("¢", x: 0, top: 0, startsLine: true, confidence: 30), Self.word("SAP", x: 40, top: 0), dot,
            Self.word("Excel", x: 220, top: 0), Self.word("2019", x: 0, top: 50, startsLine: true),
            Self.word("-", x: 100, top: 50, confidence: 90), Self.word("2020", x: 140, top: 50),
        ]
        #expect(PageOCR.legible(words).map(\.text) == ["•", "SAP", "·", "Excel", "2019", "-", "2020"])
    }

    @Test("a line whose first word is dropped as illegible still starts a new line")
    func droppedLineStart() {
        let words = [
            Self.word("Werkervaring", x: 0, top: 0, startsLine: true),
            Self.word("|", x: 0, top: 50, startsLine: true, confidence: 10), Self.word("Planner", x: 40, top: 50),
        ]
        let kept = PageOCR.legible(words)
        #expect(kept.map(\.text) == ["Werkervaring", "Planner"])
        #expect(kept.map(\.startsLine) == [true, true])
        let lines = PageOCR.lines(of: kept, pointsPerPixel: 0.24, pageWidth: 595)
        #expect(lines.map(\.text) == ["Werkervaring", "Planner"])
    }

    @Test("two columns that Tesseract reads row by row come out column by column, a wide gap as a tab")
    func columns() {
        var words: [TesseractEngine.Word] = []
        for row in 0..<10 {
            let top = 100 + row * 50
            words.append(Self.word("links\(row)", x: 100, top: top, startsLine: true))
            words.append(Self.word("rechts\(row)", x: 1300, top: top))
            words.append(Self.word("tekst", x: 1460, top: top))
        }
        let lines = PageOCR.lines(of: words, pointsPerPixel: 0.24, pageWidth: 595)
        #expect(lines.map(\.text) == (0..<10).map { "links\($0)" } + (0..<10).map { "rechts\($0) tekst" })
        let label = PageOCR.lines(
            of: [Self.word("Adres", x: 100, top: 0, startsLine: true), Self.word("Stationsweg", x: 700, top: 0)],
            pointsPerPixel: 0.24, pageWidth: 595)
        #expect(label.map(\.text) == ["Adres\tStationsweg"])
    }
}
