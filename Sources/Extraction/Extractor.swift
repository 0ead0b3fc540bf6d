public import CVModel
import Crypto

/// Extracts one file in this process: reads it under the size limit, sniffs its format from its
/// first bytes, and hands it to ``PDFExtractor``, ``DOCXExtractor`` or ``ImageExtractor``.
///
/// This is what a worker process runs for each request; ``WorkerProcess`` is the way the
/// daemon and the batch call it, so that a crash or hang costs one file, not the run.
public struct Extractor: Sendable {
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// Extracts the file at `path`; the document is named by the path's last component.
    public func extract(path: String) throws(ExtractionError) -> Document {
        let bytes = try InputFile.read(path: path, limit: limits.maxFileBytes)
        return try extract(bytes: bytes, fileName: path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// Extracts a file already in memory. `fileName` only names the document (errors carry no name).
    public func extract(bytes: [UInt8], fileName: String) throws(ExtractionError) -> Document {
        try extract(bytes: bytes, fileName: fileName, hashing: true)
    }

    /// `hashing` false leaves ``CVModel/Document/sha256`` empty: a worker's parent hashes the
    /// file itself and does not take the worker's word for it, so the worker need not spend the time.
    func extract(bytes: [UInt8], fileName: String, hashing: Bool) throws(ExtractionError) -> Document {
        guard !bytes.isEmpty else { throw .emptyFile }
        guard bytes.count <= limits.maxFileBytes else {
            throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
        }
        let budget = TextBudget(limits: limits)
        let result: Result<(DocumentFormat, DocumentContent), ExtractionError> = bytes.withUnsafeBytes { raw in
            // A zip is opened once: the check that it is a Word package reads it on the spot.
            var wordPackage: Result<DocumentContent, ExtractionError>?
            let verdict = FormatSniffer.sniff(raw) { zip in
                wordPackage = DOCXExtractor(limits: limits).extractIfWordPackage(bytes: zip, budget: budget)
                return wordPackage != nil
            }
            switch verdict {
            case .unsupported(let looksLike):
                return .failure(.unsupportedFormat(looksLike))
            case .supported(.pdf):
                return Result { () throws(ExtractionError) in
                    (.pdf, try PDFExtractor(limits: limits).extract(bytes: raw, budget: budget))
                }
            case .supported(.docx):
                guard let wordPackage else { return .failure(.corruptDOCX(.unreadablePackage)) }
                return wordPackage.map { (.docx, $0) }
            case .supported(.image):
                return Result { () throws(ExtractionError) in
                    (.image, try ImageExtractor(limits: limits).extract(bytes: raw, budget: budget))
                }
            }
        }
        let (format, content) = try result.get()
        let document = Document(
            fileName: fileName, format: format, sha256: hashing ? Self.sha256Hex(bytes) : "", byteCount: bytes.count,
            pageCount: content.pageCount, blocks: content.blocks, images: content.images,
            attachments: content.attachments)
        try limits.check(document)
        return document
    }

    /// SHA-256 of `bytes` as lower-case hex: the content identity for dedupe and audit.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).lowercaseHex }
}
