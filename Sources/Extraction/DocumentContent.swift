public import CVModel

/// What a format extractor returns: the parts of a ``CVModel/Document`` that come from inside
/// the file. ``Extractor`` adds the file's identity (name, hash, size).
public struct DocumentContent: Sendable {
    public var pageCount: Int?
    public var blocks: [TextBlock]
    public var images: [EmbeddedImage]
    public var attachments: [AttachmentInfo]
}
