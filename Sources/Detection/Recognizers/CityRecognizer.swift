import CVModel

/// Place of residence: behind a label (`Woonplaats`, `City`), after a street address on the same
/// line (`Kerkstraat 12, Utrecht`), or in a US/UK address (`Madison, WI 53703`, `Leeds LS6 2BN`).
/// A place name elsewhere (`Hogeschool van Amsterdam`) is not the candidate's city.
struct CityRecognizer: Recognizer {
    let places: PlaceNames
    static let labels: Set<String> = [
        "woonplaats", "plaats", "city", "residence", "place of residence", "location", "town", "postcode en woonplaats",
        "postcode/woonplaats", "woonachtig", "woonachtig in", "based in", "lives in",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        for value in context.values(labelled: Self.labels) {
            var start = value.range.lowerBound
            if let postcode = PostcodeRecognizer.postcode(at: start, in: scalars) {
                start = postcode.upperBound
                while start < value.range.upperBound, scalars[start].isSpaceOrTab { start += 1 }
            }
            guard start < value.range.upperBound else { continue }
            if let range = places.placeName(at: start, in: scalars, limit: value.range.upperBound, requireKnown: false)
            {
                found.append(Candidate(category: .city, range: range, confidence: 0.97))
            }
        }
        // After an address on the same line: `Kerkstraat 12, Utrecht`, `4286 Maple Avenue, Madison, WI`.
        for address in AddressRecognizer().recognize(in: context) {
            var cursor = address.range.upperBound
            let limit = context.lineRange(at: cursor).upperBound
            while cursor < limit, scalars[cursor] == "," || scalars[cursor] == " " { cursor += 1 }
            if PostcodeRecognizer.postcode(at: cursor, in: scalars) != nil { continue }
            guard cursor < limit, scalars[cursor].isUpper || scalars[cursor] == "'" else { continue }
            if let range = places.placeName(at: cursor, in: scalars, limit: limit, requireKnown: false) {
                found.append(Candidate(category: .city, range: range, confidence: 0.9))
            }
        }
        return found
    }
}
