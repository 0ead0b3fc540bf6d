public import CVModel
import Crypto
import Glibc

/// Extracts one file in this process: reads it under the size limit, sniffs its format from its
/// first bytes, and hands it to ``PDFExtractor`` or ``DOCXExtractor``.
///
/// This is what a worker process runs for each request; ``WorkerProcess`` is the way the
/// daemon and the batch call it, so that a crash or hang costs one file, not the run.
public struct Extractor: Sendable {
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = .default) { self.limits = limits }

    /// Extracts the file at `path`; the document is named by the path's last component.
    public func extract(path: String) throws(ExtractionError) -> Document {
        let bytes = try Self.read(path: path, limit: limits.maxFileBytes)
        return try extract(bytes: bytes, fileName: path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// Extracts a file already in memory. `fileName` only names the document (errors carry no name).
    public func extract(bytes: [UInt8], fileName: String) throws(ExtractionError) -> Document {
        guard !bytes.isEmpty else { throw .emptyFile }
        guard bytes.count <= limits.maxFileBytes else {
            throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
        }
        let budget = TextBudget(limits: limits)
        let result: Result<(DocumentFormat, DocumentContent), ExtractionError> = bytes.withUnsafeBytes { raw in
            switch FormatSniffer.sniff(raw, isWordPackage: DOCXExtractor.isWordPackage) {
            case .unsupported(let looksLike):
                return .failure(.unsupportedFormat(looksLike))
            case .supported(.pdf):
                return Result { () throws(ExtractionError) in
                    (.pdf, try PDFExtractor(limits: limits).extract(bytes: raw, budget: budget))
                }
            case .supported(.docx):
                return Result { () throws(ExtractionError) in
                    (.docx, try DOCXExtractor(limits: limits).extract(bytes: raw, budget: budget))
                }
            }
        }
        let (format, content) = try result.get()
        let document = Document(
            fileName: fileName, format: format, sha256: Self.sha256Hex(bytes), byteCount: bytes.count,
            pageCount: content.pageCount, blocks: content.blocks, images: content.images,
            attachments: content.attachments)
        try limits.check(document)
        return document
    }

    /// SHA-256 of `bytes` as lower-case hex: the content identity for dedupe and audit.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads a file with `open`/`read`, refusing it once it passes `limit` (checked with `fstat`
    /// first, and again while reading, since the file may still grow).
    static func read(path: String, limit: Int) throws(ExtractionError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .unreadable(errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(errno: EISDIR) }
        let size = Int(info.st_size)
        if size > limit { throw .fileTooLarge(bytes: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while true {
            if total == bytes.count {
                if total > limit { throw .fileTooLarge(bytes: total, limit: limit) }
                bytes.append(contentsOf: repeatElement(0, count: max(64 << 10, bytes.count / 2)))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        bytes.removeSubrange(total...)
        return bytes
    }
}
