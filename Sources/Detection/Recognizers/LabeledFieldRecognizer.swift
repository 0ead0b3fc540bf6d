import CVModel

/// A category found by its label: gender, nationality, marital status, ID-document numbers.
/// The value is the labelled text (up to a comma for words, one token for numbers).
struct LabeledFieldRecognizer: Recognizer {
    enum Shape: Sendable {
        /// One to three words.
        case words
        /// A token of letters and digits with at least one digit.
        case identifier
    }

    let category: Category
    let labels: Set<String>
    let shape: Shape
    /// Words that are this category without a label, in the personal details (`Nederlandse`, `man`).
    let unlabelledWords: Set<String>

    static let all: [LabeledFieldRecognizer] = [
        LabeledFieldRecognizer(
            category: .gender, labels: ["geslacht", "gender", "sex"], shape: .words, unlabelledWords: []),
        LabeledFieldRecognizer(
            category: .nationality,
            labels: [
                "nationaliteit", "nationality", "citizenship", "nationaliteit(en)", "nationality(-ies)",
                "nationalities",
                "staatsangehörigkeit", "nationalität",
            ],
            shape: .words,
            unlabelledWords: ["nederlandse nationaliteit", "dutch nationality", "dutch citizen", "british citizen"]),
        LabeledFieldRecognizer(
            category: .maritalStatus,
            labels: ["burgerlijke staat", "marital status", "civil status", "gezinssituatie"],
            shape: .words, unlabelledWords: []),
        LabeledFieldRecognizer(
            category: .otherID,
            labels: [
                "paspoortnummer", "passport number", "passport no", "id-kaart", "id-kaartnummer", "identiteitskaart",
                "documentnummer", "id number", "rijbewijsnummer", "driving licence number", "driver's license number",
                "paspoort", "passport", "identiteitsbewijs", "id-bewijs",
            ], shape: .identifier, unlabelledWords: []),
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        let scalars = context.scalars
        for value in context.values(labelled: labels) {
            if let range = cut(value.range, in: scalars) {
                found.append(Candidate(category: category, range: range, confidence: 0.97))
            }
        }
        for phrase in unlabelledWords {
            var index = 0
            while index < scalars.count {
                if scalars.isWordStart(index), scalars.matches(phrase, at: index),
                    scalars.isWordEnd(index + phrase.unicodeScalars.count), context.isPersonalContext(index)
                {
                    found.append(
                        Candidate(
                            category: category, range: index..<(index + phrase.unicodeScalars.count), confidence: 0.85))
                }
                index += 1
            }
        }
        return found
    }

    private func cut(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var end = range.lowerBound
        switch shape {
        case .words:
            var words = 0
            var cursor = range.lowerBound
            while cursor < range.upperBound, words < 3 {
                guard scalars[cursor].isLetter else { break }
                while cursor < range.upperBound, scalars[cursor].isLetter || scalars[cursor] == "-" { cursor += 1 }
                end = cursor
                words += 1
                guard cursor < range.upperBound, scalars[cursor] == " " else { break }
                cursor += 1
            }
        case .identifier:
            var cursor = range.lowerBound
            while cursor < range.upperBound, scalars[cursor].isAlphanumeric || scalars[cursor] == "-" { cursor += 1 }
            let token = scalars[range.lowerBound..<cursor]
            guard token.count >= 5, token.contains(where: \.isDigit) else { return nil }
            end = cursor
        }
        return end > range.lowerBound ? range.lowerBound..<end : nil
    }
}
