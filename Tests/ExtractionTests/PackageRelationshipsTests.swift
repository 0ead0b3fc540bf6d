import Testing

@testable import Extraction

/// A relationship's kind is the type's last segment, lower-cased, without dashes: read byte by
/// byte for the ASCII types every producer writes, and the same as the Unicode way for any other.
@Suite struct PackageRelationshipsTests {
    /// What the kind always was: the last non-empty segment through Unicode's lower-casing.
    static func unicodeKind(_ type: String) -> String {
        (type.split(separator: "/").last.map(String.init) ?? type).lowercased().filter { $0 != "-" }
    }

    @Test("transitional and Strict types, case, dashes, trailing slashes and non-ASCII give the kind they always gave")
    func kinds() {
        let types = [
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "HTTP://EXAMPLE/HEADER", "styles", "a/b/", "///", "", "/", "x/Hyperlin\u{212A}", "x/Ünïcode-Type",
        ]
        for type in types { #expect(RelationshipsHandler.kind(ofType: type) == Self.unicodeKind(type)) }
        #expect(RelationshipsHandler.kind(ofType: types[1]) == "extendedproperties")
        #expect(RelationshipsHandler.kind(ofType: types[2]) == "extendedproperties")
        #expect(RelationshipsHandler.kind(ofType: "x/Hyperlin\u{212A}") == "hyperlink")
    }
}
