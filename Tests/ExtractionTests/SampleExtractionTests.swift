import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// Every sample's truth values and career items come out of extraction, with the right source.
@Suite struct SampleExtractionTests {
    static let extractor = Extractor()

    @Test("the sample set is complete: at least 16 CVs, PDF and DOCX, Dutch and English")
    func sampleSetIsComplete() throws {
        let names = TestSupport.sampleNames()
        #expect(names.count >= 16)
        let truths = try names.map { try TestSupport.truth(for: $0) }
        #expect(Set(truths.map(\.format)) == [.pdf, .docx])
        #expect(Set(truths.map(\.language)).isSuperset(of: ["nl", "en"]))
    }

    @Test("every personal value appears in a block of its source", arguments: TestSupport.sampleNames())
    func personalValuesHaveTheirSource(sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        let document = try Self.extractor.extract(path: TestSupport.samplesFolder.appendingPathComponent(sample).path)
        for (index, value) in truth.personal.enumerated() {
            let found = document.blocks.contains { block in
                block.source == value.source && block.isDeleted == (value.deleted ?? false)
                    && block.text.contains(value.text)
            }
            // The message names the category, source and position in the truth file, never the value.
            #expect(found, "\(sample): truth value #\(index) (\(value.category)) not found in a \(value.source) block")
        }
    }

    @Test("every career item appears in the extracted text", arguments: TestSupport.sampleNames())
    func careerItemsAreExtracted(sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        let document = try Self.extractor.extract(path: TestSupport.samplesFolder.appendingPathComponent(sample).path)
        let text = document.blocks.filter { !$0.isDeleted }.map(\.text).joined(separator: "\n")
        let career = truth.career
        let items: [(String, String)] =
            career.experience.flatMap { [("title", $0.title), ("employer", $0.employer)] }
            + career.education.flatMap { [("degree", $0.degree), ("institution", $0.institution)] }
            + career.certificates.map { ("certificate", $0) } + career.languages.map { ("language", $0.language) }
            + career.skills.map { ("skill", $0) }
        for (kind, item) in items where !item.isEmpty {
            #expect(text.contains(item), "\(sample): a career \(kind) is missing from the extracted text")
        }
    }

    @Test("a sample with a photo lists an image", arguments: TestSupport.sampleNames())
    func photosAreListed(sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        let document = try Self.extractor.extract(path: TestSupport.samplesFolder.appendingPathComponent(sample).path)
        if truth.photo == true {
            #expect(!document.images.isEmpty)
            #expect(document.images.allSatisfy { $0.width > 0 && $0.height > 0 })
        }
    }

    @Test("the format is sniffed from the bytes and matches the truth", arguments: TestSupport.sampleNames())
    func formatIsSniffed(sample: String) throws {
        let truth = try TestSupport.truth(for: sample)
        let document = try Self.extractor.extract(path: TestSupport.samplesFolder.appendingPathComponent(sample).path)
        #expect(document.format == truth.format)
        #expect(document.sha256.count == 64)
        if truth.format == .pdf { #expect((document.pageCount ?? 0) >= 1) } else { #expect(document.pageCount == nil) }
    }
}
