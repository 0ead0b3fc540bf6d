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
