import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// Lines carry their look: DOCX from paragraph styles and run properties, PDF (the same DOCX
/// printed by LibreOffice) from poppler's fonts and boxes. Detection reads headings and entries
/// from it, so both formats must say the same things about the same paragraphs.
@Suite struct LayoutTests {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A fictional CV: a Title, a `Heading 1` (Dutch style id `Kop1`), a bold job title, a
    /// paragraph shown in capitals by `w:caps`, a letter-spaced word, body text, and a table row.
    static func package(styles override: String? = nil) -> [UInt8] {
        let styles =
            override ?? """
                <?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="\(main)">\
                <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>\
                <w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>\
                <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standaard"/>\
                <w:rPr><w:sz w:val="48"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/>\
                <w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>\
                </w:styles>
                """
        func paragraph(_ text: String, style: String? = nil, run: String = "") -> String {
            let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
            return "<w:p>\(properties)<w:r><w:rPr>\(run)</w:rPr><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
        }
        let body = [
            paragraph("Jorien Testsma", style: "Titel"),
            paragraph("Werkervaring", style: "Kop1"),
            paragraph("Planner binnendienst", run: "<w:b/>"),
            paragraph("opleiding", run: "<w:caps/>"),
            paragraph("PROFIEL", run: "<w:spacing w:val=\"200\"/>"),
            paragraph("Plannen van ritten voor een fictieve vervoerder in de regio."),
            "<w:tbl><w:tr><w:tc>\(paragraph("2019 - 2022"))</w:tc><w:tc>\(paragraph("Medewerker", run: "<w:b/>"))\(paragraph("Voorbeeldbedrijf"))</w:tc></w:tr></w:tbl>",
        ].joined()
        let document =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(main)\"><w:body>\(body)</w:body></w:document>"
        let types = """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            </Types>
            """
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            </Relationships>
            """
        let mainRels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """
        return ZipWriter([
            .init(name: "[Content_Types].xml", text: types), .init(name: "_rels/.rels", text: rels),
            .init(name: "word/document.xml", text: document),
            .init(name: "word/_rels/document.xml.rels", text: mainRels),
            .init(name: "word/styles.xml", text: styles),
        ]).archive()
    }

    /// Each line of the document's body and table blocks with its layout.
    static func lines(_ document: Document) -> [(text: String, layout: LineLayout)] {
        document.blocks.filter { $0.source == .body || $0.source == .table }.flatMap {
            block -> [(String, LineLayout)] in
            let texts = block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let layout = block.layout ?? []
            #expect(layout.count == texts.count, "one layout per line")
            return Array(zip(texts, layout))
        }
    }

    static func line(_ lines: [(text: String, layout: LineLayout)], _ start: String) throws -> LineLayout {
        try #require(lines.first { $0.text.hasPrefix(start) }, "no line starting \(start)").layout
    }

    @Test("DOCX lines carry heading level, bold, capitals and size from styles and runs")
    func docxLayout() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let docx = folder.appendingPathComponent("layout.docx")
            try Data(Self.package()).write(to: docx)
            let lines = Self.lines(try Extractor().extract(path: docx.path))
            #expect(try Self.line(lines, "Jorien").headingLevel == 0)
            #expect(try Self.line(lines, "Jorien").size == 24)
            let heading = try Self.line(lines, "Werkervaring")
            #expect(heading.headingLevel == 1 && heading.isBold && heading.size == 16)
            let title = try Self.line(lines, "Planner")
            #expect(title.isBold && title.headingLevel == nil && title.size == 11)
            #expect(try Self.line(lines, "opleiding").isCapitals)
            let body = try Self.line(lines, "Plannen")
            #expect(!body.isBold && !body.isCapitals && body.headingLevel == nil)
            // A table row: the first cell's line continues with the second cell's first paragraph.
            #expect(try Self.line(lines, "2019 - 2022\tMedewerker").size == 11)
            #expect(try Self.line(lines, "Voorbeeldbedrijf").isBold == false)
        }
    }

    @Test("a malformed styles part costs the layout, not the document")
    func malformedStyles() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let docx = folder.appendingPathComponent("layout.docx")
            try Data(Self.package(styles: "<w:styles xmlns:w=\"\(Self.main)\"><w:style w:type=")).write(to: docx)
            let document = try Extractor().extract(path: docx.path)
            #expect(document.plainText.contains("Werkervaring"))
            let lines = Self.lines(document)
            #expect(try Self.line(lines, "Werkervaring").headingLevel == nil)
            #expect(try Self.line(lines, "Planner").isBold, "run properties still count")
        }
    }

    @Test("PDF lines carry bold, size, capitals and gaps; letter-spaced capitals get no tabs")
    func pdfLayout() throws {
        guard LibreOffice.isInstalled else {
            try #require(!LibreOffice.isCI, "CI=true and soffice is missing: install it (make deps)")
            return
        }
        try TestSupport.withTemporaryDirectory { folder in
            let docx = folder.appendingPathComponent("layout.docx")
            try Data(Self.package()).write(to: docx)
            let result = try TestSupport.run(
                LibreOffice.soffice, ["--headless", "--convert-to", "pdf", "--outdir", folder.path, docx.path],
                environment: ["HOME": folder.path])
            try #require(result.status == 0)
            let lines = Self.lines(try Extractor().extract(path: folder.appendingPathComponent("layout.pdf").path))
            let name = try Self.line(lines, "Jorien")
            let heading = try Self.line(lines, "Werkervaring")
            let body = try Self.line(lines, "Plannen")
            #expect(name.size == 24 && heading.size == 16 && body.size == 11)
            #expect(heading.isBold && !body.isBold)
            #expect(try Self.line(lines, "Planner").isBold)
            #expect(try Self.line(lines, "OPLEIDING").isCapitals)
            #expect(heading.gapAbove != nil && (heading.x ?? 0) > 0)
            // Letter-spaced: single spaces between the letters (detection joins them), never a tab.
            #expect(lines.contains { $0.text == "P R O F I E L" }, "letter-spaced text read letter by letter, no tabs")
        }
    }
}
