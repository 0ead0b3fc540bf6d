/// A machine-readable zone (ICAO Doc 9303) read from OCR text: the two or three lines of capitals,
/// digits and `<` at the foot of a passport page or on the back of an identity card.
///
/// A copy of a passport or identity card is the most sensitive thing a candidate can send by
/// mistake, and its zone is the most reliable mark of one: the check digits say by arithmetic,
/// not by guessing, that a run of OCR'd capitals is a travel document, and the fixed layout says
/// where the document number, the name and (on Dutch documents) the BSN are. Formats TD1 (3 × 30,
/// identity cards and residence permits), TD2 (2 × 36) and TD3 (2 × 44, passports); the visa
/// formats MRV-A and MRV-B are not read.
///
/// ``find(in:)`` reads zones from a whole page of OCR text; every range points into the scalars it
/// was given, even where a space was dropped or a `«` read as two fillers, so the detector can
/// mark the values as findings. How OCR errors are tolerated is in `MachineReadableZone+Reading.swift`.
struct MachineReadableZone: Sendable, Equatable {
    /// The ICAO sizes, named as Doc 9303 names them.
    enum Format: String, Sendable, CaseIterable {
        /// Three lines of 30: identity cards and residence permits (Doc 9303 part 5).
        case td1
        /// Two lines of 36: older identity cards and travel documents (part 6).
        case td2
        /// Two lines of 44: passports (part 4).
        case td3

        var lineCount: Int { self == .td1 ? 3 : 2 }

        var lineLength: Int {
            switch self {
            case .td1: 30
            case .td2: 36
            case .td3: 44
            }
        }
    }

    /// Which check digits verified after correction. The zone is only reported when the document
    /// number's or the composite check verifies, or the number verifies in more than one reading
    /// (``documentNumberAlternatives``) in a zone whose dates verify.
    struct Checks: Sendable, Equatable {
        var documentNumber: Bool
        var birthDate: Bool
        var expiryDate: Bool
        /// TD3 only: the personal number field's own check digit (`true` for an unused field
        /// whose check digit is `<` or `0`); `nil` on TD1 and TD2, which have no such digit.
        var personalNumber: Bool?
        var composite: Bool
    }

    var format: Format
    /// `P`, `I`, `ID`, `IR`, `AR`, …: the two code characters with fillers removed.
    var documentCode: String
    /// Three-letter code with fillers removed: `NLD`, `UTO`, or `D` for Germany.
    var issuingState: String
    /// The full number, fillers removed, including the part a TD1 or TD2 carries in its optional
    /// data when the number is longer than nine characters.
    var documentNumber: String
    /// The readings of a document number that fails its check digit as read and verifies after
    /// more than one correction equally well (the check digit cannot tell `8` read as `B` in one
    /// place from `2` read as `Z` in another); ``documentNumber`` is then as read. Empty otherwise.
    var documentNumberAlternatives: [String]
    var nationality: String
    /// YYMMDD as printed (`<` where a part of the date is unknown).
    var birthDate: String
    /// YYMMDD as printed.
    var expiryDate: String
    /// `M`, `F` or `X` (a `<`, unspecified, reads as `X`).
    var sex: String
    /// The primary identifier, `<` read as a space (`DE<BRUIJN` → `DE BRUIJN`).
    var surname: String
    /// The secondary identifier's components separated by spaces; empty when there is none.
    var givenNames: String
    /// The optional-data fields in zone order, trailing fillers removed: TD1 line 1 columns 16–30
    /// (after a long document number's remainder) and line 2 columns 19–29; TD2 line 2 columns
    /// 29–35; TD3 line 2 columns 29–42 (the personal number field).
    var optionalData: [String]
    /// The BSN when the issuing state is `NLD` and an optional-data field holds nine digits that
    /// pass the 11-proof: line 1's optional data on a Dutch identity card, the personal number
    /// field of a Dutch passport.
    var personalNumber: String?
    var checks: Checks
    /// The zone's lines as finally read: fillers, length and confusions corrected.
    var lines: [String]
    /// How many characters were read differently from the OCR text (look-alike fillers, lost or
    /// doubled trailing fillers, confusions such as `O` for `0`); spaces dropped are not counted.
    var corrections: Int
    /// The whole zone in the scalars given, from its first character to its last.
    var range: Range<Int>
    var documentNumberRange: Range<Int>
    var birthDateRange: Range<Int>
    var personalNumberRange: Range<Int>?
    /// From the name's first letter to its last, trailing fillers excluded.
    var nameRange: Range<Int>
}

// MARK: - Check digits

extension MachineReadableZone {
    /// The value Doc 9303 part 3 gives a character in a check-digit sum: digits their value,
    /// `A` = 10 … `Z` = 35, the filler `<` = 0; `nil` for anything else.
    static func characterValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value) - 0x30
        case 0x41...0x5A: Int(scalar.value) - 0x41 + 10
        case 0x3C: 0
        default: nil
        }
    }

    /// The check digit of `characters`: the values weighted 7, 3, 1, 7, 3, 1, … summed modulo 10.
    static func checkDigit(of characters: some Sequence<Unicode.Scalar>) -> Int? {
        let weights = [7, 3, 1]
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = characterValue(character) else { return nil }
            sum += value * weights[index % 3]
        }
        return sum % 10
    }
}

// MARK: - Layout

extension MachineReadableZone {
    /// A character of a zone: line and column, both from 0 (Doc 9303 counts from 1).
    struct Position: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    /// Where each field of a format stands (Doc 9303 part 4 for TD3, part 5 for TD1, part 6 for
    /// TD2), in 0-based columns.
    struct Layout {
        var documentCode: [Position]
        var issuingState: [Position]
        var documentNumber: [Position]
        var documentNumberCheck: Position
        var birthDate: [Position]
        var birthDateCheck: Position
        var sex: Position
        var expiryDate: [Position]
        var expiryDateCheck: Position
        var nationality: [Position]
        var optionalData: [[Position]]
        var personalNumberCheck: Position?
        var composite: Position
        /// The characters the composite check digit covers, in the order they are summed.
        var compositeCoverage: [Position]
        var name: [Position]

        init(_ format: Format) {
            func field(_ line: Int, _ columns: Range<Int>) -> [Position] {
                columns.map { Position(line: line, column: $0) }
            }
            func at(_ line: Int, _ column: Int) -> Position { Position(line: line, column: column) }
            documentCode = field(0, 0..<2)
            issuingState = field(0, 2..<5)
            switch format {
            case .td1:
                documentNumber = field(0, 5..<14)
                documentNumberCheck = at(0, 14)
                birthDate = field(1, 0..<6)
                birthDateCheck = at(1, 6)
                sex = at(1, 7)
                expiryDate = field(1, 8..<14)
                expiryDateCheck = at(1, 14)
                nationality = field(1, 15..<18)
                optionalData = [field(0, 15..<30), field(1, 18..<29)]
                personalNumberCheck = nil
                composite = at(1, 29)
                // Part 5: upper line 6–30, middle line 1–7, 9–15 and 19–29.
                compositeCoverage = field(0, 5..<30) + field(1, 0..<7) + field(1, 8..<15) + field(1, 18..<29)
                name = field(2, 0..<30)
            case .td2, .td3:
                let length = format.lineLength
                name = field(0, 5..<length)
                documentNumber = field(1, 0..<9)
                documentNumberCheck = at(1, 9)
                nationality = field(1, 10..<13)
                birthDate = field(1, 13..<19)
                birthDateCheck = at(1, 19)
                sex = at(1, 20)
                expiryDate = field(1, 21..<27)
                expiryDateCheck = at(1, 27)
                // TD3: personal number 29–42 with its check digit at 43; TD2: optional data 29–35.
                let optionalEnd = format == .td3 ? 42 : 35
                optionalData = [field(1, 28..<optionalEnd)]
                personalNumberCheck = format == .td3 ? at(1, 42) : nil
                composite = at(1, length - 1)
                // Part 4: lower line 1–10, 14–20 and 22–43 (part 6: 22–35).
                compositeCoverage = field(1, 0..<10) + field(1, 13..<20) + field(1, 21..<(length - 1))
            }
        }

        /// The number of characters at the end of each line that follow its last filler run: the
        /// check digits after the optional data. A lost or doubled filler is put right in front of
        /// them, never elsewhere (see `ReadLine.fitLength`).
        static func tails(_ format: Format) -> [Int] {
            switch format {
            case .td1: [0, 1, 0]
            case .td2: [0, 1]
            case .td3: [0, 2]
            }
        }

        /// The line and first column of the name field.
        static func nameStart(_ format: Format) -> Position {
            format == .td1 ? Position(line: 2, column: 0) : Position(line: 0, column: 5)
        }

        /// A TD1 or TD2 document number longer than nine characters (parts 5 and 6): the
        /// check-digit column holds `<`, the number goes on at the start of the optional data, and
        /// its check digit follows its last character, then a filler. Moves the fields there when
        /// the optional data starts with such a remainder; the `<` column is in no check sum but
        /// the composite.
        mutating func takeLongDocumentNumber(from characters: (Position) -> Unicode.Scalar) {
            guard let optional = optionalData.first, characters(documentNumberCheck) == "<",
                let fillerIndex = optional.firstIndex(where: { characters($0) == "<" }), fillerIndex >= 2
            else { return }
            let remainder = optional[..<fillerIndex]
            guard let check = remainder.last else { return }
            documentNumber += remainder.dropLast()
            documentNumberCheck = check
            optionalData[0] = Array(optional[(fillerIndex + 1)...])
        }
    }

    /// The Dutch passport and identity-card number form (RvIG, since 2014): two letters, six
    /// letters or digits, one digit, never the letter O. `characters` must be nine scalars.
    static func isDutchDocumentNumber(_ characters: some Collection<Unicode.Scalar>) -> Bool {
        guard characters.count == 9 else { return false }
        let isLetter = { (scalar: Unicode.Scalar) in scalar.value >= 0x41 && scalar.value <= 0x5A && scalar != "O" }
        let isDigit = { (scalar: Unicode.Scalar) in scalar.value >= 0x30 && scalar.value <= 0x39 }
        for (index, scalar) in characters.enumerated() {
            switch index {
            case 0, 1: guard isLetter(scalar) else { return false }
            case 8: guard isDigit(scalar) else { return false }
            default: guard isLetter(scalar) || isDigit(scalar) else { return false }
            }
        }
        return true
    }
}
