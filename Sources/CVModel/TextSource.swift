/// Where a piece of text lives in the file it came from.
///
/// Contact details often hide outside the body (a footer, a text box, a link behind an icon), so
/// every block of text carries its source and detection reports it with each finding.
public enum TextSource: String, Codable, Sendable, CaseIterable, Hashable {
    case body, header, footer, table, textbox, footnote, comment, metadata, link, form, annotation, attachment,
        filename
    /// The text of a scanned page (a PDF page without a text layer) as Tesseract read it: body
    /// text, but with a confidence, and possibly misread.
    case ocr

    /// Whether the block is a page's running text, read for sections, careers, names and page
    /// furniture the same way: `body`, and `ocr` (the body of a scanned page).
    public var isPageBody: Bool { self == .body || self == .ocr }
}
