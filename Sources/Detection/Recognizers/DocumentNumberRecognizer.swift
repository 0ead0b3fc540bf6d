import CVModel

/// Dutch passport and identity-card numbers without a label: 9 characters — 2 letters, 6 letters
/// or digits, 1 digit, never the letter O (Rijksdienst voor Identiteitsgegevens, document numbers
/// since 2014) — standing alone in the personal details or within four lines of an e-mail
/// address or phone number.
///
/// In OCR text an `O` in such a number can only be a misread `0` (the form has no letter O, and
/// Tesseract confuses the two in a line of capitals): it is read as `0`, and the finding carries
/// the number with the `0`.
struct DocumentNumberRecognizer: Recognizer {
    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index + 9 <= scalars.count {
            guard scalars.isWordStart(index), scalars.isWordEnd(index + 9) else {
                index += 1
                continue
            }
            let value = Self.zeroReading(index..<(index + 9), in: context)
            guard Self.matches(scalars, at: index) || value != nil else {
                index += 1
                continue
            }
            if context.isNearContact(index, radius: 4) || context.layout.section(at: index) == .personalia {
                found.append(
                    Candidate(category: .otherID, range: index..<(index + 9), confidence: 0.7, value: value))
            }
            index += 9
        }
        return found
    }

    /// The number in OCR text at `range` read with each `O` after the two leading letters as `0`,
    /// when that reading, and only it, has the Dutch form; `nil` otherwise.
    static func zeroReading(_ range: Range<Int>, in context: DetectionContext) -> String? {
        let read = context.scalars[range]
        guard read.count == 9, read.contains("O"), context.text.source(at: range.lowerBound) == .ocr else { return nil }
        let zeroed = read.enumerated().map { $0.offset >= 2 && $0.element == "O" ? "0" : $0.element }
        guard MachineReadableZone.isDutchDocumentNumber(zeroed) else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: zeroed)
        return String(text)
    }

    /// The form is defined once, beside the machine-readable zone that uses it too.
    static func matches(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        MachineReadableZone.isDutchDocumentNumber(scalars[start..<(start + 9)])
    }
}
