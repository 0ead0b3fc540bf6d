import CVModel

/// Phone numbers: Dutch mobile and landline in every common writing (`06-12345678`,
/// `06 12 34 56 78`, `+31 (0)6 12345678`, `0031 6 …`, `020-1234567`, `0251 - 123456`),
/// international numbers with a `+` or `00` prefix, and numbers split over a line end.
/// Service numbers (0800, 090x) are not personal and are skipped.
struct PhoneRecognizer: Recognizer {
    static let labels: Set<String> = [
        "tel", "telefoon", "telefoonnummer", "mobiel", "mobiele telefoon", "mobile", "phone", "telephone", "t", "m",
        "gsm", "cell", "mob", "tel.nr", "telnr", "telefoon mobiel", "mobiel nummer", "phone number", "contact",
        "whatsapp", "telefoon privé", "privé", "werk", "work", "home",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "+" || scalar.isDigit || scalar == "(" else {
                index += 1
                continue
            }
            // Not inside a word or a longer number (an IBAN, a postcode, a date).
            if index > 0, scalars[index - 1].isAlphanumeric || scalars[index - 1] == "/" || scalars[index - 1] == "." {
                index += 1
                continue
            }
            if let match = Self.match(at: index, in: scalars) {
                let labelled = context.hasLabel(before: index, in: Self.labels)
                found.append(
                    Candidate(category: .phone, range: match.range, confidence: labelled ? 0.99 : match.confidence))
                index = match.range.upperBound
                continue
            }
            index += 1
        }
        return found
    }

    /// The longest run of digits and separators at `start` that is a valid phone number. The run
    /// is cut only where a group of digits ends, so `06-12345678 / 020-1234567` gives two numbers.
    static func match(at start: Int, in scalars: [Unicode.Scalar]) -> (range: Range<Int>, confidence: Double)? {
        var digits: [Int] = []
        var groupEnds: [(digitCount: Int, end: Int)] = []
        var index = start
        var hasPlus = false
        var lineBreaks = 0
        while index < scalars.count, digits.count < 18 {
            let scalar = scalars[index]
            if scalar.isDigit {
                digits.append(scalar.digitValue)
                index += 1
                if index >= scalars.count || !scalars[index].isDigit { groupEnds.append((digits.count, index)) }
            } else if scalar == "+" && digits.isEmpty && !hasPlus {
                hasPlus = true
                index += 1
            } else if " -./()".unicodeScalars.contains(scalar) {
                // At most three separators in a row (`0251 - 123456`, `+31 (0)6`).
                var cursor = index
                while cursor < scalars.count, cursor - index < 3, " -./()".unicodeScalars.contains(scalars[cursor]) {
                    cursor += 1
                }
                guard cursor < scalars.count, scalars[cursor].isDigit else { break }
                index = cursor
            } else if scalar == "\n", lineBreaks == 0, !digits.isEmpty, index + 1 < scalars.count,
                scalars[index + 1].isDigit
            {
                lineBreaks += 1
                index += 1
            } else {
                break
            }
        }
        for group in groupEnds.reversed() {
            if group.end < scalars.count, scalars[group.end].isLetter { continue }
            // North American `(608) 555-0127`: an area code in brackets, ten digits.
            if scalars[start] == "(", !hasPlus, group.digitCount == 10, digits[0] >= 2, digits[3] >= 2 {
                return (start..<group.end, 0.85)
            }
            if let confidence = validate(Array(digits.prefix(group.digitCount)), hasPlus: hasPlus) {
                return (start..<group.end, confidence)
            }
        }
        return nil
    }

    /// The national significant number of a Dutch number, or nil when `digits` is not one.
    static func dutchNational(_ digits: [Int], hasPlus: Bool) -> [Int]? {
        var national: [Int]
        if hasPlus, digits.starts(with: [3, 1]) {
            national = Array(digits.dropFirst(2))
        } else if !hasPlus, digits.starts(with: [0, 0, 3, 1]) {
            national = Array(digits.dropFirst(4))
        } else if !hasPlus, digits.first == 0, digits.count == 10 {
            return Array(digits.dropFirst())
        } else {
            return nil
        }
        // `+31 (0)6 …` keeps the trunk 0 in brackets.
        if national.first == 0 { national.removeFirst() }
        return national.count == 9 ? national : nil
    }

    private static func validate(_ digits: [Int], hasPlus: Bool) -> Double? {
        if let national = dutchNational(digits, hasPlus: hasPlus) {
            guard let first = national.first, first != 0 else { return nil }
            // 0800 and 090x are free and premium service numbers, not a person's.
            if national.starts(with: [8, 0, 0]) || national.starts(with: [9, 0]) { return nil }
            return first == 6 ? 0.97 : 0.9
        }
        // +31 and 0031 numbers are Dutch or nothing.
        if (hasPlus && digits.starts(with: [3, 1])) || digits.starts(with: [0, 0, 3, 1]) { return nil }
        // UK national numbers: 11 digits with the trunk 0 (`07700 900123`, `020 7946 0123`).
        if !hasPlus, digits.count == 11, digits.first == 0, [1, 2, 3, 7].contains(digits[1]) { return 0.8 }
        let international = hasPlus || digits.starts(with: [0, 0])
        if international {
            let count = digits.count - (hasPlus ? 0 : 2)
            return (8...15).contains(count) && !digits.starts(with: [0, 0, 0]) ? 0.85 : nil
        }
        return nil
    }

    /// The digits that identify a number regardless of writing: the Dutch national number, or
    /// all digits for a foreign one.
    static func key(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let hasPlus = scalars.contains("+")
        let digits = scalars.filter(\.isDigit).map(\.digitValue)
        if let national = dutchNational(digits, hasPlus: hasPlus) { return national.map(String.init).joined() }
        return digits.map(String.init).joined()
    }
}
