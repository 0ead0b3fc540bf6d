import CVModel

/// A value that a label names: `Geboortedatum: 14-04-1989`, a table row `Naam<TAB>…`, a label
/// line above its value, or a block of labels followed by a block of values (how `pdftotext`
/// and poppler read a two-column personalia table).
struct LabeledValue {
    /// The label, lower-cased, without its colon.
    var label: String
    /// The value's range in the normalised text, trimmed.
    var range: Range<Int>
    var line: Int
}

enum LabeledValues {
    /// Labels of personal details, Dutch and English. A line that is exactly one of these is a label line.
    static let knownLabels: Set<String> = [
        "naam", "name", "volledige naam", "full name", "voornaam", "voornamen", "achternaam", "roepnaam", "surname",
        "first name", "last name", "adres", "address", "woonadres", "home address", "straat", "straat en huisnummer",
        "postcode", "postcode en woonplaats", "postcode/woonplaats", "woonplaats", "plaats", "city", "residence",
        "place of residence", "location", "town", "telefoon", "telefoonnummer", "tel", "tel.", "mobiel", "mobile",
        "phone", "telephone", "mobile phone", "gsm", "vast", "e-mail", "email", "e-mailadres", "emailadres",
        "email address", "e-mail address", "geboortedatum", "date of birth", "dob", "d.o.b", "born", "geboren",
        "birth date", "birthdate", "geboorteplaats", "place of birth", "birthplace", "geboortedatum en -plaats",
        "geboortedatum/-plaats", "geboortedatum en plaats", "geb", "geb. datum", "geb.datum", "nationaliteit",
        "nationality", "citizenship", "geslacht",
        "gender", "sex", "burgerlijke staat", "marital status", "civil status", "gezinssituatie", "rijbewijs",
        "driving licence", "driving license", "driver's license", "linkedin", "website", "github", "portfolio", "bsn",
        "burgerservicenummer", "sofinummer", "iban", "rekeningnummer", "bankrekening", "bank account",
        "paspoortnummer", "passport number", "passport no", "id-kaart", "id-kaartnummer", "identiteitskaart",
        "documentnummer", "id number", "rijbewijsnummer", "driving licence number", "mobiel nummer", "privé",
        "telefoon privé", "tel. mobiel", "tel.nr", "beschikbaarheid", "availability", "nationaliteit(en)",
        "adres en woonplaats", "nationality(-ies)", "nationalities", "geburtsdatum", "geburtsort", "geboren am",
        "staatsangehörigkeit", "nationalität", "anschrift", "wohnort", "telefon", "handy", "familienstand",
    ]

    /// A known label, or one with a qualifier (`telefoon thuis`, `e-mailadres privé`): at most three
    /// words, no digits, no `@`.
    static func isLabel(_ text: String) -> Bool {
        if knownLabels.contains(text) { return true }
        let words = text.split(separator: " ")
        guard words.count >= 2, words.count <= 3, !text.contains(where: { $0.isNumber || $0 == "@" }) else {
            return false
        }
        return knownLabels.contains(String(words[0])) || knownLabels.contains(words.prefix(2).joined(separator: " "))
    }

    static func collect(text: NormalizedText, layout: TextLayout) -> [LabeledValue] {
        var values: [LabeledValue] = []
        let lines = layout.lines
        var labelOnly: [Bool] = []
        labelOnly.reserveCapacity(lines.count)
        for line in lines {
            // A separated line (`… | Nationaliteit: Nederlandse | Adres:`) is never a label line,
            // even when its last segment is a bare label.
            labelOnly.append(
                segments(line.range, in: text).count == 1 && isLabel(DetectionContext.cleanLabel(text.text(line.range)))
            )
        }
        // Form fields carry their label as the field name (`woonplaats`, `naam`).
        for (original, block) in text.blocks where block.source == .form {
            guard let label = block.label?.lowercased(),
                isLabel(label) || knownLabels.contains(where: { label.hasPrefix($0) }),
                let start = text.normalizedIndex(ofOriginal: original.lowerBound),
                let line = layout.lineNumber(at: start)
            else { continue }
            let end = text.normalizedIndex(ofOriginal: original.upperBound) ?? text.count
            values.append(LabeledValue(label: label, range: trimmed(start..<end, in: text), line: line))
        }
        var index = 0
        while index < lines.count {
            // A block of label lines followed by as many value lines.
            if labelOnly[index] {
                var end = index
                while end < lines.count, labelOnly[end] { end += 1 }
                let labelCount = end - index
                var valueLines: [Int] = []
                var cursor = end
                while cursor < lines.count, valueLines.count < labelCount, !labelOnly[cursor],
                    !lines[cursor].isHeading
                {
                    if !trimmed(lines[cursor].range, in: text).isEmpty { valueLines.append(cursor) }
                    cursor += 1
                }
                for (offset, valueLine) in valueLines.enumerated() {
                    let label = DetectionContext.cleanLabel(text.text(lines[index + offset].range))
                    values.append(
                        LabeledValue(label: label, range: trimmed(lines[valueLine].range, in: text), line: valueLine))
                }
                index = max(end, cursor)
                continue
            }
            // `Geboortedatum: 12-03-1990 | Nationaliteit: Nederlandse | BSN: …`: each segment of a
            // separated line can hold a label and its value.
            let parts = segments(lines[index].range, in: text)
            for segment in parts {
                if let inline = inlineValue(segment, in: text)
                    ?? (parts.count > 1 ? prefixValue(segment, in: text) : nil)
                {
                    values.append(LabeledValue(label: inline.label, range: inline.value, line: index))
                }
            }
            index += 1
        }
        return values
    }

    /// The parts of a line between ` | `, ` • ` and ` · ` (the whole line when it has none).
    static func segments(_ range: Range<Int>, in text: NormalizedText) -> [Range<Int>] {
        let scalars = text.scalars
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound + 1
        while index + 1 < range.upperBound {
            if scalars[index - 1] == " ", scalars[index + 1] == " ",
                scalars[index] == "|" || scalars[index] == "•"
                    || scalars[index] == "·" || scalars[index] == "*"
            {
                // Separators back to back (` | | `) leave an empty part, never a reversed range.
                if index - 1 > start { parts.append(start..<(index - 1)) }
                start = index + 2
                index += 2
                continue
            }
            index += 1
        }
        if start < range.upperBound { parts.append(start..<range.upperBound) }
        return parts.filter { !$0.isEmpty }
    }

    /// `Label: value`, `Label<TAB>value` or `Label  value` (two spaces) on one line.
    private static func inlineValue(_ range: Range<Int>, in text: NormalizedText) -> (label: String, value: Range<Int>)?
    {
        let scalars = text.scalars
        var index = range.lowerBound
        let limit = min(range.upperBound, range.lowerBound + 45)
        while index < limit {
            let scalar = scalars[index]
            var separatorEnd: Int?
            if scalar == ":" || scalar == "\t" {
                separatorEnd = index + 1
            } else if scalar == " ", index + 1 < range.upperBound, scalars[index + 1] == " " {
                separatorEnd = index + 2
            }
            if let end = separatorEnd {
                let label = DetectionContext.cleanLabel(text.text(range.lowerBound..<index))
                guard !label.isEmpty else { return nil }
                let known = isLabel(label) || knownLabels.contains { label.hasPrefix($0 + " ") }
                guard known else { return nil }
                let value = trimmed(end..<range.upperBound, in: text)
                return value.isEmpty ? nil : (label, value)
            }
            index += 1
        }
        return nil
    }

    /// Labels that cannot be the start of anything else, so a single space may separate them from
    /// their value in a separated line (`Date of birth 01/02/1985 | Nationality(-ies) Italian`,
    /// Europass's own layout).
    static let prefixLabels: [String] = knownLabels.filter { label in
        label.contains(" ") || label.contains("(")
            || ["nationality", "nationaliteit", "geboortedatum", "geburtsdatum", "nationalität"].contains(label)
    }.sorted { $0.count > $1.count }

    /// A segment that starts with one of ``prefixLabels`` and a space, and its value.
    private static func prefixValue(_ range: Range<Int>, in text: NormalizedText) -> (label: String, value: Range<Int>)?
    {
        let start = trimmed(range, in: text)
        guard !start.isEmpty else { return nil }
        let head = text.text(start.lowerBound..<min(start.upperBound, start.lowerBound + 40)).lowercased()
        for label in prefixLabels where head.hasPrefix(label + " ") {
            // Lower-casing can change a text's length (`İ`): the value starts where the written
            // label plus its space end, and never past the segment.
            let valueStart = start.lowerBound + label.unicodeScalars.count + 1
            guard valueStart < start.upperBound else { return nil }
            let value = trimmed(valueStart..<start.upperBound, in: text)
            return value.isEmpty ? nil : (label, value)
        }
        return nil
    }

    static func trimmed(_ range: Range<Int>, in text: NormalizedText) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, text.scalars[lower].isWhitespace || text.scalars[lower] == ":" { lower += 1 }
        while upper > lower, text.scalars[upper - 1].isWhitespace { upper -= 1 }
        return lower..<upper
    }
}
