import CVModel

/// Draws one page of a PDF as a PNG with given values boxed, each in its category group's
/// colour: so that a recruiter sees on the original what detection found, and what it missed.
///
/// Calls `poppler_page_render` onto a cairo image surface, `poppler_page_find_text_with_options`
/// for each value, and `cairo_surface_write_to_png_stream`
/// (<https://poppler.freedesktop.org/api/glib/poppler-Poppler-Page.html>). A worker process runs
/// it for ``WorkerProcess/renderPage(_:page:scale:marks:testHook:)``: poppler never draws an
/// untrusted file in the process that asks for the picture.
public struct PageRenderer: Sendable {
    public var limits: ExtractionLimits

    /// Longest side of a page image in pixels: an A4 page at scale 2.3, and a cap on the memory
    /// (4 bytes a pixel, 16 MB) and time one drawing takes, whatever size a page claims.
    public static let maxLongSide = 2000
    /// The scale is held to this range before the cap on the long side applies.
    public static let scaleRange = 0.1...8.0
    /// Most values boxed on one page; more are not searched for (their box count is 0).
    public static let maxMarks = 1000
    /// Longest value searched for, in Unicode scalars; longer ones are not (a detected value is
    /// a name, a number, an address: far shorter).
    public static let maxMarkLength = 256
    /// Pixels between a value's glyphs and its box.
    static let padding = 2

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// The pixel size page images get for a page of `points` at `scale`.
    public static func pixelSize(points: (width: Double, height: Double), scale: Double) -> (width: Int, height: Int) {
        let wanted = scale.isFinite ? min(max(scale, scaleRange.lowerBound), scaleRange.upperBound) : 1
        let longest = max(points.width, points.height)
        let scale = min(wanted, Double(maxLongSide) / longest)
        return (max(1, Int((points.width * scale).rounded())), max(1, Int((points.height * scale).rounded())))
    }

    /// Draws page `page` (1-based) of the PDF in `bytes` at `scale` (1 = 72 pixels per inch,
    /// held to ``scaleRange``, then lowered so the long side is at most ``maxLongSide``), with a
    /// 2-pixel box around every occurrence of each mark's text.
    ///
    /// - Throws: ``ExtractionError`` as extraction does for a file it cannot open (damaged,
    ///   encrypted, over `extraction.max_pages`), ``ExtractionError/notRenderable(_:)`` for a
    ///   DOCX, ``ExtractionError/noSuchPage(page:pages:)``, ``ExtractionError/renderFailed(cairoStatus:)``.
    public func render(bytes: [UInt8], page: Int, scale: Double, marks: [PageMark]) throws(ExtractionError)
        -> PageImage
    {
        guard !bytes.isEmpty else { throw .emptyFile }
        guard bytes.count <= limits.maxFileBytes else {
            throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
        }
        let result: Result<PageImage, ExtractionError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ExtractionError) in try render(raw, page: page, scale: scale, marks: marks) }
        }
        return try result.get()
    }

    private func render(_ raw: UnsafeRawBufferPointer, page: Int, scale: Double, marks: [PageMark])
        throws(ExtractionError) -> PageImage
    {
        switch FormatSniffer.sniff(raw, isWordPackage: DOCXExtractor.isWordPackage) {
        case .unsupported(let looksLike): throw .unsupportedFormat(looksLike)
        case .supported(.docx): throw .notRenderable(.docx)
        case .supported(.image): return try drawImage(raw, page: page, scale: scale, marks: marks)
        case .supported(.pdf): break
        }
        try PDFExtractor.checkComplete(raw)
        PopplerKeepAlive.shared.touch()
        let document = try PopplerDocument(bytes: raw)
        let pageCount = document.pageCount
        guard pageCount > 0 else { throw .corruptPDF(.noPages) }
        guard pageCount <= limits.maxPages else { throw .tooManyPages(pages: pageCount, limit: limits.maxPages) }
        guard (1...pageCount).contains(page) else { throw .noSuchPage(page: page, pages: pageCount) }
        guard let handle = document.page(page) else { throw .corruptPDF(.pageUnreadable) }
        return try draw(handle, page: page, pageCount: pageCount, scale: scale, marks: marks)
    }

    /// A page of an image (a scan, a photo, a kept identity copy) as OCR reads it (upright,
    /// straightened), at `scale` taken as if the page were scanned at 300 dpi, with each mark boxed
    /// where OCR read its words. Only a TIFF has more than one page.
    private func drawImage(_ raw: UnsafeRawBufferPointer, page: Int, scale: Double, marks: [PageMark])
        throws(ExtractionError) -> PageImage
    {
        let (reading, pageCount) = try PageOCR.readImagePage(raw, page: page, limits: limits)
        guard let raster = reading.raster else { throw .ocrFailed(page: page) }
        let points = (width: Double(raster.width) * 72 / 300, height: Double(raster.height) * 72 / 300)
        let (width, _) = Self.pixelSize(points: points, scale: scale)
        let factor = Double(width) / Double(raster.width)
        var boxCounts = Array(repeating: 0, count: marks.count)
        var boxesByGroup: [CategoryGroup: [PixelBox]] = [:]
        for (index, mark) in marks.prefix(Self.maxMarks).enumerated() {
            guard !mark.searchText.isEmpty, mark.text.unicodeScalars.count <= Self.maxMarkLength else { continue }
            let boxes = IdentityCopyRenderer.boxes(of: mark.text, in: reading.words)
            boxCounts[index] = boxes.count
            boxesByGroup[mark.category.group, default: []] += boxes.map { box in
                let left = Int((Double(box.left) * factor).rounded(.down)) - Self.padding
                let top = Int((Double(box.top) * factor).rounded(.down)) - Self.padding
                let right = Int((Double(box.right) * factor).rounded(.up)) + Self.padding
                let bottom = Int((Double(box.bottom) * factor).rounded(.up)) + Self.padding
                return PixelBox(x: left, y: top, width: right - left, height: bottom - top)
            }
        }
        guard let colour = raster.colour(scaledBy: factor) else { throw .renderFailed(cairoStatus: -1) }
        for group in CategoryGroup.allCases {
            for box in PixelBox.outermost(boxesByGroup[group] ?? []) {
                colour.frame(box.x, box.y, box.width, box.height, colour: group.colour)
            }
        }
        guard let png = colour.png(), png.count <= PageImage.maxPNGBytes(width: colour.width, height: colour.height)
        else { throw .renderFailed(cairoStatus: -1) }
        return PageImage(
            page: page, pageCount: pageCount, width: colour.width, height: colour.height, png: png,
            boxCounts: boxCounts)
    }

    private func draw(_ page: PopplerPage, page number: Int, pageCount: Int, scale: Double, marks: [PageMark])
        throws(ExtractionError) -> PageImage
    {
        let points = page.size
        guard points.width.isFinite, points.height.isFinite, points.width > 0, points.height > 0 else {
            throw .corruptPDF(.pageSize)
        }
        let (width, height) = Self.pixelSize(points: points, scale: scale)
        let canvas = try CairoCanvas(width: width, height: height)
        let xScale = Double(width) / points.width
        let yScale = Double(height) / points.height
        canvas.scaled(x: xScale, y: yScale) { page.render(to: canvas.context) }
        // Drawn first, searched after: drawing leaves poppler's text page behind, which the search reads.
        let glyphs = marks.isEmpty ? nil : page.glyphs
        var boxCounts = Array(repeating: 0, count: marks.count)
        var boxesByGroup: [CategoryGroup: [PixelBox]] = [:]
        for (index, mark) in marks.prefix(Self.maxMarks).enumerated() {
            let text = mark.searchText
            guard !text.isEmpty, text.unicodeScalars.count <= Self.maxMarkLength else { continue }
            let boxes = page.find(text, glyphs: glyphs)
            boxCounts[index] = boxes.count
            boxesByGroup[mark.category.group, default: []] += boxes.map { box in
                let left = Int((box.x1 * xScale).rounded(.down)) - Self.padding
                let top = Int((box.y1 * yScale).rounded(.down)) - Self.padding
                let right = Int((box.x2 * xScale).rounded(.up)) + Self.padding
                let bottom = Int((box.y2 * yScale).rounded(.up)) + Self.padding
                return PixelBox(x: left, y: top, width: right - left, height: bottom - top)
            }
        }
        for group in CategoryGroup.allCases {
            let colour = group.colour
            let boxes = PixelBox.outermost(boxesByGroup[group] ?? [])
            canvas.strokeBoxes(
                boxes.map { ($0.x, $0.y, $0.width, $0.height) }, red: colour.red, green: colour.green, blue: colour.blue
            )
        }
        guard canvas.status == 0 else { throw .renderFailed(cairoStatus: canvas.status) }
        let png = try canvas.png(cap: PageImage.maxPNGBytes(width: width, height: height))
        return PageImage(
            page: number, pageCount: pageCount, width: width, height: height, png: png, boxCounts: boxCounts)
    }
}

/// A box in pixels around a value on a page image.
struct PixelBox: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    func contains(_ other: PixelBox) -> Bool {
        x <= other.x && y <= other.y && other.x + other.width <= x + width && other.y + other.height <= y + height
    }

    /// `boxes` without those inside another of them (a first name inside the full name): one
    /// frame around a value, not nested frames. Equal boxes are kept once.
    static func outermost(_ boxes: [PixelBox]) -> [PixelBox] {
        var kept: [PixelBox] = []
        for (index, box) in boxes.enumerated() {
            let isInside = boxes.indices.contains { other in
                other != index && boxes[other].contains(box) && (boxes[other] != box || other < index)
            }
            if !isInside { kept.append(box) }
        }
        return kept
    }
}
