import CVModel

/// Street addresses with a house number: Dutch forms (`Kerkstraat 12a`, `Van Goghlaan 3-II`,
/// `Burgemeester de Withstraat 12 bis`, `Rembrandtplein 10 hs`), English forms (`14 Station Road`),
/// and whatever stands behind an address label.
struct AddressRecognizer: Recognizer {
    static let labels: Set<String> = [
        "adres", "address", "woonadres", "home address", "straat", "straat en huisnummer", "adres en woonplaats",
    ]
    static let dutchSuffixes = [
        "straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "pad", "hof", "steeg", "dreef",
        "markt", "park", "plantsoen", "erf", "baan", "boulevard", "wal", "haven", "veld", "ring", "straatweg",
        "weide", "zoom", "dam", "donk", "akker", "hoeve", "wijk", "burg", "berg", "kamp", "laantje", "stede",
        "rade", "hoek", "oord", "horst", "dal", "kwartier", "passage", "promenade", "allee", "tuin", "tuinen", "lei",
        "vliet", "wetering", "vaart", "schans", "poort", "brink",
        // German streets: `Musterstr. 99`, `Hauptstraße 5`, `Lindengasse 3`.
        "str.", "straße", "strasse", "gasse", "platz",
    ]
    static let englishSuffixes: Set<String> = [
        "road", "street", "st", "lane", "avenue", "ave", "drive", "close", "way", "court", "place", "square",
        "gardens", "crescent", "hill", "row", "terrace", "grove", "walk", "mews", "park", "boulevard", "blvd", "rd",
        "dr", "ln", "parade", "green",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        let scalars = context.scalars
        for value in context.values(labelled: Self.labels) {
            // Up to the first comma or postcode: the street and number.
            var end = value.range.lowerBound
            while end < value.range.upperBound, scalars[end] != ",",
                PostcodeRecognizer.postcode(at: end, in: scalars) == nil
            {
                end += 1
            }
            let range = LabeledValues.trimmed(value.range.lowerBound..<end, in: context.text)
            if scalars[range].contains(where: \.isDigit) {
                found.append(Candidate(category: .address, range: range, confidence: 0.97))
            }
        }
        var index = 0
        while index < scalars.count {
            guard scalars.isWordStart(index), scalars[index].isUpper || scalars[index].isDigit else {
                index += 1
                continue
            }
            if let range = dutchAddress(at: index, in: scalars) ?? englishAddress(at: index, in: scalars) {
                // An employer's or school's address in the career sections is not the candidate's.
                let section = context.layout.section(at: index)
                if [.experience, .education, .certificates, .skills].contains(section), !context.isContactBlock(index) {
                    index = range.upperBound
                    continue
                }
                let personal = context.isPersonalContext(index)
                found.append(Candidate(category: .address, range: range, confidence: personal ? 0.95 : 0.8))
                index = range.upperBound
            } else if let range = unitAddress(at: index, in: scalars), context.isPersonalContext(index) {
                found.append(Candidate(category: .address, range: range, confidence: 0.9))
                index = range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    static let unitWords: Set<String> = [
        "apt", "apartment", "unit", "flat", "suite", "ste", "room", "dorm", "floor", "building", "bldg", "kamer",
        "appartement",
    ]

    /// A flat, room or unit with its number (`Apt 4`, `Unit 119`, `Flat 2`, `Room 1984, Dorm 42`),
    /// where no street says it: only in the personal details.
    func unitAddress(at start: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        func word(at index: Int) -> Range<Int> {
            var end = index
            while end < scalars.count, scalars[end].isLetter { end += 1 }
            return index..<end
        }
        func number(after wordEnd: Int) -> Range<Int>? {
            var cursor = wordEnd
            if cursor < scalars.count, scalars[cursor] == "." { cursor += 1 }
            guard cursor + 1 < scalars.count, scalars[cursor] == " ", scalars[cursor + 1].isDigit else { return nil }
            var end = cursor + 1
            while end < scalars.count, scalars[end].isDigit || scalars[end].isLetter || scalars[end] == "-" { end += 1 }
            return (cursor + 1)..<end
        }
        // Cheap first: the unit words start with one of these letters and are 3 to 11 letters long.
        guard "aAuUfFsSrRdDbBkK".unicodeScalars.contains(scalars[start]) else { return nil }
        let first = word(at: start)
        guard (3...11).contains(first.count) else { return nil }
        let name = String(String.UnicodeScalarView(scalars[first])).lowercased()
        guard Self.unitWords.contains(name), let firstNumber = number(after: first.upperBound) else { return nil }
        var end = firstNumber.upperBound
        // `Room 1984, Dorm 42`: a second unit after a comma.
        if end + 2 < scalars.count, scalars[end] == ",", scalars[end + 1] == " ", scalars[end + 2].isLetter {
            let second = word(at: end + 2)
            let secondName = String(String.UnicodeScalarView(scalars[second])).lowercased()
            if Self.unitWords.contains(secondName), let secondNumber = number(after: second.upperBound) {
                end = secondNumber.upperBound
            }
        }
        return start..<end
    }

    /// Up to four capitalised words (or particles), the last ending in a street suffix, then a number.
    private func dutchAddress(at start: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard scalars[start].isUpper else { return nil }
        var cursor = start
        for _ in 0..<5 {
            let wordStart = cursor
            while cursor < scalars.count,
                scalars[cursor].isLetter || scalars[cursor] == "'" || scalars[cursor] == "-"
                    || scalars[cursor] == "."
            {
                cursor += 1
            }
            guard cursor > wordStart, cursor < scalars.count else { return nil }
            // Only a word followed by a number can end a street name: check that before building strings.
            if scalars[cursor] == " ", cursor + 1 < scalars.count, scalars[cursor + 1].isDigit {
                let word = String(String.UnicodeScalarView(scalars[wordStart..<cursor])).lowercased()
                if Self.dutchSuffixes.contains(where: { word.hasSuffix($0) }),
                    let end = houseNumber(at: cursor + 1, in: scalars)
                {
                    return start..<end
                }
                return nil
            }
            guard scalars[cursor] == " ", cursor + 1 < scalars.count, scalars[cursor + 1].isLetter else { return nil }
            cursor += 1
        }
        return nil
    }

    /// `14 Station Road`, `221B Baker Street`, `4286 Maple Avenue`.
    private func englishAddress(at start: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard scalars[start].isDigit else { return nil }
        var cursor = start
        while cursor < scalars.count, scalars[cursor].isDigit, cursor - start < 5 { cursor += 1 }
        if cursor < scalars.count, scalars[cursor].isASCIIUpper, cursor + 1 < scalars.count, scalars[cursor + 1] == " "
        {
            cursor += 1
        }
        guard cursor < scalars.count, scalars[cursor] == " " else { return nil }
        cursor += 1
        // The street ends at the last suffix word (`Park Avenue`, not `Park`).
        var end: Int?
        for _ in 0..<4 {
            let wordStart = cursor
            guard cursor < scalars.count, scalars[cursor].isUpper else { break }
            while cursor < scalars.count, scalars[cursor].isLetter || scalars[cursor] == "'" { cursor += 1 }
            let word = String(String.UnicodeScalarView(scalars[wordStart..<cursor])).lowercased()
            if cursor - wordStart >= 2, Self.englishSuffixes.contains(word), wordStart > start + 2 { end = cursor }
            guard cursor < scalars.count, scalars[cursor] == " " else { break }
            cursor += 1
        }
        return end.map { start..<$0 }
    }

    /// A house number with an addition: `12`, `12a`, `12 A`, `12-II`, `12-3`, `12 bis`, `12 hs`, `12-h`.
    private func houseNumber(at start: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var cursor = start
        while cursor < scalars.count, scalars[cursor].isDigit, cursor - start < 5 { cursor += 1 }
        guard cursor > start else { return nil }
        if cursor < scalars.count, scalars[cursor].isDigit { return nil }
        var end = cursor
        if cursor < scalars.count, scalars[cursor].isLetter,
            scalars.isWordEnd(cursor + 1)
                || (cursor + 2 <= scalars.count && scalars.isWordEnd(cursor + 2) && scalars[cursor + 1].isLetter
                    && !scalars[cursor].isUpper)
        {
            end = scalars.isWordEnd(cursor + 1) ? cursor + 1 : cursor + 2
        } else if cursor + 1 < scalars.count, scalars[cursor] == "-", scalars[cursor + 1].isAlphanumeric {
            var after = cursor + 1
            while after < scalars.count, scalars[after].isAlphanumeric, after - cursor <= 4 { after += 1 }
            if scalars.isWordEnd(after) { end = after }
        } else if cursor + 1 < scalars.count, scalars[cursor] == " " {
            for addition in [
                "bis", "hs", "huis", "bg", "boven", "beneden", "zw", "rd", "a", "b", "c", "d", "i", "ii", "iii",
            ]
            where scalars.matches(addition, at: cursor + 1)
                && scalars.isWordEnd(cursor + 1 + addition.unicodeScalars.count)
            {
                // A single capital after a space is an addition only before a comma or the line end.
                let after = cursor + 1 + addition.unicodeScalars.count
                if addition.count == 1 || addition.hasPrefix("i") {
                    guard after >= scalars.count || scalars[after] == "," || scalars[after] == "\n" else { continue }
                }
                end = after
                break
            }
        }
        return end
    }
}
