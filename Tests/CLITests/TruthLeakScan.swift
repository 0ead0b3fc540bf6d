import CVModel
import Foundation

/// Looks for a sample's truth values (`Samples/truth/*.json`) in the readings of an exported
/// profile, in each writing a leak could take: case-folded with diacritics removed (in the text
/// a reader sees), HTML-escaped and JSON-escaped (in the text as stored), and, for a value with
/// at least six digits, its digits alone (separators between digits removed from the text too;
/// shorter digit strings would hit years), and, for a value with at least ten letters and
/// digits, those alone (an IBAN or a name grouped or joined differently).
///
/// Two exceptions, each narrow: a place inside one of the sample's own career facts
/// (`University of York`, `ROC van Amsterdam`) is looked for with those career facts taken out of
/// the text, and a city that has its province's name (Groningen, Utrecht) may appear as the
/// profile's region, which is the province by design.
struct TruthLeakScan {
    var truth: SampleTruth
    /// The profile's region, read from its JSON export.
    var region: String?

    enum Form: String {
        case folded = "case-folded without diacritics"
        case htmlEscaped = "HTML-escaped"
        case jsonEscaped = "JSON-escaped"
        case digits = "as its digits"
        case compact = "as its letters and digits"
    }

    /// A truth value found, by its position in the truth file and its category, never its text.
    struct Leak: Hashable, CustomStringConvertible {
        var index: Int
        var category: String
        var form: String
        var description: String { "truth value #\(index) (\(category)) appears \(form)" }
    }

    func leaks(in readings: [ExportReading]) -> [Leak] {
        var leaks: [Leak] = []
        for (index, value) in truth.personal.enumerated() {
            let text = value.text
            if ["city", "birth_place"].contains(value.category), let region, Self.fold(region) == Self.fold(text) {
                continue
            }
            let careerFacts = careerStrings.filter { Self.fold($0).contains(Self.fold(text)) }
            var forms: Set<Form> = []
            for reading in readings {
                let folded = Self.removing(careerFacts.map(Self.fold), from: Self.fold(reading.decoded))
                if Self.contains(Self.fold(text), in: folded) { forms.insert(.folded) }
                let careerWritings = careerFacts.flatMap { [$0] + Self.htmlEscapes($0) + Self.jsonEscapes($0) }
                let raw = Self.removing(careerWritings, from: reading.raw)
                if Self.htmlEscapes(text).contains(where: { Self.contains($0, in: raw) }) { forms.insert(.htmlEscaped) }
                if Self.jsonEscapes(text).contains(where: { Self.contains($0, in: raw) }) { forms.insert(.jsonEscaped) }
                let compact = Self.fold(text).filter { $0.isLetter || $0.isNumber }
                if compact.count >= 10, folded.filter({ $0.isLetter || $0.isNumber }).contains(compact) {
                    forms.insert(.compact)
                }
                let digits = text.filter { $0.isASCII && $0.isNumber }
                if digits.count >= 6, Self.collapsingDigitSeparators(reading.decoded).contains(digits) {
                    forms.insert(.digits)
                }
            }
            leaks += forms.map { Leak(index: index, category: value.category, form: $0.rawValue) }
        }
        return leaks.sorted { ($0.index, $0.form) < ($1.index, $1.form) }
    }

    /// The sample's career facts: what a profile is meant to show.
    private var careerStrings: [String] {
        let career = truth.career
        return career.experience.flatMap { [$0.title, $0.employer] }
            + career.education.flatMap { [$0.degree, $0.institution] } + career.certificates
            + career.languages.flatMap { [$0.language, $0.level] } + career.skills
    }

    // MARK: - Writings

    /// Lower-cased without diacritics, typographic quotes and dashes made plain, white space runs
    /// made one space (a PDF line may end inside a value).
    static func fold(_ text: String) -> String {
        let plain = String(
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).map { character in
                switch character {
                case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": "'"
                case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": "-"
                default: character
                }
            })
        return plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `&amp; &lt; &gt; &quot; &#39;` as HTML writers do, and the same with `&apos;` and with
    /// every non-ASCII character as a numeric reference.
    static func htmlEscapes(_ text: String) -> [String] {
        func escape(_ text: String, apostrophe: String, numeric: Bool) -> String {
            var result = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'": result += apostrophe
                default: result += numeric && !scalar.isASCII ? "&#\(scalar.value);" : String(scalar)
                }
            }
            return result
        }
        return [
            escape(text, apostrophe: "&#39;", numeric: false), escape(text, apostrophe: "&apos;", numeric: false),
            escape(text, apostrophe: "&#39;", numeric: true),
        ]
    }

    /// The string's body as `JSONEncoder` writes it (`\/`, non-ASCII as is), and with every
    /// non-ASCII character as `\uXXXX` and `/` plain.
    static func jsonEscapes(_ text: String) -> [String] {
        var ascii = ""
        for unit in text.utf16 {
            switch unit {
            case 0x22: ascii += "\\\""
            case 0x5C: ascii += "\\\\"
            case 0x20..<0x7F: ascii += String(UnicodeScalar(UInt8(unit)))
            default: ascii += String(format: "\\u%04x", unit)
            }
        }
        let encoded = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return [String(encoded.dropFirst().dropLast()), ascii]
    }

    /// Separators between digits (spaces, `-`, `.`, `/`, parentheses, `+`) removed.
    static func collapsingDigitSeparators(_ text: String) -> String {
        let characters = Array(text)
        let separators: Set<Character> = [" ", "\u{00A0}", "\t", "\n", "-", ".", "/", "(", ")", "+"]
        var result = ""
        var index = 0
        while index < characters.count {
            if separators.contains(characters[index]), result.last?.isNumber == true {
                var end = index
                while end < characters.count, separators.contains(characters[end]) { end += 1 }
                if end < characters.count, characters[end].isNumber {
                    index = end
                    continue
                }
            }
            result.append(characters[index])
            index += 1
        }
        return result
    }

    // MARK: - Matching

    /// Whether `needle` occurs in `text`; a needle shorter than five characters only as a whole
    /// word (`male` is not a leak inside `female`).
    static func contains(_ needle: String, in text: String) -> Bool {
        guard !needle.isEmpty else { return false }
        let isShort = needle.count < 5
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: needle, range: searchRange) {
            if !isShort { return true }
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !(before.isLetter || before.isNumber) && !(after.isLetter || after.isNumber) { return true }
            searchRange = text.index(after: found.lowerBound)..<text.endIndex
        }
        return false
    }

    static func removing(_ parts: [String], from text: String) -> String {
        parts.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "\n") }
    }
}
