/// A run of words shaped like a person's name: initials and capitalised words, with Dutch
/// tussenvoegsels (`van der`, `'t`, `in 't`) and double surnames (`Jansen-de Vries`), in title
/// case or all capitals, on one line.
struct NameSpan {
    enum Token: Equatable {
        case initials(String)
        case word(String)
        case particle(String)
    }

    var range: Range<Int>
    var tokens: [Token]

    /// The given names (words before the surname group).
    var givenNames: [String] {
        guard let surnameStart = surnameStartIndex else { return [] }
        return tokens[..<surnameStart].compactMap { if case .word(let word) = $0 { word } else { nil } }
    }

    var initials: [String] {
        tokens.compactMap { if case .initials(let text) = $0 { text } else { nil } }
    }

    /// The surname with its particles (`van 't Hof`, `Jansen-de Vries`).
    var surname: String {
        guard let surnameStart = surnameStartIndex else { return "" }
        return tokens[surnameStart...].map(\.text).joined(separator: " ")
    }

    /// The last capitalised word of the surname (`Hof`, `Vries`).
    var surnameCore: String {
        for token in tokens.reversed() {
            if case .word(let word) = token { return word.split(separator: "-").last.map(String.init) ?? word }
        }
        return ""
    }

    private var surnameStartIndex: Int? {
        guard let lastWord = tokens.lastIndex(where: { if case .word = $0 { true } else { false } }) else { return nil }
        var start = lastWord
        while start > 0, case .particle = tokens[start - 1] { start -= 1 }
        return start
    }

    /// Parses the longest name-shaped run at `start`, not past `limit`.
    static func parse(at start: Int, in scalars: [Unicode.Scalar], limit: Int) -> NameSpan? {
        guard start < limit, scalars.isWordStart(start) else { return nil }
        var tokens: [(Token, Range<Int>)] = []
        var cursor = start
        var isAllCaps: Bool?
        while cursor < limit, tokens.count < 8 {
            guard let (token, range) = token(at: cursor, in: scalars, limit: limit, isFirst: tokens.isEmpty) else {
                break
            }
            if case .word(let word) = token {
                let caps = word.unicodeScalars.filter(\.isLetter).allSatisfy(\.isUpper) && word.unicodeScalars.count > 1
                if isAllCaps == nil { isAllCaps = caps } else if isAllCaps != caps { break }
            }
            tokens.append((token, range))
            cursor = range.upperBound
            // One space (or a space after initials' dot) between tokens.
            guard cursor < limit, scalars[cursor] == " " else { break }
            guard cursor + 1 < limit, scalars[cursor + 1] != " " else { break }
            cursor += 1
        }
        // Trim trailing particles; a name ends with a word.
        while let last = tokens.last, case .particle = last.0 { tokens.removeLast() }
        guard let lastToken = tokens.last, case .word = lastToken.0 else { return nil }
        let words = tokens.filter { if case .word = $0.0 { true } else { false } }.count
        let hasInitials = tokens.contains { if case .initials = $0.0 { true } else { false } }
        guard words >= 2 || (words == 1 && hasInitials) else { return nil }
        guard let first = tokens.first else { return nil }
        return NameSpan(range: first.1.lowerBound..<lastToken.1.upperBound, tokens: tokens.map(\.0))
    }

    private static func token(
        at start: Int, in scalars: [Unicode.Scalar], limit: Int, isFirst: Bool
    ) -> (Token, Range<Int>)? {
        // Initials: `J.`, `J.P.`, `J.P.M.`
        var cursor = start
        var letters = 0
        while cursor + 1 < limit, scalars[cursor].isUpper, scalars[cursor + 1] == "." {
            letters += 1
            cursor += 2
        }
        if letters > 0 {
            if cursor < limit, scalars[cursor].isLetter { return nil }
            return (.initials(text(scalars, start..<cursor)), start..<cursor)
        }
        // Particles: `van`, `'t`, `d'`, `'s` (lower case, or capitalised at the start).
        cursor = start
        while cursor < limit, scalars[cursor].isLetter || scalars[cursor] == "'" { cursor += 1 }
        guard cursor > start else { return nil }
        let word = text(scalars, start..<cursor)
        if PersonNames.particles.contains(word.lowercased()),
            scalars[start].isLower || scalars[start] == "'" || isFirst
                || word.unicodeScalars.allSatisfy({ !$0.isLetter || $0.isUpper })
        {
            return (.particle(word), start..<cursor)
        }
        // A capitalised word, possibly hyphenated with particles (`Jansen-de`, `Veld-ter`).
        guard scalars[start].isUpper else { return nil }
        while cursor < limit, scalars[cursor] == "-", cursor + 1 < limit, scalars[cursor + 1].isLetter {
            cursor += 1
            while cursor < limit, scalars[cursor].isLetter || scalars[cursor] == "'" { cursor += 1 }
        }
        if cursor < limit,
            scalars[cursor].isDigit || scalars[cursor] == "@"
                || scalars[cursor] == "." && cursor + 1 < limit
                    && scalars[cursor + 1].isLetter
        {
            return nil
        }
        let full = text(scalars, start..<cursor)
        guard full.unicodeScalars.count >= 2, !PersonNames.shared.isCommonWord(full) else { return nil }
        return (.word(full), start..<cursor)
    }

    private static func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }
}

extension NameSpan.Token {
    var text: String {
        switch self {
        case .initials(let text), .word(let text), .particle(let text): text
        }
    }
}
