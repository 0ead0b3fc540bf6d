import CTesseract
import Glibc

/// An image as Leptonica holds it (`PIX`), owned: destroyed with the value. Pages of scans and
/// photos pass through it on their way to Tesseract, which reads a `PIX` without a copy.
///
/// Calls `pixReadHeaderMem`, `pixReadMem`, `pixReadMemFromMultipageTiff`, `pixConvertTo8`,
/// `pixRotateOrth`, `pixFindSkew` and `pixDeskew`-style rotation, `pixDestroy`
/// (<http://www.leptonica.org/library-notes.html>, `allheaders.h`). Non-Sendable: one owner at a time.
final class Raster {
    let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of `pix`; `nil` for a null pointer (Leptonica's way of failing).
    init?(taking pix: UnsafeMutablePointer<PIX>?) {
        guard let pix else { return nil }
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    var width: Int { Int(pixGetWidth(pix)) }
    var height: Int { Int(pixGetHeight(pix)) }
    /// Dots per inch the file declares; 0 when it declares none (most phone photos, many PNGs).
    var resolution: Int { Int(pixGetXRes(pix)) }

    /// Leptonica reports every failure on stderr (with the function's name); a worker's stderr is
    /// `/dev/null`, but in-process callers (tests, `eval`) would print it. Silenced once.
    private static let quiet: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    /// An 8-bit grey image of `width` × `height` from bytes one a pixel, `width` a row (what
    /// ``CairoCanvas/greyPixels()`` gives).
    convenience init?(grey bytes: [UInt8], width: Int, height: Int) {
        Self.quiet
        guard bytes.count >= width * height, let made = pixCreate(Int32(width), Int32(height), 8) else { return nil }
        self.init(taking: made)
        // Leptonica keeps pixels in 32-bit words, the leftmost pixel in the most significant byte:
        // rows are copied as bytes, then each word's bytes swapped on a little-endian machine.
        let wordsPerRow = Int(pixGetWpl(pix))
        guard let data = pixGetData(pix) else { return nil }
        let raw = UnsafeMutableRawPointer(data)
        bytes.withUnsafeBytes { source in
            guard let start = source.baseAddress else { return }
            for row in 0..<height {
                raw.advanced(by: row * wordsPerRow * 4).copyMemory(from: start + row * width, byteCount: width)
            }
        }
        _ = pixEndianByteSwap(pix)
    }

    /// What a file's header declares, read without decoding its pixels: how an oversized image
    /// is refused before it costs memory.
    struct Header: Equatable {
        var width: Int
        var height: Int
        var isTIFF: Bool
    }

    static func header(of bytes: UnsafeRawBufferPointer) -> Header? {
        quiet
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        // Leptonica reads a GIF's or a BMP's header by decoding the whole image ("cheating: read
        // the pix", `readfile.c`): their sizes are read here instead, from the bytes.
        if let size = gifOrBMPSize(bytes) {
            return size.width > 0 && size.height > 0
                ? Header(width: size.width, height: size.height, isTIFF: false) : nil
        }
        var format: Int32 = 0
        var width: Int32 = 0
        var height: Int32 = 0
        var bitsPerSample: Int32 = 0
        var samplesPerPixel: Int32 = 0
        var isColormapped: Int32 = 0
        // > pixReadHeaderMem: … This reads the actual headers for jpeg, png, tiff, jp2k and pnm.
        guard
            pixReadHeaderMem(
                base, bytes.count, &format, &width, &height, &bitsPerSample, &samplesPerPixel, &isColormapped) == 0,
            width > 0, height > 0
        else { return nil }
        let tiffFormats = [
            IFF_TIFF, IFF_TIFF_PACKBITS, IFF_TIFF_RLE, IFF_TIFF_G3, IFF_TIFF_G4, IFF_TIFF_LZW, IFF_TIFF_ZIP,
            IFF_TIFF_JPEG,
        ].map { l_int32($0) }
        return Header(width: Int(width), height: Int(height), isTIFF: tiffFormats.contains(format))
    }

    /// A GIF's logical screen size (bytes 6–9, little-endian) or a BMP's width and height (bytes
    /// 18–25, signed little-endian; a negative height means top-down rows); `nil` for other files.
    static func gifOrBMPSize(_ bytes: UnsafeRawBufferPointer) -> (width: Int, height: Int)? {
        let little = { (offset: Int, count: Int) in
            (0..<count).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) { return (little(6, 2), little(8, 2)) }
        if bytes.count >= 26, bytes.starts(with: Array("BM".utf8)) {
            let width = Int(Int32(truncatingIfNeeded: little(18, 4)))
            let height = Int(Int32(truncatingIfNeeded: little(22, 4)))
            return (width, height == Int(Int32.min) ? 0 : abs(height))
        }
        return nil
    }

    /// Decodes a single-image file (JPEG, PNG, GIF, WebP, JPEG 2000, BMP).
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Raster? {
        quiet
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        return Raster(taking: pixReadMem(base, bytes.count))
    }

    /// The size of TIFF page `index` (0-based) from its directory, without decoding it; `nil`
    /// past the last page.
    static func tiffPageSize(_ bytes: UnsafeRawBufferPointer, index: Int) -> (width: Int, height: Int)? {
        quiet
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), index >= 0 else { return nil }
        var width: Int32 = 0
        var height: Int32 = 0
        var bitsPerSample: Int32 = 0
        var samplesPerPixel: Int32 = 0
        var resolution: Int32 = 0
        var isColormapped: Int32 = 0
        var format: Int32 = 0
        guard
            readHeaderMemTiff(
                base, bytes.count, Int32(index), &width, &height, &bitsPerSample, &samplesPerPixel, &resolution,
                &isColormapped, &format) == 0
        else { return nil }
        return (Int(width), Int(height))
    }

    /// Decodes TIFF page `index` (0-based).
    static func decodeTIFFPage(_ bytes: UnsafeRawBufferPointer, index: Int) -> Raster? {
        quiet
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        return Raster(taking: pixReadMemTiff(base, bytes.count, Int32(index)))
    }

    /// Page `page` (1-based) of an image file, checked against `limits` before it is decoded:
    /// `ocr_max_pages`, `max_pages` and `ocr_max_pixels` from its header or TIFF directory.
    static func page(_ page: Int, of bytes: UnsafeRawBufferPointer, header: Header, limits: ExtractionLimits)
        throws(ExtractionError) -> Raster
    {
        guard page <= limits.ocrMaxPages else { throw .ocrTooManyPages(pages: page, limit: limits.ocrMaxPages) }
        guard page <= limits.maxPages else { throw .tooManyPages(pages: page, limit: limits.maxPages) }
        if header.isTIFF {
            guard let size = tiffPageSize(bytes, index: page - 1) else { throw .corruptImage }
            try PageOCR.checkPixels(width: size.width, height: size.height, page: page, limits: limits)
            guard let raster = decodeTIFFPage(bytes, index: page - 1) else { throw .corruptImage }
            return raster
        }
        try PageOCR.checkPixels(width: header.width, height: header.height, page: page, limits: limits)
        guard page == 1, let raster = decode(bytes) else { throw .corruptImage }
        return raster
    }

    /// The image as 8-bit grey (colour by luminance, a palette looked up, bilevel spread to 0/255).
    func grey() -> Raster? {
        if pixGetDepth(pix) == 8 && pixGetColormap(pix) == nil { return Raster(taking: pixClone(pix)) }
        return Raster(taking: pixConvertTo8(pix, 0))
    }

    /// Turned clockwise by `quarterTurns` × 90°.
    func rotated(quarterTurns: Int) -> Raster? {
        let turns = ((quarterTurns % 4) + 4) % 4
        guard turns != 0 else { return Raster(taking: pixClone(pix)) }
        return Raster(taking: pixRotateOrth(pix, Int32(turns)))
    }

    /// The skew of the text lines in degrees (positive: counter-clockwise), when Leptonica finds
    /// one with some confidence; searched on a binarised copy at reduced size.
    func skew() -> Double? {
        guard let binary = Raster(taking: pixConvertTo1(pix, 160)) else { return nil }
        var angle: Float = 0
        var confidence: Float = 0
        guard pixFindSkew(binary.pix, &angle, &confidence) == 0, confidence >= 2.5, angle.isFinite else { return nil }
        return Double(angle)
    }

    /// Rotated by `degrees` about its centre, the corners brought in filled white (a page's
    /// paper), at the same size: what a skewed scan needs before its lines are read.
    func rotated(degrees: Double) -> Raster? {
        let radians = Float(degrees * .pi / 180)
        return Raster(
            taking: pixRotate(
                pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0))
    }
}

@available(*, unavailable)
extension Raster: Sendable {}

extension Raster {
    /// Regions of the page that are pictures rather than text: after the words are cleared, the
    /// connected dark areas (darker than light tints and watermarks) that cover 1–25 % of the
    /// page, stand taller than wide up to 1.8 times (a portrait photo: 35 × 45 mm on a passport,
    /// 3 × 4 on a CV), and are at least a third dark inside (a photo, not a ring of lines).
    ///
    /// Tesseract's layout analysis finds halftone pictures; a flat one (a placeholder, a photo
    /// printed in few greys) it takes for background. Worked on a quarter-size copy: the regions
    /// are large. `words` are boxes in this raster's pixels.
    func portraitRegions(clearing words: [TesseractEngine.Box], maxShare: Double = 0.25) -> [TesseractEngine.Box] {
        let factor: Float = 0.25
        guard let small = Raster(taking: pixScaleAreaMap(pix, factor, factor)),
            let binary = Raster(taking: pixConvertTo1(small.pix, 200))
        else { return [] }
        for word in words {
            let box = boxCreate(
                Int32(Float(word.left) * factor) - 1, Int32(Float(word.top) * factor) - 1,
                Int32(Float(word.width) * factor) + 3, Int32(Float(word.height) * factor) + 3)
            guard let box else { continue }
            _ = pixClearInRect(binary.pix, box)
            var pointer: UnsafeMutablePointer<BOX>? = box
            boxDestroy(&pointer)
        }
        guard let components = pixConnComp(binary.pix, nil, 8) else { return [] }
        defer {
            var pointer: UnsafeMutablePointer<BOXA>? = components
            boxaDestroy(&pointer)
        }
        let pageArea = Double(binary.width) * Double(binary.height)
        var found: [TesseractEngine.Box] = []
        for index in 0..<min(boxaGetCount(components), 10_000) {
            var x: Int32 = 0
            var y: Int32 = 0
            var width: Int32 = 0
            var height: Int32 = 0
            guard boxaGetBoxGeometry(components, index, &x, &y, &width, &height) == 0, width > 0 else { continue }
            let area = Double(width) * Double(height)
            let ratio = Double(height) / Double(width)
            guard area >= pageArea * 0.01, area <= pageArea * maxShare, (1.0...1.8).contains(ratio) else { continue }
            var dark: Int32 = 0
            guard let box = boxCreate(x, y, width, height) else { continue }
            _ = pixCountPixelsInRect(binary.pix, box, &dark, nil)
            var pointer: UnsafeMutablePointer<BOX>? = box
            boxDestroy(&pointer)
            guard Double(dark) >= area / 3 else { continue }
            let scale = 1 / Double(factor)
            found.append(
                TesseractEngine.Box(
                    left: Int(Double(x) * scale), top: Int(Double(y) * scale), right: Int(Double(x + width) * scale),
                    bottom: Int(Double(y + height) * scale)))
        }
        return found
    }
}

extension Raster {
    /// Leptonica's raster operation "not destination" (`PIX_NOT(PIX_DST)`: `0xa ^ 0xf`), a
    /// macro Swift does not import.
    private static let invertDestination: Int32 = 0x5

    /// A copy with the dark bands and sidebars of a page turned light, their text dark: CV
    /// designs print contact details white on a dark header or a dark column, which a threshold
    /// made for dark text on paper loses. `nil` when the page has no such area.
    ///
    /// Dark areas are found on a copy averaged over 16-pixel squares (mean grey under 96), and
    /// kept when shaped like a band (three times as wide as high) or a sidebar (a third of the
    /// page high, taller than wide), 2–50 % of the page and four fifths dark: a dark photo is
    /// neither shape, the desk around a photographed page is no solid area.
    func invertingDarkAreas() -> Raster? {
        let factor: Float = 1.0 / 16
        guard let small = Raster(taking: pixScaleAreaMap(pix, factor, factor)),
            let mask = Raster(taking: pixThresholdToBinary(small.pix, 96)),
            let components = pixConnComp(mask.pix, nil, 8)
        else { return nil }
        defer {
            var pointer: UnsafeMutablePointer<BOXA>? = components
            boxaDestroy(&pointer)
        }
        let pageArea = Double(mask.width) * Double(mask.height)
        var areas: [(x: Int32, y: Int32, width: Int32, height: Int32)] = []
        for index in 0..<min(boxaGetCount(components), 1_000) {
            var x: Int32 = 0
            var y: Int32 = 0
            var width: Int32 = 0
            var height: Int32 = 0
            guard boxaGetBoxGeometry(components, index, &x, &y, &width, &height) == 0, width > 0, height > 0 else {
                continue
            }
            let isBand = width >= height * 3
            let isSidebar = height > width && Double(height) >= Double(mask.height) / 3
            let area = Double(width) * Double(height)
            guard area >= pageArea * 0.02, area <= pageArea * 0.5, isBand || isSidebar else { continue }
            // Solid: most of its box dark. The desk around a photographed page is a dark ring
            // whose box is the whole picture, almost none of it dark inside.
            var dark: Int32 = 0
            guard let box = boxCreate(x, y, width, height) else { continue }
            _ = pixCountPixelsInRect(mask.pix, box, &dark, nil)
            var pointer: UnsafeMutablePointer<BOX>? = box
            boxDestroy(&pointer)
            guard Double(dark) >= area * 0.8 else { continue }
            areas.append((x, y, width, height))
        }
        guard !areas.isEmpty, let copy = Raster(taking: pixCopy(nil, pix)) else { return nil }
        for area in areas {
            _ = pixRasterop(
                copy.pix, area.x * 16, area.y * 16, area.width * 16, area.height * 16, Self.invertDestination, nil,
                0, 0)
        }
        return copy
    }
}

extension Raster {
    /// The share of the page (in 16-pixel squares, averaged) that is tinted: mean grey between
    /// 130 and 232, neither paper nor ink. A grey sidebar or band makes it large; a white page
    /// with black text keeps it near 0 (its letters average out lighter than that in few squares).
    func tintedShare() -> Double {
        let factor: Float = 1.0 / 16
        guard let small = Raster(taking: pixScaleAreaMap(pix, factor, factor)),
            let histogram = pixGetGrayHistogram(small.pix, 1)
        else { return 0 }
        var pointer: UnsafeMutablePointer<NUMA>? = histogram
        defer { numaDestroy(&pointer) }
        var tinted = 0
        var total = 0
        for level in 0..<256 {
            var count: Int32 = 0
            guard numaGetIValue(histogram, Int32(level), &count) == 0 else { continue }
            total += Int(count)
            if (130...232).contains(level) { tinted += Int(count) }
        }
        return total == 0 ? 0 : Double(tinted) / Double(total)
    }
}
