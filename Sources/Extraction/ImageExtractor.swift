import CVModel

/// Reads an image of a CV (a scan or a phone photo: JPEG, PNG, TIFF with one page per CV page,
/// GIF, WebP, JPEG 2000, BMP) by OCR: decoded by Leptonica, then read as a scanned PDF page is
/// (``PageOCR``): skew undone, turned upright when it lies on its side, columns read apart.
///
/// The header is read first (`pixReadHeaderMem`), so an image over `extraction.ocr_max_pixels`
/// is refused before its pixels cost memory; a TIFF's later pages are checked as they come.
public struct ImageExtractor: Sendable {
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// A declared resolution in this range is believed; outside it (0, or the 72 a phone or an
    /// editor writes by default) Tesseract estimates it from the size of the text.
    static let believableResolutions = 100...1200

    /// Points per pixel for the page lines when the resolution is unknown: the page is laid out
    /// as if scanned at 300 dpi (only the proportions matter to the column reading).
    static let assumedResolution = 300

    public func extract(bytes: UnsafeRawBufferPointer) throws(ExtractionError) -> DocumentContent {
        try extract(bytes: bytes, budget: TextBudget(limits: limits))
    }

    func extract(bytes: UnsafeRawBufferPointer, budget: TextBudget) throws(ExtractionError) -> DocumentContent {
        guard let header = Raster.header(of: bytes) else { throw .corruptImage }
        try PageOCR.checkPixels(width: header.width, height: header.height, page: 1, limits: limits)
        var blocks: [TextBlock] = []
        var images: [EmbeddedImage] = []
        var pageCount = 0
        var language = TesseractEngine.Language.both
        // One page, or a TIFF's pages while its directory lists more: each checked before decoding.
        while pageCount == 0 || (header.isTIFF && Raster.tiffPageSize(bytes, index: pageCount) != nil) {
            pageCount += 1
            let start = TesseractEngine.now()
            let raster = try Raster.page(pageCount, of: bytes, header: header, limits: limits)
            let declared = raster.resolution
            let resolution = Self.believableResolutions.contains(declared) ? declared : nil
            let reading = try PageOCR.read(
                raster, resolution: resolution, pointsPerPixel: 72 / Double(resolution ?? Self.assumedResolution),
                number: pageCount, limits: limits, start: start, language: language)
            if pageCount == 1 { language = PageOCR.suggestedLanguage(after: reading) }
            if let block = reading.block(page: pageCount, limits: limits) {
                try budget.take([block])
                blocks.append(block)
            }
            images += reading.pictures.prefix(max(0, ExtractionLimits.maxImages - images.count)).map {
                EmbeddedImage(page: pageCount, width: $0.width, height: $0.height)
            }
        }
        guard !blocks.isEmpty else { throw .noTextLayer(pages: pageCount) }
        return DocumentContent(pageCount: pageCount, blocks: blocks, images: images, attachments: [])
    }
}
