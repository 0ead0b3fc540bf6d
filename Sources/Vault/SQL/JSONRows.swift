import Foundation

/// Rows PostgreSQL sent as JSON (`json_agg` of a subquery): how several reads come back in one
/// statement (``PostgresSession/fetchAll(_:)``). postgres-nio runs one statement per round trip
/// on a connection, whatever is sent ahead, so a subject access's eight reads cost eight round
/// trips as separate statements and one as subqueries of a single statement.
///
/// The JSON is PostgreSQL's own output for rows of the vault's column types (text, bigint,
/// integer, boolean, bytea in hex, timestamptz in ISO 8601): an array of flat objects whose
/// keys are the columns in order. Cells are read in the vault's Swift types by ``SQLColumn``.
struct JSONRow {
    var names: [String]
    var cells: [JSONCell]

    func cell(_ index: SQLRow.Index) -> (cell: JSONCell, column: String) {
        switch index {
        case .name(let name):
            // The last of equal names, as postgres-nio's rows answer.
            guard let position = names.lastIndex(of: name) else {
                preconditionFailure("vault: no column \(name) in the row")
            }
            return (cells[position], name)
        case .position(let position):
            guard cells.indices.contains(position) else { preconditionFailure("vault: no column \(position)") }
            return (cells[position], names[position])
        }
    }
}

/// One JSON value as PostgreSQL wrote it: numbers keep their text (a bigint is exact).
enum JSONCell: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    /// An array or object (no vault column is one): reading it as a scalar is a programming error.
    case nested
}

struct MalformedJSON: Error {
    var offset: Int
}

enum JSONRows {
    /// The rows of `text`, a JSON array of objects (`[]` or `null` for none).
    static func parse(_ text: String) throws(MalformedJSON) -> [JSONRow] {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        if parser.consume("null") { return [] }
        var rows: [JSONRow] = []
        try parser.expect(UInt8(ascii: "["))
        parser.skipSpace()
        if parser.take(UInt8(ascii: "]")) { return rows }
        repeat {
            parser.skipSpace()
            rows.append(try parser.object())
            parser.skipSpace()
        } while parser.take(UInt8(ascii: ","))
        try parser.expect(UInt8(ascii: "]"))
        return rows
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        mutating func expect(_ byte: UInt8) throws(MalformedJSON) {
            guard take(byte) else { throw MalformedJSON(offset: offset) }
        }

        mutating func consume(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard offset + length <= bytes.count else { return false }
            for index in 0..<length where bytes[offset + index] != word.utf8Start[index] { return false }
            offset += length
            return true
        }

        mutating func object() throws(MalformedJSON) -> JSONRow {
            var row = JSONRow(names: [], cells: [])
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if take(UInt8(ascii: "}")) { return row }
            repeat {
                skipSpace()
                row.names.append(try string())
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                row.cells.append(try value())
                skipSpace()
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return row
        }

        mutating func value() throws(MalformedJSON) -> JSONCell {
            guard offset < bytes.count else { throw MalformedJSON(offset: offset) }
            switch bytes[offset] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipNested()
                return .nested
            default:
                if consume("null") { return .null }
                if consume("true") { return .bool(true) }
                if consume("false") { return .bool(false) }
                let start = offset
                while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
                guard offset > start else { throw MalformedJSON(offset: offset) }
                return .number(String(decoding: bytes[start..<offset], as: UTF8.self))
            }
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E")
        }

        /// An array or object, skipped whole (strings inside may hold brackets).
        mutating func skipNested() throws(MalformedJSON) {
            var depth = 0
            repeat {
                guard offset < bytes.count else { throw MalformedJSON(offset: offset) }
                switch bytes[offset] {
                case UInt8(ascii: "\""):
                    _ = try string()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                offset += 1
            } while depth > 0
        }

        mutating func string() throws(MalformedJSON) -> String {
            try expect(UInt8(ascii: "\""))
            let start = offset
            // The common case: no escapes, the bytes are the string.
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") {
                offset += 1
            }
            guard offset < bytes.count else { throw MalformedJSON(offset: offset) }
            if bytes[offset] == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: bytes[start..<offset - 1], as: UTF8.self)
            }
            var result = Array(bytes[start..<offset])
            while true {
                guard offset < bytes.count else { throw MalformedJSON(offset: offset) }
                let byte = bytes[offset]
                offset += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: result, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else {
                    result.append(byte)
                    continue
                }
                guard offset < bytes.count else { throw MalformedJSON(offset: offset) }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escape)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), consume("\\u") {
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw MalformedJSON(offset: offset) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw MalformedJSON(offset: offset) }
                    result.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw MalformedJSON(offset: offset)
                }
            }
        }

        mutating func hex4() throws(MalformedJSON) -> UInt32 {
            guard offset + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
            else { throw MalformedJSON(offset: offset) }
            offset += 4
            return value
        }
    }

    /// A `bytea` in PostgreSQL's hex output (`\x0a1b…`), the form the vault's connections ask for.
    static func bytes(_ text: String) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: (utf8.count - 2) / 2)
        for index in bytes.indices {
            guard let high = nibble(utf8[2 + 2 * index]), let low = nibble(utf8[3 + 2 * index]) else { return nil }
            bytes[index] = high << 4 | low
        }
        return Data(bytes)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A `timestamptz` as PostgreSQL writes it in JSON (`2026-12-02T00:31:46.744123+01:00`),
    /// as the same `Date` its binary form decodes to: whole microseconds since 2000-01-01 UTC,
    /// converted the way postgres-nio converts them.
    static func date(_ text: String) -> Date? {
        // PostgreSQL's infinities, as its binary form's extreme microsecond counts.
        if text == "infinity" { return Date(timeInterval: Double(Int64.max) / 1_000_000, since: postgresEpoch) }
        if text == "-infinity" { return Date(timeInterval: Double(Int64.min) / 1_000_000, since: postgresEpoch) }
        var utf8 = Array(text.utf8)
        // Years before 1 AD end in " BC" (1 BC is year 0).
        let isBC = utf8.count > 3 && utf8.suffix(3) == Array(" BC".utf8)
        if isBC { utf8.removeLast(3) }
        var offset = 0
        func digits(_ count: Int) -> Int64? {
            guard offset + count <= utf8.count else { return nil }
            var value: Int64 = 0
            for byte in utf8[offset..<offset + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            offset += count
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard offset < utf8.count, utf8[offset] == byte else { return false }
            offset += 1
            return true
        }
        // Four digits, more after year 9999.
        var yearDigits = 0
        while offset + yearDigits < utf8.count, utf8[offset + yearDigits] != UInt8(ascii: "-") { yearDigits += 1 }
        guard (4...9).contains(yearDigits), let written = digits(yearDigits), take(UInt8(ascii: "-")),
            let month = digits(2), take(UInt8(ascii: "-")),
            let day = digits(2), take(UInt8(ascii: "T")), let hour = digits(2), take(UInt8(ascii: ":")),
            let minute = digits(2), take(UInt8(ascii: ":")), let second = digits(2)
        else { return nil }
        var micro: Int64 = 0
        if take(UInt8(ascii: ".")) {
            var places = 0
            while offset < utf8.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[offset]) {
                guard places < 6 else { return nil }
                micro = micro * 10 + Int64(utf8[offset] - UInt8(ascii: "0"))
                places += 1
                offset += 1
            }
            for _ in places..<6 { micro *= 10 }
        }
        var zone: Int64 = 0
        if take(UInt8(ascii: "Z")) {
            zone = 0
        } else {
            let sign: Int64
            if take(UInt8(ascii: "+")) {
                sign = 1
            } else if take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let zoneHours = digits(2) else { return nil }
            var zoneSeconds = zoneHours * 3600
            if take(UInt8(ascii: ":")) {
                guard let zoneMinutes = digits(2) else { return nil }
                zoneSeconds += zoneMinutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let extra = digits(2) else { return nil }
                    zoneSeconds += extra
                }
            }
            zone = sign * zoneSeconds
        }
        guard offset == utf8.count, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let year = isBC ? 1 - written : written
        let days = daysFromCivil(year: year, month: month, day: day) - 10_957  // 2000-01-01
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - zone
        let microseconds = seconds * 1_000_000 + micro
        return Date(timeInterval: Double(microseconds) / 1_000_000, since: postgresEpoch)
    }

    private static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
