/// The formats a profile is rendered in.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    case json, md, html, pdf, docx

    public var fileExtension: String { rawValue }
    /// Whether the leak gate must read the rendered file back through the extractor.
    public var isBinary: Bool { self == .pdf || self == .docx }
}
