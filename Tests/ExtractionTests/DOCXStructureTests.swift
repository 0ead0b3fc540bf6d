import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// What DOCX extraction must get right beyond "the text is there".
@Suite struct DOCXStructureTests {
    static let docxSamples = TestSupport.sampleNames().filter { name in
        (try? TestSupport.truth(for: name).format) == .docx
    }

    static func extract(_ name: String) throws -> Document {
        try Extractor().extract(path: TestSupport.samplesFolder.appendingPathComponent(name).path)
    }

    @Test("text-box contents are read once, not again from the VML fallback", arguments: docxSamples)
    func textBoxesOnce(sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        let document = try Self.extract(sample)
        for value in truth.personal where value.source == .textbox {
            let count = document.blocks.filter { $0.source == .textbox }.reduce(0) { count, block in
                count + block.text.components(separatedBy: value.text).count - 1
            }
            #expect(count == 1, "\(sample): a \(value.category) in a text box was read \(count) times")
        }
    }

    @Test("field instructions never appear as text", arguments: docxSamples)
    func noFieldInstructions(sample: String) throws {
        let document = try Self.extract(sample)
        for block in document.blocks where block.source != .link {
            #expect(!block.text.contains("HYPERLINK"))
            #expect(!block.text.contains("MERGEFORMAT"))
        }
    }

    @Test("every DOCX source kind is exercised by the samples")
    func sourcesCovered() throws {
        let documents = try Self.docxSamples.map(Self.extract)
        let sources = Set(documents.flatMap { $0.blocks.map(\.source) })
        #expect(
            sources.isSuperset(of: [.body, .table, .header, .footer, .textbox, .footnote, .comment, .metadata, .link]))
        #expect(documents.contains { $0.blocks.contains(where: \.isDeleted) })
        #expect(documents.contains { !$0.images.isEmpty })
    }

    @Test("a Strict Open XML document reads like a transitional one")
    func strictFlavour() throws {
        let sample = try #require(Self.docxSamples.first { $0.contains("strict") })
        let document = try Self.extract(sample)
        #expect(document.blocks(from: .body).count >= 5)
        #expect(!document.blocks(from: .metadata).isEmpty)
    }

    @Test("relationships, not fixed part names, locate the parts")
    func partsFoundThroughRelationships() throws {
        // The generator names this sample's main part `word/doc1.xml` and its header `word/kop.xml`.
        let renamed = try #require(Self.docxSamples.first { $0.contains("contact-header-footer") })
        let document = try Self.extract(renamed)
        #expect(!document.blocks(from: .body).isEmpty)
        #expect(!document.blocks(from: .header).isEmpty)
    }
}
