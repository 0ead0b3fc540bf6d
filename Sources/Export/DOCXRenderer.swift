import CLibZip
public import CVModel
import Foundation

/// A Word document (transitional Office Open XML) written with libzip, that Word and LibreOffice
/// open. Its document properties name the agency, never the candidate.
///
/// Calls `zip_open`, `zip_source_buffer`, `zip_file_add`, `zip_close` (https://libzip.org/documentation/).
enum DOCXRenderer {
    static func render(_ profile: Profile) throws(ExportError) -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
            ("word/document.xml", document(profile)), ("word/styles.xml", styles),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("docProps/core.xml", coreProperties(profile)), ("docProps/app.xml", appProperties),
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cvsieve-\(UUID().uuidString).docx")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var error: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            throw .render(format: "docx", reason: "libzip error \(error) creating the package")
        }
        // > zip_source_buffer does not copy: the buffers must live until zip_close.
        let buffers = parts.map { part -> UnsafeMutableRawBufferPointer in
            let bytes = Array(part.1.utf8)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes.count])
        }
        defer { for buffer in buffers { buffer.deallocate() } }
        var failed = false
        for (index, part) in parts.enumerated() {
            guard
                let source = zip_source_buffer(
                    archive, buffers[index].baseAddress, zip_uint64_t(buffers[index].count), 0)
            else {
                failed = true
                continue
            }
            if zip_file_add(archive, part.0, source, zip_flags_t(ZIP_FL_ENC_UTF_8)) < 0 {
                zip_source_free(source)
                failed = true
            }
        }
        if zip_close(archive) != 0 {
            zip_discard(archive)
            failed = true
        }
        guard !failed, let data = FileManager.default.contents(atPath: path) else {
            throw .render(format: "docx", reason: "libzip could not write the package")
        }
        return data
    }

    /// XML-escaped text without the control characters XML 1.0 forbids (a stray one would make
    /// the package unreadable).
    static func escape(_ text: String) -> String {
        let allowed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                    .filter { $0.value != 0xFFFE && $0.value != 0xFFFF }))
        return HTMLRenderer.escape(allowed)
    }

    static func paragraph(_ text: String, style: String? = nil, bold: Bool = false) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        let run = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return "<w:p>\(properties)<w:r>\(run)<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    static func document(_ profile: Profile) -> String {
        let body = ProfileOutline(profile).lines.map { line -> String in
            switch line {
            case .title(let text): paragraph(text, style: "Title")
            case .heading(let text): paragraph(text, style: "Heading1")
            case .text(let text): paragraph(text)
            case .item(let text): paragraph("• " + text)
            case .detail(let text): paragraph("    – " + text)
            }
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:cs="DejaVu Sans"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:spacing w:before="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style></w:styles>
        """

    static func coreProperties(_ profile: Profile) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape("\(Labels.title) \(profile.code)"))</dc:title><dc:creator>\(escape(profile.agency))</dc:creator><cp:lastModifiedBy>\(escape(profile.agency))</cp:lastModifiedBy></cp:coreProperties>
        """
    }

    static let appProperties = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>cvsieve</Application></Properties>
        """
}
