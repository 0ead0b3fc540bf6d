public import CVModel

/// Why a file could not be extracted. Every case names the file (as dropped) and, where a limit
/// was hit, the limit's pipeline.yml key; none carries text from inside the file.
public enum ExtractionError: ReportableError, Codable, Equatable {
    case emptyFile(file: String)
    case unreadable(file: String, errno: Int32)
    case unsupportedFormat(file: String, looksLike: String)
    case fileTooLarge(file: String, bytes: Int, limit: Int)
    case tooManyPages(file: String, pages: Int, limit: Int)
    case tooMuchText(file: String, characters: Int, limit: Int)
    case encrypted(file: String)
    case corruptPDF(file: String, reason: String)
    case noTextLayer(file: String, pages: Int)
    case zipBomb(file: String, part: String, reason: String)
    case xmlDoctype(file: String, part: String)
    case corruptDOCX(file: String, reason: String)
    case timeLimit(file: String, seconds: Double)
    case workerCrashed(file: String, signal: Int32)
    case workerUnavailable(file: String, reason: String)

    public var exitCode: Int32 { 1 }

    public var kind: String {
        switch self {
        case .emptyFile: "empty_file"
        case .unreadable: "unreadable"
        case .unsupportedFormat: "unsupported_format"
        case .fileTooLarge: "file_too_large"
        case .tooManyPages: "too_many_pages"
        case .tooMuchText: "too_much_text"
        case .encrypted: "encrypted"
        case .corruptPDF: "corrupt_pdf"
        case .noTextLayer: "no_text_layer"
        case .zipBomb: "zip_bomb"
        case .xmlDoctype: "xml_doctype"
        case .corruptDOCX: "corrupt_docx"
        case .timeLimit: "time_limit"
        case .workerCrashed: "worker_crashed"
        case .workerUnavailable: "worker_unavailable"
        }
    }

    /// The file the error is about, as it was named when dropped.
    public var file: String {
        switch self {
        case .emptyFile(let file), .unreadable(let file, _), .unsupportedFormat(let file, _),
            .fileTooLarge(let file, _, _), .tooManyPages(let file, _, _), .tooMuchText(let file, _, _),
            .encrypted(let file),
            .corruptPDF(let file, _), .noTextLayer(let file, _), .zipBomb(let file, _, _),
            .xmlDoctype(let file, _), .corruptDOCX(let file, _), .timeLimit(let file, _),
            .workerCrashed(let file, _), .workerUnavailable(let file, _):
            file
        }
    }

    /// The reason without the file name, for `error: <file>: <reason>` and quarantine reason files.
    public var reason: String {
        switch self {
        case .emptyFile:
            "empty file (0 bytes); the upload or copy probably failed: ask for the file again"
        case .unreadable(_, let errno):
            "cannot be read (errno \(errno)); check its permissions"
        case .unsupportedFormat(_, let looksLike):
            "unsupported format (\(looksLike)); cvsieve reads PDF and DOCX: save it as one of those and drop it again"
        case .fileTooLarge(_, let bytes, let limit):
            "is \(Self.mebibytes(bytes)), over the \(Self.mebibytes(limit)) limit (extraction.max_file_size)"
        case .tooManyPages(_, let pages, let limit):
            "has \(pages) pages, over the \(limit)-page limit (extraction.max_pages)"
        case .tooMuchText(_, let characters, let limit):
            "yields \(characters) characters of text, over the \(limit) limit (extraction.max_text); "
                + "a CV this long is probably not a CV"
        case .encrypted:
            "the PDF is encrypted and needs a password to open; ask for a copy without a password"
        case .corruptPDF(_, let reason):
            "damaged PDF: \(reason); ask for the file again"
        case .noTextLayer(_, let pages):
            "no text layer on any of its \(pages) page(s) (a scan or a picture of text); cvsieve does no OCR: "
                + "ask for the original document"
        case .zipBomb(_, let part, let reason):
            "rejected as a zip bomb: part \(part) \(reason)"
        case .xmlDoctype(_, let part):
            "rejected: part \(part) declares a DOCTYPE, which Word never writes (entity expansion or external "
                + "entity attack)"
        case .corruptDOCX(_, let reason):
            "damaged DOCX: \(reason); open it in Word or LibreOffice and save it again"
        case .timeLimit(_, let seconds):
            "reading took longer than \(Self.seconds(seconds)) (extraction.timeout); the worker was stopped"
        case .workerCrashed(_, let signal):
            "the extraction worker crashed on this file (signal \(signal)); the file is kept for inspection"
        case .workerUnavailable(_, let reason):
            "no extraction worker could be started: \(reason)"
        }
    }

    public var description: String { "\(file): \(reason)" }

    static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1024 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
