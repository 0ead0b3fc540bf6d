import CVModel

/// E-mail addresses, also obfuscated: `naam [at] domein [dot] nl`, `naam(at)domein.nl`.
struct EmailRecognizer: Recognizer {
    static let labels: Set<String> = ["e-mail", "email", "mail", "e-mailadres", "emailadres", "email address"]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "@", let range = plainAddress(around: index, in: scalars) {
                found.append(Candidate(category: .email, range: range, confidence: 0.99))
                index = range.upperBound
                continue
            }
            if scalars[index] == "[" || scalars[index] == "(" || scalars[index] == "{" || scalars[index] == " ",
                let range = obfuscatedAddress(at: index, in: scalars),
                // `jan at voorbeeld dot nl` with bare words only behind an e-mail label (`meet at noon dot com`).
                scalars[index] != " " || scalars[range].contains("[") || scalars[range].contains("(")
                    || context.hasLabel(before: range.lowerBound, in: Self.labels)
            {
                found.append(Candidate(category: .email, range: range, confidence: 0.9))
                index = range.upperBound
                continue
            }
            index += 1
        }
        return found
    }

    private static func isLocal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isAlphanumeric || "._%+-'".unicodeScalars.contains(scalar)
    }

    private static func isDomain(_ scalar: Unicode.Scalar) -> Bool { scalar.isAlphanumeric || scalar == "-" }

    /// `local@domain.tld` around the `@` at `at`.
    private func plainAddress(around at: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var start = at
        while start > 0, Self.isLocal(scalars[start - 1]) { start -= 1 }
        while start < at, scalars[start] == "." || scalars[start] == "-" || scalars[start] == "'" { start += 1 }
        guard start < at else { return nil }
        guard let end = domainEnd(from: at + 1, in: scalars, obfuscated: false) else { return nil }
        return start..<end
    }

    /// The end of `domain.tld` starting at `from`: labels of letters, digits and hyphens joined by
    /// dots (or `[dot]`/`(dot)`/` dot ` when obfuscated), the last label two or more letters.
    private func domainEnd(from: Int, in scalars: [Unicode.Scalar], obfuscated: Bool) -> Int? {
        var index = from
        var labels = 0
        var lastLabelLetters = true
        var lastLabelLength = 0
        var end: Int?
        while index < scalars.count {
            let labelStart = index
            while index < scalars.count, Self.isDomain(scalars[index]) { index += 1 }
            guard index > labelStart else { break }
            labels += 1
            lastLabelLength = index - labelStart
            lastLabelLetters = scalars[labelStart..<index].allSatisfy(\.isLetter)
            if labels >= 2, lastLabelLetters, lastLabelLength >= 2 { end = index }
            if index < scalars.count, scalars[index] == ".", index + 1 < scalars.count,
                Self.isDomain(scalars[index + 1])
            {
                index += 1
                continue
            }
            if obfuscated, let after = Self.obfuscatedToken("dot", at: index, in: scalars) {
                index = after
                continue
            }
            break
        }
        return end
    }

    /// `[at]`, `(at)`, `{at}` or ` at ` at `index` (with spaces around), returning the index after it.
    private static func obfuscatedToken(_ word: String, at index: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var cursor = index
        while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        let hadSpace = cursor > index
        guard cursor < scalars.count else { return nil }
        let open = scalars[cursor]
        let close: Unicode.Scalar? =
            switch open {
            case "[": "]"
            case "(": ")"
            case "{": "}"
            default: nil
            }
        if close != nil { cursor += 1 }
        while close != nil, cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        guard scalars.matches(word, at: cursor) else { return nil }
        cursor += word.unicodeScalars.count
        if let close {
            while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
            guard cursor < scalars.count, scalars[cursor] == close else { return nil }
            cursor += 1
        } else {
            // A bare word needs spaces on both sides: `jan at voorbeeld dot nl`.
            guard hadSpace, cursor < scalars.count, scalars[cursor] == " " else { return nil }
        }
        while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        return cursor
    }

    /// `local [at] domain [dot] tld` with the `at` token at or after `index`.
    private func obfuscatedAddress(at index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard index > 0, Self.isLocal(scalars[index - 1]) || scalars[index] != " " else { return nil }
        guard let afterAt = Self.obfuscatedToken("at", at: index, in: scalars) else { return nil }
        var start = index
        while start > 0, scalars[start - 1] == " " { start -= 1 }
        let localEnd = start
        while start > 0, Self.isLocal(scalars[start - 1]) { start -= 1 }
        guard start < localEnd, let end = domainEnd(from: afterAt, in: scalars, obfuscated: true) else { return nil }
        // Require an obfuscated or real dot in the domain, so "meet at noon" never matches.
        return start..<end
    }
}
