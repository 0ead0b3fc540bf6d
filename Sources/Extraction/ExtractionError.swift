public import CVModel

/// Why a file could not be extracted.
///
/// It carries numbers and closed sets only: no file name (a dropped file's name is personal
/// data; the caller puts a claim id or the path a person typed in front of ``reason``), no text
/// from inside the file, and no message from libxml2 or poppler (those can quote the file). A
/// DOCX part is named by its index in the archive (`part #3`), since part names are the
/// author's own text. So a worker that was taken over by a hostile file can lie about the kind
/// of failure, but cannot put a word of its choosing into an error the parent shows or stores.
/// Where a limit was hit, the reason quotes the limit's pipeline.yml key.
public enum ExtractionError: ReportableError, Codable, Equatable {
    case emptyFile
    case unreadable(errno: Int32)
    case unsupportedFormat(UnsupportedFormat)
    case fileTooLarge(bytes: Int, limit: Int)
    case tooManyPages(pages: Int, limit: Int)
    /// At least `characters` characters (the count stops soon after the limit).
    case tooMuchText(characters: Int, limit: Int)
    /// At least `blocks` text blocks (the count stops soon after the limit).
    case tooManyBlocks(blocks: Int, limit: Int)
    case encrypted
    case corruptPDF(PDFDamage)
    case noTextLayer(pages: Int)
    /// `part` is the entry's index in the zip's central directory.
    case zipBomb(part: Int, ZipBombSign)
    /// `part` is the entry's index in the zip's central directory.
    case xmlDoctype(part: Int)
    case corruptDOCX(DOCXDamage)
    case timeLimit(seconds: Double)
    case workerCrashed(signal: Int32)
    case workerUnavailable(WorkerFailure)
    /// The worker answered something an honest worker under these limits never sends.
    case workerAnswerRejected(WorkerAnswerProblem)
    /// A page image was asked for a page the PDF does not have (`page` is 1-based).
    case noSuchPage(page: Int, pages: Int)
    /// A page image was asked for a file without fixed pages (a DOCX).
    case notRenderable(DocumentFormat)
    /// cairo could not draw or encode the page (`cairo_status_t`, e.g. `CAIRO_STATUS_NO_MEMORY` = 1).
    case renderFailed(cairoStatus: Int32)
    /// Page `page` (1-based) would be `pixels` pixels at the OCR resolution, over `extraction.ocr_max_pixels`.
    case ocrPageTooLarge(page: Int, pixels: Int, limit: Int)
    /// More than `limit` pages need OCR (`extraction.ocr_max_pages`); `pages` is the count so far.
    case ocrTooManyPages(pages: Int, limit: Int)
    /// Reading page `page` took longer than `extraction.ocr_page_timeout`.
    case ocrTimeLimit(page: Int, seconds: Double)
    /// Tesseract could not be started with its language data (`TessBaseAPIInit3` failed).
    case ocrUnavailable
    /// Tesseract gave up on page `page` for a reason other than time (`TessBaseAPIRecognize` failed).
    case ocrFailed(page: Int)
    /// An image file (JPEG, PNG, TIFF, …) whose header or pixels Leptonica could not decode.
    case corruptImage

    public var exitCode: Int32 { 1 }

    public var kind: String {
        switch self {
        case .emptyFile: "empty_file"
        case .unreadable: "unreadable"
        case .unsupportedFormat: "unsupported_format"
        case .fileTooLarge: "file_too_large"
        case .tooManyPages: "too_many_pages"
        case .tooMuchText: "too_much_text"
        case .tooManyBlocks: "too_many_blocks"
        case .encrypted: "encrypted"
        case .corruptPDF: "corrupt_pdf"
        case .noTextLayer: "no_text_layer"
        case .zipBomb: "zip_bomb"
        case .xmlDoctype: "xml_doctype"
        case .corruptDOCX: "corrupt_docx"
        case .timeLimit: "time_limit"
        case .workerCrashed: "worker_crashed"
        case .workerUnavailable: "worker_unavailable"
        case .workerAnswerRejected: "worker_answer_rejected"
        case .noSuchPage: "no_such_page"
        case .notRenderable: "not_renderable"
        case .renderFailed: "render_failed"
        case .ocrPageTooLarge: "ocr_page_too_large"
        case .ocrTooManyPages: "ocr_too_many_pages"
        case .ocrTimeLimit: "ocr_time_limit"
        case .ocrUnavailable: "ocr_unavailable"
        case .ocrFailed: "ocr_failed"
        case .corruptImage: "corrupt_image"
        }
    }

    /// What went wrong and what to do, for `error: <what>: <reason>` and quarantine reason files.
    public var reason: String {
        switch self {
        case .emptyFile:
            "empty file (0 bytes); the upload or copy probably failed: ask for the file again"
        case .unreadable(let errno):
            "cannot be read (errno \(errno)); check its permissions"
        case .unsupportedFormat(let format):
            "unsupported format (\(format.description)); cvsieve reads PDF, DOCX and images of scanned pages (JPEG, "
                + "PNG, TIFF, GIF, WebP): save it as one of those and drop it again"
        case .fileTooLarge(let bytes, let limit):
            "is \(Self.mebibytes(bytes)), over the \(Self.mebibytes(limit)) limit (extraction.max_file_size)"
        case .tooManyPages(let pages, let limit):
            "has \(pages) pages, over the \(limit)-page limit (extraction.max_pages)"
        case .tooMuchText(let characters, let limit):
            "yields at least \(characters) characters of text, over the \(limit) limit (extraction.max_text); "
                + "a CV this long is probably not a CV"
        case .tooManyBlocks(let blocks, let limit):
            "yields at least \(blocks) text blocks (paragraphs, table rows, fields), over the \(limit) limit "
                + "(extraction.max_blocks); a CV has a few hundred"
        case .encrypted:
            "the PDF is encrypted and needs a password to open; ask for a copy without a password"
        case .corruptPDF(let damage):
            "damaged PDF: \(damage.description); ask for the file again"
        case .noTextLayer(let pages):
            "no text layer on any of its \(pages) page(s), and OCR found no legible text on them (blank pages, or "
                + "a picture without text): ask for the original document"
        case .zipBomb(let part, let sign):
            "rejected as a zip bomb: part #\(part) \(sign.description)"
        case .xmlDoctype(let part):
            "rejected: part #\(part) declares a DOCTYPE, which Word never writes (entity expansion or external "
                + "entity attack)"
        case .corruptDOCX(let damage):
            "damaged DOCX: \(damage.description); open it in Word or LibreOffice and save it again"
        case .timeLimit(let seconds):
            "reading took longer than \(Self.seconds(seconds)) (extraction.timeout); the worker was stopped"
        case .workerCrashed(let signal):
            "the extraction worker crashed on this file (signal \(signal)); the file is kept for inspection"
        case .workerUnavailable(let failure):
            "no extraction worker could be started: \(failure.description)"
        case .workerAnswerRejected(let problem):
            "the extraction worker's answer was refused (\(problem.description)); the worker was stopped and the "
                + "file is kept for inspection"
        case .noSuchPage(let page, let pages):
            "has no page \(page): it has \(pages) page(s)"
        case .notRenderable(let format):
            "a \(format.rawValue.uppercased()) file has no fixed pages to draw (the word processor lays its text "
                + "out when it opens it); its text is shown with the values marked instead"
        case .renderFailed(let status):
            "the page could not be drawn (cairo status \(status)); the file may be damaged or the page too complex"
        case .ocrPageTooLarge(let page, let pixels, let limit):
            "page \(page) has no text layer and would be \(Self.megapixels(pixels)) at \(PageOCR.resolution) dpi "
                + "for OCR, over the \(Self.megapixels(limit)) limit (extraction.ocr_max_pixels)"
        case .ocrTooManyPages(let pages, let limit):
            "at least \(pages) pages have no text layer, over the \(limit)-page OCR limit (extraction.ocr_max_pages); "
                + "ask for the original document"
        case .ocrTimeLimit(let page, let seconds):
            "reading scanned page \(page) took longer than \(Self.seconds(seconds)) (extraction.ocr_page_timeout)"
        case .ocrUnavailable:
            "has pages without a text layer, and OCR is not available: Tesseract could not load its Dutch and "
                + "English language data (install tesseract-ocr-nld and tesseract-ocr-eng, or run make deps)"
        case .ocrFailed(let page):
            "Tesseract could not read scanned page \(page); the file is kept for inspection"
        case .corruptImage:
            "damaged image: its header or pixels cannot be decoded (truncated, or not the format it claims); ask "
                + "for the file again"
        }
    }

    /// The reason alone: whoever shows it puts a claim id or the typed path in front.
    public var description: String { reason }

    static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1024 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    static func megapixels(_ pixels: Int) -> String {
        let value = (Double(pixels) / 100_000).rounded() / 10
        return "\(value) million pixels"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
