public import CVModel
public import Foundation

/// The last check before a profile leaves: the final rendered text — for PDF and DOCX the text
/// read back out of the rendered file, metadata included — against every personal value stored
/// or detected for the candidate, and their variants (digits-only numbers, case-folded names,
/// each part of a name, the e-mail's local part). A hit refuses the export, naming the category.
public struct LeakGate: Sendable {
    struct Needle {
        var category: String
        var text: String
        /// Whole words only (a name part), or anywhere (an e-mail address, a digit string).
        var wholeWord: Bool
        var isDigits: Bool
    }

    let needles: [Needle]

    /// - Parameter values: (category, value) pairs; career text is not personal and not given here.
    public init(values: [(category: String, value: String)]) {
        var needles: [Needle] = []
        for (category, value) in values where category != "photo" {
            let folded = Self.fold(value)
            guard !folded.isEmpty else { continue }
            let digits = value.filter(\.isNumber)
            if ["phone", "bsn", "iban", "other_id", "postcode", "birth_date"].contains(category), digits.count >= 6 {
                needles.append(Needle(category: category, text: digits, wholeWord: false, isDigits: true))
                if category == "phone" {
                    needles.append(
                        Needle(category: category, text: PhoneKey.of(value), wholeWord: false, isDigits: true))
                }
            }
            needles.append(Needle(category: category, text: folded, wholeWord: true, isDigits: false))
            switch category {
            case "email":
                if let local = folded.split(separator: "@").first, local.count >= 4 {
                    needles.append(Needle(category: category, text: String(local), wholeWord: true, isDigits: false))
                }
            case "name", "address", "birth_place":
                // Each part of a name or street of three letters or more, as a whole word.
                for part in folded.split(whereSeparator: { !$0.isLetter && $0 != "'" }) where part.count >= 3 {
                    if category == "name" && ["van", "der", "den", "ter", "ten", "het"].contains(String(part)) {
                        continue
                    }
                    if category == "address" && part.count < 5 { continue }
                    needles.append(Needle(category: category, text: String(part), wholeWord: true, isDigits: false))
                }
            default:
                break
            }
        }
        self.needles = needles
    }

    /// The categories of stored values found in `text` (empty: the profile may leave).
    /// `exempt` are career texts in which the candidate's city may stand (`Universiteit Utrecht`).
    public func check(_ text: String, exempt: [String] = []) -> [String] {
        let folded = Self.fold(text)
        var withoutCareer = folded
        for phrase in exempt.map(Self.fold) where !phrase.isEmpty {
            withoutCareer = withoutCareer.replacingOccurrences(of: phrase, with: " ")
        }
        let digits = text.filter(\.isNumber)
        var hits = Set<String>()
        for needle in needles where !hits.contains(needle.category) {
            if needle.isDigits {
                if digits.contains(needle.text) { hits.insert(needle.category) }
                continue
            }
            let haystack = ["city", "birth_place", "nationality"].contains(needle.category) ? withoutCareer : folded
            if Self.contains(haystack, needle.text, wholeWord: needle.wholeWord) { hits.insert(needle.category) }
        }
        return hits.sorted()
    }

    /// The shared folding (``TextFolding``): case, diacritics, compatibility forms and the
    /// Turkish i's do not hide a value.
    static func fold(_ text: String) -> String { TextFolding.fold(text) }

    static func contains(_ haystack: String, _ needle: String, wholeWord: Bool) -> Bool {
        var searchRange = haystack.startIndex..<haystack.endIndex
        while let range = haystack.range(of: needle, range: searchRange) {
            let before =
                range.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: range.lowerBound)]
            let after = range.upperBound == haystack.endIndex ? nil : haystack[range.upperBound]
            let isBoundary = { (character: Character?) in character.map { !$0.isLetter && !$0.isNumber } ?? true }
            if !wholeWord || (isBoundary(before) && isBoundary(after)) { return true }
            searchRange = range.upperBound..<haystack.endIndex
        }
        return false
    }
}

/// Renders a profile in one format and passes it through the leak gate.
public struct ProfileExporter: Sendable {
    /// Reads a rendered PDF or DOCX back to text with the project's own extractor (handed in by
    /// Pipeline, since Export does not import Extraction).
    public typealias ReadBack = @Sendable (Data, ExportFormat) throws -> String

    public let readBack: ReadBack

    public init(readBack: @escaping ReadBack) { self.readBack = readBack }

    public func render(_ profile: Profile, as format: ExportFormat) throws(ExportError) -> Data {
        switch format {
        case .json:
            do { return try JSONResumeRenderer.render(profile) } catch {
                throw .render(format: "json", reason: "encoding failed")
            }
        case .md: return Data(MarkdownRenderer.render(profile).utf8)
        case .html: return Data(HTMLRenderer.render(profile).utf8)
        case .pdf: return try PDFRenderer.render(profile)
        case .docx: return try DOCXRenderer.render(profile)
        }
    }

    /// Renders and gates: returns the final bytes, or throws ``ExportError/leak(categories:)``.
    public func export(_ profile: Profile, as format: ExportFormat, gate: LeakGate) throws(ExportError) -> Data {
        let bytes = try render(profile, as: format)
        let text: String
        if format.isBinary {
            do { text = try readBack(bytes, format) } catch {
                throw .render(format: format.rawValue, reason: "cannot read the rendered file back")
            }
        } else {
            text = RenderedText.decoded(bytes, format: format)
        }
        // A city inside an institution's or employer's name, or a province that shares the city's
        // name (`Regio: Groningen`), is not the place of residence.
        let exempt =
            profile.education.map(\.institution) + profile.experience.map(\.employer)
            + profile.languages.map(\.language)
            + (profile.region.map { [$0] } ?? [])
        let hits = gate.check(text, exempt: exempt)
        if !hits.isEmpty { throw .leak(categories: hits) }
        return bytes
    }
}
