import CVModel

/// Birth dates behind their labels (Geboortedatum, Geb., Geboren, Date of birth, DOB, Born) in
/// numeric, Dutch and English month forms; an unlabelled full date in the personal details
/// counts too, at a lower score. Employment periods are month-and-year, never full dates.
struct BirthDateRecognizer: Recognizer {
    static let labels: Set<String> = [
        "geboortedatum", "geb", "geb. datum", "geboren", "geboren op", "date of birth", "dob", "d.o.b", "born",
        "born on", "birth date", "birthdate", "geboortedatum en -plaats", "geboortedatum/-plaats",
        "geboortedatum en plaats", "geb.datum", "datum van geboorte", "date and place of birth",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        DateParser.dates(in: context.scalars).compactMap { date in
            if context.hasLabel(before: date.range.lowerBound, in: Self.labels) {
                return Candidate(category: .birthDate, range: date.range, confidence: 0.99)
            }
            // Unlabelled: a full date of a plausible birth year among the personal details.
            let section = context.layout.section(at: date.range.lowerBound)
            let isCareer = [.experience, .education, .certificates].contains(section)
            if !isCareer, (1940...2010).contains(date.year), context.isPersonalContext(date.range.lowerBound) {
                return Candidate(category: .birthDate, range: date.range, confidence: 0.75)
            }
            return nil
        }
    }
}

/// Birth places: `Geboorteplaats: Utrecht`, `geboren te Utrecht`, `Place of birth: Leeds`,
/// `born in Leeds`, and `14-04-1989 te Utrecht` after a birth date.
struct BirthPlaceRecognizer: Recognizer {
    let places: PlaceNames
    static let labels: Set<String> = ["geboorteplaats", "place of birth", "birthplace", "geboren in", "born in"]
    static let connectors = ["geboren te ", "geboren in ", "born in ", "te ", "in "]

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
        for phrase in ["geboren te ", "born in ", "geboren in "] {
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
