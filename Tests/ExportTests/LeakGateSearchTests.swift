import CVModel
import Foundation
import Testing

@testable import Export

/// The gate searches folded text byte by byte. Against the search it replaced (Foundation's
/// `range(of:)` over Characters, whole words judged by the Characters around a hit), it must find
/// everything that one found, and the same on text of one scalar per character.
@Suite struct LeakGateSearchTests {
    /// The search as it was: Foundation over Characters.
    static func characterSearch(_ haystack: String, _ needle: String, wholeWord: Bool) -> Bool {
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

    static func byteSearch(_ haystack: String, _ needle: String, wholeWord: Bool) -> Bool {
        LeakGate.contains(Array(haystack.utf8), Array(needle.utf8), wholeWord: wholeWord)
    }

    @Test("on folded text of one scalar per character the two searches agree, whole words or not")
    func agreesOnSingleScalars() {
        // Letters of one, two, three and four UTF-8 bytes, digits of two scripts, spaces, punctuation.
        let alphabet: [Character] = ["a", "n", "e", "ß", "ø", "ł", "日", "𝔞", "1", "٣", " ", "-", "'", ".", "@"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let haystack = String(
                (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
            let needle: String
            if !haystack.isEmpty, Bool.random(using: &generator) {
                let characters = Array(haystack)
                let start = Int.random(in: 0..<characters.count, using: &generator)
                let end = Int.random(in: (start + 1)...min(characters.count, start + 6), using: &generator)
                needle = String(characters[start..<end])
            } else {
                needle = String(
                    (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    })
            }
            for wholeWord in [false, true] {
                #expect(
                    Self.byteSearch(haystack, needle, wholeWord: wholeWord)
                        == Self.characterSearch(haystack, needle, wholeWord: wholeWord),
                    "a generated haystack and needle, wholeWord \(wholeWord)")
            }
        }
    }

    @Test("inside a cluster of several scalars the byte search finds at least what the old one found")
    func findsMoreInsideClusters() {
        // A flag (two regional indicators), a family emoji joined with ZWJ, Hangul jamo.
        let haystack = "x 🇳🇱 y 👨\u{200D}👩\u{200D}👧 z \u{1100}\u{1161}\u{11A8} w"
        for needle in ["🇳🇱", "🇱", "👩", "\u{1161}", "y", "z", "\u{1100}\u{1161}\u{11A8}"] {
            for wholeWord in [false, true] where Self.characterSearch(haystack, needle, wholeWord: wholeWord) {
                #expect(Self.byteSearch(haystack, needle, wholeWord: wholeWord))
            }
        }
        #expect(Self.byteSearch(haystack, "🇱", wholeWord: false))
    }

    @Test("whole words: a name part inside a longer word is not a hit, beside punctuation or digits' ends it is")
    func wholeWords() {
        let gate = LeakGate(values: [("name", "Jansen"), ("phone", "06 12345678"), ("city", "Zwolle")])
        #expect(gate.check("Jansenweg 4") == [])
        #expect(gate.check("(Jansen)") == ["name"])
        #expect(gate.check("jansen2") == [])
        #expect(gate.check("Bel 0612-345678") == ["phone"])
        #expect(gate.check("Studie aan de Hogeschool Zwolle", exempt: ["Hogeschool Zwolle"]) == [])
        #expect(gate.check("Hogeschool Zwolle, woont in Zwolle", exempt: ["Hogeschool Zwolle"]) == ["city"])
    }

    @Test("every occurrence of an exempt phrase is taken out, left to right, and nothing else")
    func replacing() {
        let replaced = LeakGate.replacing(Array("ab".utf8), with: UInt8(ascii: " "), in: Array("abcabab aab".utf8))
        #expect(String(decoding: replaced, as: UTF8.self) == " c   a ")
        #expect(LeakGate.replacing(Array("zz".utf8), with: 32, in: Array("abc".utf8)) == Array("abc".utf8))
        #expect(LeakGate.firstOffset(of: Array("aa".utf8), in: Array("baaa".utf8), from: 2) == 2)
        #expect(LeakGate.firstOffset(of: Array("aa".utf8), in: Array("baaa".utf8), from: 3) == nil)
        #expect(LeakGate.firstOffset(of: [], in: Array("a".utf8), from: 0) == nil)
    }
}
