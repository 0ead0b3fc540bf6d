/// A calendar date found in text.
struct FoundDate: Hashable {
    var range: Range<Int>
    var year: Int
    var month: Int
    var day: Int
}

/// Full dates (day, month and year) in the ways Dutch and English CVs write them:
/// `14 april 1989`, `14 apr. 1989`, `14-04-1989`, `14-4-1989`, `14.04.1989`, `14/04/1989`,
/// `1989-04-14`, `April 14, 1989`, `14th April 1989`, `5. September 1900`. Month-and-year periods are not full dates,
/// so employment periods never match.
enum DateParser {
    static let months: [String: Int] = {
        var map: [String: Int] = [:]
        let dutch = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ]
        let english = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december",
        ]
        // German CVs (`5. September 1900`) share most month names; these are the others.
        let german = [
            "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "dezember",
        ]
        let abbreviations = [
            ["jan"], ["feb"], ["mrt", "mar", "maa", "mär", "marz"], ["apr"], ["mei", "may", "mai"], ["jun"], ["jul"],
            ["aug"], ["sep", "sept"], ["okt", "oct"], ["nov"], ["dec", "dez"],
        ]
        for index in 0..<12 {
            map[dutch[index]] = index + 1
            map[english[index]] = index + 1
            map[german[index]] = index + 1
            for abbreviation in abbreviations[index] { map[abbreviation] = index + 1 }
        }
        return map
    }()

    /// The most letters a month name in ``months`` has (`september`).
    static let longestMonth = months.keys.map(\.unicodeScalars.count).max() ?? 0

    /// Every full date in `scalars`.
    static func dates(in scalars: [Unicode.Scalar]) -> [FoundDate] {
        var found: [FoundDate] = []
        var index = 0
        while index < scalars.count {
            guard scalars.isWordStart(index), scalars[index].isAlphanumeric else {
                index += 1
                continue
            }
            if let date = numeric(at: index, in: scalars) ?? written(at: index, in: scalars) {
                found.append(date)
                index = date.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    private static func number(at index: Int, in scalars: [Unicode.Scalar], maxDigits: Int) -> (value: Int, end: Int)? {
        var value = 0
        var cursor = index
        while cursor < scalars.count, scalars[cursor].isDigit, cursor - index < maxDigits {
            value = value * 10 + scalars[cursor].digitValue
            cursor += 1
        }
        guard cursor > index, cursor >= scalars.count || !scalars[cursor].isDigit else { return nil }
        return (value, cursor)
    }

    private static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1900...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// `dd-mm-yyyy`, `d.m.yyyy`, `dd/mm/yyyy`, `yyyy-mm-dd`.
    private static func numeric(at index: Int, in scalars: [Unicode.Scalar]) -> FoundDate? {
        guard let first = number(at: index, in: scalars, maxDigits: 4), first.end < scalars.count else { return nil }
        let separator = scalars[first.end]
        guard separator == "-" || separator == "." || separator == "/" else { return nil }
        guard let second = number(at: first.end + 1, in: scalars, maxDigits: 2), second.end < scalars.count,
            scalars[second.end] == separator,
            let third = number(at: second.end + 1, in: scalars, maxDigits: 4)
        else { return nil }
        if third.end < scalars.count, scalars[third.end].isLetter { return nil }
        if first.end - index == 4, third.end - second.end - 1 <= 2 {
            guard isValid(year: first.value, month: second.value, day: third.value) else { return nil }
            return FoundDate(range: index..<third.end, year: first.value, month: second.value, day: third.value)
        }
        guard first.end - index <= 2, third.end - second.end - 1 == 4 else { return nil }
        if isValid(year: third.value, month: second.value, day: first.value) {
            return FoundDate(range: index..<third.end, year: third.value, month: second.value, day: first.value)
        }
        // American month/day/year (`05/18/1975`), when day-first cannot be a date.
        guard separator == "/", isValid(year: third.value, month: first.value, day: second.value) else { return nil }
        return FoundDate(range: index..<third.end, year: third.value, month: first.value, day: second.value)
    }

    /// A month name (with optional dot) at `index`, and where it ends.
    private static func month(at index: Int, in scalars: [Unicode.Scalar]) -> (month: Int, end: Int)? {
        // Every month name starts with one of these letters and has at most nine: most words are
        // passed over before a string is made of them (lower-casing never makes a word shorter,
        // and no other letter lower-cases to one of these).
        guard index < scalars.count, "jfmasondJFMASOND".unicodeScalars.contains(scalars[index]) else { return nil }
        var cursor = index
        while cursor < scalars.count, scalars[cursor].isLetter { cursor += 1 }
        guard (3...Self.longestMonth).contains(cursor - index) else { return nil }
        let word = String(String.UnicodeScalarView(scalars[index..<cursor])).lowercased()
        guard let month = months[word] else { return nil }
        if cursor < scalars.count, scalars[cursor] == "." { cursor += 1 }
        return (month, cursor)
    }

    private static func skipSpaces(_ index: Int, in scalars: [Unicode.Scalar]) -> Int {
        var cursor = index
        while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        return cursor
    }

    /// `14 april 1989`, `14th April 1989`, `April 14, 1989`.
    private static func written(at index: Int, in scalars: [Unicode.Scalar]) -> FoundDate? {
        if scalars[index].isDigit {
            guard let day = number(at: index, in: scalars, maxDigits: 2) else { return nil }
            var cursor = day.end
            // `1st`, `1e`, and the German ordinal dot (`5. September 1900`).
            for suffix in ["st", "nd", "rd", "th", "e", "."] where scalars.matches(suffix, at: cursor) {
                cursor += suffix.unicodeScalars.count
                break
            }
            let afterDay = skipSpaces(cursor, in: scalars)
            guard afterDay > cursor, let month = month(at: afterDay, in: scalars) else { return nil }
            let yearStart = skipSpaces(month.end, in: scalars)
            guard yearStart > month.end || scalars[month.end - 1] == ".",
                let year = number(at: yearStart, in: scalars, maxDigits: 4), year.end - yearStart == 4,
                isValid(year: year.value, month: month.month, day: day.value)
            else { return nil }
            return FoundDate(range: index..<year.end, year: year.value, month: month.month, day: day.value)
        }
        guard let month = month(at: index, in: scalars) else { return nil }
        let dayStart = skipSpaces(month.end, in: scalars)
        guard dayStart > month.end, let day = number(at: dayStart, in: scalars, maxDigits: 2) else { return nil }
        var cursor = day.end
        for suffix in ["st", "nd", "rd", "th"] where scalars.matches(suffix, at: cursor) {
            cursor += 2
            break
        }
        if cursor < scalars.count, scalars[cursor] == "," { cursor += 1 }
        let yearStart = skipSpaces(cursor, in: scalars)
        guard let year = number(at: yearStart, in: scalars, maxDigits: 4), year.end - yearStart == 4,
            isValid(year: year.value, month: month.month, day: day.value)
        else { return nil }
        return FoundDate(range: index..<year.end, year: year.value, month: month.month, day: day.value)
    }
}
