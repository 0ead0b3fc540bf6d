public import CVModel

/// Decides a file's format from its first bytes, never from its extension: a PDF named `.docx`
/// is read as PDF, and a `.docx` that is not a zip is refused before any parser sees it.
public enum FormatSniffer {
    /// What the bytes look like: a supported format, or which unsupported one.
    public enum Verdict: Equatable, Sendable {
        case supported(DocumentFormat)
        case unsupported(ExtractionError.UnsupportedFormat)
    }

    /// Classifies `bytes`. For zips this looks at the member names in the central directory
    /// without inflating anything (`isWordPackage`), since ODT, XLSX and EPUB are zips too.
    public static func sniff(_ bytes: UnsafeRawBufferPointer, isWordPackage: (UnsafeRawBufferPointer) -> Bool)
        -> Verdict
    {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .supported(.pdf) }
        // A PDF may have up to 1 KiB of junk before its header (ISO 32000-1, 7.5.2 note; readers accept it).
        if let headerOffset = firstIndex(of: Array("%PDF-".utf8), in: bytes, within: 1024), headerOffset > 0 {
            return .supported(.pdf)
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if isWordPackage(bytes) { return .supported(.docx) }
            if containsASCII("application/vnd.oasis.opendocument", in: bytes, within: 256) {
                return .unsupported(.openDocument)
            }
            return .unsupported(.otherZip)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .unsupported(.oleDocument)
        }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return .unsupported(.rtf) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) || bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return .unsupported(.image)
        }
        return .unsupported(.unknown)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, within limit: Int) -> Int? {
        let end = min(bytes.count, limit + needle.count)
        guard end >= needle.count else { return nil }
        for start in 0...(end - needle.count) where bytes[start] == needle[0] {
            if (0..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return start }
        }
        return nil
    }

    private static func containsASCII(_ text: String, in bytes: UnsafeRawBufferPointer, within limit: Int) -> Bool {
        firstIndex(of: Array(text.utf8), in: bytes, within: limit) != nil
    }
}
