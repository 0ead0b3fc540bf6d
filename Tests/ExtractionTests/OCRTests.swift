import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// Scanned CVs: the image-only variants in `Samples/scanned/` (the text-layer samples drawn at 300
/// and 200 dpi by `Tools/samplegen/scanned.py`) read with the real Tesseract, in this process and
/// in a real sandboxed worker.
@Suite(.serialized) struct OCRTests {
    static func scanned(_ name: String, dpi: Int = 300) -> String {
        TestSupport.samplesFolder.appendingPathComponent("scanned/\(dpi)dpi/\(name).pdf").path
    }

    static func original(_ name: String) -> String {
        TestSupport.samplesFolder.appendingPathComponent("\(name).pdf").path
    }

    /// Letters and digits only, lower-cased: OCR may read a space or a hyphen differently.
    static func folded(_ text: String) -> String { String(text.lowercased().filter { $0.isLetter || $0.isNumber }) }

    @Test("an image-only PDF is read by OCR: one ocr block with its confidence, holding the sample's values")
    func imageOnlyIsRead() throws {
        let name = "nl-single-column"
        let original = try Extractor(limits: TestSupport.unhurried).extract(path: Self.original(name))
        #expect(original.blocks.contains { $0.source == .body })
        #expect(original.blocks(from: .ocr).isEmpty)
        let document = try Extractor(limits: TestSupport.unhurried).extract(path: Self.scanned(name))
        let ocr = document.blocks(from: .ocr)
        #expect(ocr.count == 1)
        #expect(document.blocks(from: .body).isEmpty)
        let block = try #require(ocr.first)
        #expect(block.page == 1)
        let confidence = try #require(block.confidence)
        #expect(confidence >= 80 && confidence <= 100)
        #expect(!block.isLowConfidence)
        #expect(block.layout?.count == block.text.split(separator: "\n", omittingEmptySubsequences: false).count)
        let text = Self.folded(block.text)
        let truth = try TestSupport.truth(for: "\(name).pdf")
        let found = truth.personal.filter { text.contains(Self.folded($0.text)) }
        #expect(found.count == truth.personal.count, "missed: \(truth.personal.count - found.count) value(s)")
    }

    @Test("a scanner's stamp in the text layer over a full-page image: the stamp kept as body, the page read by OCR")
    func stampedScan() throws {
        let path = TestSupport.samplesFolder.appendingPathComponent("scanned/stamped/nl-single-column.pdf").path
        let document = try Extractor(limits: TestSupport.unhurried).extract(path: path)
        #expect(document.blocks(from: .body).map(\.text) == ["Scanned with ScanApp"])
        let ocr = try #require(document.blocks(from: .ocr).first)
        let text = Self.folded(ocr.text)
        let truth = try TestSupport.truth(for: "nl-single-column.pdf")
        #expect(truth.personal.allSatisfy { text.contains(Self.folded($0.text)) })
    }

    @Test("the confidence floor flags a page, and extract --json shows source, confidence and the flag")
    func lowConfidenceFlag() throws {
        let limits = ExtractionLimits(timeoutSeconds: 900, ocrPageTimeoutSeconds: 600, ocrMinConfidence: 100)
        let document = try Extractor(limits: limits).extract(path: Self.scanned("nl-single-column", dpi: 200))
        let block = try #require(document.blocks(from: .ocr).first)
        #expect(block.isLowConfidence)
        let json = try JSONEncoder().encode(block)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["source"] as? String == "ocr")
        #expect(object["low_confidence"] as? Bool == true)
        #expect((object["confidence"] as? Double) == block.confidence)
        let decoded = try JSONDecoder().decode(TextBlock.self, from: json)
        #expect(decoded == block)
    }

    @Test("a two-column scan is read column by column: each column's lines in order, the columns not interleaved")
    func twoColumns() throws {
        let name = "nl-two-column-sidebar"
        let original = try Extractor(limits: TestSupport.unhurried).extract(path: Self.original(name))
        let native = Self.folded(original.plainText)
        let scanned = Self.folded(
            try Extractor(limits: TestSupport.unhurried).extract(path: Self.scanned(name)).plainText)
        // Every line of the original long enough to be unique, as a folded anchor, with the
        // column it starts in (the sidebar is the page's left third).
        var lines: [(text: String, isSidebar: Bool)] = []
        for block in original.blocks(from: .body) {
            let texts = block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (text, layout) in zip(texts, block.layout ?? []) {
                let folded = Self.folded(text)
                if folded.count >= 12 { lines.append((folded, (layout.x ?? 0) < 595.0 / 3)) }
            }
        }
        let anchors = lines.filter {
            Self.occurrences(of: $0.text, in: native) == 1 && Self.occurrences(of: $0.text, in: scanned) == 1
        }
        #expect(anchors.count >= lines.count * 3 / 4, "\(anchors.count) of \(lines.count) lines read alike")
        let sidebar: [String.Index] = anchors.filter { $0.isSidebar }.compactMap {
            scanned.range(of: $0.text)?.lowerBound
        }
        let main: [String.Index] = anchors.filter { !$0.isSidebar }.compactMap {
            scanned.range(of: $0.text)?.lowerBound
        }
        #expect(sidebar.count >= 4 && main.count >= 4)
        #expect(sidebar == sidebar.sorted(), "the sidebar's lines come in their order")
        #expect(main == main.sorted(), "the main column's lines come in their order")
        if let firstSidebar = sidebar.min(), let lastSidebar = sidebar.max(), let firstMain = main.min(),
            let lastMain = main.max()
        {
            #expect(lastSidebar < firstMain || lastMain < firstSidebar, "one column is read whole before the other")
        }
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the same scan through a real sandboxed worker, twice on one worker")
    func worker() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let path = Self.scanned("nl-personalia-bsn-iban")
        let first = try worker.extract(path: path)
        let pid = worker.pid
        let second = try worker.extract(path: path)
        #expect(worker.pid == pid)
        #expect(first.blocks(from: .ocr).count == 1)
        #expect(first.blocks == second.blocks)
        #expect(first.blocks == (try Extractor(limits: TestSupport.unhurried).extract(path: path)).blocks)
        let sandbox = try #require(worker.sandbox)
        #expect(sandbox.hasNoNewPrivileges)
        #expect(sandbox.filter == .installed)
    }

    @Test("extraction.ocr_max_pixels: a page too large to draw is refused, naming the key")
    func pixelLimit() throws {
        let limits = ExtractionLimits(timeoutSeconds: 900, ocrMaxPixels: 1_000_000, ocrPageTimeoutSeconds: 600)
        let pixels = 2480 * 3508
        let expected = ExtractionError.ocrPageTooLarge(page: 1, pixels: pixels, limit: 1_000_000)
        #expect(throws: expected) { try Extractor(limits: limits).extract(path: Self.scanned("nl-single-column")) }
        #expect(expected.reason.contains("extraction.ocr_max_pixels"))
        #expect(expected.kind == "ocr_page_too_large")
        // The text-layer original is not drawn at all.
        #expect(try !Extractor(limits: limits).extract(path: Self.original("nl-single-column")).blocks.isEmpty)
    }

    @Test("extraction.ocr_max_pages: a scan with more pages than allowed is refused at the first page over")
    func pageLimit() throws {
        let limits = ExtractionLimits(timeoutSeconds: 900, ocrMaxPages: 2, ocrPageTimeoutSeconds: 600)
        let expected = ExtractionError.ocrTooManyPages(pages: 3, limit: 2)
        #expect(throws: expected) { try Extractor(limits: limits).extract(path: Self.scanned("en-long-four-pages")) }
        #expect(expected.reason.contains("extraction.ocr_max_pages"))
        #expect(
            try Extractor(limits: ExtractionLimits(timeoutSeconds: 900, ocrMaxPages: 4, ocrPageTimeoutSeconds: 600))
                .extract(
                    path: Self.scanned("en-long-four-pages", dpi: 200)
                ).blocks(from: .ocr).count == 4)
    }

    @Test("extraction.ocr_page_timeout: a page that takes longer is stopped, in process and in a worker")
    func timeLimit() throws {
        let limits = ExtractionLimits(ocrPageTimeoutSeconds: 0.05)
        let expected = ExtractionError.ocrTimeLimit(page: 1, seconds: 0.05)
        #expect(throws: expected) { try Extractor(limits: limits).extract(path: Self.scanned("en-pdf-references")) }
        #expect(expected.reason.contains("extraction.ocr_page_timeout"))
        let worker = WorkerProcess(command: TestSupport.workerCommand, limits: limits)
        defer { worker.stop() }
        #expect(throws: expected) { try worker.extract(path: Self.scanned("en-pdf-references")) }
    }

    @Test("a damaged image-only PDF fails clearly: cut short, its pixels unreadable, or its image misdescribed")
    func corrupt() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.scanned("nl-single-column"))))
        func offset(of marker: String) throws -> Int {
            let needle = Array(marker.utf8)
            return try #require(bytes.indices.prefix(1000).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
        }
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        #expect(throws: ExtractionError.corruptPDF(.truncated)) {
            try worker.extract(bytes: Array(bytes.prefix(bytes.count / 2)), fileName: "")
        }
        // The compressed pixels' first bytes zeroed: nothing inflates, poppler draws a blank page,
        // and OCR finds nothing on it.
        var unreadable = bytes
        let stream = try offset(of: "stream\n") + 7
        unreadable.replaceSubrange(stream..<(stream + 64), with: [UInt8](repeating: 0, count: 64))
        #expect(throws: ExtractionError.noTextLayer(pages: 1)) { try worker.extract(bytes: unreadable, fileName: "") }
        // The image's dictionary claims another width: poppler draws the pixels sheared into noise,
        // which OCR reads as gibberish with a low confidence, so the page is flagged, not trusted.
        var misdescribed = bytes
        let width = try offset(of: "/Width 2481")
        misdescribed.replaceSubrange(width..<(width + 11), with: Array("/Width 2480".utf8))
        let document = try worker.extract(bytes: misdescribed, fileName: "")
        let block = try #require(document.blocks(from: .ocr).first)
        #expect(block.isLowConfidence)
        #expect((block.confidence ?? 100) < 40)
    }

    /// Seconds per scanned page, median of 5: in this process (first call apart: it starts
    /// Tesseract), on one reused worker, and on a new worker per file (process start and
    /// Tesseract's start every time). Prints figures; runs only with `CVSIEVE_OCR_TIMING=1`.
    @Test(
        "OCR seconds per page (prints figures)",
        .enabled(if: ProcessInfo.processInfo.environment["CVSIEVE_OCR_TIMING"] == "1"))
    func timing() throws {
        let path = Self.scanned("en-pdf-references")
        func seconds(_ body: () throws -> Document) rethrows -> Double {
            let start = Date()
            let document = try body()
            #expect(document.blocks(from: .ocr).count == 1)
            return Date().timeIntervalSince(start)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let first = try seconds { try Extractor().extract(path: path) }
        let inProcess = try (0..<5).map { _ in try seconds { try Extractor().extract(path: path) } }
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let workerFirst = try seconds { try worker.extract(path: path) }
        let reused = try (0..<5).map { _ in try seconds { try worker.extract(path: path) } }
        let fresh = try (0..<5).map { _ in
            try seconds {
                let once = WorkerProcess(command: TestSupport.workerCommand)
                defer { once.stop() }
                return try once.extract(path: path)
            }
        }
        let figures = [
            ("in-process first call", first), ("in-process", median(inProcess)),
            ("worker first file", workerFirst), ("worker reused", median(reused)),
            ("new worker per file", median(fresh)),
        ]
        for (label, value) in figures { print("ocr-timing \(label): \(String(format: "%.3f", value)) s/page") }
    }
}
