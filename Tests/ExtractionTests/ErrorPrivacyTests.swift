import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// An extraction error names neither the file nor anything in it: a dropped file's name and a
/// DOCX's part names are the author's text. Parts are named by index.
@Suite struct ErrorPrivacyTests {
    /// A fictional person's name and phone number, planted in part and file names.
    static let plantedValues = ["Fenna", "Oosterbroek", "0698765432"]
    static let namedPart = "word/Fenna Oosterbroek 0698765432.xml"
    static let namedFile = "CV Fenna Oosterbroek 0698765432.docx"

    /// Each package fails in its own way, always in the part whose name holds the planted values.
    static let namedPartCases: [(kind: String, limits: ExtractionLimits, package: ZipWriter)] = {
        let paragraph = "<w:p><w:r><w:t>Werkervaring</w:t></w:r></w:p>"
        let long = ZipWriter.wordDocument(body: String(repeating: paragraph, count: 100))
        return [
            (
                "xml_doctype", .default,
                ZipWriter.wordPackage(
                    mainPart: namedPart,
                    document: ZipWriter.wordDocument(
                        body: paragraph, doctype: #"<!DOCTYPE w:document [<!ENTITY a "b">]>"#))
            ),
            (
                "corrupt_docx", .default,
                ZipWriter.wordPackage(
                    mainPart: namedPart, document: ZipWriter.wordDocument(body: "<w:p><w:r><w:t>open</w:r></w:p>"))
            ),
            (
                "zip_bomb", ExtractionLimits(maxPartBytes: 1024),
                ZipWriter.wordPackage(mainPart: namedPart, document: long)
            ),
            (
                "zip_bomb", ExtractionLimits(maxUnpackedBytes: 1024),
                ZipWriter.wordPackage(mainPart: namedPart, document: long)
            ),
            (
                "corrupt_docx", .default,
                ZipWriter.wordPackage(mainPart: namedPart, document: long, crcOverride: 0x1234_5678)
            ),
        ]
    }()

    static func expectNothingPersonal(in error: ExtractionError, _ context: String, file: String? = nil) throws {
        let encoded = String(decoding: try JSONEncoder().encode(error), as: UTF8.self)
        for text in [error.description, error.reason, encoded] {
            for value in plantedValues {
                #expect(!text.contains(value), "\(context): \(error.kind)")
            }
            if let file { #expect(!text.contains(file), "\(context): \(error.kind)") }
        }
    }

    @Test("a part named after a person is named by its index, in process and through a worker")
    func partNamesStayOut() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        try TestSupport.withTemporaryDirectory { folder in
            for (index, item) in Self.namedPartCases.enumerated() {
                let path = folder.appendingPathComponent(Self.namedFile).path
                try item.package.write(to: URL(fileURLWithPath: path))
                var errors: [ExtractionError] = []
                do {
                    _ = try Extractor(limits: item.limits).extract(path: path)
                    Issue.record("case \(index) was extracted instead of failing with \(item.kind)")
                } catch let error as ExtractionError {
                    errors.append(error)
                }
                let throughWorker = WorkerProcess(command: TestSupport.workerCommand, limits: item.limits)
                defer { throughWorker.stop() }
                do {
                    _ = try throughWorker.extract(path: path)
                    Issue.record("case \(index) was extracted by a worker instead of failing with \(item.kind)")
                } catch let error as ExtractionError {
                    errors.append(error)
                }
                #expect(errors.count == 2 && errors[0] == errors[1], "case \(index)")
                for error in errors {
                    #expect(error.kind == item.kind, "case \(index)")
                    // The main part is the third member of the archive.
                    #expect(error.reason.contains("part #2"), "case \(index): \(error.reason)")
                    try Self.expectNothingPersonal(in: error, "case \(index)", file: Self.namedFile)
                }
            }
        }
    }

    @Test("no hostile sample's error names the file", arguments: TestSupport.hostileExpectations().map(\.name))
    func hostileSamplesUnnamed(name: String) throws {
        let path = TestSupport.hostileFile(name).path
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let kind = TestSupport.hostileExpectations().first { $0.name == name }?.kind ?? ""
        var extractions = [{ try worker.extract(path: path) }]
        if TestSupport.isReadInProcess(kind: kind) { extractions.append { try Extractor().extract(path: path) } }
        for extract in extractions {
            do {
                _ = try extract()
                Issue.record("\(name) was extracted")
            } catch let error as ExtractionError {
                try Self.expectNothingPersonal(in: error, name, file: name)
            }
        }
    }
}
