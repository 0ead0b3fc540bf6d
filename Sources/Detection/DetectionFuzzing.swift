public import CVModel

/// Entry points for the fuzz targets in `Fuzz/` (a separate package, built with
/// `-sanitize=fuzzer,address`), which cannot see internal types and do not use `@testable import`:
/// fuzz builds are release builds. Nothing in cvsieve itself calls these.
public enum DetectionFuzzing {
    /// Builds ``NormalizedText`` for `document` and checks the promises its users rely on,
    /// stopping the process (`precondition`) when one is broken, so that the fuzzer keeps the
    /// input: one lower-cased scalar and one origin per normalised scalar, origins that never go
    /// back and stay inside the original, and mappings back (offsets, block, text) that stay in
    /// bounds for every range. Returns the normalised length.
    @discardableResult
    public static func checkNormalization(_ document: Document) -> Int {
        let text = NormalizedText(document: document)
        precondition(text.origin.count == text.scalars.count, "one origin per normalised scalar")
        precondition(text.lowered.count == text.scalars.count, "one lower-cased scalar per normalised scalar")
        var previous = 0
        for origin in text.origin {
            precondition(origin >= previous && origin < text.original.count, "origins rise and stay in the original")
            previous = origin
        }
        let originalCount = text.original.count
        // A spread of short ranges and the whole text: the mappings back must stay in bounds.
        let stride = max(1, text.count / 64)
        var ranges = [0..<text.count]
        for start in Swift.stride(from: 0, through: text.count, by: stride) {
            ranges += [start..<start, start..<min(text.count, start + 1), start..<min(text.count, start + stride)]
            _ = text.source(at: start)
            if let index = text.normalizedIndex(ofOriginal: start) {
                precondition(index < text.count, "normalised index in bounds")
            }
        }
        for (number, range) in ranges.enumerated() {
            let original = text.originalRange(range)
            precondition(original.lowerBound >= 0 && original.upperBound <= originalCount, "original range in bounds")
            // Cutting text out allocates, which costs most under the sanitizer: every 16th range.
            if number % 16 == 0 {
                _ = text.originalText(range)
                _ = text.text(range)
            }
        }
        _ = TextLayout(text: text)
        return text.count
    }

    /// The document a fuzz input stands for: one block per line, each line's source picked from
    /// its length so that headers, links and metadata mix with the body.
    public static func document(text: String) -> Document {
        let sources = TextSource.allCases
        let blocks = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let length = line.utf8.count
            return TextBlock(text: String(line), source: sources[length % 7 == 0 ? length % sources.count : 0])
        }
        return Document(
            fileName: "fuzz.txt", format: .pdf, sha256: "", byteCount: text.utf8.count, pageCount: 1, blocks: blocks)
    }
}
