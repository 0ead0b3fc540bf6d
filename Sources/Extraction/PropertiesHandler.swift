import CVModel

/// Collects the leaf text of a document-properties part (`docProps/core.xml`, `app.xml`,
/// `custom.xml`) as (label, text) pairs. The creator and last editor are usually names.
final class PropertiesHandler: XMLEventHandler {
    /// Local names worth reading; `nil` reads every leaf (custom properties, attachment XML).
    private let wanted: Set<String>?
    /// Counts each field as a metadata block; once spent, further fields are dropped.
    private let budget: TextBudget?
    private(set) var fields: [(label: String, text: String)] = []
    private var current: [UInt8] = []
    private var propertyName: String?

    init(wanted: Set<String>?, budget: TextBudget? = nil) {
        self.wanted = wanted
        self.budget = budget
    }

    /// The fields as metadata blocks, labelled with their property names.
    var blocks: [TextBlock] { fields.map { TextBlock(text: $0.text, source: .metadata, label: $0.label) } }

    func startElement(_ localName: String, namespace: XMLNamespace, attributes: XMLAttributes) {
        if localName == "property", let name = attributes.value("name") { propertyName = name }
        current.removeAll(keepingCapacity: true)
    }

    func endElement(_ localName: String, namespace: XMLNamespace) {
        defer {
            current.removeAll(keepingCapacity: true)
            if localName == "property" { propertyName = nil }
        }
        guard wanted == nil || wanted?.contains(localName) == true else { return }
        let text = String(decoding: current, as: UTF8.self).trimmingCharacters()
        guard !text.isEmpty else { return }
        let label = propertyName ?? localName
        if let budget, !budget.admit(TextBlock(text: text, source: .metadata, label: label)) { return }
        fields.append((label, text))
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) { current.append(contentsOf: bytes) }
}

extension String {
    /// Whitespace trimmed at both ends, without Foundation.
    func trimmingCharacters() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
