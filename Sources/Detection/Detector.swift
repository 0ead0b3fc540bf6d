public import CVModel

/// Finds the personal data and career facts in an extracted document.
///
/// Recognizers (one per category, listed in ``RecognizerRegistry``) propose candidates; overlaps
/// are resolved; then every value found is propagated (``ValuePropagator``) so that its other
/// writings anywhere in the document are found too.
public struct Detector: Sendable {
    let registry: RecognizerRegistry

    /// Reads the word lists on the first call in a process (``Lexicon``); later calls are cheap.
    ///
    /// - Throws: ``DetectionError`` when the lists did not come along with the binary. Detection
    ///   never runs with empty lists: it would miss every name and place.
    public init() throws(DetectionError) {
        _ = try Lexicon.loaded.get()
        registry = .standard
    }

    public func detect(_ document: Document) -> DetectionResult {
        let context = DetectionContext(document: document)
        // E-mail and phone are found while the context is built (they anchor the contact block).
        var candidates = context.emails + context.phones
        for recognizer in registry.recognizers {
            candidates += recognizer.recognize(in: context)
        }
        // An identity document's finding spans its zone or title, which hold other findings (its
        // number, the holder's name): it stands beside them, not in competition with them.
        let documents = candidates.filter { $0.category == .idCopy }
        candidates.removeAll { $0.category == .idCopy }
        candidates = OverlapResolver.resolve(candidates)
        candidates += ValuePropagator.propagate(candidates, in: context)
        candidates = OverlapResolver.resolve(candidates) + documents
        // A document number however it was found (after a label, in the personal details) is
        // read with the zero an OCR `O` must be.
        for index in candidates.indices where candidates[index].category == .otherID && candidates[index].value == nil {
            candidates[index].value = DocumentNumberRecognizer.zeroReading(candidates[index].range, in: context)
        }
        var findings = candidates.map { candidate in
            let original = context.text.originalRange(candidate.range)
            return Finding(
                category: candidate.category, text: candidate.value ?? context.text.originalText(candidate.range),
                start: original.lowerBound, end: original.upperBound, confidence: candidate.confidence,
                source: context.text.source(at: candidate.range.lowerBound), subject: candidate.subject,
                isPropagated: candidate.isPropagated)
        }
        findings += PhotoRecognizer().photos(in: document)
        findings.sort { ($0.start, $0.category) < ($1.start, $1.category) }
        let language = LanguageGuesser.guess(context.text.lowered)
        let special = SpecialCategoryDetector().detect(in: context)
        let original = context.text.original
        let specialTexts = special.map { finding in
            var text = String.UnicodeScalarView()
            text.append(
                contentsOf: original[max(0, finding.start)..<min(original.count, max(finding.start, finding.end))])
            return String(text)
        }
        let redactor = NarrativeRedactor(findings: findings, special: specialTexts, language: language)
        return DetectionResult(
            file: document.fileName, language: language, findings: findings, special: special,
            career: redactor.redact(Self.withoutPersonalValues(CareerParser().parse(context), findings: findings)))
    }
}

extension Detector {
    /// Career items that contain a personal value are not career facts: a contact block that a
    /// layout put under the skills heading, a referee's line read as a job. Places stay (an
    /// institution's city is not the candidate's), so do nationality words (a language name).
    static func withoutPersonalValues(_ career: CareerFacts, findings: [Finding]) -> CareerFacts {
        // Whole words: the first name `Noor` is in `Noor de Vries BV`, not in `Transport Noord BV`.
        // Values as word sequences; an item holds one when one of its runs of words is one.
        let words = { (text: String) in
            TextFolding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let values = Set(
            findings.filter { ![.city, .birthPlace, .nationality, .gender, .photo, .idCopy].contains($0.category) }
                .filter { $0.text.count >= 3 }.map { words($0.text) }.filter { !$0.isEmpty })
        let longest = values.map(\.count).max() ?? 0
        let isPersonal = { (text: String) -> Bool in
            guard longest > 0 else { return false }
            let written = words(text)
            for start in written.indices {
                for length in 1...min(longest, written.count - start)
                where values.contains(Array(written[start..<(start + length)])) {
                    return true
                }
            }
            return false
        }
        // A list item that is exactly a place, a gender, marital status or nationality word, or holds a full date, is a
        // personal detail the layout put under a career heading.
        let exact = Set(findings.map { $0.text.lowercased() })
        let isPersonalItem = { (text: String) -> Bool in
            isPersonal(text) || exact.contains(text.lowercased())
                || PersonalWordRecognizer.words[text.lowercased()] != nil
                || !DateParser.dates(in: Array(text.unicodeScalars)).isEmpty
        }
        var result = career
        result.experience = career.experience.filter { !isPersonal($0.title) && !isPersonal($0.employer) }
        result.education = career.education.filter { !isPersonal($0.degree) && !isPersonal($0.institution) }
        result.certificates = career.certificates.filter { !isPersonalItem($0) }
        result.languages = career.languages.filter { !isPersonal($0.language) && !isPersonal($0.level) }
        result.skills = career.skills.filter { !isPersonalItem($0) }
        return result
    }
}

/// The recognizers in the order they run, after e-mail and phone (which ``DetectionContext``
/// runs first). Adding a category is adding a file and a line here.
struct RecognizerRegistry: Sendable {
    let recognizers: [any Recognizer]

    static let standard: RecognizerRegistry = {
        let places = PlaceNames.shared
        var recognizers: [any Recognizer] = [
            PostcodeRecognizer(places: places), AddressRecognizer(),
            CityRecognizer(places: places), ContactPlaceRecognizer(places: places), BirthDateRecognizer(),
            BirthPlaceRecognizer(places: places),
            BSNRecognizer(), IBANRecognizer(), URLRecognizer(), NameRecognizer(),
            PersonalWordRecognizer(places: places), DocumentNumberRecognizer(), IdentityDocumentRecognizer(),
        ]
        recognizers += LabeledFieldRecognizer.all
        return RecognizerRegistry(recognizers: recognizers)
    }()
}

/// Keeps one candidate per span: where candidates overlap, the higher confidence wins, then the
/// longer one. Identical spans of the same category merge.
enum OverlapResolver {
    /// Categories allowed to overlap another category's span (a name inside an e-mail address is
    /// still part of the address; a city may sit inside a birth-place phrase).
    static func conflicts(_ a: Candidate, _ b: Candidate) -> Bool {
        guard a.range.overlaps(b.range) else { return false }
        if a.category == b.category { return true }
        let pair = Set([a.category, b.category])
        if pair == [.city, .birthPlace] { return false }
        if pair.contains(.name), pair.contains(.email) || pair.contains(.url) { return false }
        return true
    }

    static func resolve(_ candidates: [Candidate]) -> [Candidate] {
        let ordered = candidates.sorted {
            ($0.confidence, $0.range.count, -$0.range.lowerBound) > (
                $1.confidence, $1.range.count, -$1.range.lowerBound
            )
        }
        var kept: [Candidate] = []
        for candidate in ordered {
            guard let winner = kept.firstIndex(where: { conflicts($0, candidate) }) else {
                kept.append(candidate)
                continue
            }
            // The same span of the same category read as a corrected value (a check digit, the
            // zero an OCR `O` must be) lends that value to the candidate that won the span.
            if kept[winner].value == nil, candidate.value != nil, kept[winner].range == candidate.range,
                kept[winner].category == candidate.category
            {
                kept[winner].value = candidate.value
            }
        }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

/// Once a value is known, every other occurrence of it is personal data too: the same text in
/// any case or spacing anywhere (a phone in a footer and again in metadata), the same phone in
/// other digits, the same birth date in another format.
enum ValuePropagator {
    static let propagated: Set<Category> = [
        .name, .email, .phone, .address, .postcode, .birthDate, .bsn, .iban, .url, .otherID,
    ]

    static func propagate(_ found: [Candidate], in context: DetectionContext) -> [Candidate] {
        var added: [Candidate] = []
        let lowered = context.text.lowered
        // A CV has a few dozen values; a file with thousands (a mailing list) is not propagated
        // beyond the first 200, which keeps this linear in the text.
        let known = found.filter { propagated.contains($0.category) }.prefix(200)
        // Exact values (case- and space-insensitive).
        var seen = Set<String>()
        for candidate in known {
            let needle = Array(lowered[candidate.range]).filter { !$0.properties.isWhitespace }
            guard needle.count >= 4, seen.insert(String(String.UnicodeScalarView(needle))).inserted else { continue }
            for range in occurrences(of: needle, in: lowered) where !found.contains(where: { $0.range.overlaps(range) })
            {
                added.append(
                    Candidate(
                        category: candidate.category, range: range, confidence: candidate.confidence * 0.95,
                        subject: candidate.subject, isPropagated: true))
            }
        }
        // Phones in other writings: the same ``PhoneKey``, in a run of digits no longer than an
        // international number.
        let phoneKeys = Set(found.filter { $0.category == .phone }.map { PhoneKey.of(context.text.text($0.range)) })
        if !phoneKeys.isEmpty {
            var index = 0
            let scalars = context.scalars
            while index < scalars.count {
                guard scalars[index].isDigit, scalars.isWordStart(index) else {
                    index += 1
                    continue
                }
                var end = index
                while end < scalars.count, scalars[end].isDigit || " -.".unicodeScalars.contains(scalars[end]) {
                    end += 1
                }
                while end > index, !scalars[end - 1].isDigit { end -= 1 }
                let range = index..<end
                let digits = context.text.text(range).digitsOnly
                if (7...15).contains(digits.count), phoneKeys.contains(PhoneKey.of(digits)),
                    !found.contains(where: { $0.range.overlaps(range) })
                        && !added.contains(where: { $0.range.overlaps(range) })
                {
                    added.append(Candidate(category: .phone, range: range, confidence: 0.9, isPropagated: true))
                }
                index = max(end, index + 1)
            }
        }
        // The birth date in other formats.
        let birthDates = found.filter { $0.category == .birthDate }.compactMap { candidate in
            DateParser.dates(in: Array(context.scalars[candidate.range])).first.map { [$0.year, $0.month, $0.day] }
        }
        if !birthDates.isEmpty {
            for date in DateParser.dates(in: context.scalars)
            where birthDates.contains([date.year, date.month, date.day]) {
                if !found.contains(where: { $0.range.overlaps(date.range) }) {
                    added.append(
                        Candidate(category: .birthDate, range: date.range, confidence: 0.9, isPropagated: true))
                }
            }
        }
        return added
    }

    /// Ranges of `needle` in `haystack`, skipping whitespace in the haystack.
    static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Range<Int>] {
        guard let first = needle.first else { return [] }
        var ranges: [Range<Int>] = []
        var index = 0
        while index < haystack.count {
            guard haystack[index] == first, index == 0 || !haystack[index - 1].isAlphanumeric || !first.isAlphanumeric
            else {
                index += 1
                continue
            }
            var cursor = index
            var matched = 0
            while cursor < haystack.count, matched < needle.count {
                if haystack[cursor] == needle[matched] {
                    matched += 1
                    cursor += 1
                } else if haystack[cursor] == " " || haystack[cursor] == "\n", matched > 0 {
                    cursor += 1
                } else {
                    break
                }
            }
            if matched == needle.count,
                cursor >= haystack.count || !haystack[cursor].isAlphanumeric || !(needle.last?.isAlphanumeric ?? false)
            {
                ranges.append(index..<cursor)
                index = cursor
            } else {
                index += 1
            }
        }
        return ranges
    }
}
