import CVModel

/// Every way a document may write the candidate's name once it is known: the full name in any
/// case, initials with the surname (`J. de Vries`, `J.P. de Vries`), the surname with its
/// particles (`De Vries`), the first name alone (`Jan`), the surname's last word alone when it is
/// not also a job word (`Bakker`), and possessives (`Jans`, `Jan's`).
struct NameVariants {
    struct Variant {
        var words: [[Unicode.Scalar]]
        var confidence: Double
        /// Only counts when it starts with a capital (a first name alone, a surname alone).
        var needsCapital: Bool
    }

    let variants: [Variant]

    init(_ span: NameSpan) {
        var variants: [Variant] = []
        func add(_ text: String, _ confidence: Double, needsCapital: Bool = false) {
            let words = text.lowercased().split(separator: " ").map { Array($0.unicodeScalars) }
            guard !words.isEmpty, !variants.contains(where: { $0.words == words }) else { return }
            variants.append(Variant(words: words, confidence: confidence, needsCapital: needsCapital))
        }
        let full = span.tokens.map(\.text).joined(separator: " ")
        add(full, 0.97)
        let given = span.givenNames
        let surname = span.surname
        if !given.isEmpty {
            add((given + [surname]).joined(separator: " "), 0.95)
            add(given.first.map { "\($0) \(surname)" } ?? surname, 0.95)
            let initials = given.flatMap { $0.split(separator: "-") }.compactMap(\.unicodeScalars.first).map {
                "\($0)."
            }
            add(initials.joined() + " " + surname, 0.9)
            if let first = initials.first { add("\(first) \(surname)", 0.9) }
            add(initials.joined(separator: " ") + " " + surname, 0.9)
        }
        for initials in span.initials {
            add(initials + " " + surname, 0.9)
        }
        if surname.contains(" ") { add(surname, 0.85, needsCapital: true) }
        let core = span.surnameCore
        if core.unicodeScalars.count >= 3, !PersonNames.shared.isOccupational(core),
            !PersonNames.shared.isCommonWord(core),
            !PlaceNames.shared.contains(core)
        {
            add(core, 0.75, needsCapital: true)
        }
        for name in given where name.unicodeScalars.count >= 3 && !PersonNames.shared.isCommonWord(name) {
            add(name, 0.8, needsCapital: true)
        }
        // Longest first, so a full name wins over its parts at the same place.
        self.variants = variants.sorted { $0.words.reduce(0) { $0 + $1.count } > $1.words.reduce(0) { $0 + $1.count } }
    }

    /// Every occurrence of a variant in the text (whole words, any case, any run of spaces).
    func occurrences(in context: DetectionContext) -> [(range: Range<Int>, confidence: Double)] {
        let scalars = context.scalars
        var found: [(Range<Int>, Double)] = []
        var index = 0
        while index < scalars.count {
            guard scalars.isWordStart(index), scalars[index].isLetter || scalars[index] == "'" else {
                index += 1
                continue
            }
            var matched = false
            for variant in variants {
                if variant.needsCapital, !scalars[index].isUpper { continue }
                guard var end = match(variant, at: index, in: scalars, lowered: context.text.lowered) else { continue }
                // Possessives: `Jan's`, `Jans`, `De Vries'`.
                if end + 1 < scalars.count, scalars[end] == "'", scalars[end + 1] == "s", scalars.isWordEnd(end + 2) {
                    end += 2
                } else if end < scalars.count, scalars[end] == "s", scalars.isWordEnd(end + 1), variant.words.count == 1
                {
                    end += 1
                } else if !(variant.words.last?.last == "." || scalars.isWordEnd(end) || scalars[end] == "'") {
                    continue
                }
                found.append((index..<end, variant.confidence))
                index = end
                matched = true
                break
            }
            if !matched { index += 1 }
        }
        return found
    }

    private func match(
        _ variant: Variant, at start: Int, in scalars: [Unicode.Scalar], lowered: [Unicode.Scalar]
    ) -> Int? {
        var cursor = start
        for (position, word) in variant.words.enumerated() {
            if position > 0 {
                let spaceStart = cursor
                while cursor < scalars.count, scalars[cursor] == " " || scalars[cursor] == "\n" { cursor += 1 }
                // Initials may be written without a space: `J.P.` already is one word; `J. de` needs one.
                if cursor == spaceStart, !(variant.words[position - 1].last == ".") { return nil }
            }
            for scalar in word {
                guard cursor < scalars.count else { return nil }
                guard lowered[cursor] == scalar else { return nil }
                cursor += 1
            }
        }
        return cursor
    }
}
