import CVModel
import Detection

/// Detection over text made up in the test: fictional values only.
func detect(_ text: String, source: TextSource = .body, more blocks: [TextBlock] = []) -> DetectionResult {
    let document = Document(
        fileName: "test.docx", format: .docx, sha256: String(repeating: "0", count: 64), byteCount: text.utf8.count,
        pageCount: nil, blocks: [TextBlock(text: text, source: source)] + blocks)
    return Detector().detect(document)
}

extension DetectionResult {
    /// The texts found for one category, in document order.
    func texts(_ category: Category) -> [String] { findings.filter { $0.category == category }.map(\.text) }
}
