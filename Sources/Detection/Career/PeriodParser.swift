/// Employment and study periods as CVs write them: `jan. 2019 – heden`, `2015 - 2018`,
/// `06/2021 – present`, `mrt 2016 t/m dec 2018`, `sinds 2020`, `Feb 2022 – Present`.
struct Period: Equatable {
    var range: Range<String.Index>
    var start: String
    var end: String
}

enum PeriodParser {
    static let ongoing: Set<String> = [
        "heden", "nu", "present", "now", "current", "today", "huidig", "ongoing", "date",
    ]
    static let connectors = ["–", "-", "—", "t/m", "tot", "to", "until", "till"]
    static let sinceWords = ["sinds", "since", "vanaf", "from"]

    /// The first period in `line`.
    static func find(in line: String) -> Period? {
        let words = tokens(line)
        var index = 0
        while index < words.count {
            if sinceWords.contains(words[index].text.lowercased()), let date = date(words, from: index + 1) {
                return Period(
                    range: words[index].range.lowerBound..<words[date.end - 1].range.upperBound,
                    start: text(words, index + 1, date.end, in: line), end: "")
            }
            if let start = date(words, from: index) {
                var cursor = start.end
                if cursor < words.count, connectors.contains(words[cursor].text.lowercased()) {
                    cursor += 1
                    if cursor < words.count,
                        words[cursor].text.lowercased() == "heden" || words[cursor].text.lowercased() == "nu"
                    {
                        return Period(
                            range: words[index].range.lowerBound..<words[cursor].range.upperBound,
                            start: text(words, index, start.end, in: line), end: words[cursor].text)
                    }
                    if cursor + 1 < words.count, words[cursor].text.lowercased() == "tot",
                        ongoing.contains(words[cursor + 1].text.lowercased())
                    {
                        cursor += 1
                    }
                    if cursor < words.count, ongoing.contains(words[cursor].text.lowercased()) {
                        return Period(
                            range: words[index].range.lowerBound..<words[cursor].range.upperBound,
                            start: text(words, index, start.end, in: line), end: words[cursor].text)
                    }
                    if let end = date(words, from: cursor) {
                        return Period(
                            range: words[index].range.lowerBound..<words[end.end - 1].range.upperBound,
                            start: text(words, index, start.end, in: line), end: text(words, cursor, end.end, in: line))
                    }
                }
            }
            index += 1
        }
        return nil
    }

    /// A four-digit year 1950–2049 alone in a word.
    static func isYear(_ word: String) -> Bool {
        guard word.count == 4, let value = Int(word) else { return false }
        return (1950...2049).contains(value)
    }

    private struct Word {
        var text: String
        var range: Range<String.Index>
    }

    /// Words split at spaces, with dashes as words of their own (`2015-2018` → `2015`, `-`, `2018`).
    private static func tokens(_ line: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = line.startIndex
        func close(_ end: String.Index) {
            if let begin = start { words.append(Word(text: String(line[begin..<end]), range: begin..<end)) }
            start = nil
        }
        while index < line.endIndex {
            let character = line[index]
            if character.isWhitespace || character == "|" || character == "(" || character == ")" || character == "," {
                close(index)
            } else if character == "–" || character == "—"
                || (character == "-"
                    && start.map { begin in
                        // A dash between a year or month and what follows splits; inside words (`t/m`, `Jansen-de`) it does not.
                        let previous = String(line[begin..<index])
                        return isYear(previous) || DateMonths.isMonth(previous)
                    } ?? true)
            {
                close(index)
                let next = line.index(after: index)
                words.append(Word(text: String(character), range: index..<next))
            } else if start == nil {
                start = index
            }
            index = line.index(after: index)
        }
        close(line.endIndex)
        return words
    }

    /// A date at `from`: `2019`, `jan. 2019`, `januari 2019`, `06/2021`, `6-2021`. Returns the index after it.
    private static func date(_ words: [Word], from: Int) -> (end: Int, Void)? {
        guard from < words.count else { return nil }
        let word = words[from].text
        if isYear(word) { return (from + 1, ()) }
        if DateMonths.isMonth(word), from + 1 < words.count, isYear(words[from + 1].text) { return (from + 2, ()) }
        // `06/2021`, `6-2021`, `06.2021`
        for separator: Character in ["/", ".", "-"] where word.contains(separator) {
            let parts = word.split(separator: separator)
            if parts.count == 2, let month = Int(parts[0]), (1...12).contains(month), isYear(String(parts[1])) {
                return (from + 1, ())
            }
        }
        return nil
    }

    private static func text(_ words: [Word], _ from: Int, _ to: Int, in line: String) -> String {
        String(line[words[from].range.lowerBound..<words[to - 1].range.upperBound])
    }
}

/// Month names and abbreviations, Dutch and English, with or without a dot.
enum DateMonths {
    static func isMonth(_ word: String) -> Bool {
        var key = word.lowercased()
        if key.hasSuffix(".") { key.removeLast() }
        return DateParser.months[key] != nil
    }
}
