import CVModel

/// A span of the normalised text that a recognizer thinks is personal data.
struct Candidate: Hashable {
    var category: Category
    var range: Range<Int>
    var confidence: Double
    var subject: DataSubject = .candidate
    var isPropagated = false
    /// The value as read where it differs from the text as written: a check digit corrected an OCR
    /// misreading (`O` for `0` in a document number). `nil` for the text itself.
    var value: String?
}

/// Finds one category of personal data. A recognizer is a small value: patterns, the context
/// words that raise its score, and a validation step (11-proof, mod-97) that confirms or rejects
/// a match — the split Presidio uses. The list of recognizers is data (``RecognizerRegistry``).
protocol Recognizer: Sendable {
    func recognize(in context: DetectionContext) -> [Candidate]
}

/// What recognizers read: the normalised text, its lines and sections, and label look-ups.
struct DetectionContext {
    let text: NormalizedText
    let layout: TextLayout
    let document: Document
    let labeledValues: [LabeledValue]
    var scalars: [Unicode.Scalar] { text.scalars }

    /// Lines within two lines of an e-mail address, a phone number or a postcode: a contact
    /// block, wherever the layout put it (a right-hand column read after the skills list).
    private(set) var contactLines: Set<Int> = []
    /// The lines holding an e-mail address or phone number.
    private(set) var contactAnchors: Set<Int> = []
    /// E-mail addresses and phone numbers, found once: they anchor the contact block, corroborate
    /// the name, and are findings themselves.
    private(set) var emails: [Candidate] = []
    private(set) var phones: [Candidate] = []

    init(document: Document) {
        self.document = document
        text = NormalizedText(document: document)
        layout = TextLayout(text: text)
        labeledValues = LabeledValues.collect(text: text, layout: layout)
        emails = EmailRecognizer().recognize(in: self)
        phones = PhoneRecognizer().recognize(in: self)
        var anchors = Set<Int>()
        for candidate in emails + phones {
            if let line = layout.lineNumber(at: candidate.range.lowerBound) { anchors.insert(line) }
        }
        contactAnchors = anchors
        var lines = Set<Int>()
        for anchor in anchors {
            for line in max(0, anchor - 2)...min(layout.lines.count - 1, anchor + 2) { lines.insert(line) }
        }
        contactLines = lines
    }

    /// Whether `position` is within `radius` lines of an e-mail address or phone number.
    func isNearContact(_ position: Int, radius: Int) -> Bool {
        guard let number = layout.lineNumber(at: position) else { return false }
        return ((number - radius)...(number + radius)).contains { contactAnchors.contains($0) }
    }

    /// Whether `position` is in a contact block (see ``contactLines``) on a line that is not a career entry.
    func isContactBlock(_ position: Int) -> Bool {
        guard let number = layout.lineNumber(at: position), contactLines.contains(number) else { return false }
        let line = layout.lines[number]
        return !line.isHeading
    }

    /// The labelled values whose label is one of `labels` (or starts with one of them).
    func values(labelled labels: Set<String>) -> [LabeledValue] {
        labeledValues.filter { value in
            labels.contains(value.label) || labels.contains { value.label.hasPrefix($0 + " ") }
        }
    }

    /// The label that names the value starting at `position`, if any.
    func labelOfValue(at position: Int) -> String? {
        labeledValues.first { $0.range.contains(position) || $0.range.lowerBound == position }?.label
    }

    /// The label in front of a value at `position`: the text between the start of its line and the
    /// value (`Geboortedatum:`, a table cell), or — when the value starts its line — the line
    /// before, if that line is short (a label above its value). Lower-cased, without the colon.
    func label(before position: Int) -> String? {
        guard let lineNumber = layout.lineNumber(at: position) else { return nil }
        let line = layout.lines[lineNumber]
        // A label stands just before its value: 80 characters are plenty, and a bound keeps a
        // megabyte-long line from being copied for every candidate on it.
        let prefix = text.text(max(line.range.lowerBound, position - 80)..<max(line.range.lowerBound, position))
        let cleaned = Self.cleanLabel(prefix)
        if !cleaned.isEmpty { return cleaned }
        if lineNumber > 0 {
            let previous = text.text(layout.lines[lineNumber - 1].range)
            if previous.count <= 40 { return Self.cleanLabel(previous) }
        }
        return nil
    }

    /// The last label-like segment: after the last tab, `|`, `•` or `,` of the prefix, without `:`.
    static func cleanLabel(_ prefix: String) -> String {
        var segment = Substring(prefix)
        if let separator = segment.lastIndex(where: { $0 == "\t" || $0 == "|" || $0 == "*" }) {
            let after = segment[segment.index(after: separator)...]
            if after.contains(where: { $0.isLetter }) { segment = after }
        }
        var label = segment.lowercased().trimmingCharacters()
        while let last = label.last, last == ":" || last == "-" || last == "." || last == "=" {
            label.removeLast()
            label = label.trimmingCharacters()
        }
        return label
    }

    /// Whether the label before `position` is one of `labels`, or ends with one (`tel. mobiel`).
    func hasLabel(before position: Int, in labels: Set<String>) -> Bool {
        if let paired = labelOfValue(at: position), labels.contains(paired) { return true }
        guard let label = label(before: position), !label.isEmpty else { return false }
        if labels.contains(label) { return true }
        return labels.contains { label.hasSuffix(" " + $0) || label.hasSuffix("/" + $0) }
    }

    /// The range of the line holding `position`, trimmed of surrounding spaces.
    func lineRange(at position: Int) -> Range<Int> { layout.line(at: position)?.range ?? position..<position }

    /// Whether `position` lies in a personal-details context: the personalia section, a header or
    /// footer, a text box, a form field, or the top of the first page before any heading.
    func isPersonalContext(_ position: Int) -> Bool {
        guard let line = layout.line(at: position) else { return false }
        if line.section == .personalia || isContactBlock(position) { return true }
        switch line.source {
        case .header, .footer, .textbox, .form, .attachment, .link, .metadata: return true
        default: break
        }
        return line.isOutsideKnownSections
    }
}
