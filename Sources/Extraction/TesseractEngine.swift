import CTesseract
import Glibc
import Synchronization

/// Owner of one `TessBaseAPI` handle, initialised once for Dutch and English and reused for every
/// page the process reads: loading `nld` and `eng` costs about as much as reading a page (see the
/// README's OCR figures), so a worker pays it once, on its first scanned page.
///
/// Calls `TessBaseAPICreate`, `TessBaseAPIInit3`, `TessBaseAPISetImage`,
/// `TessBaseAPISetSourceResolution`, `TessBaseAPIRecognize` and the result iterator at
/// `RIL_WORD`, then `TessBaseAPIEnd` and `TessBaseAPIDelete`
/// (<https://tesseract-ocr.github.io/tessapi/5.x/a00008.html>). Non-Sendable: a handle serves one
/// thread at a time; ``withShared(_:)`` hands the process's one engine out under a lock.
final class TesseractEngine {
    /// One recognised word: its text, its box in pixels (origin top left, right and bottom
    /// exclusive), Tesseract's confidence (0–100), and the box of the text line it belongs to.
    struct Word: Sendable, Equatable {
        var text: String
        var left: Int
        var top: Int
        var right: Int
        var bottom: Int
        var confidence: Double
        /// The first word of a text line in Tesseract's reading order.
        var startsLine: Bool
        var lineTop: Int
        var lineBottom: Int
        /// Where the line's baseline crosses the middle of the line (Tesseract fits a straight
        /// baseline per line): from it to ``lineTop`` is the height of capitals and ascenders.
        var lineBaseline: Int
    }

    /// Why a page was not read.
    enum Failure: Error, Equatable {
        /// `TessBaseAPIRecognize` stopped at the deadline.
        case deadline
        /// `TessBaseAPIRecognize` returned an error for another reason.
        case recognition
    }

    /// The languages a page is read with. A first page is read with both (a Dutch CV holds
    /// English terms and the other way round; Tesseract picks per word); the pages after it with
    /// the one language the first page clearly suggests, which saves Tesseract the second
    /// model's attempts on every word it is less sure of (0.16 s of 0.95 s on an A4 page).
    enum Language: String, Sendable, CaseIterable {
        case both = "nld+eng"
        case dutch = "nld"
        case english = "eng"
    }

    private let handle: OpaquePointer

    /// Starts Tesseract with ``languages`` from its compiled-in data folder (Debian's
    /// `/usr/share/tesseract-ocr/5/tessdata`), or `nil` when the data cannot be loaded.
    ///
    /// > Start tesseract. Returns zero on success and -1 on failure. (`baseapi.h`, `Init`) — the
    /// handle is deleted here either way.
    init?(language: Language = .both) {
        guard let handle = TessBaseAPICreate() else { return nil }
        guard TessBaseAPIInit3(handle, nil, language.rawValue) == 0 else {
            TessBaseAPIDelete(handle)
            return nil
        }
        // The API's default is PSM_SINGLE_BLOCK (one block of text); the `tesseract` command's is
        // PSM_AUTO, which finds blocks and columns: a CV page is several blocks.
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        // Tesseract's diagnostics go to stderr (already /dev/null in a worker) unless told otherwise.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// What Tesseract found on a page: its words in reading order, and the boxes of the regions
    /// its layout analysis took for pictures (a photo in a scanned CV, the portrait on an ID).
    struct Page {
        var words: [Word]
        var pictures: [Box]
    }

    /// A box in pixels, origin top left, right and bottom exclusive.
    struct Box: Sendable, Equatable {
        var left: Int
        var top: Int
        var right: Int
        var bottom: Int
        var width: Int { right - left }
        var height: Int { bottom - top }

        func overlaps(_ other: Box) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    /// Reads `raster`, scanned at `resolution` dpi when that is known (a photo declares none, or
    /// 72: Tesseract then estimates it from the size of the text), stopping at `deadlineSeconds`.
    func recognize(_ raster: Raster, resolution: Int?, isTinted: Bool, deadlineSeconds: Double) throws(Failure) -> Page
    {
        // On a tinted page, Sauvola's local threshold (`thresholding_method` 2, Tesseract 5.3)
        // instead of one Otsu threshold for the page: dark text on a grey sidebar or a photo's
        // shaded corner is separated from its own background, not the page's (the sample
        // sidebar's phone number and skills read right only so). It costs 0.18 s on an A4 page,
        // so a white page keeps Otsu.
        _ = TessBaseAPISetVariable(handle, "thresholding_method", isTinted ? "2" : "0")
        defer { TessBaseAPIClear(handle) }
        guard let monitor = TessMonitorCreate() else { throw .recognition }
        defer { TessMonitorDelete(monitor) }
        // > Sets the end time to be deadline_msecs milliseconds from now. (`ocrclass.h`) — and only
        // when it is above 0, so at least 1 ms.
        TessMonitorSetDeadlineMSecs(monitor, Int32(max(1, min(deadlineSeconds * 1000, Double(Int32.max)))))
        let start = Self.now()
        // > SetImage2: … Provide an image for Tesseract to recognize … [it] can be deleted after
        // > SetImage (`baseapi.h`): Tesseract keeps its own reference (`pixClone`).
        TessBaseAPISetImage2(handle, raster.pix)
        if let resolution { TessBaseAPISetSourceResolution(handle, Int32(resolution)) }
        // > Recognize … Returns 0 on success. (`baseapi.h`) A deadline passed is a failure too.
        let status = TessBaseAPIRecognize(handle, monitor)
        guard status == 0 else {
            throw Self.now() - start >= deadlineSeconds * 0.99 ? .deadline : .recognition
        }
        return Page(words: words(), pictures: pictures())
    }

    /// The regions of the last recognised page that layout analysis classed as images.
    private func pictures() -> [Box] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        TessPageIteratorBegin(page)
        var boxes: [Box] = []
        repeat {
            let kind = TessPageIteratorBlockType(page)
            guard kind == PT_FLOWING_IMAGE || kind == PT_HEADING_IMAGE || kind == PT_PULLOUT_IMAGE else { continue }
            var left: Int32 = 0
            var top: Int32 = 0
            var right: Int32 = 0
            var bottom: Int32 = 0
            if TessPageIteratorBoundingBox(page, RIL_BLOCK, &left, &top, &right, &bottom) != 0 {
                boxes.append(Box(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom)))
            }
        } while TessPageIteratorNext(page, RIL_BLOCK) != 0 && boxes.count < 64
        return boxes
    }

    /// The words of the last recognised page in Tesseract's reading order.
    private func words() -> [Word] {
        // > The returned iterator must be deleted after use. … [it] points to data held within the
        // > TessBaseAPI class (`baseapi.h`, `GetIterator`): read before `TessBaseAPIClear`. NULL
        // when there is no result (a blank page).
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIteratorConst(iterator)
        var words: [Word] = []
        var line = (top: Int32(0), bottom: Int32(0), baseline: Int32(0))
        repeat {
            var left: Int32 = 0
            var top: Int32 = 0
            var right: Int32 = 0
            var bottom: Int32 = 0
            let startsLine = TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
            if startsLine, TessPageIteratorBoundingBox(page, RIL_TEXTLINE, &left, &top, &right, &bottom) != 0 {
                line = (top, bottom, bottom)
                var x1: Int32 = 0
                var y1: Int32 = 0
                var x2: Int32 = 0
                var y2: Int32 = 0
                if TessPageIteratorBaseline(page, RIL_TEXTLINE, &x1, &y1, &x2, &y2) != 0 {
                    line.baseline = (y1 + y2) / 2
                }
            }
            guard TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0,
                let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD)
            else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            guard text.contains(where: { !$0.isWhitespace }) else { continue }
            words.append(
                Word(
                    text: text, left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom),
                    confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)),
                    startsLine: startsLine || words.isEmpty, lineTop: Int(min(line.top, top)),
                    lineBottom: Int(max(line.bottom, bottom)), lineBaseline: Int(line.baseline)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: - The process's engine

    /// The process's engines by language, each made on first use; missing until then, and after
    /// a failed start (tried again next time: the data may have been installed since).
    private static let shared = Mutex<[Language: TesseractEngine]>([:])

    /// Runs `body` with the process's engine for `language`, starting it on first use; `nil`
    /// when Tesseract cannot start. Holds a lock for the duration: a worker reads one page at a
    /// time anyway, and in-process callers (tests, `eval`) share the engines rather than load the
    /// data again.
    static func withShared<Result: Sendable>(language: Language = .both, _ body: (TesseractEngine) -> Result)
        -> Result?
    {
        shared.withLock { engines -> Result? in
            if engines[language] == nil { engines[language] = TesseractEngine(language: language) }
            guard let engine = engines[language] else { return nil }
            return body(engine)
        }
    }
}

/// Tesseract's orientation and script detection (OSD) with its own handle on `osd.traineddata`,
/// the way the `tesseract --psm 0` command loads it: the `nld+eng` handle cannot do it (OSD
/// classifies characters in four orientations with the legacy classifier of that data file).
/// Asked only when a page read poorly, so an upright page never pays for it.
///
/// Calls `TessBaseAPIInit3(…, "osd")`, `TessBaseAPISetPageSegMode(PSM_OSD_ONLY)`,
/// `TessBaseAPISetImage2` and `TessBaseAPIDetectOrientationScript`
/// (<https://tesseract-ocr.github.io/tessapi/5.x/a00008.html>).
final class OrientationDetector {
    private let handle: OpaquePointer

    init?() {
        guard let handle = TessBaseAPICreate() else { return nil }
        guard TessBaseAPIInit3(handle, nil, "osd") == 0 else {
            TessBaseAPIDelete(handle)
            return nil
        }
        TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Below this OSD confidence the page is left as it is (the `tesseract` command's own
    /// `min_orientation_margin` default is 7: text-poor pages give 1–5).
    static let minimumConfidence: Float = 7

    /// The clockwise quarter turns that bring `raster`'s text upright, when OSD is sure enough:
    /// 0 for an upright page; `nil` when it cannot tell.
    func quarterTurns(_ raster: Raster) -> Int? {
        defer { TessBaseAPIClear(handle) }
        TessBaseAPISetImage2(handle, raster.pix)
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        // `orient_deg` is 0, 90, 180 or 270: a page lying a quarter turn counter-clockwise (its
        // lines running upwards) reports 270, and turning it clockwise by 360 − 270 = 90° sets it
        // upright (checked by the image tests on pages turned each way).
        guard TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, &script, &scriptConfidence) != 0,
            confidence >= Self.minimumConfidence
        else { return nil }
        return Int((360 - degrees) % 360) / 90
    }

    private static let shared = Mutex<OrientationDetector?>(nil)

    /// Runs `body` with the process's detector, made on first use; `nil` without `osd.traineddata`.
    static func withShared<Result: Sendable>(_ body: (OrientationDetector) -> Result) -> Result? {
        shared.withLock { detector -> Result? in
            if detector == nil { detector = OrientationDetector() }
            guard let detector else { return nil }
            return body(detector)
        }
    }
}

@available(*, unavailable)
extension OrientationDetector: Sendable {}

@available(*, unavailable)
extension TesseractEngine: Sendable {}
