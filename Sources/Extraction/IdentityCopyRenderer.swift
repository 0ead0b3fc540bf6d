import CTesseract
import CVModel
import Glibc

/// Draws the copy of an identity document that a vault may keep: the pages that hold it, read
/// as OCR reads them (grey, upright, straightened), with the given values (a BSN) and the
/// pictures (the holder's photo) blacked out, stacked into one grey PNG.
///
/// The Dutch data protection authority allows an employer that must keep a copy of an identity
/// document to keep it with the BSN made unreadable and the photo removed where they are not
/// needed (Autoriteit Persoonsgegevens, "Kopie identiteitsbewijs"). The values are found the
/// way OCR read them: a mark is blacked out wherever its letters and digits run through one
/// word (inside a machine-readable zone line) or through neighbouring words on a line
/// (`123 456 782`). Runs in a worker: the file is untrusted.
struct IdentityCopyRenderer {
    var limits: ExtractionLimits

    /// Widest page in the copy, in pixels (an A4 scan at 200 dpi): enough to read every
    /// character of a card scanned on a flatbed, and a bounded PNG.
    static let maxWidth = 1654

    /// Most pages one copy holds (an identity card's two sides, a passport's data page and its
    /// cover, a residence permit's front and back).
    static let maxPages = 4

    /// Pixels added around a blacked-out value, at the page's scale.
    static let padding = 4

    struct Copy {
        var png: [UInt8]
        var width: Int
        var height: Int
        /// How many places each mark was blacked out, in the order of the marks.
        var counts: [Int]
        /// Pages on which at least one picture (the holder's photo) was blacked out.
        var pictures: Int
    }

    /// The copy of `pages` (1-based; a TIFF's pages, or a single image's page 1) of the file in
    /// `bytes`, `marks` blacked out, and the pictures too when `blackOutPictures`.
    func render(bytes: [UInt8], pages: [Int], marks: [PageMark], blackOutPictures: Bool) throws(ExtractionError)
        -> Copy
    {
        guard !pages.isEmpty, pages.count <= Self.maxPages else { throw .noSuchPage(page: 0, pages: 0) }
        var rasters: [Raster] = []
        var counts = Array(repeating: 0, count: marks.count)
        var pictures = 0
        let result: Result<Void, ExtractionError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ExtractionError) in
                for page in pages {
                    let reading = try read(raw, page: page)
                    guard let raster = reading.raster else { throw .ocrFailed(page: page) }
                    for (index, mark) in marks.enumerated() {
                        let boxes = Self.boxes(of: mark.text, in: reading.words)
                        counts[index] += boxes.count
                        for box in boxes { raster.blackOut(box, padding: Self.padding) }
                    }
                    if blackOutPictures {
                        // A card photographed tight to its edges has a portrait over a quarter
                        // of the picture, more than a CV's photo may cover: half is allowed here.
                        let words = reading.words.map {
                            TesseractEngine.Box(left: $0.left, top: $0.top, right: $0.right, bottom: $0.bottom)
                        }
                        var boxes = reading.pictureBoxes
                        for region in raster.portraitRegions(clearing: words, maxShare: 0.5)
                        where !boxes.contains(where: { $0.overlaps(region) }) {
                            boxes.append(region)
                        }
                        for box in boxes { raster.blackOut(box, padding: 0) }
                        pictures += boxes.isEmpty ? 0 : 1
                    }
                    rasters.append(raster)
                }
            }
        }
        try result.get()
        guard let stacked = Raster.stacked(rasters, maxWidth: Self.maxWidth), let png = stacked.png() else {
            throw .renderFailed(cairoStatus: -1)
        }
        return Copy(png: png, width: stacked.width, height: stacked.height, counts: counts, pictures: pictures)
    }

    /// Page `page` read by OCR, whatever the file: an image (a TIFF page), or a PDF page drawn at
    /// 300 dpi (a page with a text layer too: the copy is what the page shows).
    private func read(_ raw: UnsafeRawBufferPointer, page: Int) throws(ExtractionError) -> PageOCR.Reading {
        switch FormatSniffer.sniff(raw, isWordPackage: DOCXExtractor.isWordPackage) {
        case .unsupported(let looksLike): throw .unsupportedFormat(looksLike)
        case .supported(.docx): throw .notRenderable(.docx)
        case .supported(.pdf):
            try PDFExtractor.checkComplete(raw)
            PopplerKeepAlive.shared.touch()
            let document = try PopplerDocument(bytes: raw)
            guard (1...max(1, document.pageCount)).contains(page), let handle = document.page(page) else {
                throw .noSuchPage(page: page, pages: document.pageCount)
            }
            return try PageOCR.read(handle, number: page, limits: limits)
        case .supported(.image):
            return try PageOCR.readImagePage(raw, page: page, limits: limits).reading
        }
    }

    /// Where `value` stands among `words`: its letters and digits, folded to capitals, as a run
    /// inside one word (the share of the word's box its characters take), or as the whole of a
    /// run of neighbouring words on one line.
    static func boxes(of value: String, in words: [TesseractEngine.Word]) -> [TesseractEngine.Box] {
        let folded = fold(value)
        guard folded.count >= 4 else { return [] }
        var boxes: [TesseractEngine.Box] = []
        for (index, word) in words.enumerated() {
            let characters = Array(word.text.unicodeScalars)
            let kept = characters.indices.filter { isFolded(characters[$0]) }
            let text = kept.map { upper(characters[$0]) }
            if let start = firstRange(of: folded, in: text) {
                // Inside one word: the characters share its box evenly, as OCR gives no finer boxes.
                let step = Double(word.right - word.left) / Double(max(1, characters.count))
                let first = kept[start]
                let last = kept[start + folded.count - 1]
                boxes.append(
                    TesseractEngine.Box(
                        left: word.left + Int((step * Double(first)).rounded(.down)), top: word.top,
                        right: word.left + Int((step * Double(last + 1)).rounded(.up)), bottom: word.bottom))
                continue
            }
            // A run of words from this one, on its line, whose letters and digits are the value.
            guard folded.starts(with: text), !text.isEmpty else { continue }
            var joined = text
            var box = TesseractEngine.Box(left: word.left, top: word.top, right: word.right, bottom: word.bottom)
            var next = index + 1
            while joined.count < folded.count, next < words.count, !words[next].startsLine {
                joined += words[next].text.unicodeScalars.filter(isFolded).map(upper)
                box = TesseractEngine.Box(
                    left: min(box.left, words[next].left), top: min(box.top, words[next].top),
                    right: max(box.right, words[next].right), bottom: max(box.bottom, words[next].bottom))
                next += 1
            }
            if joined == folded { boxes.append(box) }
        }
        return boxes
    }

    private static func fold(_ value: String) -> [Unicode.Scalar] {
        value.unicodeScalars.filter(isFolded).map(upper)
    }

    private static func isFolded(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let mapped = scalar.properties.uppercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first ?? scalar : scalar
    }

    private static func firstRange(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

extension Raster {
    /// Fills `box` (grown by `padding`, held to the image) black.
    func blackOut(_ box: TesseractEngine.Box, padding: Int) {
        let left = max(0, box.left - padding)
        let top = max(0, box.top - padding)
        let right = min(width, box.right + padding)
        let bottom = min(height, box.bottom + padding)
        guard right > left, bottom > top,
            let made = boxCreate(Int32(left), Int32(top), Int32(right - left), Int32(bottom - top))
        else { return }
        // In an 8-bit grey image, cleared bits are black.
        _ = pixClearInRect(pix, made)
        var pointer: UnsafeMutablePointer<BOX>? = made
        boxDestroy(&pointer)
    }

    /// `rasters` (8-bit grey) one under the other, each scaled down to at most `maxWidth`, on white.
    static func stacked(_ rasters: [Raster], maxWidth: Int) -> Raster? {
        var scaled: [Raster] = []
        for raster in rasters {
            if raster.width <= maxWidth {
                guard let same = Raster(taking: pixClone(raster.pix)) else { return nil }
                scaled.append(same)
            } else {
                let factor = Float(maxWidth) / Float(raster.width)
                guard let smaller = Raster(taking: pixScaleAreaMap(raster.pix, factor, factor)) else { return nil }
                scaled.append(smaller)
            }
        }
        let width = scaled.map(\.width).max() ?? 0
        let height = scaled.map(\.height).reduce(0, +)
        guard width > 0, height > 0, let canvas = Raster(taking: pixCreate(Int32(width), Int32(height), 8)) else {
            return nil
        }
        _ = pixSetAll(canvas.pix)
        var top = 0
        for raster in scaled {
            _ = pixRasterop(
                canvas.pix, 0, Int32(top), Int32(raster.width), Int32(raster.height), PIX_SRC, raster.pix, 0, 0)
            top += raster.height
        }
        return canvas
    }

    /// The image as a PNG (Leptonica's `pixWriteMemPng`, no gamma chunk).
    func png() -> [UInt8]? {
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemPng(&data, &size, pix, 0) == 0, let data else { return nil }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

extension Raster {
    /// A 32-bit colour copy, scaled by `factor` (area-mapped when smaller).
    func colour(scaledBy factor: Double) -> Raster? {
        let resized = factor < 1 ? Raster(taking: pixScaleAreaMap(pix, Float(factor), Float(factor))) : self
        guard let resized else { return nil }
        return Raster(taking: pixConvertTo32(resized.pix))
    }

    /// A 2-pixel frame in `colour` (a 32-bit image), held to the image.
    func frame(_ x: Int, _ y: Int, _ boxWidth: Int, _ boxHeight: Int, colour: CategoryGroup.Colour) {
        let left = max(0, x)
        let top = max(0, y)
        let right = min(width, x + boxWidth)
        let bottom = min(height, y + boxHeight)
        guard right > left, bottom > top,
            let made = boxCreate(Int32(left), Int32(top), Int32(right - left), Int32(bottom - top))
        else { return }
        _ = pixRenderBoxArb(pix, made, 2, colour.red, colour.green, colour.blue)
        var pointer: UnsafeMutablePointer<BOX>? = made
        boxDestroy(&pointer)
    }
}
