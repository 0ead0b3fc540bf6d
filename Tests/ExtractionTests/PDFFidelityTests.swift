import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// poppler-glib's page text against `pdftotext` (poppler-utils, the tool people compare with).
@Suite struct PDFFidelityTests {
    static let pdfSamples = TestSupport.sampleNames().filter { name in
        (try? TestSupport.truth(for: name).format) == .pdf
    }

    /// Single-column pages: the same words as `pdftotext` in the same order. `pdftotext` also
    /// prints the appearance of filled-in form fields, which cvsieve reports as `form` blocks, so
    /// those words are taken out of its output first. Two-column pages are re-read column by
    /// column, so there only the characters must be the same.
    @Test("page text has the words pdftotext has", arguments: pdfSamples)
    func sameWordsAsPdftotext(sample: String) throws {
        let path = TestSupport.samplesFolder.appendingPathComponent(sample).path
        let peer = try TestSupport.run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"])
        try #require(peer.status == 0)
        let document = try Extractor().extract(path: path)
        let ours = document.blocks(from: .body).map(\.text).joined(separator: "\n")
        let ourWords = ours.split(whereSeparator: \.isWhitespace).map(String.init)
        var peerWords = peer.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        for word in document.blocks(from: .form).flatMap({ $0.text.split(whereSeparator: \.isWhitespace) }) {
            if let index = peerWords.firstIndex(of: String(word)) { peerWords.remove(at: index) }
        }
        if sample.contains("two-column") || sample.contains("europass") {
            #expect(ourWords.joined().sorted() == peerWords.joined().sorted())
            return
        }
        #expect(ourWords.count == peerWords.count)
        let firstDifference = zip(ourWords, peerWords).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "\(sample): words differ from pdftotext at word \(firstDifference ?? -1)")
    }

    @Test("a two-column page is not interleaved line by line")
    func twoColumnsStayApart() throws {
        let sample = try #require(TestSupport.sampleNames().first { $0.contains("two-column") })
        let truth = try TestSupport.truth(for: sample)
        let document = try Extractor().extract(path: TestSupport.samplesFolder.appendingPathComponent(sample).path)
        let lines = document.blocks(from: .body).flatMap { $0.text.split(separator: "\n") }
        let sidebar = truth.personal.filter { $0.source == .body }.map(\.text)
        let main = truth.career.experience.map(\.title)
        // No line holds both a sidebar value and a main-column job title.
        for line in lines {
            let hasSidebar = sidebar.contains { line.contains($0) }
            let hasMain = main.contains { line.contains($0) }
            #expect(!(hasSidebar && hasMain), "\(sample): a line mixes the two columns")
        }
    }

    @Test("metadata, links, forms, annotations and attachments are read")
    func nonPageTextIsRead() throws {
        let documents = try TestSupport.sampleNames().filter { (try? TestSupport.truth(for: $0).format) == .pdf }
            .map { try Extractor().extract(path: TestSupport.samplesFolder.appendingPathComponent($0).path) }
        let sources = Set(documents.flatMap { $0.blocks.map(\.source) })
        #expect(sources.isSuperset(of: [.body, .metadata, .link, .form, .annotation, .attachment]))
        #expect(documents.contains { !$0.attachments.isEmpty && $0.attachments.allSatisfy(\.isRead) })
        #expect(documents.contains { $0.blocks.contains { $0.source == .metadata && $0.label == "author" } })
    }

    @Test("the page limit is enforced")
    func pageLimit() throws {
        let sample = try #require(
            TestSupport.sampleNames().first { name in
                let path = TestSupport.samplesFolder.appendingPathComponent(name).path
                return ((try? Extractor().extract(path: path))?.pageCount ?? 0) >= 4
            })
        let path = TestSupport.samplesFolder.appendingPathComponent(sample).path
        #expect(throws: ExtractionError.tooManyPages(pages: 4, limit: 2)) {
            try Extractor(limits: ExtractionLimits(maxPages: 2)).extract(path: path)
        }
    }
}
