import Foundation

/// The text rules of the shared corpus scorer (`../shared/corpus/score.py`), ported so that
/// `cvsieve eval --corpus` counts exactly what the script counts.
///
/// Python's `str` is a sequence of code points, and `len`, `in`, slicing and its regular
/// expressions all work on code points, not on grapheme clusters as Swift's `String` does
/// (`"e\u{301}"` is one `Character` but two code points). Everything here therefore works on
/// arrays of Unicode scalars. This is deliberately not ``TextFolding``: that is cvsieve's own
/// matching rule (marks stripped), and the yardstick must stay the script's, not ours.
enum ScoreText {
    /// A string as Python sees it: its code points.
    typealias Scalars = [Unicode.Scalar]

    /// `norm(s)`: NFKC, `str.lower()`, soft hyphens removed, the dashes U+2010–U+2014 and the
    /// minus U+2212 made `-`, runs of whitespace made one space, stripped at both ends.
    static func normalise(_ text: String) -> Scalars {
        let lowered = lower(Array(text.precomposedStringWithCompatibilityMapping.unicodeScalars))
        var result: Scalars = []
        result.reserveCapacity(lowered.count)
        var inSpace = false
        for scalar in lowered where scalar.value != 0x00AD {
            if isSpace(scalar) {
                inSpace = true
                continue
            }
            if inSpace && !result.isEmpty { result.append(" ") }
            inSpace = false
            result.append(dashes.contains(scalar.value) ? "-" : scalar)
        }
        return result
    }

    /// `DASHES` in score.py: hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus.
    static let dashes: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]

    /// `str.lower()`: the full lower-case mapping of each code point (`İ` becomes two), and a
    /// capital sigma at the end of a word becomes the final sigma `ς`, as CPython does.
    static func lower(_ scalars: Scalars) -> Scalars {
        var result: Scalars = []
        result.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar.value == 0x03A3 {
                result.append(isFinalSigma(at: index, in: scalars) ? "\u{03C2}" : "\u{03C3}")
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return result
    }

    /// CPython's `handle_capital_sigma`: a cased letter before (skipping case-ignorables), and no
    /// cased letter after.
    private static func isFinalSigma(at index: Int, in scalars: Scalars) -> Bool {
        guard let before = scalars[..<index].last(where: { !$0.properties.isCaseIgnorable }),
            before.properties.isCased
        else { return false }
        guard let after = scalars[(index + 1)...].first(where: { !$0.properties.isCaseIgnorable }) else { return true }
        return !after.properties.isCased
    }

    /// `str.lower()` of a string (score.py lower-cases e-mail local parts and name tokens without NFKC).
    static func lower(_ text: String) -> Scalars { lower(Array(text.unicodeScalars)) }

    /// `re.sub(r"\D", "", s)`: the decimal digits (any script), in order.
    static func digits(_ text: String) -> Scalars {
        text.unicodeScalars.filter { $0.properties.numericType == .decimal }
    }

    /// `str.isspace()` and the regular expression `\s`: general category Zs, or bidirectional
    /// class WS, B or S — the fixed list CPython generates (`_PyUnicode_IsWhitespace`).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default: false
        }
    }

    /// The regular expression `\w` on `str`: a letter (Lu, Ll, Lt, Lm, Lo), a character with a
    /// numeric value, or `_`. Combining marks are not word characters in Python.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return scalar.properties.numericType != nil
        }
    }

    /// `s.strip()`: whitespace removed at both ends.
    static func strip(_ scalars: Scalars) -> ArraySlice<Unicode.Scalar> {
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return scalars[first...last]
    }

    // MARK: - Matching

    /// Python's `needle in haystack`: a code-point substring.
    static func contains(_ needle: Scalars, in haystack: Scalars) -> Bool {
        firstMatch(of: needle, in: haystack, from: 0, wholeWord: false) != nil
    }

    /// `re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack)`: `needle` occurs with no
    /// word character right before or right after it.
    static func containsWord(_ needle: Scalars, in haystack: Scalars) -> Bool {
        firstMatch(of: needle, in: haystack, from: 0, wholeWord: true) != nil
    }

    /// `re.sub(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", replacement, haystack)`: every
    /// non-overlapping whole-word occurrence, left to right, each judged on the original text.
    static func replacingWords(_ needle: Scalars, in haystack: Scalars, with replacement: Scalars) -> Scalars {
        guard !needle.isEmpty else { return haystack }
        var result: Scalars = []
        var position = 0
        while let match = firstMatch(of: needle, in: haystack, from: position, wholeWord: true) {
            result.append(contentsOf: haystack[position..<match])
            result.append(contentsOf: replacement)
            position = match + needle.count
        }
        result.append(contentsOf: haystack[position...])
        return result
    }

    /// `set(re.findall(r"[\w'’-]+", text))`: the runs of word characters, apostrophes and hyphens.
    static func tokens(_ scalars: Scalars) -> Set<Scalars> {
        var tokens = Set<Scalars>()
        var current: Scalars = []
        for scalar in scalars {
            if isWord(scalar) || scalar == "'" || scalar == "\u{2019}" || scalar == "-" {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.insert(current)
                current = []
            }
        }
        if !current.isEmpty { tokens.insert(current) }
        return tokens
    }

    /// The first index at or after `start` where `needle` occurs (as a whole word if asked).
    private static func firstMatch(of needle: Scalars, in haystack: Scalars, from start: Int, wholeWord: Bool) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) {
                let end = index + needle.count
                let isBounded =
                    !wholeWord
                    || ((index == 0 || !isWord(haystack[index - 1]))
                        && (end == haystack.count || !isWord(haystack[end])))
                if isBounded { return index }
            }
            index += 1
        }
        return nil
    }
}
