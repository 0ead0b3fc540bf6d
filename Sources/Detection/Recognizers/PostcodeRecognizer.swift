import CVModel

/// Dutch postcodes (`1234 AB`, `1234AB`, `NL-1234 AB`; letter pairs SA, SD and SS are never
/// issued) and the place name right after one (`1234 AB  Utrecht`).
struct PostcodeRecognizer: Recognizer {
    let places: PlaceNames

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        var index = 0
        while index + 6 <= scalars.count {
            guard
                let range = Self.postcode(at: index, in: scalars) ?? Self.ukPostcode(at: index, in: scalars)
                    ?? Self.usZIP(at: index, in: scalars)
            else {
                index += 1
                continue
            }
            // `2000 BA Marketing` in an education list is a year and a degree, not a postcode.
            let section = context.layout.section(at: index)
            if [.experience, .education, .certificates].contains(section), !context.isContactBlock(index) {
                index = range.upperBound
                continue
            }
            let personal = context.isPersonalContext(index)
            let city = cityAfter(range.upperBound, in: context)
            let confidence = city != nil ? 0.99 : personal ? 0.95 : 0.8
            found.append(Candidate(category: .postcode, range: range, confidence: confidence))
            if let city { found.append(Candidate(category: .city, range: city, confidence: 0.95)) }
            index = range.upperBound
        }
        return found
    }

    /// A postcode starting exactly at `index`, including an `NL-` prefix.
    static func postcode(at index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var cursor = index
        guard scalars.isWordStart(index) else { return nil }
        if scalars.matches("nl-", at: cursor) { cursor += 3 }
        guard cursor + 6 <= scalars.count, scalars[cursor].isDigit, scalars[cursor] != "0" else { return nil }
        for offset in 1..<4 where !scalars[cursor + offset].isDigit { return nil }
        cursor += 4
        if scalars[cursor] == " " { cursor += 1 }
        guard cursor + 2 <= scalars.count, scalars[cursor].isASCIIUpper, scalars[cursor + 1].isASCIIUpper,
            scalars.isWordEnd(cursor + 2)
        else { return nil }
        let letters = String(String.UnicodeScalarView([scalars[cursor], scalars[cursor + 1]]))
        guard !["SA", "SD", "SS"].contains(letters) else { return nil }
        return index..<(cursor + 2)
    }

    /// A US ZIP code behind a state abbreviation: `Madison, WI 53703`, `Portland, OR 97205-1234`.
    static func usZIP(at index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard index >= 4, scalars.isWordStart(index), scalars[index - 1] == " ", scalars[index - 2].isASCIIUpper,
            scalars[index - 3].isASCIIUpper, index - 4 >= 0, scalars[index - 4] == " " || scalars[index - 4] == ","
        else { return nil }
        var cursor = index
        while cursor < scalars.count, scalars[cursor].isDigit, cursor - index < 5 { cursor += 1 }
        guard cursor - index == 5 else { return nil }
        if cursor + 5 <= scalars.count, scalars[cursor] == "-",
            scalars[(cursor + 1)..<(cursor + 5)].allSatisfy(\.isDigit)
        {
            cursor += 5
        }
        return scalars.isWordEnd(cursor) ? index..<cursor : nil
    }

    /// A UK postcode: outward code `A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`, a space, inward `9AA`.
    static func ukPostcode(at index: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard scalars.isWordStart(index), index < scalars.count, scalars[index].isASCIIUpper else { return nil }
        var cursor = index
        var letters = 0
        while cursor < scalars.count, scalars[cursor].isASCIIUpper, letters < 2 {
            letters += 1
            cursor += 1
        }
        guard cursor < scalars.count, scalars[cursor].isDigit else { return nil }
        cursor += 1
        if cursor < scalars.count, scalars[cursor].isDigit || scalars[cursor].isASCIIUpper { cursor += 1 }
        guard cursor + 4 <= scalars.count, scalars[cursor] == " ", scalars[cursor + 1].isDigit,
            scalars[cursor + 2].isASCIIUpper, scalars[cursor + 3].isASCIIUpper, scalars.isWordEnd(cursor + 4)
        else { return nil }
        return index..<(cursor + 4)
    }

    /// A place name after a postcode: the rest of the line up to a comma, if it is a known place
    /// or one or two capitalised words.
    private func cityAfter(_ position: Int, in context: DetectionContext) -> Range<Int>? {
        let scalars = context.scalars
        var start = position
        while start < scalars.count, scalars[start].isSpaceOrTab || scalars[start] == "," { start += 1 }
        guard start < scalars.count, scalars[start].isUpper || scalars[start] == "'" else { return nil }
        let lineEnd = context.lineRange(at: position).upperBound
        return places.placeName(at: start, in: scalars, limit: lineEnd, requireKnown: false)
    }
}
