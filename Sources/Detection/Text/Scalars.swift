import CVModel
import Foundation

/// Small predicates over Unicode scalars, used by the hand-written scanners (which are an order
/// of magnitude faster than regular expressions on this toolchain).
extension Unicode.Scalar {
    // ASCII first: these run for every scalar of every CV, and Unicode property look-ups cost more.
    var isDigit: Bool { value >= 48 && value <= 57 }
    var isLetter: Bool {
        value < 128 ? (value | 0x20) >= 97 && (value | 0x20) <= 122 : properties.isAlphabetic
    }
    var isUpper: Bool { value < 128 ? value >= 65 && value <= 90 : properties.isUppercase }
    var isLower: Bool { value < 128 ? value >= 97 && value <= 122 : properties.isLowercase }
    var isAlphanumeric: Bool { isDigit || isLetter }
    var isSpaceOrTab: Bool { self == " " || self == "\t" }
    var isWhitespace: Bool { value < 128 ? value == 32 || (value >= 9 && value <= 13) : properties.isWhitespace }
    var digitValue: Int { Int(value) - 48 }
    var isASCIIUpper: Bool { value >= 65 && value <= 90 }
}

extension Array where Element == Unicode.Scalar {
    /// Whether `index` starts a word: at the start, or after a scalar that is not a letter or digit.
    func isWordStart(_ index: Int) -> Bool { index == 0 || !self[index - 1].isAlphanumeric }
    /// Whether `index` ends a word: at the end, or before a scalar that is not a letter or digit.
    func isWordEnd(_ index: Int) -> Bool { index >= count || !self[index].isAlphanumeric }

    /// Whether the scalars at `index` spell `word`, ignoring ASCII case (`word` is lower-case).
    func matches(_ word: String, at index: Int) -> Bool {
        var cursor = index
        for scalar in word.unicodeScalars {
            guard cursor < count else { return false }
            let value = self[cursor].value
            let lowered = value >= 65 && value <= 90 ? value + 32 : value
            guard lowered == scalar.value else { return false }
            cursor += 1
        }
        return true
    }
}

extension String {
    /// Whitespace trimmed at both ends, without Foundation.
    func trimmingCharacters() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// Letters and digits only, lower-cased: the form values are compared in.
    var comparisonKey: String {
        String(
            String.UnicodeScalarView(
                unicodeScalars.filter { $0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57) })
        )
        .lowercased()
    }

    /// Without diacritics (`García` → `Garcia`), as e-mail addresses write names.
    var foldingDiacritics: String { TextFolding.stripMarks(self) }

    /// Digits only.
    var digitsOnly: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }))
    }
}
