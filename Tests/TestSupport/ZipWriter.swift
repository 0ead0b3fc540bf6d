public import Foundation

/// Writes small zip archives with stored (uncompressed) entries, so a test can build the DOCX it
/// needs in a temp folder: odd part names, a part of a given size, a wrong checksum. Enough of
/// APPNOTE 6.3.x (local headers, central directory, end record) for libzip; no zip64.
public struct ZipWriter: Sendable {
    /// One member. `crcOverride` writes a wrong CRC-32 (libzip notices only at the end of the data).
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var crcOverride: UInt32?

        public init(name: String, bytes: [UInt8], crcOverride: UInt32? = nil) {
            self.name = name
            self.bytes = bytes
            self.crcOverride = crcOverride
        }

        public init(name: String, text: String) { self.init(name: name, bytes: Array(text.utf8)) }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The archive's bytes.
    public func archive() -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = entry.crcOverride ?? Self.crc32(entry.bytes)
            let offset = UInt32(output.count)
            // Local file header: signature, version 2.0, flags (bit 11: UTF-8 name), method 0 (stored),
            // time, date, CRC, sizes, name length, extra length.
            output += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0)
            output += Self.le16(0x21) + Self.le32(crc) + Self.le32(UInt32(entry.bytes.count))
            output += Self.le32(UInt32(entry.bytes.count)) + Self.le16(UInt16(name.count)) + Self.le16(0)
            output += name + entry.bytes
            central += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0)
            central += Self.le16(0) + Self.le16(0x21) + Self.le32(crc) + Self.le32(UInt32(entry.bytes.count))
            central += Self.le32(UInt32(entry.bytes.count)) + Self.le16(UInt16(name.count)) + Self.le16(0)
            central += Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le32(0) + Self.le32(offset) + name
        }
        let centralOffset = UInt32(output.count)
        output += central
        output += Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(entries.count))
        output += Self.le16(UInt16(entries.count)) + Self.le32(UInt32(central.count)) + Self.le32(centralOffset)
        output += Self.le16(0)
        return output
    }

    /// Writes the archive to `url`.
    public func write(to url: URL) throws {
        try Data(archive()).write(to: url)
    }

    /// A Word package: content types, package relationships pointing at `mainPart`, the main
    /// part holding `document` (with a wrong CRC-32 when `crcOverride` is set), and `extra` members.
    public static func wordPackage(
        mainPart: String = "word/document.xml", document: [UInt8], crcOverride: UInt32? = nil, extra: [Entry] = []
    ) -> ZipWriter {
        let contentTypes =
            #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/></Types>"#
        let relationships =
            #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#
            + #"Target="\#(mainPart)"/></Relationships>"#
        return ZipWriter(
            [
                Entry(name: "[Content_Types].xml", text: contentTypes), Entry(name: "_rels/.rels", text: relationships),
                Entry(name: mainPart, bytes: document, crcOverride: crcOverride),
            ] + extra)
    }

    /// A WordprocessingML main part with `body` inside `w:body`, after an optional `doctype`.
    public static func wordDocument(body: String, doctype: String = "") -> [UInt8] {
        Array(
            (#"<?xml version="1.0" encoding="UTF-8"?>"# + doctype
                + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
                + body + "</w:body></w:document>").utf8)
    }

    /// CRC-32 (ISO-HDLC, the zip one).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
