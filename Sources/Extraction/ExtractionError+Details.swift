/// The details of an ``ExtractionError``: closed sets whose words are ours, so that an error
/// coming back from a worker cannot carry free text.
extension ExtractionError {
    /// What an unsupported file looks like, from its first bytes (``FormatSniffer``).
    public enum UnsupportedFormat: String, Codable, Sendable, CustomStringConvertible {
        case openDocument, otherZip, oleDocument, rtf, heif, unknown

        public var description: String {
            switch self {
            case .openDocument: "an OpenDocument file (.odt)"
            case .otherZip: "a zip archive that is not a Word document"
            case .oleDocument: "a Word 97-2003 .doc or other OLE file"
            case .rtf: "an RTF document"
            case .heif: "a HEIC/HEIF or AVIF photo, which this machine cannot decode: export it as JPEG"
            case .unknown: "not a PDF, DOCX or image file"
            }
        }
    }

    /// How a PDF is damaged. poppler's own messages are never kept: they can quote the file.
    public enum PDFDamage: String, Codable, Sendable, CustomStringConvertible {
        case noPages, noDocumentStructure, truncated
        /// A page whose size is zero, negative or not a number: nothing to draw it on.
        case pageSize
        /// The page tree counts a page whose object cannot be read.
        case pageUnreadable

        public var description: String {
            switch self {
            case .noPages: "it has no pages"
            case .noDocumentStructure: "poppler cannot open it (no readable document structure)"
            case .truncated: "it ends early (no %%EOF marker), probably cut off while copying"
            case .pageSize: "a page has no usable size"
            case .pageUnreadable: "a page it lists cannot be read"
            }
        }
    }

    /// How a DOCX package is damaged. Parts are named by their index in the archive; libxml2
    /// and libzip errors by their codes (`xmlParserErrors`, `ZIP_ER_*`), never by their messages.
    public enum DOCXDamage: Codable, Equatable, Sendable, CustomStringConvertible {
        case notAZip(libzipError: Int32)
        case unreadablePackage
        case noMainPart
        case mainPartMissing
        case malformedXML(part: Int, libxml2Error: Int32, line: Int32, column: Int32)
        case cannotUnpack(part: Int, libzipError: Int32)

        public var description: String {
            switch self {
            case .notAZip(let code): "not a readable zip archive (libzip error \(code))"
            case .unreadablePackage: "the package cannot be read"
            case .noMainPart: "no main document part (the package relationships name none)"
            case .mainPartMissing: "the main document part is missing"
            case .malformedXML(let part, let code, let line, let column):
                "part #\(part) is not well-formed XML (libxml2 error \(code) at line \(line), column \(column))"
            case .cannotUnpack(let part, let code): "part #\(part) cannot be unpacked (libzip error \(code))"
            }
        }
    }

    /// How a DOCX part gave itself away as a zip bomb; each names the limit it broke.
    public enum ZipBombSign: Codable, Equatable, Sendable, CustomStringConvertible {
        /// Its header declares more than `extraction.max_part_size`: refused before inflating.
        case declaresTooMuch(declared: UInt64, limit: Int)
        /// It inflated past the size its header declares: a lying header, stopped after
        /// `inflated` bytes (within one 64 KiB read of the lie), not at the end of its stream.
        case liesAboutSize(declared: UInt64, inflated: Int)
        /// Its header declares no size, and it inflated past `extraction.max_part_size`.
        case inflatesPastLimit(inflated: Int, limit: Int)
        /// Its declared sizes give an unpacked/packed ratio over `extraction.max_ratio`.
        case ratio(Int, limit: Int)
        /// It brings all parts together past `extraction.max_unpacked`.
        case totalUnpacked(limit: Int)

        public var description: String {
            switch self {
            case .declaresTooMuch(let declared, let limit):
                "declares \(ExtractionError.mebibytes(Int(clamping: declared))) unpacked, over the "
                    + "\(ExtractionError.mebibytes(limit)) limit (extraction.max_part_size)"
            case .liesAboutSize(let declared, _):
                "unpacks to more than the \(ExtractionError.mebibytes(Int(clamping: declared))) its header declares "
                    + "(a lying header)"
            case .inflatesPastLimit(_, let limit):
                "unpacks to more than \(ExtractionError.mebibytes(limit)) (extraction.max_part_size)"
            case .ratio(let ratio, let limit):
                "is compressed \(ratio):1, over the \(limit):1 limit (extraction.max_ratio)"
            case .totalUnpacked(let limit):
                "brings the unpacked total over \(ExtractionError.mebibytes(limit)) (extraction.max_unpacked)"
            }
        }
    }

    /// Why no worker process could be started.
    public enum WorkerFailure: Codable, Equatable, Sendable, CustomStringConvertible {
        case requestNotEncodable
        case pipe(errno: Int32)
        case spawn(errno: Int32)
        case exitsAtOnce

        public var description: String {
            switch self {
            case .requestNotEncodable: "the request could not be encoded"
            case .pipe(let errno): "pipe: errno \(errno)"
            case .spawn(let errno): "posix_spawn failed (errno \(errno))"
            case .exitsAtOnce: "the worker exits at once"
            }
        }
    }

    /// What was wrong with a worker's answer. The parent checks the answer against the limits
    /// itself rather than trust a process that has just parsed a hostile file.
    public enum WorkerAnswerProblem: String, Codable, Sendable, CustomStringConvertible {
        /// The frame's length is over what the limits allow (see `WorkerFraming.maxAnswerBytes(for:)`).
        case oversized
        /// The frame is not a response that decodes.
        case undecodable
        /// More images or attachments than an extractor ever lists.
        case tooManyItems
        /// What no extractor gives: a size, position or confidence that is not finite, or more
        /// layout lines than the text has lines.
        case implausibleValues
        /// Not the page image asked for: another page, a size over the cap or other than the
        /// PNG's own, a box count per value that does not match the values sent, or no PNG.
        case notThePageAskedFor

        public var description: String {
            switch self {
            case .oversized: "larger than the limits allow"
            case .undecodable: "not a valid answer"
            case .tooManyItems: "more images or attachments than an extractor lists"
            case .implausibleValues: "numbers no extractor gives (sizes or positions not finite, or layout lines)"
            case .notThePageAskedFor: "not the page image asked for"
            }
        }
    }
}
