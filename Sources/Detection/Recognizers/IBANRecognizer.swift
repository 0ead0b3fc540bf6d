import CVModel

/// IBANs (ISO 13616), Dutch `NL\d{2}[A-Z]{4}\d{10}` and other countries, printed compact or in
/// groups of four, confirmed by the mod-97 check.
struct IBANRecognizer: Recognizer {
    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index + 15 <= scalars.count {
            if let range = Self.iban(at: index, in: scalars) {
                found.append(Candidate(category: .iban, range: range, confidence: 0.99))
                index = range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The longest valid IBAN starting exactly at `index` (a word start), compact or in groups.
    static func iban(at index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard index + 15 <= scalars.count, scalars[index].isASCIIUpper, scalars[index + 1].isASCIIUpper,
            scalars[index + 2].isDigit, scalars[index + 3].isDigit, scalars.isWordStart(index)
        else { return nil }
        var characters: [Unicode.Scalar] = []
        var cursor = index
        var lastGood: Int?
        while cursor < scalars.count, characters.count < 34 {
            let scalar = scalars[cursor]
            if scalar.isDigit || scalar.isASCIIUpper {
                characters.append(scalar)
                cursor += 1
                if characters.count >= 15, scalars.isWordEnd(cursor), Self.isValid(characters) { lastGood = cursor }
            } else if scalar == " ", cursor + 1 < scalars.count,
                scalars[cursor + 1].isDigit || scalars[cursor + 1].isASCIIUpper
            {
                cursor += 1
            } else {
                break
            }
        }
        return lastGood.map { index..<$0 }
    }

    /// ISO 13616 mod-97: move the first four characters to the end, letters to 10…35, remainder 1.
    static func isValid(_ characters: [Unicode.Scalar]) -> Bool {
        guard characters.count >= 15, characters.count <= 34 else { return false }
        if characters.starts(with: ["N", "L"]) {
            // NL: 2 letters, 2 digits, 4 letters (bank), 10 digits.
            guard characters.count == 18, characters[4..<8].allSatisfy(\.isASCIIUpper),
                characters[8...].allSatisfy(\.isDigit)
            else { return false }
        }
        var remainder = 0
        for scalar in characters[4...] + characters[..<4] {
            if scalar.isDigit {
                remainder = (remainder * 10 + scalar.digitValue) % 97
            } else {
                remainder = (remainder * 100 + Int(scalar.value) - 55) % 97
            }
        }
        return remainder == 1
    }
}
