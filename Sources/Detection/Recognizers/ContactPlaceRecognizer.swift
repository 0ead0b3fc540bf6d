import CVModel
import Foundation

/// The place of residence where CVs write it without a label: a segment of a contact line
/// (`New York, NY | (555) … | mail`, `📍 Eindhoven`, `• San Francisco, CA`), a place with a US
/// state or a country after it (`Palo Alto, CA US`, `Bucharest, RO`, `Rome (Italy)`), a place
/// after a postcode (`12345 Rome`), and prose (`Woonachtig in Tilburg`, `based in Leeds`).
/// Only in the personal details (the top of page one, a contact line, personalia, headers):
/// an employer's town in the experience section is where a job was, not where the person lives.
struct ContactPlaceRecognizer: Recognizer {
    let places: PlaceNames

    static let stateCodes: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
    ]
    /// Country codes and names written after a place (English, Dutch, German).
    static let countries: Set<String> = [
        "us", "usa", "uk", "gb", "nl", "be", "de", "fr", "it", "es", "pt", "pl", "ro", "tr", "ma", "cn", "in", "ie",
        "united states", "united kingdom", "england", "scotland", "wales", "netherlands", "the netherlands",
        "nederland", "belgium", "belgië", "belgie", "germany", "duitsland", "deutschland", "france", "frankrijk",
        "italy", "italië", "italia", "spain", "spanje", "portugal", "poland", "polen", "romania", "roemenië",
        "turkey", "turkije", "morocco", "marokko", "china", "india", "ireland", "ierland", "canada", "australia",
        "austria", "oostenrijk", "switzerland", "zwitserland", "sweden", "denmark", "norway", "finland", "greece",
        "hungary", "czech republic", "bulgaria", "croatia", "serbia", "ukraine", "russia", "brazil", "mexico",
        "japan", "south africa", "suriname", "indonesia", "egypt", "nigeria", "kenya", "israel", "singapore",
    ]
    static let prosePhrases: [String] = [
        "woonachtig in", "woonachtig te", "wonend in", "wonende te", "woon in", "woont in", "based in", "living in",
        "lives in", "residing in", "located in",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        let scalars = context.scalars
        // The contact area: the top of the document before its first heading (a dozen lines at
        // most), the personalia section, headers, footers and text boxes, and any contact line.
        let lines = context.layout.lines
        let firstHeading = lines.firstIndex(where: \.isHeading) ?? lines.count
        for (number, line) in lines.enumerated() where !line.isHeading && !line.range.isEmpty {
            let isTop = number < min(firstHeading, 12)
            let isAside = [.header, .footer, .textbox].contains(line.source)
            guard isTop || isAside || line.section == .personalia || isContactLine(line, context) else { continue }
            let segments = LabeledValues.segments(line.range, in: context.text)
            // A bare place is the residence only on a contact line that names no other address
            // (a postcode) and not right after a date (`1992-10-18 | Emmen` is a birth place).
            let hasPostcode = segments.contains { segment in
                segment.contains { PostcodeRecognizer.postcode(at: $0, in: scalars) != nil }
            }
            let allowsBarePlace = isContactLine(line, context) && !hasPostcode
            for (index, segment) in segments.enumerated() {
                let afterDate = index > 0 && Self.isDate(segments[index - 1], scalars: scalars)
                if let range = place(in: segment, scalars: scalars, isContactLine: allowsBarePlace && !afterDate) {
                    found.append(Candidate(category: .city, range: range, confidence: 0.9))
                    // `12345 Rome`, `00000 Hauptquartier`: the foreign postcode before the place.
                    var digitsEnd = range.lowerBound - 1
                    while digitsEnd > segment.lowerBound, scalars[digitsEnd - 1] == " " { digitsEnd -= 1 }
                    var digitsStart = digitsEnd
                    while digitsStart > segment.lowerBound, scalars[digitsStart - 1].isDigit { digitsStart -= 1 }
                    if digitsEnd < range.lowerBound, (4...5).contains(digitsEnd - digitsStart),
                        digitsStart == segment.lowerBound || !scalars[digitsStart - 1].isLetter
                    {
                        found.append(Candidate(category: .postcode, range: digitsStart..<digitsEnd, confidence: 0.85))
                    }
                } else if isTop || line.section == .personalia, !hasPostcode, !afterDate,
                    let range = lastCommaPart(of: segment, scalars: scalars)
                {
                    // `Random University, Beijing` under the name: the address's last part is the town.
                    found.append(Candidate(category: .city, range: range, confidence: 0.85))
                }
            }
        }
        // Prose anywhere in the profile or the personal details.
        for phrase in Self.prosePhrases {
            var index = 0
            let length = phrase.unicodeScalars.count
            while index + length < scalars.count {
                defer { index += 1 }
                guard scalars.isWordStart(index), scalars.matches(phrase, at: index) else {
                    continue
                }
                let start = index + length + 1
                guard start < scalars.count, scalars[start - 1] == " ", scalars[start].isUpper else { continue }
                let limit = context.lineRange(at: start).upperBound
                if let range = places.placeName(at: start, in: scalars, limit: limit, requireKnown: false) {
                    found.append(Candidate(category: .city, range: range, confidence: 0.9))
                }
            }
        }
        return found
    }

    /// The known place after the last comma of a segment (`…, Beijing`, `…, Leeds, UK`), when
    /// something stands before the comma.
    private func lastCommaPart(of segment: Range<Int>, scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard let comma = segment.reversed().first(where: { scalars[$0] == "," }), comma > segment.lowerBound else {
            return nil
        }
        var start = comma + 1
        while start < segment.upperBound, scalars[start] == " " { start += 1 }
        guard start < segment.upperBound else { return nil }
        if let range = place(in: start..<segment.upperBound, scalars: scalars, isContactLine: true) { return range }
        // `…, Beijing, China`: the place before a country.
        return lastCommaPart(of: segment.lowerBound..<comma, scalars: scalars).flatMap { range in
            let rest = String(String.UnicodeScalarView(scalars[start..<segment.upperBound])).lowercased()
                .trimmingCharacters(in: " .")
            return Self.countries.contains(rest) ? range : nil
        }
    }

    /// A segment that is a date (digits with `-`, `.` or `/`, or a month name and a year).
    static func isDate(_ segment: Range<Int>, scalars: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(scalars[segment]))
        return !DateParser.dates(in: Array(scalars[segment])).isEmpty
            || (text.filter(\.isNumber).count >= 4 && text.allSatisfy { $0.isNumber || "-./ ".contains($0) })
    }

    /// A line with an e-mail address or a phone number on it.
    private func isContactLine(_ line: TextLine, _ context: DetectionContext) -> Bool {
        (context.emails + context.phones).contains { line.range.contains($0.range.lowerBound) }
    }

    /// The place a segment names, if it is one: a known place alone (on a contact line), or
    /// capitalised words before a state or country, or after a postcode.
    private func place(in segment: Range<Int>, scalars: [Unicode.Scalar], isContactLine: Bool) -> Range<Int>? {
        var start = segment.lowerBound
        // Leading symbols and bullets (`📍`, `•`, `-`).
        while start < segment.upperBound, !scalars[start].isLetter && !scalars[start].isDigit { start += 1 }
        var end = segment.upperBound
        while end > start, scalars[end - 1].isWhitespace || scalars[end - 1] == "." { end -= 1 }
        guard start < end, end - start <= 60 else { return nil }
        // `12345 Rome (Italy)` at the start or after `, ` or ` - ` (`1012 AB Amsterdam` is the
        // postcode recognizer's).
        var position = start
        while position < end {
            let opens =
                position == start
                || (position >= start + 2 && scalars[position - 1] == " "
                    && (scalars[position - 2] == "," || scalars[position - 2] == "-"))
            var cursor = position
            while cursor < end, scalars[cursor].isDigit { cursor += 1 }
            let digits = cursor - position
            if opens, digits >= 4, digits <= 5, cursor + 1 < end, scalars[cursor] == " ", scalars[cursor + 1].isUpper,
                !(cursor + 3 <= end && scalars[cursor + 2].isUpper && (cursor + 3 == end || scalars[cursor + 3] == " "))
            {
                return places.placeName(at: cursor + 1, in: scalars, limit: end, requireKnown: false)
            }
            position = max(cursor, position + 1)
        }
        guard scalars[start].isUpper,
            let name = places.placeName(at: start, in: scalars, limit: end, requireKnown: false)
        else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[name.upperBound..<end]))
            .trimmingCharacters().trimmingCharacters(in: ",()")
        if rest.isEmpty {
            // A bare place: only a known one, and only on a contact line.
            let text = String(String.UnicodeScalarView(scalars[name]))
            return isContactLine && places.contains(text) ? name : nil
        }
        // What follows must be states and countries only: `CA`, `CA US`, `RO`, `(Italy)`; a code
        // in capitals as written (`de` in `Thijs de Boer` is a name particle, not Germany).
        let parts = rest.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == ")" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        let isRegion = { (part: String) -> Bool in
            part.split(separator: " ").allSatisfy { word in
                let text = String(word)
                let isCode = text.count <= 3 && text == text.uppercased()
                return isCode && (Self.stateCodes.contains(text) || Self.countries.contains(text.lowercased()))
            } || (part.first?.isUppercase == true && Self.countries.contains(part.lowercased()))
        }
        return parts.allSatisfy(isRegion) ? name : nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var result = Substring(self)
        while let first = result.first, characters.contains(first) || first == " " { result.removeFirst() }
        while let last = result.last, characters.contains(last) || last == " " { result.removeLast() }
        return String(result)
    }
}
