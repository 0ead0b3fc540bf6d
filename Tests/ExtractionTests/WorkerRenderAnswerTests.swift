import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// The parent believes a worker's page image only as far as it can check it. The "worker" is
/// `/bin/sh` answering any request with frames the test wrote (``WorkerAnswerTests/lyingWorker``).
@Suite struct WorkerRenderAnswerTests {
    static let sandbox = #"{"hasNoNewPrivileges":false,"filter":{"unsupportedArchitecture":{}}}"#

    /// A real page image of the sample, to lie about.
    static func realPage() throws -> PageImage {
        try PageRenderer().render(bytes: PageImageTests.sample(), page: 1, scale: 0.5, marks: [])
    }

    /// A render answer: the response frame claiming `page`, `width`, `height`, `boxCounts` and
    /// `pngBytes`, then a frame holding `png`.
    static func renderAnswer(
        page: Int = 1, width: Int, height: Int, boxCounts: [Int] = [], pngBytes: Int? = nil, png: [UInt8]
    ) -> [UInt8] {
        let counts = boxCounts.map(String.init).joined(separator: ",")
        let response =
            #"{"sandbox":\#(sandbox),"page":{"page":\#(page),"pageCount":1,"width":\#(width),"#
            + #""height":\#(height),"pngBytes":\#(pngBytes ?? png.count),"boxCounts":[\#(counts)]}}"#
        return WorkerAnswerTests.frame(length: response.utf8.count, Array(response.utf8))
            + WorkerAnswerTests.frame(length: png.count, png)
    }

    static func render(_ worker: WorkerProcess, marks: [PageMark] = []) throws -> PageImage {
        try worker.renderPage(.path(WorkerRenderTests.samplePath), page: 1, scale: 0.5, marks: marks)
    }

    @Test("an honest answer in the same frames is taken: the check refuses lies, not answers")
    func honestAnswer() throws {
        let real = try Self.realPage()
        try TestSupport.withTemporaryDirectory { folder in
            let frames = Self.renderAnswer(width: real.width, height: real.height, png: real.png)
            let worker = try WorkerAnswerTests.lyingWorker(answering: frames, in: folder)
            defer { worker.stop() }
            #expect(try Self.render(worker) == real)
        }
    }

    @Test("a document in answer to a render request (a worker that does not know render) is refused")
    func documentForRender() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let document = WorkerAnswerTests.document(blocks: [TextBlock(text: "a", source: .body)])
            let worker = try WorkerAnswerTests.lyingWorker(answering: WorkerAnswerTests.answer(document), in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.notThePageAskedFor)) { try Self.render(worker) }
        }
    }

    @Test("a page image in answer to an extraction request is refused, and the worker with its PNG ended")
    func pageForExtraction() throws {
        let real = try Self.realPage()
        try TestSupport.withTemporaryDirectory { folder in
            let frames = Self.renderAnswer(width: real.width, height: real.height, png: real.png)
            let worker = try WorkerAnswerTests.lyingWorker(answering: frames, in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.undecodable)) {
                try worker.extract(path: WorkerRenderTests.samplePath)
            }
            #expect(worker.pid == nil)
        }
    }

    @Test(
        "a page image that is not the one asked for is refused",
        arguments: ["other page", "size over the cap", "size not the PNG's", "box counts", "PNG too long", "not a PNG"])
    func notThePageAskedFor(lie: String) throws {
        let real = try Self.realPage()
        let (width, height, png) = (real.width, real.height, real.png)
        let frames: [UInt8] =
            switch lie {
            case "other page": Self.renderAnswer(page: 2, width: width, height: height, png: png)
            case "size over the cap": Self.renderAnswer(width: 2001, height: height, png: png)
            case "size not the PNG's": Self.renderAnswer(width: width + 1, height: height, png: png)
            case "box counts": Self.renderAnswer(width: width, height: height, boxCounts: [1, 1], png: png)
            case "PNG too long":
                Self.renderAnswer(
                    width: width, height: height, pngBytes: PageImage.maxPNGBytes(width: width, height: height) + 1,
                    png: png)
            default: Self.renderAnswer(width: width, height: height, png: Array(repeating: 0x20, count: 4096))
            }
        try TestSupport.withTemporaryDirectory { folder in
            let worker = try WorkerAnswerTests.lyingWorker(answering: frames, in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.notThePageAskedFor)) {
                try Self.render(worker, marks: [PageMark(text: "x", category: .name)])
            }
            #expect(worker.pid == nil)
        }
    }

    @Test("a PNG frame longer than its announcement is refused from its header")
    func oversizedPNGFrame() throws {
        let real = try Self.realPage()
        try TestSupport.withTemporaryDirectory { folder in
            let response =
                #"{"sandbox":\#(Self.sandbox),"page":{"page":1,"pageCount":1,"width":\#(real.width),"#
                + #""height":\#(real.height),"pngBytes":\#(real.png.count),"boxCounts":[]}}"#
            let frames =
                WorkerAnswerTests.frame(length: response.utf8.count, Array(response.utf8))
                + WorkerAnswerTests.frame(length: 1 << 30, [])
            let worker = try WorkerAnswerTests.lyingWorker(answering: frames, in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.oversized)) { try Self.render(worker) }
        }
    }
}
