import CVModel

/// Reads a PDF page without a text layer: draws it with poppler and cairo at ``resolution`` dpi,
/// turns it into 8-bit grey, reads it with Tesseract (``TesseractEngine``), and puts the words
/// back into the lines native pages give (``PageLine``), through the same column reading
/// (``ColumnLayout``): Tesseract's own order can run two columns together row by row.
enum PageOCR {
    /// Dots per inch a page is drawn at: Tesseract's own advice for body text, and what
    /// scanners default to.
    static let resolution = 300

    /// A page as OCR read it.
    struct Reading {
        var lines: [PageLine]
        /// The mean of the words' confidences (0–100); `nil` when no word was found.
        var confidence: Double?
        var wordCount: Int
        /// Regions Tesseract's layout analysis took for pictures, or that are portrait-shaped dark
        /// areas without text (``Raster/portraitRegions(clearing:)``), in points, as (width, height).
        var pictures: [(width: Int, height: Int)] = []
        /// The page as read (grey, upright, straightened), the words kept and the pictures' boxes
        /// in its pixels: what a copy with values blacked out is drawn from.
        var raster: Raster?
        var words: [TesseractEngine.Word] = []
        var pictureBoxes: [TesseractEngine.Box] = []
        /// Clockwise quarter turns the page was given to stand upright (OSD), and the degrees it
        /// was turned to undo a skew.
        var quarterTurns = 0
        var skew = 0.0

        /// The page as one block of source ``CVModel/TextSource/ocr``, with its mean word
        /// confidence and the low-confidence flag (`extraction.ocr_min_confidence`); `nil` when
        /// OCR found no word.
        func block(page: Int?, limits: ExtractionLimits) -> TextBlock? {
            var lines = lines
            guard !lines.isEmpty, let confidence else { return nil }
            lines[lines.count - 1].text = lines[lines.count - 1].text.trimmingTrailingWhitespace()
            let (text, layout) = lines.textAndLayout
            return TextBlock(
                text: text, source: .ocr, page: page, layout: layout, confidence: (confidence * 10).rounded() / 10,
                isLowConfidence: confidence < limits.ocrMinConfidence)
        }
    }

    /// Whether a page's text layer leaves it to OCR: there is no text, or a few characters (a
    /// scanner's stamp, a page number) over an image that covers most of the page.
    static func needsReading(text: String, imageArea: () -> Double, pageArea: Double) -> Bool {
        var characters = 0
        for character in text where !character.isWhitespace {
            characters += 1
            if characters >= sparseTextCharacters { return false }
        }
        return characters == 0 || (pageArea > 0 && imageArea() >= pageArea * 0.5)
    }

    /// Fewer non-blank characters than this over a full-page image count as "almost nothing".
    static let sparseTextCharacters = 80

    /// Drawn coarser than this (pixels per inch), a picture holds no text OCR could read: a
    /// 20-point heading in it would stand under 10 pixels high, about the least Tesseract reads.
    /// A portrait enlarged from a thumbnail, a background texture.
    static let legiblePixelsPerInch = 36.0

    /// A page with more pictures than this is left to OCR without weighing them (each costs a
    /// parse of the page to decode); a portrait page has one or two.
    static let maxPicturesWeighed = 8

    /// Darker than this (8-bit grey) is a mark on the page; lighter is paper.
    static let inkLevel: UInt8 = 224

    /// Whether a page that ``needsReading(text:imageArea:pageArea:)`` holds nothing OCR could
    /// read: nothing drawn on it at all (a blank page), or only pictures too coarse for text
    /// (``legiblePixelsPerInch``) and no mark beside them (text drawn as outlines, a scan's
    /// stamp). One drawing of the page at 72 dpi decides it, a small part of a reading at 300
    /// dpi (a photo page read by OCR costs most of a second and yields no word). Any doubt (a
    /// picture poppler cannot decode, a page it cannot draw) leaves the page to OCR.
    static func holdsNothingLegible(_ page: PopplerPage) -> Bool {
        let points = page.size
        guard points.width.isFinite, points.height.isFinite, points.width >= 1, points.height >= 1,
            points.width * points.height <= 16_000_000,
            let pictures = page.pictures(limit: maxPicturesWeighed),
            pictures.allSatisfy({ ($0.pixelsPerInch ?? .infinity) < legiblePixelsPerInch })
        else { return false }
        let width = Int(points.width.rounded(.up))
        let height = Int(points.height.rounded(.up))
        // Each picture's pixels, grown by 2 for the edge cairo blends with the paper, and held
        // to the page (a hostile file can place a picture at any distance, or at none).
        func pixel(_ point: Double, grownBy step: Int, within limit: Int) -> Int? {
            guard point.isFinite else { return nil }
            return min(max(Int(min(max(point, -4), Double(limit + 4)).rounded()) + step, 0), limit)
        }
        var areas: [(x1: Int, y1: Int, x2: Int, y2: Int)] = []
        for picture in pictures {
            guard let x1 = pixel(picture.area.x1, grownBy: -2, within: width),
                let y1 = pixel(picture.area.y1, grownBy: -2, within: height),
                let x2 = pixel(picture.area.x2, grownBy: 2, within: width),
                let y2 = pixel(picture.area.y2, grownBy: 2, within: height)
            else { return false }
            areas.append((x1, y1, x2, y2))
        }
        guard let canvas = try? CairoCanvas(width: width, height: height) else { return false }
        page.render(to: canvas.context)
        guard canvas.status == 0 else { return false }
        let grey = canvas.greyPixels()
        guard grey.count == width * height else { return false }
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where grey[row + x] < inkLevel {
                guard areas.contains(where: { x >= $0.x1 && x < $0.x2 && y >= $0.y1 && y < $0.y2 }) else {
                    return false
                }
            }
        }
        return true
    }

    /// The pixel size of a page of `points` at ``resolution``.
    static func pixelSize(points: (width: Double, height: Double)) -> (width: Int, height: Int) {
        let scale = Double(resolution) / 72
        return (max(1, Int((points.width * scale).rounded())), max(1, Int((points.height * scale).rounded())))
    }

    /// Draws and reads page `number` under `limits` (`ocr_max_pixels`, `ocr_page_timeout`, and the
    /// confidence floor the caller applies).
    static func read(
        _ page: PopplerPage, number: Int, limits: ExtractionLimits, language: TesseractEngine.Language = .both
    ) throws(ExtractionError) -> Reading {
        let start = TesseractEngine.now()
        let points = page.size
        guard points.width.isFinite, points.height.isFinite, points.width > 0, points.height > 0,
            points.width < 1e6, points.height < 1e6
        else { throw .corruptPDF(.pageSize) }
        let (width, height) = pixelSize(points: points)
        try checkPixels(width: width, height: height, page: number, limits: limits)
        let raster: Raster
        do {
            let canvas = try CairoCanvas(width: width, height: height)
            canvas.scaled(x: Double(width) / points.width, y: Double(height) / points.height) {
                page.render(to: canvas.context)
            }
            guard canvas.status == 0 else { throw ExtractionError.renderFailed(cairoStatus: canvas.status) }
            guard let made = Raster(grey: canvas.greyPixels(), width: width, height: height) else {
                throw ExtractionError.ocrFailed(page: number)
            }
            raster = made
        }
        return try read(
            raster, resolution: resolution, pointsPerPixel: points.width / Double(width), number: number,
            limits: limits, start: start, language: language)
    }

    /// Page `page` (1-based: a TIFF's pages; any other image has one) of an image file, read,
    /// with the file's page count as far as it was decoded (all of a TIFF's pages up to `page`).
    static func readImagePage(_ raw: UnsafeRawBufferPointer, page: Int, limits: ExtractionLimits)
        throws(ExtractionError) -> (reading: Reading, pageCount: Int)
    {
        guard let header = Raster.header(of: raw) else { throw .corruptImage }
        let raster = try Raster.page(page, of: raw, header: header, limits: limits)
        // The page count from the TIFF's directory alone, up to the OCR page limit.
        var pageCount = page
        while header.isTIFF, pageCount < limits.ocrMaxPages, Raster.tiffPageSize(raw, index: pageCount) != nil {
            pageCount += 1
        }
        let declared = raster.resolution
        let resolution = ImageExtractor.believableResolutions.contains(declared) ? declared : nil
        let reading = try read(
            raster, resolution: resolution,
            pointsPerPixel: 72 / Double(resolution ?? ImageExtractor.assumedResolution), number: page,
            limits: limits, start: TesseractEngine.now())
        return (reading, pageCount)
    }

    /// The one language a first page read with both clearly suggests for the pages after it:
    /// Dutch or English function words outnumbering the other language's three to one, and at
    /// least 20 of them; otherwise both again.
    static func suggestedLanguage(after reading: Reading) -> TesseractEngine.Language {
        var dutch = 0
        var english = 0
        for line in reading.lines {
            for word in line.text.lowercased().split(whereSeparator: { !$0.isLetter }) {
                if dutchWords.contains(String(word)) { dutch += 1 }
                if englishWords.contains(String(word)) { english += 1 }
            }
        }
        if dutch >= 20 && dutch >= english * 3 { return .dutch }
        if english >= 20 && english >= dutch * 3 { return .english }
        return .both
    }

    /// Function words of one language that the other does not write (`in`, `is`, `op`, `of`,
    /// `was`, `over` and `door` are words of both, left out).
    static let dutchWords: Set<String> = [
        "de", "het", "een", "en", "van", "met", "voor", "bij", "naar", "zijn", "aan", "ook", "uit", "werd", "heb",
        "mijn", "tot", "als", "wij", "ik",
    ]
    static let englishWords: Set<String> = [
        "the", "and", "to", "for", "with", "at", "by", "from", "my", "have", "which", "their", "were", "an",
        "this", "that", "i", "we",
    ]

    /// Refuses a page of more than `ocr_max_pixels` before it is drawn or decoded.
    static func checkPixels(width: Int, height: Int, page: Int, limits: ExtractionLimits) throws(ExtractionError) {
        let pixels = width.multipliedReportingOverflow(by: height)
        guard !pixels.overflow, pixels.partialValue <= limits.ocrMaxPixels else {
            throw .ocrPageTooLarge(
                page: page, pixels: pixels.overflow ? Int.max : pixels.partialValue, limit: limits.ocrMaxPixels)
        }
    }

    /// A skew smaller than this (degrees) is left alone: Tesseract's line finding absorbs it, and
    /// turning the page costs a resampling. Larger than ``maximumSkew`` is not a skew but a
    /// misreading of the page (a table's diagonal, a photo).
    static let minimumSkew = 0.3
    static let maximumSkew = 15.0

    /// Reads a page image: grey, skew undone, read; read again turned upright when it read poorly
    /// and Tesseract's orientation detection says the page lies on its side or upside down.
    /// `pointsPerPixel` puts the words back on the page (72 / dpi), `start` is when the page's
    /// time (`ocr_page_timeout`) began.
    static func read(
        _ image: Raster, resolution: Int?, pointsPerPixel scale: Double, number: Int, limits: ExtractionLimits,
        start: Double, language: TesseractEngine.Language = .both
    ) throws(ExtractionError) -> Reading {
        guard var raster = image.grey() else { throw .ocrFailed(page: number) }
        var skew = 0.0
        if let angle = raster.skew(), abs(angle) >= minimumSkew, abs(angle) <= maximumSkew,
            let straight = raster.rotated(degrees: angle)
        {
            raster = straight
            skew = angle
        }
        let isTinted = raster.tintedShare() >= tintedPage
        var reading = try recognize(
            raster, resolution: resolution, scale: scale, number: number, limits: limits, start: start,
            language: language, isTinted: isTinted)
        reading.skew = skew
        guard isPoor(reading, limits: limits),
            let turns = OrientationDetector.withShared({ $0.quarterTurns(raster) }) ?? nil, turns != 0,
            let upright = raster.rotated(quarterTurns: turns)
        else { return reading }
        var turned = try recognize(
            upright, resolution: resolution, scale: scale, number: number, limits: limits, start: start,
            language: language, isTinted: isTinted)
        turned.quarterTurns = turns
        turned.skew = skew
        return score(turned) > score(reading) ? turned : reading
    }

    /// A reading that suggests the page was not upright: few words, or words read with little confidence.
    static func isPoor(_ reading: Reading, limits: ExtractionLimits) -> Bool {
        reading.wordCount < 20 || (reading.confidence ?? 0) < limits.ocrMinConfidence
    }

    /// Which of two readings of a page to keep: confident words count.
    private static func score(_ reading: Reading) -> Double {
        Double(reading.wordCount) * (reading.confidence ?? 0)
    }

    /// A page with at least this share tinted (``Raster/tintedShare()``) is thresholded locally.
    static let tintedPage = 0.05

    private static func recognize(
        _ raster: Raster, resolution: Int?, scale: Double, number: Int, limits: ExtractionLimits, start: Double,
        language: TesseractEngine.Language, isTinted: Bool
    ) throws(ExtractionError) -> Reading {
        let left = limits.ocrPageTimeoutSeconds - (TesseractEngine.now() - start)
        guard left > 0 else { throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds) }
        // Text printed light on a dark band is read from a copy with those areas turned light.
        let text = raster.invertingDarkAreas() ?? raster
        let outcome = TesseractEngine.withShared(language: language) { engine in
            Result { () throws(TesseractEngine.Failure) in
                try engine.recognize(text, resolution: resolution, isTinted: isTinted, deadlineSeconds: left)
            }
        }
        let page: TesseractEngine.Page
        switch outcome {
        case nil: throw .ocrUnavailable
        case .failure(.deadline)?: throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds)
        case .failure(.recognition)?: throw .ocrFailed(page: number)
        case .success(let found)?: page = found
        }
        guard TesseractEngine.now() - start <= limits.ocrPageTimeoutSeconds else {
            throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds)
        }
        let kept = legible(page.words)
        let confidence = kept.isEmpty ? nil : kept.map(\.confidence).reduce(0, +) / Double(kept.count)
        let pageArea = Double(raster.width) * Double(raster.height)
        // A picture between 1 % and a quarter of the page: a portrait, not a rule, a speck or the page.
        let shortSide = Double(min(raster.width, raster.height))
        var boxes = page.pictures.filter { box in
            let area = Double(box.width) * Double(box.height)
            let sides = (Double(min(box.width, box.height)), Double(max(box.width, box.height)))
            // A portrait-sized block, not a rule, a margin strip or the page: at least 1 % of the
            // page and a twentieth of its short side each way, at most three times as long as wide.
            return area >= pageArea * 0.01 && area <= pageArea * 0.25 && sides.0 >= shortSide / 20
                && sides.1 <= sides.0 * 3
        }
        let wordBoxes = kept.map {
            TesseractEngine.Box(left: $0.left, top: $0.top, right: $0.right, bottom: $0.bottom)
        }
        for region in raster.portraitRegions(clearing: wordBoxes) where !boxes.contains(where: { $0.overlaps(region) })
        {
            boxes.append(region)
        }
        let pictures = boxes.map {
            (width: Int((Double($0.width) * scale).rounded()), height: Int((Double($0.height) * scale).rounded()))
        }
        return Reading(
            lines: lines(of: kept, pointsPerPixel: scale, pageWidth: Double(raster.width) * scale),
            confidence: confidence, wordCount: kept.count, pictures: pictures, raster: raster, words: kept,
            pictureBoxes: boxes)
    }

    /// The legible words, a dropped word's line start passed on to the next word kept on its
    /// line (a bullet Tesseract reads as `¢` at low confidence must not join its line to the one above).
    static func legible(_ words: [TesseractEngine.Word]) -> [TesseractEngine.Word] {
        var words = words
        var kept: [TesseractEngine.Word] = []
        var startsLine = false
        for index in words.indices {
            var word = words[index]
            let next = words.index(after: index) < words.endIndex ? words[index + 1] : nil
            let previous = index > words.startIndex ? words[index - 1] : nil
            if let next, !next.startsLine, !word.startsLine, [".", "_"].contains(word.text), next.text.contains("@") {
                // A dot Tesseract set apart inside an address (`name . surname@…`, often at low
                // confidence): it goes back into the address, which then joins its first part.
                words[index + 1].text = word.text + next.text
                startsLine = startsLine || word.startsLine
                continue
            }
            if word.startsLine, let next, !next.startsLine, bulletMisreadings.contains(word.text) {
                word.text = "•"
                word.confidence = max(word.confidence, 60)
            } else if isMiddleDot(word), !isBetweenNumbers(previous, next) {
                word.text = "·"
                word.confidence = max(word.confidence, 60)
            } else if let at = word.text.lastIndex(of: "@") {
                // A speck beside an address's `@` read as a sign: `name@®` is `name@`.
                word.text =
                    String(word.text[...at])
                    + String(word.text[word.text.index(after: at)...]).filter {
                        !["®", "©", "™", "℗"].contains($0)
                    }
            }
            guard isLegible(word), !isStraySymbol(word) else {
                startsLine = startsLine || word.startsLine
                continue
            }
            if startsLine { word.startsLine = true }
            startsLine = false
            kept.append(word)
        }
        return kept
    }

    /// Whether a word stands between two numbers on its line, as the dash in `0251 - 717550`
    /// does: a separator there is a hyphen, however small it is drawn.
    static func isBetweenNumbers(_ previous: TesseractEngine.Word?, _ next: TesseractEngine.Word?) -> Bool {
        guard let previous, let next, !next.startsLine else { return false }
        let isNumber = { (text: String) in text.contains { $0.isNumber } && text.allSatisfy { $0.isNumber || $0 == "+" }
        }
        return isNumber(previous.text) && isNumber(next.text)
    }

    /// A word of only trademark-like signs (`®`, `©`, `™`): what Tesseract makes of a speck
    /// beside an `@` or a bullet, never a word of a CV on its own (`Excel®` keeps its sign: it is
    /// part of a word, not one).
    static func isStraySymbol(_ word: TesseractEngine.Word) -> Bool {
        word.text.unicodeScalars.allSatisfy { ["®", "©", "™", "℗"].contains($0) }
    }

    /// A middle dot between list items (`SAP · Excel`), which Tesseract reads as `-` or `.`: a
    /// one-character word of dash or dot, about as wide as it is high, and small beside its line
    /// (a hyphen or a dash is several times wider than high).
    static func isMiddleDot(_ word: TesseractEngine.Word) -> Bool {
        guard ["-", "—", "–", ".", ":", "·", "•", "*", "°"].contains(word.text) else { return false }
        let width = word.right - word.left
        let height = word.bottom - word.top
        let line = word.lineBottom - word.lineTop
        return height > 0 && width <= height * 2 && height * 3 <= line
    }

    /// What Tesseract makes of a bullet (`•`) at the start of a line: read back as the bullet,
    /// so that lists look as they do on native pages (the career parser reads skills from them).
    /// Only a whole first word of a line with more words after it, never a letter inside a word.
    static let bulletMisreadings: Set<String> = ["¢", "«", "°", "©", "e", "o", "*", "»", "·"]

    /// A word worth keeping: one with a letter or digit, or one Tesseract is fairly sure of
    /// (punctuation such as `@` or `-` between words). Specks, rules and photo edges come back
    /// as low-confidence strings of `|`, `_` and `—`.
    static func isLegible(_ word: TesseractEngine.Word) -> Bool {
        word.text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            || word.confidence >= 60
    }

    /// Whether two words on one line are one token Tesseract cut in two: a gap far narrower than
    /// a space (a space is a quarter to a third of the font size; the line box is about one and a
    /// fifth of it), as where it splits `name.` from `surname@example.nl`, or an `@` at the cut
    /// (an address never has a space beside its `@`).
    static func isJoined(
        _ previous: TesseractEngine.Word, _ word: TesseractEngine.Word, gap: Double, lineHeight: Double
    ) -> Bool {
        gap < lineHeight * 0.1 || previous.text.hasSuffix("@") || word.text.hasPrefix("@")
            || (word.text.contains("@") && [".", "_"].contains(word.text.first ?? " "))
            || (word.text.contains("@") && [".", "_"].contains(previous.text.last ?? " "))
    }

    /// Cap height over font size for common text faces (Helvetica 0.72, Times 0.66, DejaVu 0.73):
    /// a line's font size is estimated from how far its capitals and ascenders rise above the baseline.
    static let capHeightRatio = 0.72

    /// The words as page lines in reading order, in PDF points: each word's characters share its
    /// box evenly, a space between words, a line break between Tesseract's text lines; then the
    /// column reading native pages get.
    static func lines(of words: [TesseractEngine.Word], pointsPerPixel scale: Double, pageWidth: Double)
        -> [PageLine]
    {
        guard !words.isEmpty else { return [] }
        var glyphs: [ColumnLayout.Glyph] = []
        var previous: TesseractEngine.Word?
        for word in words {
            let top = Double(word.lineTop) * scale
            let bottom = Double(max(word.lineBottom, word.lineTop + 1)) * scale
            let rise = Double(word.lineBaseline - word.lineTop) * scale
            let size = rise > 0 ? ((rise / capHeightRatio) * 2).rounded() / 2 : 0
            if let previous {
                let x1 = Double(previous.right) * scale
                let x2 = max(x1, Double(word.left) * scale)
                // A gap wider than twice the line's height (a label and its value, two columns
                // on one line) gets no space: the column reading cuts runs there and puts a tab
                // between them, as it does for poppler's glyphs.
                let isWide = !word.startsLine && x2 - x1 > (bottom - top) * 2
                if !isWide && !word.startsLine && isJoined(previous, word, gap: x2 - x1, lineHeight: bottom - top) {
                    // One token Tesseract cut in two: no space between them.
                } else if !isWide {
                    glyphs.append(
                        ColumnLayout.Glyph(scalar: word.startsLine ? "\n" : " ", x1: x1, y1: top, x2: x2, y2: bottom))
                }
            }
            let scalars = Array(word.text.unicodeScalars)
            let step = Double(max(word.right - word.left, 1)) * scale / Double(scalars.count)
            for (index, scalar) in scalars.enumerated() {
                let x1 = Double(word.left) * scale + step * Double(index)
                glyphs.append(
                    ColumnLayout.Glyph(scalar: scalar, x1: x1, y1: top, x2: x1 + step, y2: bottom, size: size))
            }
            previous = word
        }
        var lines = ColumnLayout.reorder(glyphs, pageWidth: pageWidth) ?? ColumnLayout.separatingGluedRuns(glyphs)
        lines.removeAll { !$0.text.contains { !$0.isWhitespace } }
        return lines
    }
}
