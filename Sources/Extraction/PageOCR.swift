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

    /// The pixel size of a page of `points` at ``resolution``.
    static func pixelSize(points: (width: Double, height: Double)) -> (width: Int, height: Int) {
        let scale = Double(resolution) / 72
        return (max(1, Int((points.width * scale).rounded())), max(1, Int((points.height * scale).rounded())))
    }

    /// Draws and reads page `number` under `limits` (`ocr_max_pixels`, `ocr_page_timeout`, and the
    /// confidence floor the caller applies).
    static func read(_ page: PopplerPage, number: Int, limits: ExtractionLimits) throws(ExtractionError) -> Reading {
        let start = TesseractEngine.now()
        let points = page.size
        guard points.width.isFinite, points.height.isFinite, points.width > 0, points.height > 0,
            points.width < 1e6, points.height < 1e6
        else { throw .corruptPDF(.pageSize) }
        let (width, height) = pixelSize(points: points)
        let pixels = width.multipliedReportingOverflow(by: height)
        guard !pixels.overflow, pixels.partialValue <= limits.ocrMaxPixels else {
            throw .ocrPageTooLarge(
                page: number, pixels: pixels.overflow ? Int.max : pixels.partialValue,
                limit: limits.ocrMaxPixels)
        }
        let grey: [UInt8]
        do {
            let canvas = try CairoCanvas(width: width, height: height)
            canvas.scaled(x: Double(width) / points.width, y: Double(height) / points.height) {
                page.render(to: canvas.context)
            }
            guard canvas.status == 0 else { throw ExtractionError.renderFailed(cairoStatus: canvas.status) }
            grey = canvas.greyPixels()
        }
        let left = limits.ocrPageTimeoutSeconds - (TesseractEngine.now() - start)
        guard left > 0 else { throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds) }
        let outcome = TesseractEngine.withShared { engine in
            Result { () throws(TesseractEngine.Failure) in
                try engine.recognize(
                    grey: grey, width: width, height: height, resolution: resolution, deadlineSeconds: left)
            }
        }
        let words: [TesseractEngine.Word]
        switch outcome {
        case nil: throw .ocrUnavailable
        case .failure(.deadline)?: throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds)
        case .failure(.recognition)?: throw .ocrFailed(page: number)
        case .success(let found)?: words = found
        }
        guard TesseractEngine.now() - start <= limits.ocrPageTimeoutSeconds else {
            throw .ocrTimeLimit(page: number, seconds: limits.ocrPageTimeoutSeconds)
        }
        let kept = legible(words)
        let confidence = kept.isEmpty ? nil : kept.map(\.confidence).reduce(0, +) / Double(kept.count)
        return Reading(
            lines: lines(of: kept, pointsPerPixel: points.width / Double(width), pageWidth: points.width),
            confidence: confidence, wordCount: kept.count)
    }

    /// The legible words, a dropped word's line start passed on to the next word kept on its
    /// line (a bullet Tesseract reads as `¢` at low confidence must not join its line to the one above).
    static func legible(_ words: [TesseractEngine.Word]) -> [TesseractEngine.Word] {
        var kept: [TesseractEngine.Word] = []
        var startsLine = false
        for (index, word) in words.enumerated() {
            var word = word
            let next = words.index(after: index) < words.endIndex ? words[index + 1] : nil
            if word.startsLine, let next, !next.startsLine, bulletMisreadings.contains(word.text) {
                word.text = "•"
                word.confidence = max(word.confidence, 60)
            } else if isMiddleDot(word) {
                word.text = "·"
                word.confidence = max(word.confidence, 60)
            }
            guard isLegible(word) else {
                startsLine = startsLine || word.startsLine
                continue
            }
            if startsLine { word.startsLine = true }
            startsLine = false
            kept.append(word)
        }
        return kept
    }

    /// A middle dot between list items (`SAP · Excel`), which Tesseract reads as `-` or `.`: a
    /// one-character word of dash or dot, about as wide as it is high, and small beside its line
    /// (a hyphen or a dash is several times wider than high).
    static func isMiddleDot(_ word: TesseractEngine.Word) -> Bool {
        guard ["-", "—", "–", ".", "·", "•", "*", "°"].contains(word.text) else { return false }
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
                if !isWide {
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
