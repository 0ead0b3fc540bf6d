import CVModel

/// A run of digits and separators in the normalised text that may hold phone numbers: where
/// ``PhoneRecognizer`` asks libphonenumber to look.
struct PhoneSpan: Equatable {
    var range: Range<Int>
    var digitCount: Int
    /// Where the span crosses a line end (`06 1234⏎5678`), if it does.
    var lineBreak: Int?

    /// The parts before and after the line end, or the whole span.
    var lines: [Range<Int>] {
        guard let lineBreak else { return [range] }
        return [range.lowerBound..<lineBreak, (lineBreak + 1)..<range.upperBound]
    }
}

// MARK: - The cheap scan

extension PhoneRecognizer {
    /// Separators inside a written number: `06-12345678`, `06 12 34 56 78`, `+31 (0)6 …`,
    /// `030/1234567`, `06.12.34.56.78`.
    static let separators: Set<Unicode.Scalar> = [" ", "-", ".", "/", "(", ")"]

    /// No personal number that matters here has fewer digits (Dutch ones have ten).
    static let minimumDigits = 7

    /// Runs that start a word with `+`, `(` or a digit and continue with digits and up to three
    /// separators at a time, across at most one line end (`06 1234⏎5678`), holding at least
    /// ``minimumDigits`` digits. Linear in the text; prose costs one comparison per scalar.
    static func spans(in scalars: [Unicode.Scalar]) -> [PhoneSpan] {
        var spans: [PhoneSpan] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar.isDigit || scalar == "+" || scalar == "(", startsNumber(at: index, in: scalars) else {
                index += 1
                continue
            }
            let span = span(from: index, in: scalars)
            if span.digitCount >= minimumDigits { spans.append(span) }
            index = max(index + 1, span.range.upperBound)
        }
        return spans
    }

    /// Whether a number may start at `index`: not inside a word or a longer number (`NL91ABNA…`,
    /// `12/0612…`), but after a label's dot (`Tel.06…`).
    private static func startsNumber(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let scalar = scalars[index]
        if scalar == "+" || scalar == "(" {
            guard index + 1 < scalars.count, scalars[index + 1].isDigit || scalars[index + 1] == "+" else {
                return false
            }
        }
        guard index > 0 else { return true }
        let previous = scalars[index - 1]
        if previous.isAlphanumeric || previous == "+" { return false }
        if "/.,-".unicodeScalars.contains(previous), index >= 2, scalars[index - 2].isDigit { return false }
        return true
    }

    private static func span(from start: Int, in scalars: [Unicode.Scalar]) -> PhoneSpan {
        var cursor = start
        var digits = 0
        var end = start
        var lastGroup = (start: start, digitsBefore: 0)
        var lineBreak: Int?
        if scalars[cursor] == "+" { cursor += 1 }
        while cursor < scalars.count, digits < 24 {
            let scalar = scalars[cursor]
            if scalar.isDigit {
                if cursor == start || !scalars[cursor - 1].isDigit { lastGroup = (cursor, digits) }
                digits += 1
                cursor += 1
                end = cursor
            } else if separators.contains(scalar) {
                // At most three separators in a row (`0251 - 123456`, `+31 (0)6`), then a digit.
                var next = cursor
                while next < scalars.count, next - cursor < 3, separators.contains(scalars[next]) { next += 1 }
                guard next < scalars.count, scalars[next].isDigit else { break }
                cursor = next
            } else if scalar == "\n", lineBreak == nil, digits > 0, cursor + 1 < scalars.count,
                scalars[cursor + 1].isDigit
            {
                lineBreak = cursor
                cursor += 1
            } else {
                break
            }
        }
        // A group glued to a letter (`12345678abc`, `1234AB`) ends no number: drop it.
        if end < scalars.count, scalars[end].isLetter || scalars[end].isDigit {
            end = lastGroup.start
            digits = lastGroup.digitsBefore
            while end > start, !scalars[end - 1].isDigit { end -= 1 }
        }
        return PhoneSpan(range: start..<end, digitCount: digits, lineBreak: lineBreak.flatMap { $0 < end ? $0 : nil })
    }

    /// The UTF-8 of a range with line ends as spaces (libphonenumber reads no number across a
    /// line), and for each byte the index of the scalar it encodes.
    static func utf8(of range: Range<Int>, in scalars: [Unicode.Scalar]) -> (bytes: [UInt8], scalarAtByte: [Int]) {
        var bytes: [UInt8] = []
        var scalarAtByte: [Int] = []
        bytes.reserveCapacity(range.count)
        scalarAtByte.reserveCapacity(range.count)
        for index in range {
            let scalar = scalars[index] == "\n" ? " " : scalars[index]
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
                scalarAtByte.append(index)
            } else {
                UTF8.encode(scalar) { byte in
                    bytes.append(byte)
                    scalarAtByte.append(index)
                }
            }
        }
        return (bytes, scalarAtByte)
    }
}

// MARK: - Look-alikes

extension PhoneRecognizer {
    /// Whether digits at `range` are something other than a phone number, whatever libphonenumber
    /// says: a period or date (`2019-2022`, `09/2014 - 06/2018`, `14-04-1989`, `19890414`), an
    /// 11-proof BSN, part of an IBAN, or a postcode (`OR 97205-1234`, and the ZIP+4 shape
    /// `97205-1234` anywhere). A number written with `+` is none of these.
    static func isExcluded(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        guard !range.isEmpty, scalars[range.lowerBound] != "+" else { return false }
        if isPeriodOrDate(range, in: scalars) { return true }
        let digits = scalars[range].filter(\.isDigit).map(\.digitValue)
        if digits.count == 8, scalars[range].allSatisfy(\.isDigit), isCompactDate(digits) { return true }
        if digits.count == 8 || digits.count == 9, BSNRecognizer.isValid(digits) { return true }
        if range.count == 10, scalars[range.lowerBound + 5] == "-", digits.count == 9 { return true }
        return isInIBAN(range, in: scalars) || holdsPostcode(range, in: scalars)
    }

    /// Eight digits that are a date, year first or last: `19890414`, `14041989`.
    static func isCompactDate(_ digits: [Int]) -> Bool {
        let number = { (slice: ArraySlice<Int>) in slice.reduce(0) { $0 * 10 + $1 } }
        let isDate = { (year: Int, month: Int, day: Int) in
            (1900...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
        }
        return isDate(number(digits[0..<4]), number(digits[4..<6]), number(digits[6..<8]))
            || isDate(number(digits[4..<8]), number(digits[2..<4]), number(digits[0..<2]))
    }

    /// Digit groups that read as years, months and days in the orders CVs write periods and dates,
    /// and a dashed range of two close years in any calendar (`2560–2564` in the Thai Buddhist
    /// era, `1398-1402` in the Iranian one).
    static func isPeriodOrDate(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        var groups: [(value: Int, length: Int)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard scalars[index].isDigit else {
                index += 1
                continue
            }
            var value = 0
            var length = 0
            while index < range.upperBound, scalars[index].isDigit {
                // A run longer than any date part keeps counting its length, not its value (a
                // run of 20 digits would overflow; found by FuzzDetector).
                if length < 9 { value = value * 10 + scalars[index].digitValue }
                length += 1
                index += 1
            }
            groups.append((value, length))
            guard groups.count <= 6 else { return false }
        }
        if groups.count == 2, groups.allSatisfy({ $0.length == 4 }), groups[0].value >= 1000,
            (0...60).contains(groups[1].value - groups[0].value), scalars[range].contains("-")
        {
            return true
        }
        enum Part { case year, month, day }
        var parts: [Part] = []
        for group in groups {
            if group.length == 4, (1900...2099).contains(group.value) {
                parts.append(.year)
            } else if group.length <= 2, (1...12).contains(group.value) {
                parts.append(.month)
            } else if group.length <= 2, (1...31).contains(group.value) {
                parts.append(.day)
            } else {
                return false
            }
        }
        // A month number also reads as a day.
        let isDay = { (part: Part) in part == .day || part == .month }
        switch parts.count {
        case 2: return parts == [.year, .year] || parts == [.month, .year] || parts == [.year, .month]
        case 3:
            return (isDay(parts[0]) && parts[1] == .month && parts[2] == .year)
                || (parts[0] == .year && parts[1] == .month && isDay(parts[2]))
        case 4: return parts == [.month, .year, .month, .year] || parts == [.year, .month, .year, .month]
        case 6:
            return isDay(parts[0]) && parts[1] == .month && parts[2] == .year && isDay(parts[3]) && parts[4] == .month
                && parts[5] == .year
        default: return false
        }
    }

    /// Whether `range` starts inside an IBAN that begins earlier on its line (`NL91 ABNA 0417 1643 00`).
    private static func isInIBAN(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        var start = range.lowerBound
        while start > 0, range.lowerBound - start < 42, scalars[start - 1] != "\n" {
            start -= 1
            if scalars[start].isASCIIUpper, let iban = IBANRecognizer.iban(at: start, in: scalars),
                iban.contains(range.lowerBound)
            {
                return true
            }
        }
        return false
    }

    /// Whether a Dutch postcode or a US ZIP code starts among the digits of `range`.
    private static func holdsPostcode(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        for index in range where scalars[index].isDigit && scalars.isWordStart(index) {
            if let postcode = PostcodeRecognizer.postcode(at: index, in: scalars)
                ?? PostcodeRecognizer.usZIP(at: index, in: scalars), postcode.overlaps(range)
            {
                return true
            }
        }
        return false
    }
}
