/// A JSON value that keeps object keys in the order the file writes them, as Python's `json.load`
/// does: score.py walks a label's `pii` object in that order, and its `leaks in:` line lists the
/// leaks of one file in it. `JSONSerialization` and `JSONDecoder` forget the order.
public indirect enum LabelJSON: Sendable {
    case object([(key: String, value: LabelJSON)])
    case array([LabelJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// `dict.get(key)`: the value of `key` in an object, `nil` for anything else.
    public subscript(key: String) -> LabelJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements of an array; empty for anything else.
    public var elements: [LabelJSON] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// A label file that is not JSON: which file, and at which byte (never the text around it).
    public struct SyntaxError: Error, CustomStringConvertible {
        public var offset: Int
        public var description: String { "not valid JSON at byte \(offset)" }
    }

    /// Parses a whole document (RFC 8259; nesting up to 64 levels). Duplicate keys keep the
    /// first key's place and the last value, as a Python `dict` built by `json.load` does.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> LabelJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.offset == bytes.count else { throw SyntaxError(offset: parser.offset) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        func failure() -> SyntaxError { SyntaxError(offset: offset) }

        mutating func expect(_ literal: String) throws(SyntaxError) {
            for byte in literal.utf8 {
                guard offset < bytes.count, bytes[offset] == byte else { throw failure() }
                offset += 1
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> LabelJSON {
            skipSpace()
            guard offset < bytes.count, depth < 64 else { throw failure() }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            default: return .number(try number())
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> LabelJSON {
            offset += 1
            var members: [(key: String, value: LabelJSON)] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure() }
                let key = try string()
                skipSpace()
                try expect(":")
                let value = try value(depth: depth + 1)
                if let index = members.firstIndex(where: { $0.key == key }) {
                    members[index].value = value
                } else {
                    members.append((key, value))
                }
                skipSpace()
                guard offset < bytes.count else { throw failure() }
                offset += 1
                switch bytes[offset - 1] {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "}"): return .object(members)
                default:
                    offset -= 1
                    throw failure()
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> LabelJSON {
            offset += 1
            var elements: [LabelJSON] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                elements.append(try value(depth: depth + 1))
                skipSpace()
                guard offset < bytes.count else { throw failure() }
                offset += 1
                switch bytes[offset - 1] {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return .array(elements)
                default:
                    offset -= 1
                    throw failure()
                }
            }
        }

        /// A string; a lone surrogate escape (which Python keeps) becomes U+FFFD.
        mutating func string() throws(SyntaxError) -> String {
            offset += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty {
                    scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                    run = []
                }
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard offset < bytes.count else { throw failure() }
                    let escape = bytes[offset]
                    offset += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                        scalars.append(Unicode.Scalar(escape))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
                    default: throw failure()
                    }
                case 0x00..<0x20: throw failure()
                default: run.append(byte)
                }
            }
            throw failure()
        }

        /// The four hex digits after `\u`, and a low surrogate's `\uXXXX` after a high one.
        mutating func unicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
            let first = try hex4()
            if (0xD800..<0xDC00).contains(first), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                bytes[offset + 1] == UInt8(ascii: "u")
            {
                let saved = offset
                offset += 2
                let second = try hex4()
                if (0xDC00..<0xE000).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
                }
                offset = saved
            }
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard offset + 4 <= bytes.count,
                bytes[offset..<(offset + 4)].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                let value = UInt32(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self), radix: 16)
            else { throw failure() }
            offset += 4
            return value
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = offset
            while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) { offset += 1 }
            guard offset > start, let value = Double(String(decoding: bytes[start..<offset], as: UTF8.self)) else {
                throw failure()
            }
            return value
        }
    }
}
