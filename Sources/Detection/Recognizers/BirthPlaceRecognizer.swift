import CVModel

/// Birth places: `Geboorteplaats: Utrecht`, `geboren te Utrecht`, `Place of birth: Leeds`,
/// `born in Leeds`, and `14-04-1989 te Utrecht` after a birth date.
struct BirthPlaceRecognizer: Recognizer {
    let places: PlaceNames
    static let labels: Set<String> = ["geboorteplaats", "place of birth", "birthplace", "geboren in", "born in"]

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        for value in context.values(labelled: Self.labels) {
            if let range = places.placeName(
                at: value.range.lowerBound, in: context.scalars, limit: value.range.upperBound, requireKnown: false)
            {
                found.append(Candidate(category: .birthPlace, range: range, confidence: 0.97))
            }
        }
        let scalars = context.scalars
        // Where the candidate comes from says where they were born as much as a label does.
        for phrase in ["geboren te ", "born in ", "geboren in ", "hails from ", "originally from ", "afkomstig uit "] {
            var index = 0
            while index < scalars.count {
                if scalars.isWordStart(index), scalars.matches(phrase, at: index) {
                    let start = index + phrase.unicodeScalars.count
                    let limit = context.lineRange(at: index).upperBound
                    if start < limit, scalars[start].isUpper || scalars[start] == "'",
                        let range = places.placeName(at: start, in: scalars, limit: limit, requireKnown: false)
                    {
                        found.append(Candidate(category: .birthPlace, range: range, confidence: 0.95))
                    }
                }
                index += 1
            }
        }
        // `14-04-1989 te Utrecht` / `14-04-1989, Utrecht` right after a labelled birth date.
        for date in BirthDateRecognizer().recognize(in: context) {
            var cursor = date.range.upperBound
            let limit = context.lineRange(at: cursor).upperBound
            let separatorStart = cursor
            while cursor < limit, scalars[cursor] == " " || scalars[cursor] == "," || scalars[cursor] == "|" {
                cursor += 1
            }
            // After a bare separator only a known place counts (`… | Nederlandse` is a nationality).
            let needsKnownPlace = scalars[separatorStart..<cursor].contains { $0 == "|" || $0 == "," }
            if scalars.matches("te ", at: cursor) {
                cursor += 3
            } else if scalars.matches("in ", at: cursor) {
                cursor += 3
            }
            if cursor == limit, let next = context.layout.lineNumber(at: limit + 1), next < context.layout.lines.count {
                // The place on the line below the date (a contact column: `10-4-1976` / `Utrecht`).
                let line = LabeledValues.trimmed(context.layout.lines[next].range, in: context.text)
                if !line.isEmpty, places.contains(context.text.text(line)) {
                    found.append(Candidate(category: .birthPlace, range: line, confidence: 0.85))
                }
                continue
            }
            guard cursor < limit, scalars[cursor].isUpper || scalars[cursor] == "'" else { continue }
            if let range = places.placeName(at: cursor, in: scalars, limit: limit, requireKnown: needsKnownPlace) {
                found.append(Candidate(category: .birthPlace, range: range, confidence: 0.9))
            }
        }
        return found
    }
}
