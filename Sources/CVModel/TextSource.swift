/// Where a piece of text lives in the file it came from.
///
/// Contact details often hide outside the body (a footer, a text box, a link behind an icon), so
/// every block of text carries its source and detection reports it with each finding.
public enum TextSource: String, Codable, Sendable, CaseIterable, Hashable {
    case body, header, footer, table, textbox, footnote, comment, metadata, link, form, annotation, attachment,
        filename
}
