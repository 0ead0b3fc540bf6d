import CVModel
import Extraction
import Foundation
import TestSupport
import Testing

/// The parent does not take a worker's word: it hashes the file itself, refuses an answer
/// longer than the limits allow before reading it, and checks the document against the limits.
/// The "worker" here is `/bin/sh` answering every request with a frame the test wrote.
@Suite struct WorkerAnswerTests {
    static func sample() throws -> URL { try #require(TestSupport.sampleFiles().first) }

    /// A worker that answers `frame` to any request, then waits for its stdin to close.
    static func lyingWorker(answering frame: [UInt8], in folder: URL, limits: ExtractionLimits = .default) throws
        -> WorkerProcess
    {
        let answer = folder.appendingPathComponent("answer.bin")
        try Data(frame).write(to: answer)
        return WorkerProcess(command: ["/bin/sh", "-c", #"cat "$0"; cat >/dev/null"#, answer.path], limits: limits)
    }

    /// A frame: 4-byte big-endian length, then the payload.
    static func frame(length: Int, _ payload: [UInt8]) -> [UInt8] {
        [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + payload
    }

    /// A worker response holding `document`.
    static func answer(_ document: Document) throws -> [UInt8] {
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let response =
            #"{"document":\#(json),"sandbox":{"hasNoNewPrivileges":false,"filter":{"unsupportedArchitecture":{}}}}"#
        return frame(length: response.utf8.count, Array(response.utf8))
    }

    static func document(blocks: [TextBlock]) -> Document {
        Document(
            fileName: "claimed-by-the-worker.pdf", format: .pdf, sha256: String(repeating: "0", count: 64),
            byteCount: 1, pageCount: 1, blocks: blocks)
    }

    @Test("the content hash, size and name come from the parent, not from the worker's answer")
    func hashFromParent() throws {
        let sample = try Self.sample()
        try TestSupport.withTemporaryDirectory { folder in
            let frame = try Self.answer(Self.document(blocks: [TextBlock(text: "a", source: .body)]))
            let worker = try Self.lyingWorker(answering: frame, in: folder)
            defer { worker.stop() }
            let document = try worker.extract(path: sample.path)
            let bytes = try [UInt8](Data(contentsOf: sample))
            #expect(document.sha256 == Extractor.sha256Hex(bytes))
            #expect(document.byteCount == bytes.count)
            #expect(document.fileName == sample.lastPathComponent)
        }
    }

    @Test("a document over max_blocks or max_text from a worker is refused")
    func limitsCheckedAgain() throws {
        let sample = try Self.sample()
        try TestSupport.withTemporaryDirectory { folder in
            let manyBlocks = Array(repeating: TextBlock(text: "a", source: .body), count: 20_001)
            let worker = try Self.lyingWorker(answering: Self.answer(Self.document(blocks: manyBlocks)), in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.tooManyBlocks(blocks: 20_001, limit: 20_000)) {
                try worker.extract(path: sample.path)
            }

            let longText = [TextBlock(text: String(repeating: "a", count: 4_000), source: .body, label: "title")]
            let limits = ExtractionLimits(maxTextCharacters: 1_000)
            let talkative = try Self.lyingWorker(
                answering: Self.answer(Self.document(blocks: longText)), in: folder, limits: limits)
            defer { talkative.stop() }
            #expect(throws: ExtractionError.tooMuchText(characters: 4_005, limit: 1_000)) {
                try talkative.extract(path: sample.path)
            }
        }
    }

    @Test("an answer longer than the limits allow is refused from its header")
    func oversizedAnswer() throws {
        let sample = try Self.sample()
        let limits = ExtractionLimits(timeoutSeconds: 10, maxTextCharacters: 1_000, maxBlocks: 100)
        try TestSupport.withTemporaryDirectory { folder in
            // Announces 1 GiB and sends none of it: reading it would end at the time limit instead.
            let huge = try Self.lyingWorker(answering: Self.frame(length: 1 << 30, []), in: folder, limits: limits)
            defer { huge.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.oversized)) { try huge.extract(path: sample.path) }

            // 400 KB: far below the old fixed 256 MiB cap, over what 1,000 characters and 100 blocks need.
            let filler = [UInt8](repeating: UInt8(ascii: " "), count: 400_000)
            let long = try Self.lyingWorker(
                answering: Self.frame(length: filler.count, filler), in: folder, limits: limits)
            defer { long.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.oversized)) { try long.extract(path: sample.path) }
        }
    }

    @Test("an answer that does not decode is refused")
    func undecodableAnswer() throws {
        let sample = try Self.sample()
        try TestSupport.withTemporaryDirectory { folder in
            let payload = Array(#"{"document":"not a document"}"#.utf8)
            let worker = try Self.lyingWorker(answering: Self.frame(length: payload.count, payload), in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.undecodable)) {
                try worker.extract(path: sample.path)
            }
        }
    }
}
