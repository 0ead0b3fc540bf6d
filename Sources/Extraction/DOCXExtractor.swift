import CVModel

/// Reads a DOCX (transitional or Strict Office Open XML) with libzip and libxml2's SAX2 parser.
///
/// Parts are found through the package relationships (`_rels/.rels`, then the main part's
/// `.rels`), never by fixed names. Every part is streamed from the zip straight into the XML
/// parser under the caps of ``ExtractionLimits``, so a zip bomb stops at the cap, not in memory.
public struct DOCXExtractor: Sendable {
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// Part kinds of the main document's relationships that hold text, in reading order.
    private static let textPartKinds: [(kind: String, source: TextSource)] = [
        ("header", .header), ("footer", .footer), ("footnotes", .footnote), ("endnotes", .footnote),
        ("comments", .comment),
    ]

    private static let coreProperties: Set<String> = [
        "title", "subject", "creator", "keywords", "description", "lastModifiedBy", "category",
    ]
    private static let appProperties: Set<String> = ["Company", "Manager"]

    /// Extracts the blocks and images of a DOCX held in `bytes`.
    public func extract(bytes: UnsafeRawBufferPointer) throws(ExtractionError) -> DocumentContent {
        try extract(bytes: bytes, budget: TextBudget(limits: limits))
    }

    /// `budget` stops the reading as soon as the file passes `max_text` or `max_blocks`.
    func extract(bytes: UnsafeRawBufferPointer, budget: TextBudget) throws(ExtractionError) -> DocumentContent {
        do {
            return try ZipArchive.withArchive(bytes: bytes) { archive in
                var reader = PartReader(archive: archive, limits: limits, budget: budget)
                return try reader.readPackage()
            }
        } catch {
            throw Self.extractionError(error)
        }
    }

    /// The content of a zip that is a Word package (``isWordPackage(_:)``), or `nil` when it is
    /// not one (then ``FormatSniffer`` names what it is): the zip is opened once for both.
    func extractIfWordPackage(bytes: UnsafeRawBufferPointer, budget: TextBudget) -> Result<
        DocumentContent, ExtractionError
    >? {
        do {
            return try ZipArchive.withArchive(bytes: bytes) { archive in
                guard Self.isWordPackage(archive) else { return nil }
                var reader = PartReader(archive: archive, limits: limits, budget: budget)
                do {
                    return .success(try reader.readPackage())
                } catch {
                    return .failure(Self.extractionError(error))
                }
            }
        } catch {
            // libzip cannot open it: not a Word package, whatever its first bytes say.
            return nil
        }
    }

    private static func extractionError(_ error: any Error) -> ExtractionError {
        switch error {
        case let error as ExtractionError: error
        case ZipArchive.Failure.notAZip(let code): .corruptDOCX(.notAZip(libzipError: code))
        default: .corruptDOCX(.unreadablePackage)
        }
    }

    /// Whether a zip's central directory lists a Word main part. Used by ``FormatSniffer`` before
    /// anything is inflated: a relationship-free guess is enough to route the file.
    public static func isWordPackage(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (try? ZipArchive.withArchive(bytes: bytes) { isWordPackage($0) }) ?? false
    }

    private static func isWordPackage(_ archive: ZipArchive) -> Bool {
        guard archive.contains("[Content_Types].xml") else { return false }
        return archive.entryNames.contains { $0.hasPrefix("word/") }
            || archive.contains("_rels/.rels") && !archive.contains("mimetype")
    }

    // MARK: - Reading the package

    private struct PartReader {
        let archive: ZipArchive
        let limits: ExtractionLimits
        let budget: TextBudget
        var unpackedBytes = 0

        init(archive: ZipArchive, limits: ExtractionLimits, budget: TextBudget) {
            self.archive = archive
            self.limits = limits
            self.budget = budget
        }

        mutating func readPackage() throws -> DocumentContent {
            let packageRels = try relationships(of: "")
            guard let main = packageRels.first(where: { $0.kind == "officedocument" && !$0.isExternal }) else {
                throw ExtractionError.corruptDOCX(.noMainPart)
            }
            let mainPart = PartName.resolve(main.target, from: "")
            guard archive.contains(mainPart) else {
                throw ExtractionError.corruptDOCX(.mainPartMissing)
            }
            let mainRels = try relationships(of: mainPart)
            var parts: [WordprocessingHandler] = []

            // Headers first: a person reads the page top to bottom, and contact details live there.
            let headers = mainRels.filter { $0.kind == "header" && !$0.isExternal }
            for header in headers {
                parts.append(try textPart(PartName.resolve(header.target, from: mainPart), source: .header))
            }
            let body = try textPart(mainPart, source: .body, rels: mainRels)
            parts.append(body)
            for (kind, source) in DOCXExtractor.textPartKinds where kind != "header" {
                for relationship in mainRels where relationship.kind == kind && !relationship.isExternal {
                    parts.append(try textPart(PartName.resolve(relationship.target, from: mainPart), source: source))
                }
            }
            // The styles last, for only the styles the text parts name.
            let used = parts.reduce(into: Set<String>()) { $0.formUnion($1.usedStyles) }
            let styles = try paragraphStyles(mainRels, mainPart: mainPart, wanted: used)
            var blocks = parts.flatMap { $0.blocks(with: styles) }
            blocks += try scannedPages(drawnBy: body, mainRels: mainRels, mainPart: mainPart)
            blocks += try properties(packageRels)
            let images = try images(under: PartName.folder(of: mainPart) + "/media/")
            return DocumentContent(pageCount: nil, blocks: blocks, images: images, attachments: [])
        }

        private mutating func relationships(of part: String) throws -> [PackageRelationship] {
            let handler = RelationshipsHandler()
            try parse(PartName.relationships(of: part), handler: handler)
            return handler.relationships
        }

        private mutating func textPart(
            _ part: String, source: TextSource, rels: [PackageRelationship]? = nil
        ) throws -> WordprocessingHandler {
            let partRels = try rels ?? relationships(of: part)
            var targets: [String: String] = [:]
            for relationship in partRels where relationship.kind == "hyperlink" && relationship.isExternal {
                targets[relationship.id] = relationship.target
            }
            let handler = WordprocessingHandler(source: source, hyperlinkTargets: targets, budget: budget)
            try parse(part, handler: handler)
            return handler
        }

        /// The main part's paragraph styles (the defaults and the `wanted` ones); a package without
        /// a styles part has none. A malformed styles part costs the layout, not the document.
        private mutating func paragraphStyles(
            _ mainRels: [PackageRelationship], mainPart: String, wanted: Set<String>
        ) throws -> ParagraphStyles {
            guard let relationship = mainRels.first(where: { $0.kind == "styles" && !$0.isExternal }) else {
                return ParagraphStyles()
            }
            let part = PartName.resolve(relationship.target, from: mainPart)
            guard archive.contains(part) else { return ParagraphStyles() }
            let handler = StylesHandler(wanted: wanted)
            do {
                try parse(part, handler: handler)
            } catch ExtractionError.corruptDOCX(.malformedXML), ExtractionError.xmlDoctype {
                return ParagraphStyles()
            }
            return handler.result
        }

        private mutating func properties(_ packageRels: [PackageRelationship]) throws -> [TextBlock] {
            let wanted: [(kind: String, names: Set<String>?)] = [
                ("coreproperties", DOCXExtractor.coreProperties), ("extendedproperties", DOCXExtractor.appProperties),
                ("customproperties", nil),
            ]
            var blocks: [TextBlock] = []
            for (kind, names) in wanted {
                for relationship in packageRels where relationship.kind == kind && !relationship.isExternal {
                    let handler = PropertiesHandler(wanted: names, budget: budget)
                    try parse(PartName.resolve(relationship.target, from: ""), handler: handler)
                    blocks += handler.blocks
                }
            }
            return blocks
        }

        /// A picture shown over at least this share of the page is a scanned page (or a scanned
        /// identity document), read by OCR; a photo or a logo covers far less.
        static let scannedPageCoverage = 0.4

        /// The text of the pictures the body shows over most of a page, read by OCR as a PDF
        /// page without a text layer is (``PageOCR``), under the same limits.
        private mutating func scannedPages(
            drawnBy body: WordprocessingHandler, mainRels: [PackageRelationship], mainPart: String
        ) throws -> [TextBlock] {
            // A section without `w:pgSz` is A4 in Word's default (11906 × 16838 twips).
            let page = body.pageSize ?? (width: 11906, height: 16838)
            // EMU per twip: 914,400 an inch over 1,440.
            let pageArea = Double(page.width) * 635 * Double(page.height) * 635
            var blocks: [TextBlock] = []
            var read = Set<String>()
            for picture in body.pictures
            where Double(picture.width) * Double(picture.height) >= pageArea * Self.scannedPageCoverage {
                guard
                    let relationship = mainRels.first(where: {
                        $0.id == picture.relationship && $0.kind == "image" && !$0.isExternal
                    })
                else { continue }
                let part = PartName.resolve(relationship.target, from: mainPart)
                guard archive.contains(part), read.insert(part).inserted else { continue }
                guard read.count <= limits.ocrMaxPages else {
                    throw ExtractionError.ocrTooManyPages(pages: read.count, limit: limits.ocrMaxPages)
                }
                let start = TesseractEngine.now()
                var bytes: [UInt8] = []
                do {
                    _ = try archive.read(part, cap: limits.maxPartBytes, ratioLimit: limits.maxCompressionRatio) {
                        bytes.append(contentsOf: $0)
                    }
                } catch {
                    throw map(error, cap: limits.maxPartBytes)
                }
                let raster: Raster? = try bytes.withUnsafeBytes { raw throws(ExtractionError) in
                    guard let header = Raster.header(of: raw), !header.isTIFF else { return nil }
                    try PageOCR.checkPixels(
                        width: header.width, height: header.height, page: read.count, limits: limits)
                    return Raster.decode(raw)
                }
                // A picture Leptonica cannot decode (EMF, WMF, SVG) is a drawing, not a scan.
                guard let raster else { continue }
                // The picture's own resolution: its pixels over the inches it is shown at.
                let inches = Double(picture.width) / 914_400
                let resolution = Int((Double(raster.width) / inches).rounded())
                let reading = try PageOCR.read(
                    raster, resolution: ImageExtractor.believableResolutions.contains(resolution) ? resolution : nil,
                    pointsPerPixel: inches * 72 / Double(raster.width), number: read.count, limits: limits,
                    start: start)
                if let block = reading.block(page: nil, limits: limits) {
                    try budget.take([block])
                    blocks.append(block)
                }
            }
            return blocks
        }

        private mutating func images(under folder: String) throws -> [EmbeddedImage] {
            var images: [EmbeddedImage] = []
            // At most 64 images are sized: a CV has a photo and a logo or two, and a package with
            // thousands of media parts must not turn into thousands of reads.
            for name in archive.entryNames.filter({ $0.hasPrefix(folder) }).prefix(64) {
                // The part name travels with the document, so it counts against max_text.
                if !budget.admit(name: name), let overrun = budget.overrun { throw overrun }
                // The header of a PNG, GIF or JPEG (up to its first frame marker) says its size.
                var head: [UInt8] = []
                do {
                    try archive.read(name, cap: limits.maxPartBytes, ratioLimit: limits.maxCompressionRatio) { chunk in
                        head.append(contentsOf: chunk.prefix(max(0, (256 << 10) - head.count)))
                        if head.count >= 256 << 10 { throw StopReading() }
                    }
                } catch is StopReading {
                } catch {
                    throw map(error, cap: limits.maxPartBytes)
                }
                let size = ImageHeader.size(of: head)
                images.append(EmbeddedImage(page: nil, width: size?.width ?? 0, height: size?.height ?? 0, part: name))
            }
            return images
        }

        /// Streams `part` into the SAX parser; a missing part is skipped (a dangling relationship
        /// is common in files edited by other tools), a DOCTYPE or malformed XML is an error, and
        /// so is a part that takes the document past `max_text` or `max_blocks` (checked after
        /// every chunk, so such a part is not read to its end).
        private mutating func parse(_ part: String, handler: any XMLEventHandler) throws {
            let parser = XMLStreamParser(handler: handler)
            let remaining = limits.maxUnpackedBytes - unpackedBytes
            let cap = min(limits.maxPartBytes, remaining)
            let read: Int?
            do {
                read = try archive.read(part, cap: cap, ratioLimit: limits.maxCompressionRatio) { chunk in
                    if !parser.feed(chunk) { throw StopReading() }
                    if let overrun = budget.overrun { throw overrun }
                }
            } catch is StopReading {
                read = 0
            } catch {
                throw map(error, cap: cap)
            }
            guard let read else { return }
            unpackedBytes += read
            switch parser.finish() {
            case .ok: return
            case .doctype: throw ExtractionError.xmlDoctype(part: archive.index(of: part) ?? -1)
            case .malformed(let code, let line, let column):
                throw ExtractionError.corruptDOCX(
                    .malformedXML(part: archive.index(of: part) ?? -1, libxml2Error: code, line: line, column: column))
            }
        }

        /// The zip's failure in extraction's terms. `cap` is the limit the read ran under:
        /// `max_part_size`, or less when the parts read before left less of `max_unpacked`.
        private func map(_ error: any Error, cap: Int) -> any Error {
            switch error {
            case ZipArchive.Failure.overCap(let index, let declared, let inflated):
                let partLimit = limits.maxPartBytes
                let sign: ExtractionError.ZipBombSign =
                    if let declared, inflated > declared {
                        .liesAboutSize(declared: declared, inflated: inflated)
                    } else if let declared, declared > UInt64(partLimit) {
                        .declaresTooMuch(declared: declared, limit: partLimit)
                    } else if cap < partLimit {
                        .totalUnpacked(limit: limits.maxUnpackedBytes)
                    } else {
                        .inflatesPastLimit(inflated: inflated, limit: partLimit)
                    }
                return ExtractionError.zipBomb(part: index, sign)
            case ZipArchive.Failure.ratio(let index, let ratio):
                return ExtractionError.zipBomb(part: index, .ratio(ratio, limit: limits.maxCompressionRatio))
            case ZipArchive.Failure.readFailed(let index, let code):
                return ExtractionError.corruptDOCX(.cannotUnpack(part: index, libzipError: code))
            default:
                return error
            }
        }
    }

    private struct StopReading: Error {}
}
