/// One page of a PDF drawn as a PNG, with the given values boxed.
public struct PageImage: Sendable, Equatable {
    /// 1-based.
    public var page: Int
    /// The document's page count.
    public var pageCount: Int
    /// Pixel size of the PNG.
    public var width: Int
    public var height: Int
    /// The PNG file's bytes (8-bit RGB, no alpha).
    public var png: [UInt8]
    /// How many boxes each mark got on this page, in the order the marks were given; 0 where a
    /// value is not on this page (or not on any page: detection also reads metadata and link
    /// targets, which are not drawn).
    public var boxCounts: [Int]

    public init(page: Int, pageCount: Int, width: Int, height: Int, png: [UInt8], boxCounts: [Int]) {
        self.page = page
        self.pageCount = pageCount
        self.width = width
        self.height = height
        self.png = png
        self.boxCounts = boxCounts
    }

    /// The largest PNG cairo writes for an image this size: 3 bytes a pixel and a filter byte a
    /// row, uncompressed (zlib's stored blocks add 5 bytes per 16 KiB, PNG chunks 12 bytes per
    /// 8 KiB), plus 64 KiB for the signature, header and end. The worker stops writing there and
    /// the parent reads no further.
    public static func maxPNGBytes(width: Int, height: Int) -> Int {
        let raw = height * (1 + 3 * width)
        return raw + raw / 64 + (64 << 10)
    }
}
