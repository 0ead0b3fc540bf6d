import CVModel

/// Phone numbers, found by libphonenumber (``PhoneNumberMatcher``) in the regions a Dutch agency's
/// candidates write from: Dutch mobile and landline in every common writing (`06-12345678`,
/// `+31 (0)6 12345678`, `0031 6 …`, `0251 - 123456`), Belgian, German, British, American and
/// French numbers, any number written with its country code, and numbers split over a line end.
///
/// A cheap scan (``spans(in:)``) picks the runs of digits and separators worth asking about, so
/// libphonenumber never reads prose. A number the number plan accepts (`VALID`) is found anywhere.
/// One that only has a possible length (`POSSIBLE`: the fictional `(555) 010-2030`, the drama
/// range `+44 7700 900123`, an unassigned block) is found where a phone is expected: in the
/// contact block or right after a phone label; there, so is a number written with a country code
/// that libphonenumber rejects outright. None is ever a period or a date, an 11-proof BSN, part
/// of an IBAN or a postcode (``isExcluded(_:in:)``).
/// Service numbers (free, premium and shared cost: 0800, 090x) are not personal and are skipped.
struct PhoneRecognizer: Recognizer {
    static let labels: Set<String> = [
        "tel", "telefoon", "telefoonnummer", "mobiel", "mobiele telefoon", "mobile", "phone", "telephone", "t", "m",
        "gsm", "cell", "mob", "tel.nr", "telnr", "telefoon mobiel", "mobiel nummer", "phone number", "contact",
        "whatsapp", "telefoon privé", "privé", "werk", "work", "home",
    ]

    /// Regions tried, in order, for numbers written without a country code: the Netherlands
    /// first, then the neighbours and the countries whose numbers Dutch CVs hold most. The regions
    /// of country codes written in the document (`+90 …`) are tried after these.
    static let defaultRegions = ["NL", "BE", "DE", "GB", "US", "FR"]

    func recognize(in context: DetectionContext) -> [Candidate] {
        let scalars = context.scalars
        let spans = Self.spans(in: scalars).filter { !Self.isExcluded($0.range, in: scalars) }
        guard !spans.isEmpty else { return [] }
        let regions = Self.regions(writtenIn: spans, scalars: scalars)
        var found: [Candidate] = []

        // Valid numbers, anywhere.
        var open: [PhoneSpan] = []
        for span in spans {
            let numbers = Self.numbers(
                in: span, scalars: scalars, regions: Self.regions(for: span, from: regions, in: scalars),
                leniency: .valid)
            for (number, range) in numbers {
                found.append(Candidate(category: .phone, range: range, confidence: number.kind == .mobile ? 0.97 : 0.9))
            }
            let isCovered = span.range.allSatisfy { index in
                !scalars[index].isDigit || numbers.contains { $0.range.contains(index) }
            }
            if !isCovered { open.append(span) }
        }

        // Where a phone is expected (the contact block, lines near an e-mail address or a valid
        // number, unless another field's label names the value; or right after a phone label):
        // numbers that are only possible, and a number written with a country code that
        // libphonenumber rejects outright (a made-up `+12 345 678 90`).
        if !open.isEmpty {
            let contactLines = Self.contactLines(
                anchors: context.emails.map(\.range.lowerBound) + found.map(\.range.lowerBound), in: context)
            for span in open {
                let start = span.range.lowerBound
                let isExpected =
                    context.hasLabel(before: start, in: Self.labels)
                    || (context.layout.lineNumber(at: start).map(contactLines.contains) == true
                        && !Self.hasOtherLabel(at: start, in: context))
                guard isExpected else { continue }
                let possible = Self.numbers(
                    in: span, scalars: scalars, regions: Self.regions(for: span, from: regions, in: scalars),
                    leniency: .possible
                )
                .filter { number in !found.contains { $0.range.overlaps(number.range) } }
                for (number, range) in possible {
                    found.append(Candidate(category: .phone, range: range, confidence: number.isValid ? 0.9 : 0.8))
                }
                if possible.isEmpty, Self.isLoneInternationalNumber(span, in: scalars),
                    !found.contains(where: { $0.range.overlaps(span.range) })
                {
                    found.append(Candidate(category: .phone, range: span.range, confidence: 0.75))
                }
            }
        }

        // A phone label makes any of them certain.
        return found.map { candidate in
            guard context.hasLabel(before: candidate.range.lowerBound, in: Self.labels) else { return candidate }
            var labelled = candidate
            labelled.confidence = 0.99
            return labelled
        }
        .sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The numbers libphonenumber finds in one span, as ranges of the normalised text, without
    /// service numbers and excluded look-alikes. A span over a line end is read across it only
    /// where neither line ends or starts a number of its own: `06 1234⏎5678` is one number,
    /// `06 65 13 89 80⏎0251 - 717550` two.
    static func numbers(
        in span: PhoneSpan, scalars: [Unicode.Scalar], regions: [String], leniency: PhoneNumberMatcher.Leniency
    ) -> [(number: PhoneNumberMatcher.Match, range: Range<Int>)] {
        let lines = span.lines
        guard lines.count == 2, let lineBreak = span.lineBreak else {
            return numbers(in: span.range, scalars: scalars, regions: regions, leniency: leniency)
        }
        var found = lines.filter { line in scalars[line].count(where: \.isDigit) >= minimumDigits }.flatMap { line in
            numbers(in: line, scalars: scalars, regions: regions, leniency: leniency)
        }
        let touchesBreak = found.contains {
            $0.range.upperBound == lines[0].upperBound || $0.range.lowerBound == lines[1].lowerBound
        }
        if !touchesBreak {
            for joined in numbers(in: span.range, scalars: scalars, regions: regions, leniency: leniency)
            where joined.range.contains(lineBreak) && !found.contains(where: { $0.range.overlaps(joined.range) }) {
                found.append(joined)
            }
        }
        return found
    }

    /// The numbers libphonenumber finds in one range (see ``numbers(in:scalars:regions:leniency:)``).
    /// A library failure finds nothing.
    private static func numbers(
        in range: Range<Int>, scalars: [Unicode.Scalar], regions: [String], leniency: PhoneNumberMatcher.Leniency
    ) -> [(number: PhoneNumberMatcher.Match, range: Range<Int>)] {
        let (bytes, scalarAtByte) = utf8(of: range, in: scalars)
        guard let matches = try? PhoneNumberMatcher.matches(in: bytes, regions: regions, leniency: leniency) else {
            return []
        }
        return matches.compactMap { number in
            guard !number.bytes.isEmpty, number.bytes.upperBound <= bytes.count, !isService(number) else { return nil }
            let range = scalarAtByte[number.bytes.lowerBound]..<(scalarAtByte[number.bytes.upperBound - 1] + 1)
            return number.hasWrittenCountryCode || !isExcluded(range, in: scalars) ? (number, range) : nil
        }
    }

    /// Free, premium and shared-cost numbers; for a number that is only possible, the Dutch
    /// service ranges by their prefix (0800, 090x).
    static func isService(_ number: PhoneNumberMatcher.Match) -> Bool {
        number.kind.isService || number.e164.hasPrefix("+31800") || number.e164.hasPrefix("+3190")
    }

    /// The default regions, then the regions of the country codes that spans write (`+90 …`,
    /// `0090 …`): a document with one Turkish number in international form may hold another in
    /// national form.
    static func regions(writtenIn spans: [PhoneSpan], scalars: [Unicode.Scalar]) -> [String] {
        var regions = defaultRegions
        for span in spans {
            var cursor = span.range.lowerBound
            if scalars[cursor] == "+" {
                cursor += 1
            } else if cursor + 2 < span.range.upperBound, scalars[cursor] == "0", scalars[cursor + 1] == "0",
                scalars[cursor + 2] != "0"
            {
                cursor += 2
            } else {
                continue
            }
            // Country codes are prefix-free: the first of one, two or three digits that is assigned.
            var code = 0
            for _ in 1...3 {
                guard cursor < span.range.upperBound, scalars[cursor].isDigit else { break }
                code = code * 10 + scalars[cursor].digitValue
                cursor += 1
                if let region = PhoneNumberMatcher.region(forCountryCode: code) {
                    if !regions.contains(region) { regions.append(region) }
                    break
                }
            }
        }
        return regions
    }

    /// The regions to try on one span. A lone number written with its country code (`+44 …`,
    /// `0044 …`) reads the same in every region that dials `00`, so the first region is enough,
    /// and an invalid one costs one matcher instead of one per region.
    static func regions(for span: PhoneSpan, from regions: [String], in scalars: [Unicode.Scalar]) -> [String] {
        guard isLoneInternationalNumber(span, in: scalars), let first = regions.first else { return regions }
        return [first]
    }

    /// A span that is one number written with a country code: `+` or `00` and a country code,
    /// 8 to 15 digits after the prefix, not two numbers (`/`) or two lines.
    static func isLoneInternationalNumber(_ span: PhoneSpan, in scalars: [Unicode.Scalar]) -> Bool {
        let start = span.range.lowerBound
        let prefixDigits: Int
        if scalars[start] == "+" {
            prefixDigits = 0
        } else if span.range.count > 2, scalars[start] == "0", scalars[start + 1] == "0", scalars[start + 2] != "0" {
            prefixDigits = 2
        } else {
            return false
        }
        return span.lineBreak == nil && (8...15).contains(span.digitCount - prefixDigits)
            && !scalars[span.range].contains("/")
    }

    /// Whether the value at `position` stands after another field's label on its line
    /// (`KvK: 12345678`, `Geboortedatum: …`), or is paired with one in a label block.
    static func hasOtherLabel(at position: Int, in context: DetectionContext) -> Bool {
        if let paired = context.labelOfValue(at: position) { return !labels.contains(paired) }
        let line = context.lineRange(at: position)
        guard line.lowerBound < position else { return false }
        let prefix = context.text.text(max(line.lowerBound, position - 80)..<position).trimmingCharacters()
        guard prefix.hasSuffix(":") else { return false }
        let label = DetectionContext.cleanLabel(prefix)
        return !label.isEmpty && !context.hasLabel(before: position, in: labels)
    }

    /// The lines within two lines of an anchor (an e-mail address or a valid number) that are not
    /// headings: where a contact block lists a number libphonenumber cannot confirm.
    static func contactLines(anchors: [Int], in context: DetectionContext) -> Set<Int> {
        var lines = Set<Int>()
        let layout = context.layout
        for anchor in anchors {
            guard let number = layout.lineNumber(at: anchor) else { continue }
            for line in max(0, number - 2)...min(layout.lines.count - 1, number + 2) where !layout.lines[line].isHeading
            {
                lines.insert(line)
            }
        }
        return lines
    }
}
