import CVModel
import Foundation

/// A document's text prepared for matching, with a map back to the original.
///
/// Text as it comes out of files: NFKC-like folding of the characters that matter (ligatures,
/// fullwidth forms, odd dashes and quotes), non-breaking and zero-width spaces, soft hyphens,
/// letter-spaced words (`J A N  D E  V R I E S` → `JAN DE VRIES`), and words hyphenated across a
/// line end. Every normalised scalar remembers the original scalar it came from, so a finding
/// reports the text as written and its offsets in ``CVModel/Document/plainText``.
struct NormalizedText {
    /// Normalised scalars.
    private(set) var scalars: [Unicode.Scalar]
    /// For each normalised scalar, the index of the original scalar it came from.
    private(set) var origin: [Int]
    /// The original text (``CVModel/Document/plainText``) as scalars.
    let original: [Unicode.Scalar]
    /// Each block's range in the original scalars, with its block.
    let blocks: [(range: Range<Int>, block: TextBlock)]

    init(document: Document) {
        var original: [Unicode.Scalar] = []
        var blocks: [(Range<Int>, TextBlock)] = []
        for (index, block) in document.blocks.enumerated() {
            if index > 0 { original.append("\n") }
            let start = original.count
            original.append(contentsOf: block.text.unicodeScalars)
            blocks.append((start..<original.count, block))
        }
        self.init(original: original, blocks: blocks)
    }

    init(text: String, source: TextSource = .body) {
        let scalars = Array(text.unicodeScalars)
        self.init(original: scalars, blocks: [(0..<scalars.count, TextBlock(text: text, source: source))])
    }

    private init(original: [Unicode.Scalar], blocks: [(Range<Int>, TextBlock)]) {
        self.original = original
        self.blocks = blocks
        scalars = []
        origin = []
        scalars.reserveCapacity(original.count)
        origin.reserveCapacity(original.count)
        foldCharacters()
        joinHyphenatedLineEnds()
        collapseLetterSpacing()
        lowered = scalars.map { scalar in
            if scalar.value >= 65 && scalar.value <= 90 { return Unicode.Scalar(scalar.value + 32) ?? scalar }
            if scalar.isASCII { return scalar }
            let mapping = scalar.properties.lowercaseMapping.unicodeScalars
            return mapping.count == 1 ? mapping.first ?? scalar : scalar
        }
    }

    var count: Int { scalars.count }

    /// The normalised scalars lower-cased one for one (for case-insensitive matching).
    private(set) var lowered: [Unicode.Scalar] = []

    /// The first normalised index whose original index is at or after `originalIndex`.
    func normalizedIndex(ofOriginal originalIndex: Int) -> Int? {
        var low = 0
        var high = origin.count
        while low < high {
            let middle = (low + high) / 2
            if origin[middle] < originalIndex { low = middle + 1 } else { high = middle }
        }
        return low < origin.count ? low : nil
    }

    /// The normalised text of a range.
    func text(_ range: Range<Int>) -> String {
        // UTF-8 bytes first, one String at the end: much cheaper than growing a scalar view.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        for scalar in scalars[range] {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The original range that a normalised range came from.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origin.count ? origin[range.lowerBound] : original.count
            return at..<at
        }
        return origin[range.lowerBound]..<(origin[range.upperBound - 1] + 1)
    }

    /// The original text of a normalised range, as written in the document.
    func originalText(_ range: Range<Int>) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: original[originalRange(range)])
        return String(string)
    }

    /// The block that holds normalised position `index`.
    func block(at index: Int) -> (range: Range<Int>, block: TextBlock)? {
        guard index >= 0, index < origin.count else { return nil }
        let position = origin[index]
        var low = 0
        var high = blocks.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = blocks[middle].range
            if position < range.lowerBound {
                high = middle - 1
            } else if position >= range.upperBound {
                low = middle + 1
            } else {
                return blocks[middle]
            }
        }
        return nil
    }

    func source(at index: Int) -> TextSource { block(at: index)?.block.source ?? .body }

    // MARK: - Normalisation passes

    private mutating func foldCharacters() {
        var index = 0
        while index < original.count {
            let scalar = original[index]
            if scalar.isASCII {
                scalars.append(scalar)
                origin.append(index)
            } else if let replacement = Self.replacement(for: scalar) {
                for folded in replacement.unicodeScalars {
                    scalars.append(folded)
                    origin.append(index)
                }
            } else if scalar.properties.generalCategory == .nonspacingMark, let last = scalars.last {
                // A decomposed diacritic (e + U+0301): compose with the letter before it.
                let composed = String(String.UnicodeScalarView([last, scalar])).precomposedStringWithCanonicalMapping
                if composed.unicodeScalars.count == 1, let single = composed.unicodeScalars.first {
                    scalars[scalars.count - 1] = single
                }
            } else if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(ascii)
                origin.append(index)
            } else {
                scalars.append(scalar)
                origin.append(index)
            }
            index += 1
        }
    }

    /// Replacements for the non-ASCII scalars that break matching; `""` drops the scalar.
    private static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: " "
        // The Turkish dotted capital and dotless small i, as ``TextFolding`` folds them: `ÇELİK`
        // lower-cases to `çeli̇k` (with a combining dot) and would match no name list.
        case 0x0130: "I"
        case 0x0131: "i"
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: ""
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: "-"
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: "\""
        case 0x2024: "."
        case 0x2028, 0x2029: "\n"
        case 0xFB00: "ff"
        case 0xFB01: "fi"
        case 0xFB02: "fl"
        case 0xFB03: "ffi"
        case 0xFB04: "ffl"
        case 0xFB05, 0xFB06: "st"
        case 0x2022, 0x25CF, 0x25AA, 0x25E6, 0x2023, 0x2043: "*"
        default: nil
        }
    }

    /// `ont-\nwikkelaar` → `ontwikkelaar`: a hyphen at a line end between lower-case letters.
    private mutating func joinHyphenatedLineEnds() {
        guard scalars.count > 3 else { return }
        var output: [Unicode.Scalar] = []
        var outputOrigin: [Int] = []
        output.reserveCapacity(scalars.count)
        outputOrigin.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "-", index > 0, index + 2 < scalars.count, scalars[index + 1] == "\n",
                scalars[index - 1].isLower, scalars[index + 2].isLower
            {
                index += 2
                continue
            }
            output.append(scalars[index])
            outputOrigin.append(origin[index])
            index += 1
        }
        scalars = output
        origin = outputOrigin
    }

    /// `J A N  D E  V R I E S` → `JAN DE VRIES`: runs of at least three single letters
    /// separated by single spaces, words separated by two or more.
    private mutating func collapseLetterSpacing() {
        var output: [Unicode.Scalar] = []
        var outputOrigin: [Int] = []
        var index = 0
        let isLetter = { (scalar: Unicode.Scalar) in scalar.isLetter }
        while index < scalars.count {
            let startsWord = index == 0 || !isLetter(scalars[index - 1])
            if startsWord, isLetter(scalars[index]), let end = letterSpacedRunEnd(from: index) {
                var cursor = index
                while cursor < end {
                    if isLetter(scalars[cursor]) {
                        output.append(scalars[cursor])
                        outputOrigin.append(origin[cursor])
                        cursor += 1
                    } else {
                        var spaces = 0
                        while cursor < end, scalars[cursor] == " " {
                            spaces += 1
                            cursor += 1
                        }
                        if spaces >= 2 {
                            output.append(" ")
                            outputOrigin.append(origin[cursor - 1])
                        }
                    }
                }
                index = end
                continue
            }
            output.append(scalars[index])
            outputOrigin.append(origin[index])
            index += 1
        }
        scalars = output
        origin = outputOrigin
    }

    /// The end of a letter-spaced run starting at `start`, or `nil` if there is none.
    private func letterSpacedRunEnd(from start: Int) -> Int? {
        var index = start
        var letters = 0
        var lastLetterEnd = start
        while index < scalars.count, scalars[index].isLetter {
            // Each letter must stand alone: followed by a space or the end, not another letter.
            let next = index + 1
            if next < scalars.count, scalars[next].isLetter { break }
            letters += 1
            lastLetterEnd = next
            var spaces = 0
            var cursor = next
            while cursor < scalars.count, scalars[cursor] == " " {
                spaces += 1
                cursor += 1
            }
            guard spaces >= 1, spaces <= 3, cursor < scalars.count, scalars[cursor].properties.isAlphabetic else {
                break
            }
            index = cursor
        }
        return letters >= 4 ? lastLetterEnd : nil
    }
}
