/// One `Relationship` of an OPC package (`_rels/.rels`, `word/_rels/document.xml.rels`).
struct PackageRelationship: Equatable {
    var id: String
    /// The relationship type's last path segment, lower-cased without dashes (`officedocument`,
    /// `header`, `coreproperties`): transitional `extended-properties` and Strict
    /// `extendedProperties` both become `extendedproperties`.
    var kind: String
    var target: String
    var isExternal: Bool
}

/// Collects the `Relationship` elements of a `.rels` part.
final class RelationshipsHandler: XMLEventHandler {
    private(set) var relationships: [PackageRelationship] = []

    func startElement(_ localName: String, namespace: XMLNamespace, attributes: XMLAttributes) {
        guard localName == "Relationship", let id = attributes.value("Id"), let type = attributes.value("Type"),
            let target = attributes.value("Target")
        else { return }
        let kind = Self.kind(ofType: type)
        relationships.append(
            PackageRelationship(
                id: id, kind: kind, target: target, isExternal: attributes.value("TargetMode") == "External"))
    }

    func endElement(_ localName: String, namespace: XMLNamespace) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// A relationship type's last path segment, lower-cased, without dashes (``PackageRelationship/kind``).
    /// Types are ASCII URIs, read byte by byte; one with other characters goes the long way, through
    /// Unicode's lower-casing, so that it compares as it always did.
    static func kind(ofType type: String) -> String {
        // The last segment that is not empty (`a/b/` gives `b`); a type of slashes only is itself.
        let utf8 = type.utf8
        let segment: Substring.UTF8View
        if let last = utf8.lastIndex(where: { $0 != UInt8(ascii: "/") }) {
            let trimmed = utf8[...last]
            segment = trimmed.lastIndex(of: UInt8(ascii: "/")).map { trimmed[utf8.index(after: $0)...] } ?? trimmed
        } else {
            segment = utf8[...]
        }
        guard segment.allSatisfy({ $0 < 0x80 }) else {
            return String(Substring(segment)).lowercased().filter { $0 != "-" }
        }
        var kind: [UInt8] = []
        kind.reserveCapacity(segment.count)
        for byte in segment where byte != UInt8(ascii: "-") {
            kind.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        return String(decoding: kind, as: UTF8.self)
    }
}

/// Resolves OPC part names: targets are relative to the source part's folder, or absolute with `/`.
enum PartName {
    /// The `.rels` part that belongs to `part` (`word/document.xml` → `word/_rels/document.xml.rels`).
    static func relationships(of part: String) -> String {
        let (folder, name) = split(part)
        return folder.isEmpty ? "_rels/\(name).rels" : "\(folder)/_rels/\(name).rels"
    }

    /// `target` resolved against the folder of `source` (`""` for the package root).
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring]
        if target.hasPrefix("/") {
            components = []
        } else {
            let folder = split(source).folder
            components = folder.isEmpty ? [] : folder.split(separator: "/")
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    static func folder(of part: String) -> String { split(part).folder }

    private static func split(_ part: String) -> (folder: String, name: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}
