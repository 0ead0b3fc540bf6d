import CVModel

/// BSN (burgerservicenummer): 9 digits (an old 8-digit one takes a leading 0), also written with
/// dots or spaces (`1112.22.333`, `111 222 333`), that pass the 11-proof:
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

    static func isValid(_ input: [Int]) -> Bool {
        let digits = input.count == 8 ? [0] + input : input
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (position, digit) in digits.enumerated() {
            sum += position == 8 ? -digit : (9 - position) * digit
        }
        return sum % 11 == 0
    }
}

/// IBANs (ISO 13616), Dutch `NL\d{2}[A-Z]{4}\d{10}` and other countries, printed compact or in
/// groups of four, confirmed by the mod-97 check.
struct IBANRecognizer: Recognizer {
    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index + 15 <= scalars.count {
            guard scalars[index].isASCIIUpper, scalars[index + 1].isASCIIUpper, scalars[index + 2].isDigit,
                scalars[index + 3].isDigit, scalars.isWordStart(index)
            else {
                index += 1
                continue
            }
            var characters: [Unicode.Scalar] = []
            var cursor = index
            var end = index
            var lastGood: (end: Int, count: Int)?
            while cursor < scalars.count, characters.count < 34 {
                let scalar = scalars[cursor]
                if scalar.isDigit || scalar.isASCIIUpper {
                    characters.append(scalar)
                    cursor += 1
                    end = cursor
                    if characters.count >= 15, scalars.isWordEnd(cursor), Self.isValid(characters) {
                        lastGood = (end, characters.count)
                    }
                } else if scalar == " ", cursor + 1 < scalars.count,
                    scalars[cursor + 1].isDigit || scalars[cursor + 1].isASCIIUpper
                {
                    cursor += 1
                } else {
                    break
                }
            }
            if let lastGood {
                found.append(Candidate(category: .iban, range: index..<lastGood.end, confidence: 0.99))
                index = lastGood.end
            } else {
                index = max(index + 1, min(end, index + 4))
            }
        }
        return found
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

/// URLs: `https://…`, `www.…`, and profile links without a scheme (`linkedin.com/in/…`,
/// `github.com/…`).
struct URLRecognizer: Recognizer {
    private static let bareHosts = [
        "linkedin.com/", "github.com/", "gitlab.com/", "behance.net/", "twitter.com/", "x.com/",
        "instagram.com/", "facebook.com/", "dribbble.com/", "medium.com/@", "nl.linkedin.com/", "www.",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index < scalars.count {
            guard scalars.isWordStart(index), scalars[index].isLetter else {
                index += 1
                continue
            }
            let isScheme = scalars.matches("https://", at: index) || scalars.matches("http://", at: index)
            let isBare = !isScheme && Self.bareHosts.contains { scalars.matches($0, at: index) }
            guard isScheme || isBare else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, !scalars[end].isWhitespace, scalars[end] != "\"", scalars[end] != "<",
                scalars[end] != ">", scalars[end] != ")"
            {
                end += 1
            }
            while end > index, ".,;:!?'".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
            if end - index > 8 {
                found.append(Candidate(category: .url, range: index..<end, confidence: 0.95))
            }
            index = max(end, index + 1)
        }
        return found
    }
}
