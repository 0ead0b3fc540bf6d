import CVModel

/// BSN (burgerservicenummer): 9 digits (an old 8-digit one takes a leading 0), also written with
/// dots or spaces (`1112.22.333`, `111 222 333`), that pass the 11-proof (``ElevenProof``):
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), not all zeros.
struct BSNRecognizer: Recognizer {
    static let labels: Set<String> = [
        "bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "bsn-nummer", "bsn nummer",
        "citizen service number", "burgerservicenummer (bsn)", "sofi nummer", "bsn/sofinummer",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index].isDigit, scalars.isWordStart(index), index == 0 || scalars[index - 1] != "+" else {
                index += 1
                continue
            }
            var digits: [Int] = []
            var cursor = index
            var end = index
            while cursor < scalars.count, digits.count < 10 {
                if scalars[cursor].isDigit {
                    digits.append(scalars[cursor].digitValue)
                    cursor += 1
                    end = cursor
                } else if (scalars[cursor] == "." || scalars[cursor] == " ") && cursor + 1 < scalars.count
                    && scalars[cursor + 1].isDigit
                {
                    cursor += 1
                } else {
                    break
                }
            }
            if scalars.isWordEnd(end), digits.count == 9 || digits.count == 8, Self.isValid(digits) {
                let labelled = context.hasLabel(before: index, in: Self.labels)
                // Unlabelled, 1 in 11 random 9-digit numbers passes; a 10-digit phone never reaches here.
                found.append(Candidate(category: .bsn, range: index..<end, confidence: labelled ? 0.99 : 0.7))
                index = end
                continue
            }
            index = max(index + 1, end)
        }
        return found
    }

    static func isValid(_ input: [Int]) -> Bool { ElevenProof.isValid(input) }
}
