import Testing

@testable import Detection

/// Written dates: every month name and abbreviation of the three languages, in any case, and the
/// words that only look like the start of one.
@Suite struct DateParserTests {
    static func dates(_ text: String) -> [FoundDate] { DateParser.dates(in: Array(text.unicodeScalars)) }

    @Test("every month name and abbreviation, lower, upper and title case, day first and month first")
    func everyMonth() {
        for (name, month) in DateParser.months {
            for written in [name, name.uppercased(), name.prefix(1).uppercased() + name.dropFirst()] {
                let dayFirst = Self.dates("geboren 14 \(written) 1989, te Zwolle")
                #expect(dayFirst.map(\.month) == [month] && dayFirst.map(\.day) == [14], "a month name, day first")
                #expect(Self.dates("born \(written) 14, 1989").map(\.year) == [1989], "a month name, month first")
            }
        }
        #expect(DateParser.longestMonth == 9)
    }

    @Test("words that are not month names, however they start, and a day at the end of the text")
    func notMonths() {
        for text in [
            "14 septembers 1989", "14 decembermaand 1989", "14 ma 1989", "14 mrtx 1989", "14 Jansen 1989", "14 ",
            "14", "mei", "14 mei", "14 MEI 89",
        ] {
            #expect(Self.dates(text).isEmpty, "a text without a full date")
        }
        #expect(Self.dates("14 mrt. 1989").map(\.month) == [3])
        #expect(Self.dates("5. September 1900").map(\.month) == [9])
    }
}
