import CVModel
import Extraction
import Foundation
import Glibc
import TestSupport
import Testing

/// Page images drawn in a real worker child process: the same picture as in process, from a path
/// or from bytes sent through the pipe, under the same time and memory limits and sandbox as
/// extraction.
@Suite(.serialized) struct WorkerRenderTests {
    static var samplePath: String { TestSupport.samplesFolder.appendingPathComponent("nl-single-column.pdf").path }
    static let marks = [PageMark(text: PageImageTests.email, category: .email)]

    static func hookedWorker(limits: ExtractionLimits = .default) -> WorkerProcess {
        WorkerProcess(command: TestSupport.workerCommand, limits: limits, testHooks: true)
    }

    @Test("a worker draws the same page from a path and from bytes as this process does")
    func sameAsInProcess() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.samplePath)))
        let local = try PageRenderer().render(bytes: bytes, page: 1, scale: 1.5, marks: Self.marks)
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let fromPath = try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1.5, marks: Self.marks)
        let fromBytes = try worker.renderPage(.bytes(bytes), page: 1, scale: 1.5, marks: Self.marks)
        #expect(fromPath == local)
        #expect(fromBytes == local)
        #expect(fromBytes.boxCounts == [1])
        let pixels = try #require(PNGPixels(fromBytes.png))
        #expect(pixels.count(CategoryGroup.contact.colour) > 0)
        #expect(worker.sandbox?.hasNoNewPrivileges == true)
    }

    @Test("a file sent as bytes is extracted as from its path, hashed on this side")
    func extractBytes() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.samplePath)))
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let fromPath = try worker.extract(path: Self.samplePath)
        let fromBytes = try worker.extract(bytes: bytes, fileName: "original")
        #expect(fromBytes.blocks == fromPath.blocks)
        #expect(fromBytes.sha256 == Extractor.sha256Hex(bytes))
        #expect((fromBytes.fileName, fromBytes.byteCount) == ("original", bytes.count))
        #expect(throws: ExtractionError.emptyFile) { try worker.extract(bytes: [], fileName: "original") }
    }

    @Test("errors come back by kind, and the worker goes on with the next page")
    func errors() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        #expect(throws: ExtractionError.noSuchPage(page: 3, pages: 1)) {
            try worker.renderPage(.path(Self.samplePath), page: 3, scale: 1.5, marks: [])
        }
        let pid = worker.pid
        #expect(throws: ExtractionError.corruptPDF(.truncated)) {
            try worker.renderPage(.path(TestSupport.hostileFile("truncated.pdf").path), page: 1, scale: 1.5, marks: [])
        }
        let docx = TestSupport.samplesFolder.appendingPathComponent("nl-personalia-table.docx").path
        #expect(throws: ExtractionError.notRenderable(.docx)) {
            try worker.renderPage(.path(docx), page: 1, scale: 1.5, marks: [])
        }
        #expect(try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1, marks: []).pageCount == 1)
        #expect(worker.pid == pid)
    }

    @Test("every hostile PDF gives its error or a page through a worker, and the worker goes on")
    func hostilePDFs() throws {
        let expected = [
            "attachment-spec-broken.pdf": "corrupt_pdf", "empty.pdf": "empty_file", "encrypted.pdf": "encrypted",
            "image-only.pdf": "page", "truncated.pdf": "corrupt_pdf",
        ]
        let hostile = TestSupport.hostileExpectations().map(\.name).filter { $0.hasSuffix(".pdf") }
        #expect(Set(hostile) == Set(expected.keys))
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        for name in hostile {
            var outcome: String
            do {
                let image = try worker.renderPage(
                    .path(TestSupport.hostileFile(name).path), page: 1, scale: 1, marks: Self.marks)
                outcome = image.boxCounts == [0] ? "page" : "page with boxes"
            } catch {
                outcome = error.kind
            }
            #expect(outcome == expected[name], "\(name)")
        }
        #expect(try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1, marks: []).pageCount == 1)
    }

    @Test("a render that hangs is killed at extraction.timeout; the next page is drawn by a new worker")
    func hang() throws {
        let worker = Self.hookedWorker(limits: ExtractionLimits(timeoutSeconds: 1))
        defer { worker.stop() }
        #expect(throws: ExtractionError.timeLimit(seconds: 1)) {
            try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1.5, marks: [], testHook: .hang)
        }
        #expect(worker.pid == nil)
        #expect(try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1.5, marks: []).page == 1)
    }

    @Test("a render that blows the worker's memory limit costs that page only")
    func memory() throws {
        let command = [TestSupport.cvsieveBinary, "worker", "--memory-limit-mib", "512"]
        let worker = WorkerProcess(command: command, testHooks: true)
        defer { worker.stop() }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.samplePath)))
        do {
            _ = try worker.renderPage(.bytes(bytes), page: 1, scale: 1.5, marks: [], testHook: .allocate)
            Issue.record("the allocation hook returned a page")
        } catch {
            #expect(error.kind == "worker_crashed")
        }
        #expect(try worker.renderPage(.bytes(bytes), page: 1, scale: 1.5, marks: []).page == 1)
    }

    @Test("a worker that crashes while drawing: that page fails with the signal")
    func crash() throws {
        let worker = Self.hookedWorker()
        defer { worker.stop() }
        #expect(throws: ExtractionError.workerCrashed(signal: SIGSEGV)) {
            try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1.5, marks: [], testHook: .crash)
        }
        #expect(try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1.5, marks: []).page == 1)
    }

    @Test(
        "a render runs under the sandbox's filter, as extraction does",
        .enabled(if: WorkerIsolationTests.kernelFiltersSystemCalls, "this kernel has no seccomp filters"))
    func sandboxed() throws {
        let worker = Self.hookedWorker()
        defer { worker.stop() }
        _ = try worker.renderPage(.path(Self.samplePath), page: 1, scale: 1, marks: [], testHook: .probeSandbox)
        let probe = try #require(worker.sandbox?.probe)
        #expect(probe.socketErrno == EPERM && probe.forkErrno == EPERM && probe.spawnErrno == EPERM)
        let pid = try #require(worker.pid)
        #expect(try WorkerIsolationTests.status("Seccomp", of: pid) == "2")
    }

    @Test("a file over extraction.max_file_size is not sent")
    func fileSize() throws {
        let worker = WorkerProcess(command: TestSupport.workerCommand, limits: ExtractionLimits(maxFileBytes: 1000))
        defer { worker.stop() }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.samplePath)))
        #expect(throws: ExtractionError.fileTooLarge(bytes: bytes.count, limit: 1000)) {
            try worker.renderPage(.bytes(bytes), page: 1, scale: 1, marks: [])
        }
        #expect(worker.pid == nil)
    }
}
