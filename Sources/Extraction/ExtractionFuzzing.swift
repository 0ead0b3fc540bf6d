public import CVModel

/// Entry points for the fuzz targets in `Fuzz/` (a separate package, built with
/// `-sanitize=fuzzer,address`), which cannot see internal types and do not use `@testable import`:
/// fuzz builds are release builds. Nothing in cvsieve itself calls these.
public enum ExtractionFuzzing {
    /// Which SAX handler of a DOCX part the XML goes to.
    public enum PartHandler: CaseIterable, Sendable {
        /// ``WordprocessingHandler``: a document, header, footer, footnotes or comments part.
        case wordprocessing
        /// ``RelationshipsHandler``: a `.rels` part.
        case relationships
        /// ``PropertiesHandler``: `docProps/core.xml`, `app.xml` or `custom.xml`.
        case properties
    }

    /// What one parse gave: the outcome's name, and how many blocks or relationships the handler kept.
    public struct XMLResult: Sendable, Equatable {
        /// `ok`, `doctype` or `malformed`.
        public var outcome: String
        public var items: Int
    }

    /// Parses `bytes` with ``XMLStreamParser`` and the handler a DOCX part of that kind gets, fed
    /// in chunks of `chunkSize` bytes (push parsing, as ``DOCXExtractor`` does with inflated zip
    /// data) or in one go when `chunkSize` is 0 or negative. Stops feeding once the parser has
    /// stopped or the text budget is spent, as the part reader does.
    public static func parseXML(
        _ bytes: UnsafeRawBufferPointer, handler kind: PartHandler, chunkSize: Int,
        limits: ExtractionLimits = .default
    ) -> XMLResult {
        let budget = TextBudget(limits: limits)
        let handler: any XMLEventHandler
        let items: () -> Int
        switch kind {
        case .wordprocessing:
            let wordprocessing = WordprocessingHandler(source: .body, hyperlinkTargets: ["rId1": "x"], budget: budget)
            handler = wordprocessing
            items = { wordprocessing.blocks.count }
        case .relationships:
            let relationships = RelationshipsHandler()
            handler = relationships
            items = { relationships.relationships.count }
        case .properties:
            let properties = PropertiesHandler(wanted: nil, budget: budget)
            handler = properties
            items = { properties.blocks.count }
        }
        let parser = XMLStreamParser(handler: handler)
        let step = chunkSize > 0 ? chunkSize : max(bytes.count, 1)
        var offset = 0
        repeat {
            let end = min(offset + step, bytes.count)
            guard parser.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])), budget.overrun == nil else {
                break
            }
            offset = end
        } while offset < bytes.count
        let outcome: String =
            switch parser.finish() {
            case .ok: "ok"
            case .doctype: "doctype"
            case .malformed: "malformed"
            }
        return XMLResult(outcome: outcome, items: items())
    }
}
