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
        if let image = image(bytes) { return image }
        return .unsupported(.unknown)
    }

    /// Image files by their signatures: JPEG (`FF D8 FF`), PNG, TIFF (`II*\0`, `MM\0*`), GIF,
    /// WebP (`RIFF` … `WEBP`), JPEG 2000 (its signature box, or a bare codestream), BMP; and the
    /// ISO base media files phones write (HEIC, HEIF, AVIF), which Leptonica cannot decode.
    private static func image(_ bytes: UnsafeRawBufferPointer) -> Verdict? {
        let signatures: [[UInt8]] = [
            [0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0x49, 0x49, 0x2A, 0x00],
            [0x4D, 0x4D, 0x00, 0x2A], Array("GIF87a".utf8), Array("GIF89a".utf8),
            [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20], [0xFF, 0x4F, 0xFF, 0x51],
        ]
        if signatures.contains(where: { bytes.starts(with: $0) }) { return .supported(.image) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)),
            Array(bytes[8..<12]) == Array("WEBP".utf8)
        {
            return .supported(.image)
        }
        // A BMP: `BM`, then the file size and a header of a known length at offset 14.
        if bytes.count >= 18, bytes.starts(with: Array("BM".utf8)), [12, 40, 56, 108, 124].contains(Int(bytes[14])) {
            return .supported(.image)
        }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis"].contains(brand) {
                return .unsupported(.heif)
            }
        }
        return nil
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
