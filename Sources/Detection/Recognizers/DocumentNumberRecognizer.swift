import CVModel

/// Dutch passport and identity-card numbers without a label: 9 characters — 2 letters, 6 letters
/// or digits, 1 digit, never the letter O (Rijksdienst voor Identiteitsgegevens, document numbers
/// since 2014) — standing alone in the personal details or within four lines of an e-mail
/// address or phone number.
struct DocumentNumberRecognizer: Recognizer {
    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index + 9 <= scalars.count {
            guard scalars.isWordStart(index), Self.matches(scalars, at: index), scalars.isWordEnd(index + 9) else {
                index += 1
                continue
            }
            if context.isNearContact(index, radius: 4) || context.layout.section(at: index) == .personalia {
                found.append(Candidate(category: .otherID, range: index..<(index + 9), confidence: 0.7))
            }
            index += 9
        }
        return found
    }

    /// The form is defined once, beside the machine-readable zone that uses it too.
    static func matches(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        MachineReadableZone.isDutchDocumentNumber(scalars[start..<(start + 9)])
    }
}
