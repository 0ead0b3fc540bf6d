import Foundation

/// The one way cvsieve compares text that people write in many forms: detection matching names,
/// the leak gate matching stored values in rendered profiles, and the tests that look for values.
///
/// Folding decomposes compatibility forms (NFKD: ligatures, fullwidth letters, superscripts),
/// strips combining marks (`Çelik` → `celik`), maps the Turkish dotted capital `İ` and dotless
/// `ı` to `i` on both sides (`ÇELİK` lower-cases to `çeli̇k` otherwise, with a stray dot), lower-
/// cases, and turns every run of whitespace into one space.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(text) }
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in stripMarks(text).lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else {
                scalars.append(scalar)
                lastWasSpace = false
            }
        }
        if scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// ``fold(_:)`` for ASCII text, which has nothing to decompose and no marks: lower-cased,
    /// whitespace runs as one space, trimmed. The same result, without Unicode tables.
    static func foldASCII(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for byte in text.utf8 {
            // ASCII whitespace as `Unicode.Scalar.Properties.isWhitespace` has it: TAB to CR, space.
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
            } else {
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
                lastWasSpace = false
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compatibility-decomposed, combining marks removed, Turkish i's plain; case kept.
    public static func stripMarks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar.value {
            case 0x0130: scalars.append("I")
            case 0x0131: scalars.append("i")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
