/// How one line of a text block looks: the evidence that tells a heading or the start of a new
/// entry apart where the words alone do not (bold, capitals, larger type, a gap above).
///
/// PDF lines come from poppler's character boxes and text attributes; DOCX lines from the
/// paragraph's style and its runs. One model for both formats, so detection reads layout the
/// same way whatever made the file.
public struct LineLayout: Codable, Sendable, Hashable {
    /// Font size in points: the line's most common size among its letters (PDF), the
    /// paragraph's largest run (DOCX). `nil` when the file does not say.
    public var size: Double?
    /// Most of the line's letters are set in a bold face (`Bold`, `Black`, `Heavy`, `Semibold`,
    /// TeX's `CMBX`), or the paragraph's runs or style are bold.
    public var isBold: Bool
    /// Shown in capitals: every letter upper-case, or DOCX `w:caps`/`w:smallCaps`.
    public var isCapitals: Bool
    /// DOCX: 0 for a `Title` paragraph, n for `Heading n` or outline level n - 1; `nil` otherwise.
    public var headingLevel: Int?
    /// PDF: left edge in points. `nil` for DOCX.
    public var x: Double?
    /// PDF: top edge in points from the top of the page. `nil` for DOCX.
    public var y: Double?
    /// PDF: points between the previous line's bottom and this line's top on the same page,
    /// negative where the character boxes of lines set close together overlap; `nil` for the
    /// first line of a page, a line beside or above the previous one, and DOCX.
    public var gapAbove: Double?

    public init(
        size: Double? = nil, isBold: Bool = false, isCapitals: Bool = false, headingLevel: Int? = nil,
        x: Double? = nil, y: Double? = nil, gapAbove: Double? = nil
    ) {
        self.y = y
        self.size = size
        self.isBold = isBold
        self.isCapitals = isCapitals
        self.headingLevel = headingLevel
        self.x = x
        self.gapAbove = gapAbove
    }

    enum CodingKeys: String, CodingKey {
        case size, x, y
        case isBold = "bold"
        case isCapitals = "caps"
        case headingLevel = "heading"
        case gapAbove = "gap"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        size = try container.decodeIfPresent(Double.self, forKey: .size)
        isBold = try container.decodeIfPresent(Bool.self, forKey: .isBold) ?? false
        isCapitals = try container.decodeIfPresent(Bool.self, forKey: .isCapitals) ?? false
        headingLevel = try container.decodeIfPresent(Int.self, forKey: .headingLevel)
        x = try container.decodeIfPresent(Double.self, forKey: .x)
        y = try container.decodeIfPresent(Double.self, forKey: .y)
        gapAbove = try container.decodeIfPresent(Double.self, forKey: .gapAbove)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(size, forKey: .size)
        if isBold { try container.encode(true, forKey: .isBold) }
        if isCapitals { try container.encode(true, forKey: .isCapitals) }
        try container.encodeIfPresent(headingLevel, forKey: .headingLevel)
        try container.encodeIfPresent(x, forKey: .x)
        try container.encodeIfPresent(y, forKey: .y)
        try container.encodeIfPresent(gapAbove, forKey: .gapAbove)
    }

    /// Whether the letters of `text` are all capitals (at least two letters).
    public static func isAllCapitals(_ text: some StringProtocol) -> Bool {
        var letters = 0
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { letters += 1 }
        }
        if isASCII { return letters >= 2 }
        letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}
