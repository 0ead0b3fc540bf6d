public import CVModel
public import Foundation
import Glibc

/// The last check before a profile leaves: the final rendered text — for PDF and DOCX the text
/// read back out of the rendered file, metadata included — against every personal value stored
/// or detected for the candidate, and their variants (digits-only numbers, case-folded names,
/// each part of a name, the e-mail's local part). A hit refuses the export, naming the category.
public struct LeakGate: Sendable {
    struct Needle {
        var category: String
        /// The value or variant in UTF-8, made once: the gate searches bytes.
        var bytes: [UInt8]
        /// Whole words only (a name part), or anywhere (an e-mail address, a digit string).
        var wholeWord: Bool
        var isDigits: Bool

        init(category: String, text: String, wholeWord: Bool, isDigits: Bool) {
            self.category = category
            bytes = Array(text.utf8)
            self.wholeWord = wholeWord
            self.isDigits = isDigits
        }
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
    ///
    /// Both sides are folded (``TextFolding``: compatibility-decomposed, marks stripped, lower
    /// case), so the search runs on their UTF-8 bytes: a value found among the Characters is found
    /// among the bytes, and the bytes can only find more (a match starting inside a cluster of
    /// several scalars), which refuses rather than lets through.
    public func check(_ text: String, exempt: [String] = []) -> [String] {
        let folded = Array(Self.fold(text).utf8)
        var withoutCareer = folded
        for phrase in exempt.map(Self.fold) where !phrase.isEmpty {
            withoutCareer = Self.replacing(Array(phrase.utf8), with: UInt8(ascii: " "), in: withoutCareer)
        }
        let digits = Array(text.filter(\.isNumber).utf8)
        var hits = Set<String>()
        for needle in needles where !hits.contains(needle.category) {
            if needle.isDigits {
                if Self.firstOffset(of: needle.bytes, in: digits, from: 0) != nil { hits.insert(needle.category) }
                continue
            }
            let haystack = ["city", "birth_place", "nationality"].contains(needle.category) ? withoutCareer : folded
            if Self.contains(haystack, needle.bytes, wholeWord: needle.wholeWord) { hits.insert(needle.category) }
        }
        return hits.sorted()
    }

    /// The shared folding (``TextFolding``): case, diacritics, compatibility forms and the
    /// Turkish i's do not hide a value.
    static func fold(_ text: String) -> String { TextFolding.fold(text) }

    /// Whether `needle` is in `haystack`; with `wholeWord`, only where a word may end before it
    /// (``isBoundary(_:before:)``) and the scalar after it is not a letter or a digit.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8], wholeWord: Bool) -> Bool {
        var from = 0
        while let start = firstOffset(of: needle, in: haystack, from: from) {
            let end = start + needle.count
            if !wholeWord || (isBoundary(haystack, before: start) && !isWordScalar(haystack, startingAt: end)) {
                return true
            }
            from = start + 1
        }
        return false
    }

    /// The offset of the first `needle` in `haystack` at or after `from`: `memchr` for its first
    /// byte, `memcmp` for the rest.
    static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, from >= 0 else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                var offset = from
                while hay.count - offset >= pin.count {
                    guard let hit = memchr(base + offset, Int32(first), hay.count - offset - pin.count + 1) else {
                        return nil
                    }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, pinBase, pin.count) == 0 { return at }
                    offset = at + 1
                }
                return nil
            }
        }
    }

    /// `haystack` with every `phrase` (left to right, not overlapping) replaced by one `byte`.
    static func replacing(_ phrase: [UInt8], with byte: UInt8, in haystack: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var from = 0
        while let start = firstOffset(of: phrase, in: haystack, from: from) {
            result.append(contentsOf: haystack[from..<start])
            result.append(byte)
            from = start + phrase.count
        }
        guard from > 0 else { return haystack }
        result.append(contentsOf: haystack[from...])
        return result
    }

    /// Whether a word may end before `offset`: the scalar before it is not a letter or a digit,
    /// or the character (grapheme cluster) that ends there does not start with one, which is how
    /// `Character.isLetter` reads it (a prepended sign, `\u{0600}x`, is not a letter even though
    /// its `x` is). Either way counts, so the gate never misses what a Character search found.
    static func isBoundary(_ bytes: [UInt8], before offset: Int) -> Bool {
        guard isWordScalar(bytes, endingAt: offset) else { return true }
        // Rare (a hit glued to a letter): the whole prefix, so no cluster is cut short.
        guard let character = String(decoding: bytes[..<offset], as: UTF8.self).last else { return true }
        return !(character.isLetter || character.isNumber)
    }

    /// Whether the scalar that ends at `offset` is a letter or a digit (false at the start).
    static func isWordScalar(_ bytes: [UInt8], endingAt offset: Int) -> Bool {
        guard offset > 0 else { return false }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWord(bytes[start..<offset])
    }

    /// Whether the scalar that starts at `offset` is a letter or a digit (false at the end).
    static func isWordScalar(_ bytes: [UInt8], startingAt offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWord(bytes[offset..<end])
    }

    private static func isWord(_ scalarBytes: ArraySlice<UInt8>) -> Bool {
        if scalarBytes.count == 1, let byte = scalarBytes.first {
            return (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte)
        }
        // As `Character.isLetter` and `isNumber` read a character: by its (first) scalar.
        guard let scalar = String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
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
