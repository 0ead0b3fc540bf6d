/// The fields of a zone while it is read: corrections by field type, the document number's
/// search, the shape a zone must have, and the values and ranges read out of it.
extension MachineReadableZone {
    /// A zone's lines, once each has the right length, while its fields are corrected.
    struct Reading {
        var lines: [ReadLine]
        /// Characters changed here (confusions), on top of each line's own count.
        var corrections = 0

        subscript(_ position: Position) -> Unicode.Scalar {
            get { lines[position.line].characters[position.column] }
            set { lines[position.line].characters[position.column] = newValue }
        }

        func characters(_ field: [Position]) -> [Unicode.Scalar] { field.map { self[$0] } }

        func string(_ field: [Position], droppingFillers: Bool = false) -> String {
            String(String.UnicodeScalarView(characters(field).filter { !droppingFillers || $0 != "<" }))
        }

        func string(_ field: [Position], droppingTrailingFillers: Bool) -> String {
            string(droppingTrailingFillers ? trimmingTrailingFillers(field) : field)
        }

        func trimmingTrailingFillers(_ field: [Position]) -> [Position] {
            var field = field
            while let last = field.last, self[last] == "<" { field.removeLast() }
            return field
        }

        /// The page scalars a field came from, from the first to the last.
        func range(_ field: [Position]) -> Range<Int> {
            let origins = field.map { lines[$0.line].origins[$0.column] }
            guard let low = origins.min(), let high = origins.max() else { return 0..<0 }
            return low..<(high + 1)
        }

        /// Replaces the characters of `field` that `map` names.
        mutating func correct(_ field: [Position], using map: [Unicode.Scalar: Unicode.Scalar]) {
            for position in field {
                if let replacement = map[self[position]] {
                    self[position] = replacement
                    corrections += 1
                }
            }
        }

        /// Whether `check` holds the check digit of `field`. A filler in the check position counts
        /// as `0` only where Doc 9303 allows it (an unused TD3 personal number field).
        func verifies(_ field: [Position], check: Position, fillerCountsAsZero: Bool = false) -> Bool {
            let printed = self[check]
            guard let digit = MachineReadableZone.checkDigit(of: characters(field)) else { return false }
            if printed == "<" { return fillerCountsAsZero && digit == 0 }
            guard printed.isZoneDigit else { return false }
            return Int(printed.value) - 0x30 == digit
        }

        // MARK: Shape

        /// Whether the corrected characters stand where the format puts them: the document code,
        /// the countries, the dates, the sex, the check digits, the name. This is what keeps an
        /// upper-case line of the right length from being read as a zone.
        func hasShape(_ layout: Layout, format: Format) -> Bool {
            let code = characters(layout.documentCode)
            let firstCodes: Set<Unicode.Scalar> = format == .td3 ? ["P"] : ["A", "C", "I"]
            guard code.count == 2, firstCodes.contains(code[0]), code[1].isZoneLetter || code[1] == "<" else {
                return false
            }
            guard isCountry(layout.issuingState), isCountry(layout.nationality) else { return false }
            guard characters(layout.birthDate).allSatisfy({ $0.isZoneDigit || $0 == "<" }),
                characters(layout.expiryDate).allSatisfy(\.isZoneDigit)
            else { return false }
            let checks = [layout.documentNumberCheck, layout.birthDateCheck, layout.expiryDateCheck, layout.composite]
            guard checks.allSatisfy({ self[$0].isZoneDigit }) else { return false }
            if let check = layout.personalNumberCheck, !(self[check].isZoneDigit || self[check] == "<") {
                return false
            }
            guard ["M", "F", "X", "<"].contains(self[layout.sex]) else { return false }
            let name = characters(layout.name)
            guard let first = name.first, first.isZoneLetter, name.allSatisfy({ $0.isZoneLetter || $0 == "<" }) else {
                return false
            }
            let number = characters(layout.documentNumber)
            guard let firstOfNumber = number.first, firstOfNumber != "<", number.allSatisfy(\.isZoneCharacter) else {
                return false
            }
            return layout.optionalData.allSatisfy { characters($0).allSatisfy(\.isZoneCharacter) }
        }

        /// Three letters, or fewer padded with fillers (`D<<`).
        private func isCountry(_ field: [Position]) -> Bool {
            let code = characters(field)
            guard code.count == 3, code[0].isZoneLetter else { return false }
            let letters = code.prefix { $0.isZoneLetter }
            return code.dropFirst(letters.count).allSatisfy { $0 == "<" }
        }

        // MARK: Document number and BSN

        /// Corrects the document number's confusable characters until its check digit verifies.
        /// Nothing changes when the number verifies as read. Otherwise the search only runs in a
        /// zone whose two date checks verify (a well-read zone: a search through alternatives
        /// finds a verifying number by chance about once in ten tries, so it must not be what
        /// makes garbage a zone). One change is tried before two. The composite check cannot help
        /// choose: it sums the number with the same weights from the same start, so every number
        /// that satisfies its own check digit satisfies the composite alike. What can: a Dutch
        /// number's form (two letters, no letter O), and the number printed elsewhere on the page
        /// (`isPrinted`). When one reading is left it is taken; when several are, the number
        /// stays as read and the readings are returned.
        mutating func repairDocumentNumber(
            _ layout: Layout, isDutch: Bool, isPrinted: (String) -> Bool
        ) -> (verifies: Bool, alternatives: [String]) {
            let field = layout.documentNumber
            let check = layout.documentNumberCheck
            if verifies(field, check: check) { return (true, []) }
            guard verifies(layout.birthDate, check: layout.birthDateCheck),
                verifies(layout.expiryDate, check: layout.expiryDateCheck)
            else { return (false, []) }
            let suspects = field.filter { Confusion.alternative(self[$0]) != nil }
            var singles: [[Position]] = []
            for position in suspects { singles.append([position]) }
            var pairs: [[Position]] = []
            for (index, first) in suspects.enumerated() {
                for second in suspects[(index + 1)...] { pairs.append([first, second]) }
            }
            for changes in [singles, pairs] {
                var readings: [(change: [Position], number: String)] = []
                for change in changes {
                    var trial = self
                    trial.flip(change)
                    if trial.verifies(field, check: check) {
                        readings.append((change, trial.string(field, droppingFillers: true)))
                    }
                }
                guard !readings.isEmpty else { continue }
                let dutch = readings.filter { MachineReadableZone.isDutchDocumentNumber($0.number.unicodeScalars) }
                if isDutch, !dutch.isEmpty { readings = dutch }
                let printed = readings.filter { isPrinted($0.number) }
                if readings.count > 1, !printed.isEmpty { readings = printed }
                if readings.count == 1, let reading = readings.first {
                    flip(reading.change)
                    return (true, [])
                }
                return (false, readings.map(\.number))
            }
            return (false, [])
        }

        private mutating func flip(_ positions: [Position]) {
            for position in positions {
                if let alternative = Confusion.alternative(self[position]) {
                    self[position] = alternative
                    corrections += 1
                }
            }
        }

        /// The BSN in a Dutch zone's optional data: the first filler-separated group of nine
        /// characters that reads as digits (after the digit corrections) and passes the 11-proof.
        /// The group is corrected in place, so the composite check sees the digits.
        mutating func readPersonalNumber(in fields: [[Position]]) -> [Position]? {
            for field in fields {
                var group: [Position] = []
                for position in field + [nil] {
                    if let position, self[position] != "<" {
                        group.append(position)
                        continue
                    }
                    defer { group = [] }
                    guard group.count == 9 else { continue }
                    let digits = characters(group).map { Confusion.digitForLetter[$0] ?? $0 }
                    guard digits.allSatisfy(\.isZoneDigit),
                        ElevenProof.isValid(digits.map { Int($0.value) - 0x30 })
                    else { continue }
                    correct(group, using: Confusion.digitForLetter)
                    return group
                }
            }
            return nil
        }

        // MARK: Name

        /// The name field read as Doc 9303 writes it: primary identifier, `<<`, secondary
        /// identifier with `<` between its components, fillers to the end. The secondary
        /// identifier ends at the next `<<`; a stray letter after it is not a name.
        func name(_ field: [Position]) -> (surname: String, givenNames: String, positions: [Position]) {
            let text = characters(field)
            var separator: Int?
            for index in 0..<max(0, text.count - 1) where text[index] == "<" && text[index + 1] == "<" {
                separator = index
                break
            }
            func words(_ part: ArraySlice<Unicode.Scalar>) -> String {
                part.split(separator: "<").map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            }
            guard let separator else {
                return (words(text[...]), "", trimmingTrailingFillers(field))
            }
            var end = separator + 2
            while end < text.count, !(text[end] == "<" && (end + 1 == text.count || text[end + 1] == "<")) {
                end += 1
            }
            let positions = trimmingTrailingFillers(Array(field[..<end]))
            return (words(text[..<separator]), words(text[(separator + 2)..<end]), positions)
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isZoneDigit: Bool { value >= 0x30 && value <= 0x39 }
    fileprivate var isZoneLetter: Bool { value >= 0x41 && value <= 0x5A }
    /// `A`–`Z`, `0`–`9` or the filler.
    fileprivate var isZoneCharacter: Bool { isZoneDigit || isZoneLetter || self == "<" }
}
