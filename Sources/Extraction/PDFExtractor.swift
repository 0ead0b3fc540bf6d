import CPoppler
import CVModel

/// Reads a PDF with poppler-glib: page text in reading order, metadata, images, link targets,
/// form-field values, annotation contents and embedded files. A page without a text layer (a
/// scan) is read by OCR (``PageOCR``) into a block of source ``CVModel/TextSource/ocr``.
///
/// Calls `poppler_document_new_from_bytes`, `poppler_page_get_text` and the page mapping
/// functions (https://poppler.freedesktop.org/api/glib/). The image mapping parses a page's
/// content a second time, so it is asked for only on page 1 (where a photo sits) and on pages
/// without text.
public struct PDFExtractor: Sendable {
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// File-name endings of attachments whose text is read; others are listed only.
    private static let textAttachmentEndings = [".xml", ".txt", ".json", ".csv", ".htm", ".html", ".md"]

    /// Extracts the text, images and attachments of a PDF held in `bytes`.
    public func extract(bytes: UnsafeRawBufferPointer) throws(ExtractionError) -> DocumentContent {
        try extract(bytes: bytes, budget: TextBudget(limits: limits))
    }

    /// `budget` stops the reading as soon as the file passes `max_text` or `max_blocks`.
    func extract(bytes: UnsafeRawBufferPointer, budget: TextBudget) throws(ExtractionError) -> DocumentContent {
        try Self.checkComplete(bytes)
        PopplerKeepAlive.shared.touch()
        let document = try PopplerDocument(bytes: bytes)
        let pageCount = document.pageCount
        guard pageCount > 0 else { throw .corruptPDF(.noPages) }
        guard pageCount <= limits.maxPages else {
            throw .tooManyPages(pages: pageCount, limit: limits.maxPages)
        }
        var blocks: [TextBlock] = []
        var images: [EmbeddedImage] = []
        var pagesWithText = 0
        var pagesRead = 0
        // Pictures OCR's layout analysis found inside scanned pages (a photo printed on the CV).
        var ocrPictures: [EmbeddedImage] = []
        // Both languages for the first scanned page; the one it suggests for the rest.
        var language = TesseractEngine.Language.both
        for number in 1...pageCount {
            guard let page = document.page(number) else { continue }
            var pageBlocks: [TextBlock] = []
            var lines = page.lines
            while let last = lines.last, !last.text.contains(where: { !$0.isWhitespace }) { lines.removeLast() }
            if !lines.isEmpty { lines[lines.count - 1].text = lines[lines.count - 1].text.trimmingTrailingWhitespace() }
            let (text, layout) = lines.textAndLayout
            if text.contains(where: { !$0.isWhitespace }) {
                pagesWithText += 1
                pageBlocks.append(TextBlock(text: text, source: .body, page: number, layout: layout))
            }
            // Asked for once, and only where it matters: it parses the page's content again.
            var pageImages: [(width: Int, height: Int)]?
            let imageSizes = {
                if pageImages == nil { pageImages = page.imageSizes }
                return pageImages ?? []
            }
            let size = page.size
            if PageOCR.needsReading(
                text: text, imageArea: { imageSizes().map { Double($0.width) * Double($0.height) }.reduce(0, +) },
                pageArea: size.width * size.height), !PageOCR.holdsNothingLegible(page)
            {
                pagesRead += 1
                guard pagesRead <= limits.ocrMaxPages else {
                    throw .ocrTooManyPages(pages: pagesRead, limit: limits.ocrMaxPages)
                }
                let reading = try PageOCR.read(page, number: number, limits: limits, language: language)
                if pagesRead == 1 { language = PageOCR.suggestedLanguage(after: reading) }
                if let block = reading.block(page: number, limits: limits) {
                    pagesWithText += 1
                    pageBlocks.append(block)
                }
                ocrPictures += reading.pictures.map { EmbeddedImage(page: number, width: $0.width, height: $0.height) }
            }
            if number == 1 || text.isEmpty || pageImages != nil, images.count < ExtractionLimits.maxImages {
                images += imageSizes().prefix(ExtractionLimits.maxImages - images.count).map {
                    EmbeddedImage(page: number, width: $0.width, height: $0.height)
                }
            }
            pageBlocks += page.linkTargets.map { TextBlock(text: $0, source: .link, page: number) }
            pageBlocks += page.formValues.map {
                TextBlock(text: $0.value, source: .form, page: number, label: $0.name)
            }
            pageBlocks += page.annotationContents.map { TextBlock(text: $0, source: .annotation, page: number) }
            try budget.take(pageBlocks)
            blocks += pageBlocks
        }
        images += ocrPictures.prefix(max(0, ExtractionLimits.maxImages - images.count))
        let metadata = document.metadata.map { TextBlock(text: $0.value, source: .metadata, label: $0.key) }
        try budget.take(metadata)
        blocks += metadata
        var attachments: [AttachmentInfo] = []
        for attachment in document.attachments(cap: limits.maxPartBytes, count: ExtractionLimits.maxAttachments) {
            try budget.take(name: attachment.name)
            let isText = Self.textAttachmentEndings.contains { attachment.name.lowercased().hasSuffix($0) }
            guard isText, let bytes = attachment.bytes else {
                attachments.append(AttachmentInfo(name: attachment.name, size: attachment.size, isRead: false))
                continue
            }
            attachments.append(AttachmentInfo(name: attachment.name, size: attachment.size, isRead: true))
            let text = Self.attachmentText(bytes, name: attachment.name)
            try budget.take(text)
            blocks += text
        }
        let hasFormText = blocks.contains { $0.source == .form }
        if pagesWithText == 0 && !hasFormText {
            throw .noTextLayer(pages: pageCount)
        }
        return DocumentContent(pageCount: pageCount, blocks: blocks, images: images, attachments: attachments)
    }

    /// poppler reconstructs a truncated file's cross-reference table and reads what it can,
    /// which would silently lose the rest of the CV. A PDF always ends with `%%EOF` (ISO 32000-1,
    /// 7.5.5); some writers append a little junk after it, so the last 4 KiB are searched.
    static func checkComplete(_ bytes: UnsafeRawBufferPointer) throws(ExtractionError) {
        let marker = Array("%%EOF".utf8)
        let tail = bytes.suffix(4096)
        let found = tail.indices.contains { start in
            start + marker.count <= tail.endIndex && (0..<marker.count).allSatisfy { tail[start + $0] == marker[$0] }
        }
        if !found {
            throw .corruptPDF(.truncated)
        }
    }

    /// The text of a text or XML attachment: for XML, the text of every element on its own line
    /// (a Europass attachment holds name, email and phone in separate elements).
    private static func attachmentText(_ bytes: [UInt8], name: String) -> [TextBlock] {
        if name.lowercased().hasSuffix(".xml") {
            let handler = PropertiesHandler(wanted: nil)
            let outcome = bytes.withUnsafeBytes { XMLStreamParser.parse($0, handler: handler) }
            guard outcome == .ok else { return [] }
            let text = handler.fields.map(\.text).joined(separator: "\n")
            return text.isEmpty ? [] : [TextBlock(text: text, source: .attachment, label: name)]
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingWhitespace()
        return text.isEmpty ? [] : [TextBlock(text: text, source: .attachment, label: name)]
    }
}
