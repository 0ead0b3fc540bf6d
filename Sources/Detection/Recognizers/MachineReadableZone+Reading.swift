/// Reading zones out of a page of OCR text, and the OCR errors that reading forgives.
///
/// OCR of a zone goes wrong in a few known ways, and each is forgiven only where the zone's
/// layout says what the character must be, so a tolerance never turns ordinary text into a zone:
/// - Spaces inside a line are dropped; lower-case letters are read as capitals.
/// - `«` is two fillers; `‹`, `(`, `[` and `{` are one (they are never zone characters).
/// - `C` and `K` (and a lower-case `c`) are a filler only inside a run of fillers: after a
///   filler, before a filler or the line's end, with two fillers on at least one side — never
///   as the first given name (`ERIKSSON<<KC` keeps `KC`).
/// - A line one or two characters short or long lost or doubled a filler: fillers are added to
///   or removed from the last filler run of the line (before the check digits that end the
///   lower line), nowhere else, so no field shifts.
/// - `O`/`0`, `I`/`1`, `B`/`8`, `S`/`5`, `Z`/`2`, `G`/`6` are read by field type: digits in
///   dates and check digits, letters in codes, countries and names. The document number holds
///   both: in a zone whose date checks verify, its alternatives are tried, one change before two,
///   until its check digit verifies. The composite check cannot choose between such readings
///   (it sums the number with the same weights), so when several verify a Dutch number's form or
///   the number printed elsewhere on the page decides; failing that, the number stays as read
///   and the readings are listed (``MachineReadableZone/documentNumberAlternatives``). `G`/`6`
///   differ by 10 and no check digit can tell them apart.
/// - On a Dutch document, nine characters in the optional data that read as digits after the
///   same corrections and pass the 11-proof are the BSN.
///
/// A zone is reported when its lines have the right shape (codes, countries, dates, sex, check
/// digits and name where the format puts them) and the document number's or the composite check
/// digit verifies, or the number verifies in several readings in a zone whose dates verify.
extension MachineReadableZone {
    /// Every zone in a page of OCR text. Zone lines are consecutive lines (blank lines between
    /// them are skipped) of `A`–`Z`, `0`–`9` and `<` once the tolerances above are applied;
    /// other text may stand above and below.
    static func find(in scalars: [Unicode.Scalar]) -> [MachineReadableZone] {
        // Non-blank lines only; `nil` for a line that cannot be a zone line.
        var lines: [ReadLine?] = []
        var start = 0
        for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" {
            let line = ReadLine(scalars, start..<index)
            if let line, line.characters.isEmpty {
                // Blank: zone lines may have blank lines between them.
            } else {
                lines.append(line)
            }
            start = index + 1
        }
        var zones: [MachineReadableZone] = []
        var index = 0
        while index < lines.count {
            guard lines[index] != nil else {
                index += 1
                continue
            }
            var found: MachineReadableZone?
            for format in [Format.td3, .td2, .td1] where index + format.lineCount <= lines.count {
                let group = lines[index..<(index + format.lineCount)].compactMap { $0 }
                guard group.count == format.lineCount,
                    group.allSatisfy({ abs($0.characters.count - format.lineLength) <= 2 })
                else { continue }
                found = read(group, as: format, page: scalars)
                if found != nil { break }
            }
            if let found {
                zones.append(found)
                index += found.format.lineCount
            } else {
                index += 1
            }
        }
        return zones
    }

    /// The zone in `lines` read as `format`, or `nil` when they do not have its shape or neither
    /// the document number's nor the composite check digit verifies. `page` is the text the lines
    /// came from: a document number printed there settles which correction of it is right.
    static func read(_ lines: [ReadLine], as format: Format, page: [Unicode.Scalar] = []) -> MachineReadableZone? {
        let tails = Layout.tails(format)
        let nameStart = Layout.nameStart(format)
        var fitted: [ReadLine] = []
        for (number, line) in lines.enumerated() {
            var line = line
            line.readLookAlikeFillers(tail: tails[number], nameStart: number == nameStart.line ? nameStart.column : nil)
            guard line.fitLength(format.lineLength, tail: tails[number]) else { return nil }
            fitted.append(line)
        }
        var reading = Reading(lines: fitted)
        var layout = Layout(format)
        if format != .td3 { layout.takeLongDocumentNumber { reading[$0] } }

        // Field types first: they settle the characters the document number's search relies on.
        for field in [layout.documentCode, layout.issuingState, layout.nationality, layout.name] {
            reading.correct(field, using: Confusion.letterForDigit)
        }
        var digits = layout.birthDate + layout.expiryDate
        digits += [layout.documentNumberCheck, layout.birthDateCheck, layout.expiryDateCheck, layout.composite]
        if let check = layout.personalNumberCheck { digits.append(check) }
        reading.correct(digits, using: Confusion.digitForLetter)
        guard reading.hasShape(layout, format: format) else { return nil }

        let issuingState = reading.string(layout.issuingState, droppingFillers: true)
        let personalNumber = issuingState == "NLD" ? reading.readPersonalNumber(in: layout.optionalData) : nil
        let zoneRange = reading.range(
            reading.lines.indices.flatMap { line in
                reading.lines[line].characters.indices.map { Position(line: line, column: $0) }
            })
        let documentNumber = reading.repairDocumentNumber(layout, isDutch: issuingState == "NLD") { number in
            isPrinted(number, in: page, outside: zoneRange)
        }
        let compositeVerifies = reading.verifies(layout.compositeCoverage, check: layout.composite)
        guard documentNumber.verifies || compositeVerifies || !documentNumber.alternatives.isEmpty else { return nil }

        var personalNumberVerifies: Bool?
        if let check = layout.personalNumberCheck, let field = layout.optionalData.first {
            personalNumberVerifies = reading.verifies(field, check: check, fillerCountsAsZero: true)
        }
        let checks = Checks(
            documentNumber: documentNumber.verifies,
            birthDate: reading.verifies(layout.birthDate, check: layout.birthDateCheck),
            expiryDate: reading.verifies(layout.expiryDate, check: layout.expiryDateCheck),
            personalNumber: personalNumberVerifies, composite: compositeVerifies)
        let name = reading.name(layout.name)
        let sex = reading[layout.sex]
        return MachineReadableZone(
            format: format, documentCode: reading.string(layout.documentCode, droppingFillers: true),
            issuingState: issuingState,
            documentNumber: reading.string(layout.documentNumber, droppingFillers: true),
            documentNumberAlternatives: documentNumber.alternatives,
            nationality: reading.string(layout.nationality, droppingFillers: true),
            birthDate: reading.string(layout.birthDate), expiryDate: reading.string(layout.expiryDate),
            sex: sex == "<" ? "X" : String(sex), surname: name.surname, givenNames: name.givenNames,
            optionalData: layout.optionalData.map { reading.string($0, droppingTrailingFillers: true) },
            personalNumber: personalNumber.map { reading.string($0) }, checks: checks,
            lines: reading.lines.map { String(String.UnicodeScalarView($0.characters)) },
            corrections: reading.lines.reduce(reading.corrections) { $0 + $1.corrections },
            range: zoneRange,
            documentNumberRange: reading.range(reading.trimmingTrailingFillers(layout.documentNumber)),
            birthDateRange: reading.range(layout.birthDate),
            personalNumberRange: personalNumber.map { reading.range($0) },
            nameRange: reading.range(name.positions))
    }

    /// Whether `number` stands as a word in `page` outside `zone` (in the visual zone of the
    /// document, or the number printed on the other side of a card).
    static func isPrinted(_ number: String, in page: [Unicode.Scalar], outside zone: Range<Int>) -> Bool {
        let word = Array(number.unicodeScalars)
        guard !word.isEmpty, page.count >= word.count else { return false }
        let isWordCharacter = { (scalar: Unicode.Scalar) in
            scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39)
        }
        for start in 0...(page.count - word.count) where !zone.contains(start) {
            let end = start + word.count
            guard page[start..<end].elementsEqual(word) else { continue }
            if (start == 0 || !isWordCharacter(page[start - 1])) && (end == page.count || !isWordCharacter(page[end])) {
                return true
            }
        }
        return false
    }
}

// MARK: - Confusions

extension MachineReadableZone {
    /// The OCR-B characters OCR confuses, each way round.
    enum Confusion {
        static let digitForLetter: [Unicode.Scalar: Unicode.Scalar] = [
            "O": "0", "I": "1", "B": "8", "S": "5", "Z": "2", "G": "6",
        ]
        static let letterForDigit: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G",
        ]

        /// The other reading of a confusable character.
        static func alternative(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
            digitForLetter[scalar] ?? letterForDigit[scalar]
        }
    }
}

// MARK: - Lines

extension MachineReadableZone {
    /// One page line read as a zone line: its characters and, for each, the index of the page
    /// scalar it came from (a `«` gives two characters from one scalar; an added filler points at
    /// the character before it).
    struct ReadLine: Equatable {
        var characters: [Unicode.Scalar] = []
        var origins: [Int] = []
        var corrections = 0

        /// The zone characters of `scalars[range]`, or `nil` if it holds anything else. Spaces
        /// are dropped, lower case raised, and the fillers' look-alikes that are never zone
        /// characters read as fillers.
        init?(_ scalars: [Unicode.Scalar], _ range: Range<Int>) {
            for index in Self.withoutStrayEnds(scalars, range) {
                let scalar = scalars[index]
                switch scalar {
                case " ", "\t", "\r":
                    continue
                case "A"..."Z", "0"..."9", "<":
                    append(scalar, from: index)
                case "a"..."z":
                    append(Unicode.Scalar(UInt8(scalar.value - 32)), from: index)
                case "\u{00AB}":  // «
                    append("<", from: index)
                    append("<", from: index)
                    corrections += 2
                case "\u{2039}", "(", "[", "{":  // ‹
                    append("<", from: index)
                    corrections += 1
                default:
                    return nil
                }
            }
        }

        /// `range` without a speck OCR set apart at either end of the line: a word of one or two
        /// characters that no zone holds (`/`, `_`, `§`), after or before a space. A zone line
        /// is at least 30 characters, so what is left must be long enough to be one.
        static func withoutStrayEnds(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
            let isZoneCharacter = { (scalar: Unicode.Scalar) in
                ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
                    || ["<", "\u{00AB}", "\u{2039}", "(", "[", "{"].contains(scalar)
            }
            let isSpace = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\t" || scalar == "\r" }
            var lower = range.lowerBound
            var upper = range.upperBound
            while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 }
            while lower < upper, isSpace(scalars[lower]) { lower += 1 }
            // A trailing speck: the last word, one or two characters, one of them foreign.
            if let space = (lower..<upper).last(where: { isSpace(scalars[$0]) }), upper - space - 1 <= 2,
                scalars[(space + 1)..<upper].contains(where: { !isZoneCharacter($0) }), space - lower >= 28
            {
                upper = space
            }
            if let space = (lower..<upper).first(where: { isSpace(scalars[$0]) }), space - lower <= 2,
                scalars[lower..<space].contains(where: { !isZoneCharacter($0) }), upper - space >= 28
            {
                lower = space + 1
            }
            return lower..<upper
        }

        private mutating func append(_ scalar: Unicode.Scalar, from origin: Int) {
            characters.append(scalar)
            origins.append(origin)
        }

        private static func isLookAlike(_ scalar: Unicode.Scalar) -> Bool { scalar == "C" || scalar == "K" }

        /// Reads runs of `C` and `K` as fillers where they stand inside a run of fillers (see the
        /// rules above). Right to left, because filler runs grow towards the end of a line: the
        /// run read last becomes the right-hand context of the one before it. `tail` characters
        /// at the end are check digits; `nameStart` is the name field's column on a name line.
        mutating func readLookAlikeFillers(tail: Int, nameStart: Int?) {
            let end = characters.count - tail
            guard end > 0 else { return }
            let firstGivenName = nameStart.flatMap(firstGivenNameColumn(from:))
            var runEnd = end
            while runEnd > 0 {
                guard Self.isLookAlike(characters[runEnd - 1]) else {
                    runEnd -= 1
                    continue
                }
                var runStart = runEnd - 1
                while runStart > 0, Self.isLookAlike(characters[runStart - 1]) { runStart -= 1 }
                let fillersBefore = fillerCount(endingAt: runStart)
                let fillersAfter = runEnd == end ? 0 : fillerCount(startingAt: runEnd, limit: end)
                let isInsideRun =
                    fillersBefore >= 1 && (runEnd == end || fillersAfter >= 1)
                    && (fillersBefore >= 2 || fillersAfter >= 2)
                if isInsideRun, runStart != firstGivenName {
                    for column in runStart..<runEnd {
                        characters[column] = "<"
                        corrections += 1
                    }
                }
                runEnd = runStart
            }
        }

        private func fillerCount(endingAt end: Int) -> Int {
            var count = 0
            while end - count > 0, characters[end - count - 1] == "<" { count += 1 }
            return count
        }

        private func fillerCount(startingAt start: Int, limit: Int) -> Int {
            var count = 0
            while start + count < limit, characters[start + count] == "<" { count += 1 }
            return count
        }

        /// The column after the `<<` that ends the surname, when a letter precedes it.
        private func firstGivenNameColumn(from nameStart: Int) -> Int? {
            var column = nameStart + 1
            while column + 1 < characters.count {
                if characters[column] == "<", characters[column + 1] == "<" {
                    return characters[column - 1] == "<" ? nil : column + 2
                }
                column += 1
            }
            return nil
        }

        /// Brings the line to `length` by adding or removing up to two fillers at the end of its
        /// last filler run, just before its `tail` check digits; `false` when the line is further
        /// off or there is no filler run there to stretch or shrink.
        mutating func fitLength(_ length: Int, tail: Int) -> Bool {
            let excess = characters.count - length
            let runEnd = characters.count - tail
            switch excess {
            case 0:
                return true
            case 1...2:
                guard runEnd - excess >= 0, characters[(runEnd - excess)..<runEnd].allSatisfy({ $0 == "<" }) else {
                    return false
                }
                characters.removeSubrange((runEnd - excess)..<runEnd)
                origins.removeSubrange((runEnd - excess)..<runEnd)
            case -2 ... -1:
                guard runEnd >= 1, characters[runEnd - 1] == "<" else { return false }
                let origin = origins[runEnd - 1]
                characters.insert(contentsOf: Array(repeating: "<", count: -excess), at: runEnd)
                origins.insert(contentsOf: Array(repeating: origin, count: -excess), at: runEnd)
            default:
                return false
            }
            corrections += abs(excess)
            return true
        }
    }
}
