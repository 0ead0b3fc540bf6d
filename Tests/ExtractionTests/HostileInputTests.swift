import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// Every hostile sample gives its own, specific error, in process and through a worker.
@Suite struct HostileInputTests {
    static let cases = TestSupport.hostileExpectations().filter { TestSupport.isReadInProcess(kind: $0.kind) }
        .map { "\($0.name)=\($0.kind)" }

    static func split(_ item: String) -> (name: String, kind: String) {
        let parts = item.split(separator: "=", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }

    @Test("the hostile set is there") func hostileSetPresent() {
        #expect(Self.cases.count >= 10)
    }

    @Test("in process: the expected error kind (samples that crash poppler only through a worker)", arguments: cases)
    func inProcess(item: String) throws {
        let (name, kind) = Self.split(item)
        do {
            let document = try Extractor().extract(path: TestSupport.hostileFile(name).path)
            Issue.record("\(name) was extracted (\(document.blocks.count) blocks) instead of failing with \(kind)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.description == error.reason)
        }
    }

    @Test("through a worker: the same error, and the worker survives for the next file")
    func throughWorker() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        for (name, kind) in TestSupport.hostileExpectations() {
            do {
                _ = try worker.extract(path: TestSupport.hostileFile(name).path)
                Issue.record("\(name) was extracted instead of failing with \(kind)")
            } catch {
                #expect(error.kind == kind, "\(name)")
            }
        }
        let sample = try #require(TestSupport.sampleFiles().first)
        #expect(try !worker.extract(path: sample.path).blocks.isEmpty)
    }

    @Test("a zip bomb stops at the cap without inflating it all")
    func zipBombStopsEarly() throws {
        let cap = 1 << 20
        let limits = ExtractionLimits(maxPartBytes: cap)
        // Honest header: its 256 MiB are refused from the header, before anything is inflated.
        do {
            let document = try Extractor(limits: limits).extract(path: TestSupport.hostileFile("zip-bomb.docx").path)
            Issue.record("the zip bomb was extracted (\(document.blocks.count) blocks)")
        } catch {
            guard case .zipBomb(_, .declaresTooMuch(let declared, let limit)) = error else {
                Issue.record("zip-bomb.docx: \(error.kind): \(error.reason)")
                return
            }
            #expect(declared > 255 << 20)
            #expect(limit == cap)
        }
        // Lying header (4 KiB declared, 256 MiB inside): only the running count while inflating
        // can stop it, and it must stop within one 64 KiB read of the lie.
        do {
            let document = try Extractor(limits: limits).extract(
                path: TestSupport.hostileFile("zip-bomb-lying-header.docx").path)
            Issue.record("the lying zip bomb was extracted (\(document.blocks.count) blocks)")
        } catch {
            guard case .zipBomb(_, .liesAboutSize(let declared, let inflated)) = error else {
                Issue.record("zip-bomb-lying-header.docx: \(error.kind): \(error.reason)")
                return
            }
            #expect(declared == 4096)
            #expect(inflated > 4096)
            #expect(inflated <= 4096 + (64 << 10))
        }
    }

    /// A DOCX of `count` one-letter paragraphs, written into `folder`.
    static func manyParagraphs(_ count: Int, in folder: URL) throws -> String {
        let body = String(repeating: "<w:p><w:r><w:t>a</w:t></w:r></w:p>", count: count)
        let path = folder.appendingPathComponent("many-paragraphs.docx").path
        try ZipWriter.wordPackage(document: ZipWriter.wordDocument(body: body)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a DOCX of 200,000 tiny paragraphs stops at the block limit, in process and through a worker")
    func blockLimit() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = try Self.manyParagraphs(200_000, in: folder)
            let worker = WorkerProcess(command: TestSupport.workerCommand)
            defer { worker.stop() }
            for (place, extract) in [
                ("in process", { try Extractor().extract(path: path) }), ("worker", { try worker.extract(path: path) }),
            ] {
                do {
                    let document = try extract()
                    Issue.record("\(place): \(document.blocks.count) blocks were extracted")
                } catch let error as ExtractionError {
                    // Counting stops at the first block over the limit: the rest is never read.
                    #expect(error == .tooManyBlocks(blocks: 20_001, limit: 20_000), "\(place)")
                    #expect(error.reason.contains("extraction.max_blocks"), "\(place)")
                }
            }
        }
    }

    @Test("a file over the size limit is refused before it is parsed")
    func sizeLimit() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: sample.path)[.size] as? Int)
        #expect(throws: ExtractionError.fileTooLarge(bytes: size, limit: 1024)) {
            try Extractor(limits: ExtractionLimits(maxFileBytes: 1024)).extract(path: sample.path)
        }
    }

    @Test("a file that yields more text than a CV can is refused with the limit's name")
    func textLimit() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        do {
            _ = try Extractor(limits: ExtractionLimits(maxTextCharacters: 100)).extract(path: sample.path)
            Issue.record("a file over the text limit was extracted")
        } catch {
            #expect(error.kind == "too_much_text")
            #expect(error.description.contains("extraction.max_text"))
        }
    }

    @Test("a missing file is a readable error")
    func missingFile() {
        #expect(throws: ExtractionError.unreadable(errno: ENOENT)) {
            try Extractor().extract(path: "/nonexistent-folder/absent.pdf")
        }
    }
}
