import CVModel
import Detection

/// The detector the tests share. It reads the word lists beside the test runner; a missing list
/// stops the run here with the error's text (`LexiconTests` checks the lists are found).
let detector: Detector = {
    do {
        return try Detector()
    } catch {
        fatalError("\(error)")
    }
}()

/// Detection over text made up in the test: fictional values only.
func detect(_ text: String, source: TextSource = .body, more blocks: [TextBlock] = []) -> DetectionResult {
    let document = Document(
        fileName: "test.docx", format: .docx, sha256: String(repeating: "0", count: 64), byteCount: text.utf8.count,
        pageCount: nil, blocks: [TextBlock(text: text, source: source)] + blocks)
    return detector.detect(document)
}

extension DetectionResult {
    /// The texts found for one category, in document order.
    func texts(_ category: Category) -> [String] { findings.filter { $0.category == category }.map(\.text) }
}
