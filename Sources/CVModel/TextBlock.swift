/// One run of text from a document: a paragraph, a table row, a metadata field, a link target.
public struct TextBlock: Codable, Sendable, Hashable {
    /// The text, as the file holds it (not normalised; detection normalises and maps back).
    public var text: String
    public var source: TextSource
    /// 1-based page for PDF text; `nil` where a format has no pages (DOCX).
    public var page: Int?
    /// What the block is, where the source alone does not say: the metadata key (`author`), the
    /// form field name, the attachment file name.
    public var label: String?
    /// Text that tracked changes deleted (`w:delText`): still in the file, so still scanned.
    public var isDeleted: Bool
    /// How each line of `text` looks, one entry per line (`text` split at newlines), where the
    /// format says it: body text of PDF pages and DOCX paragraphs. `nil` for links, metadata and
    /// other blocks without a layout; ignored when its count does not match the lines.
    public var layout: [LineLayout]?
    /// For ``TextSource/ocr`` blocks: the page's mean word confidence, 0–100 as Tesseract gives
    /// it (each word weighs the same). `nil` for text the file holds as text.
    public var confidence: Double?
    /// An OCR page whose ``confidence`` is below `extraction.ocr_min_confidence`: its text is
    /// probably misread in places, so a person should check what was found in it.
    public var isLowConfidence: Bool

    public init(
        text: String, source: TextSource, page: Int? = nil, label: String? = nil, isDeleted: Bool = false,
        layout: [LineLayout]? = nil, confidence: Double? = nil, isLowConfidence: Bool = false
    ) {
        self.text = text
        self.source = source
        self.page = page
        self.label = label
        self.isDeleted = isDeleted
        self.layout = layout
        self.confidence = confidence
        self.isLowConfidence = isLowConfidence
    }

    /// How many lines `text` has (split at newlines, empty ones counted): as many entries as a
    /// ``layout`` that matches it has.
    public static func lineCount(of text: String) -> Int {
        text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    enum CodingKeys: String, CodingKey {
        case text, source, page, label, layout, confidence
        case isDeleted = "deleted"
        case isLowConfidence = "low_confidence"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        source = try container.decode(TextSource.self, forKey: .source)
        page = try container.decodeIfPresent(Int.self, forKey: .page)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        isDeleted = try container.decodeIfPresent(Bool.self, forKey: .isDeleted) ?? false
        layout = try container.decodeIfPresent([LineLayout].self, forKey: .layout)
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        isLowConfidence = try container.decodeIfPresent(Bool.self, forKey: .isLowConfidence) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(label, forKey: .label)
        if isDeleted { try container.encode(true, forKey: .isDeleted) }
        try container.encodeIfPresent(layout, forKey: .layout)
        try container.encodeIfPresent(confidence, forKey: .confidence)
        if isLowConfidence { try container.encode(true, forKey: .isLowConfidence) }
    }
}
