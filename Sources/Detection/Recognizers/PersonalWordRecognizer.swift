import CVModel

/// Unlabelled personal details in a contact line or the personalia: a segment of a line split
/// at `|`, `•`, `·`, tabs or commas that is exactly a gender (`man`, `vrouw`, `female`), a
/// marital status (`gehuwd`, `married`) or a nationality (`Nederlandse`, `Dutch`, `Turkish`).
/// Outside the personal context (the language list: `Dutch – fluent`) these words are not personal data.
struct PersonalWordRecognizer: Recognizer {
    let places: PlaceNames

    static let words: [String: Category] = {
        var map: [String: Category] = [:]
        for word in ["man", "vrouw", "male", "female", "non-binair", "non-binary", "mannelijk", "vrouwelijk"] {
            map[word] = .gender
        }
        for word in [
            "gehuwd", "ongehuwd", "getrouwd", "samenwonend", "alleenstaand", "gescheiden", "weduwe", "weduwnaar",
            "geregistreerd partner", "geregistreerd partnerschap", "married", "single", "unmarried", "divorced",
            "widowed", "cohabiting", "in a relationship", "separated",
        ] {
            map[word] = .maritalStatus
        }
        for word in [
            "nederlandse", "belgische", "duitse", "turkse", "marokkaanse", "poolse", "surinaamse", "britse", "franse",
            "spaanse", "italiaanse", "portugese", "roemeense", "bulgaarse", "syrische", "indiase", "chinese",
            "amerikaanse", "dutch", "belgian", "german", "turkish", "moroccan", "polish", "surinamese", "british",
            "french", "spanish", "italian", "portuguese", "romanian", "bulgarian", "syrian", "indian", "american",
            "irish", "canadian", "australian", "nigerian", "ghanaian", "brazilian", "ukrainian", "oekraïense",
            "deutsch", "deutsche", "österreichisch", "schweizerisch", "niederländisch", "türkisch", "polnisch",
            "italienisch", "französisch",
        ] {
            map[word] = .nationality
        }
        return map
    }()

    private func isSegmented(_ line: TextLine, in context: DetectionContext) -> Bool {
        context.scalars[line.range].contains { $0 == "|" || $0 == "•" || $0 == "·" || $0 == "*" || $0 == "\t" }
    }

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        let scalars = context.scalars
        for line in context.layout.lines where !line.isHeading {
            let number = context.layout.lineNumber(at: line.range.lowerBound) ?? -1
            guard
                line.isOutsideKnownSections || line.section == .personalia
                    || context.contactLines.contains(number)
            else {
                continue
            }
            guard context.isPersonalContext(line.range.lowerBound), line.source != .metadata, line.source != .link
            else {
                continue
            }
            var segmentStart = line.range.lowerBound
            var previousWasDate = false
            var segmentCount = 0
            for index in line.range.lowerBound...line.range.upperBound {
                let isEnd = index == line.range.upperBound
                guard isEnd || "|•·*\t,".unicodeScalars.contains(scalars[index]) else { continue }
                let segment = LabeledValues.trimmed(segmentStart..<index, in: context.text)
                if !segment.isEmpty, segment.count <= 30,
                    let category = Self.words[context.text.text(segment).lowercased()],
                    // A nationality word alone on a line of the languages list is a language, not a nationality.
                    !(category == .nationality && line.range == segment
                        && context.layout.section(at: segment.lowerBound) == .languages)
                {
                    found.append(Candidate(category: category, range: segment, confidence: 0.8))
                } else if !segment.isEmpty, segmentCount > 0, !previousWasDate, isSegmented(line, in: context),
                    places.contains(context.text.text(segment)), context.labelOfValue(at: segment.lowerBound) == nil
                {
                    // `Hannah Fletcher | Bristol | +44 …`: a known place as a segment of a contact line.
                    found.append(Candidate(category: .city, range: segment, confidence: 0.8))
                }
                if !segment.isEmpty {
                    previousWasDate = !DateParser.dates(in: Array(scalars[segment])).isEmpty
                    segmentCount += 1
                }
                segmentStart = index + 1
            }
        }
        return found
    }
}
