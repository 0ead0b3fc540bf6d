import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// Page images drawn in this process with real poppler and cairo: their size, the boxes around
/// the values (found by reading the PNG's pixels back), and the errors.
@Suite struct PageImageTests {
    static func sample(_ name: String = "nl-single-column.pdf") throws -> [UInt8] {
        try [UInt8](Data(contentsOf: TestSupport.samplesFolder.appendingPathComponent(name)))
    }

    /// The e-mail address of the fictional sample, and where `pdftotext -bbox` puts it on the
    /// page (points, origin top left): x 180.00–284.07, y 126.52–135.77.
    static let email = "f.vos@voorbeeldmail.nl"
    static let emailBox = (x1: 180.0, y1: 126.52, x2: 284.07, y2: 135.77)

    /// Width, height, bit depth and colour type from a PNG's signature and IHDR chunk.
    static func header(_ png: [UInt8]) -> (width: Int, height: Int, depth: UInt8, colourType: UInt8)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > 33, png.starts(with: signature), Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        func number(_ offset: Int) -> Int { png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20), png[24], png[25])
    }

    @Test("an A4 page at scale 1.5 is a 893 × 1263 RGB PNG (595.28 × 841.89 points)")
    func size() throws {
        let image = try PageRenderer().render(bytes: Self.sample(), page: 1, scale: 1.5, marks: [])
        let header = try #require(Self.header(image.png))
        #expect(header.width == 893 && header.height == 1263)
        #expect(header.depth == 8 && header.colourType == 2)
        #expect((image.width, image.height, image.page, image.pageCount) == (893, 1263, 1, 1))
        let pixels = try #require(PNGPixels(image.png))
        #expect((pixels.width, pixels.height) == (893, 1263))
    }

    @Test("the long side is capped at 2000 pixels whatever the scale")
    func pixelCap() throws {
        let image = try PageRenderer().render(bytes: Self.sample(), page: 1, scale: 8, marks: [])
        #expect((image.width, image.height) == (1414, 2000))
        let header = try #require(Self.header(image.png))
        #expect((header.width, header.height) == (1414, 2000))
    }

    @Test("a value is boxed in its group's colour around where it stands, and nowhere else")
    func boxAroundValue() throws {
        let scale = 1.5
        let image = try PageRenderer().render(
            bytes: Self.sample(), page: 1, scale: scale, marks: [PageMark(text: Self.email, category: .email)])
        #expect(image.boxCounts == [1])
        let pixels = try #require(PNGPixels(image.png))
        let contact = CategoryGroup.contact.colour
        let box = Self.emailBox
        // The value's own rectangle in pixels, and a margin of 6 pixels for the padding and the line.
        let left = Int(box.x1 * scale)
        let right = Int((box.x2 * scale).rounded(.up))
        let top = Int(box.y1 * scale)
        let bottom = Int((box.y2 * scale).rounded(.up))
        let around = (columns: (left - 6)..<(right + 6), rows: (top - 6)..<(bottom + 6))
        let inBox = pixels.count(contact, columns: around.columns, rows: around.rows)
        // A 2-pixel frame around a value about 156 × 14 pixels: some 700 pixels.
        #expect(inBox > 2 * 2 * (right - left + bottom - top))
        #expect(pixels.count(contact) == inBox)
        // The frame is outside the glyphs: above the value's top, below its bottom, left and right of it.
        #expect(pixels.count(contact, columns: around.columns, rows: around.rows.lowerBound..<top) > 0)
        #expect(pixels.count(contact, columns: around.columns, rows: bottom..<around.rows.upperBound) > 0)
        #expect(pixels.count(contact, columns: around.columns.lowerBound..<left, rows: top..<bottom) > 0)
        #expect(pixels.count(contact, columns: right..<around.columns.upperBound, rows: top..<bottom) > 0)
        #expect(pixels.count(contact, columns: left..<right, rows: (top + 1)..<(bottom - 1)) == 0)
        for group in CategoryGroup.allCases where group != .contact {
            #expect(pixels.count(group.colour) == 0, "\(group.rawValue)")
        }
    }

    @Test("without values nothing is boxed: no pixel of any group's colour")
    func noValues() throws {
        let image = try PageRenderer().render(bytes: Self.sample(), page: 1, scale: 1.5, marks: [])
        #expect(image.boxCounts.isEmpty)
        let pixels = try #require(PNGPixels(image.png))
        for group in CategoryGroup.allCases {
            #expect(pixels.count(group.colour) == 0, "\(group.rawValue)")
        }
    }

    @Test("every value of the sample's truth is found on the page, as whole words only")
    func truthValuesFound() throws {
        let truth = try TestSupport.truth(for: "nl-single-column.pdf")
        let marks = truth.personal.compactMap { value in
            Category(rawValue: value.category).map { PageMark(text: value.text, category: $0) }
        }
        #expect(marks.count == truth.personal.count)
        let image = try PageRenderer().render(bytes: Self.sample(), page: 1, scale: 1, marks: marks)
        for (index, mark) in marks.enumerated() {
            #expect(image.boxCounts[index] >= 1, "\(mark.category.rawValue) #\(index)")
        }
        // The first name alone: in the heading and at the start of the profile; a part of a word is not a word.
        let parts = try PageRenderer().render(
            bytes: Self.sample(), page: 1, scale: 1,
            marks: [PageMark(text: "Femke", category: .name), PageMark(text: "Femk", category: .name)])
        #expect(parts.boxCounts == [2, 0])
        let pixels = try #require(PNGPixels(parts.png))
        #expect(pixels.count(CategoryGroup.identity.colour) > 0)
    }

    @Test("a page the PDF does not have is refused by number")
    func noSuchPage() throws {
        let bytes = try Self.sample()
        #expect(throws: ExtractionError.noSuchPage(page: 2, pages: 1)) {
            try PageRenderer().render(bytes: bytes, page: 2, scale: 1.5, marks: [])
        }
        #expect(throws: ExtractionError.noSuchPage(page: 0, pages: 1)) {
            try PageRenderer().render(bytes: bytes, page: 0, scale: 1.5, marks: [])
        }
        #expect(ExtractionError.noSuchPage(page: 2, pages: 1).reason == "has no page 2: it has 1 page(s)")
    }

    @Test("a damaged PDF, an encrypted one and a DOCX give their errors, not a picture")
    func unrenderable() throws {
        let truncated = try [UInt8](Data(contentsOf: TestSupport.hostileFile("truncated.pdf")))
        #expect(throws: ExtractionError.corruptPDF(.truncated)) {
            try PageRenderer().render(bytes: truncated, page: 1, scale: 1.5, marks: [])
        }
        let encrypted = try [UInt8](Data(contentsOf: TestSupport.hostileFile("encrypted.pdf")))
        #expect(throws: ExtractionError.encrypted) {
            try PageRenderer().render(bytes: encrypted, page: 1, scale: 1.5, marks: [])
        }
        let docx = try Self.sample("nl-personalia-table.docx")
        #expect(throws: ExtractionError.notRenderable(.docx)) {
            try PageRenderer().render(bytes: docx, page: 1, scale: 1.5, marks: [])
        }
        #expect(throws: ExtractionError.emptyFile) {
            try PageRenderer().render(bytes: [], page: 1, scale: 1, marks: [])
        }
    }

    @Test("a PDF over extraction.max_pages is not drawn")
    func pageLimit() throws {
        let bytes = try Self.sample("en-long-four-pages.pdf")
        #expect(throws: ExtractionError.tooManyPages(pages: 4, limit: 3)) {
            try PageRenderer(limits: ExtractionLimits(maxPages: 3)).render(bytes: bytes, page: 1, scale: 1, marks: [])
        }
        let last = try PageRenderer().render(bytes: bytes, page: 4, scale: 1, marks: [])
        #expect((last.page, last.pageCount) == (4, 4))
    }
}
