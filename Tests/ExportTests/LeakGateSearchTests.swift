import CVModel
import Foundation
import Testing

@testable import Export

/// The gate searches folded text byte by byte. Against the search it replaced (Foundation's
/// `range(of:)` over Characters, whole words judged by the Characters around a hit), it must find
/// everything that one found, and the same for a word on text of one scalar per character.
@Suite struct LeakGateSearchTests {
    /// The search as it was: Foundation over Characters.
    static func characterSearch(_ haystack: String, _ needle: String, wholeWord: Bool) -> Bool {
        var searchRange = haystack.startIndex..<haystack.endIndex
        while let range = haystack.range(of: needle, range: searchRange) {
            // Foundation can hand back bounds inside a cluster (or past the end, with a prepended
            // sign last): read the neighbours without subscripting there.
            let before = range.lowerBound > haystack.startIndex ? haystack[..<range.lowerBound].last : nil
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound...].first : nil
            let isBoundary = { (character: Character?) in character.map { !$0.isLetter && !$0.isNumber } ?? true }
            if !wholeWord || (isBoundary(before) && isBoundary(after)) { return true }
            searchRange = range.upperBound..<haystack.endIndex
        }
        return false
    }

    static func byteSearch(_ haystack: String, _ needle: String, wholeWord: Bool) -> Bool {
        LeakGate.contains(Array(haystack.utf8), Array(needle.utf8), wholeWord: wholeWord)
    }

    @Test("on folded text of one scalar per character the byte search finds what the old one found, a word exactly")
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
                let old = Self.characterSearch(haystack, needle, wholeWord: wholeWord)
                let new = Self.byteSearch(haystack, needle, wholeWord: wholeWord)
                // The old search went on after a hit's end, the new one tries every start: with a
                // needle like `a-a` it finds an overlapping whole word the old one skipped. Never less.
                if needle.allSatisfy(\.isLetter) {
                    #expect(new == old, "a generated haystack and letters, wholeWord \(wholeWord)")
                } else if old {
                    #expect(new, "a generated haystack and needle, wholeWord \(wholeWord)")
                }
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

    @Test("a character that starts with a sign or an emoji and ends in a letter still ends a word before a hit")
    func clusterBeforeAHit() {
        let gate = LeakGate(values: [("name", "Jansen")])
        // U+0600 is a prepended sign (it joins the letter after it into one character); U+1F170 is
        // alphabetic and joined to the emoji before it by a zero-width joiner.
        for text in ["\u{0600}xJansen", "\u{0600}1Jansen", "😀\u{200D}🅰Jansen"] {
            #expect(gate.check(text) == ["name"], "a prepended or joined cluster before the name")
            #expect(Self.byteSearch(TextFolding.fold(text), "jansen", wholeWord: true))
        }
        #expect(gate.check("xJansen") == [])
    }

    @Test("with prepended signs and joiners among the characters the byte search finds whatever the old one found")
    func clusterAlphabet() {
        let alphabet: [String] = ["a", "n", "1", " ", "\u{0600}", "\u{200D}", "😀", "🅰", "ß", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let haystack = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }.joined()
            let needle = ["an", "a", "n1", "na", "1"].randomElement(using: &generator)!
            for wholeWord in [false, true] where Self.characterSearch(haystack, needle, wholeWord: wholeWord) {
                #expect(Self.byteSearch(haystack, needle, wholeWord: wholeWord), "a generated haystack")
            }
        }
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
