/// The file formats cvsieve reads, as sniffed from their first bytes (never from the extension).
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    /// `image`: a scanned or photographed page (JPEG, PNG, TIFF, GIF, WebP, JPEG 2000, BMP), read by OCR.
    case pdf, docx, image
}

/// An image embedded in a document. A candidate's photo is personal data, so images are listed
/// even though their pixels are never read.
public struct EmbeddedImage: Codable, Sendable, Hashable {
    /// 1-based page (PDF), or `nil` (DOCX).
    public var page: Int?
    /// Pixel size where the file says it (DOCX media headers); for PDF, the size on the page in points.
    public var width: Int
    public var height: Int
    /// The part name inside a DOCX (`word/media/image1.png`); `nil` for PDF images.
    public var part: String?

    public init(page: Int?, width: Int, height: Int, part: String? = nil) {
        self.page = page
        self.width = width
        self.height = height
        self.part = part
    }
}

/// A file embedded in a PDF (a Europass PDF carries the whole CV again as XML).
public struct AttachmentInfo: Codable, Sendable, Hashable {
    public var name: String
    public var size: Int
    /// Whether its text was read into the document's blocks (text and XML are; binaries are listed only).
    public var isRead: Bool

    public init(name: String, size: Int, isRead: Bool) {
        self.name = name
        self.size = size
        self.isRead = isRead
    }
}

/// Everything extraction found in one file: text blocks with their sources, images, attachments.
///
/// This is the value that crosses from Extraction to Detection. It carries no C handle and no
/// file handle, only text and numbers.
public struct Document: Codable, Sendable {
    /// The file's name as dropped (used for display and as weak evidence of the candidate's name).
    public var fileName: String
    public var format: DocumentFormat
    /// SHA-256 of the file's bytes, hex: the content identity used for dedupe and audit.
    public var sha256: String
    public var byteCount: Int
    /// Pages for PDF; `nil` for DOCX (Word decides pagination when it lays the text out).
    public var pageCount: Int?
    public var blocks: [TextBlock]
    public var images: [EmbeddedImage]
    public var attachments: [AttachmentInfo]

    public init(
        fileName: String, format: DocumentFormat, sha256: String, byteCount: Int, pageCount: Int?,
        blocks: [TextBlock], images: [EmbeddedImage] = [], attachments: [AttachmentInfo] = []
    ) {
        self.fileName = fileName
        self.format = format
        self.sha256 = sha256
        self.byteCount = byteCount
        self.pageCount = pageCount
        self.blocks = blocks
        self.images = images
        self.attachments = attachments
    }

    /// The blocks from one source, in document order.
    public func blocks(from source: TextSource) -> [TextBlock] {
        blocks.filter { $0.source == source }
    }

    /// All text joined with newlines, in block order: what a person would read, plus what hides
    /// behind links, forms and metadata.
    public var plainText: String {
        blocks.map(\.text).joined(separator: "\n")
    }
}
