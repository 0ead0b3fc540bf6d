import CVModel
import Foundation
import TestSupport
import Testing

@testable import Extraction

/// The binary answer a worker sends for a document: every value comes back as it went, and the
/// parent refuses a frame that is cut short, lies about a count, holds invalid UTF-8 or an
/// unknown code, or has bytes after the document, without reading past its end.
@Suite struct DocumentWireTests {
    /// A document with every field set somewhere, and left unset somewhere else.
    static let full = Document(
        fileName: "cv-ĳsbrand.docx", format: .docx, sha256: String(repeating: "ab", count: 32), byteCount: 1 << 40,
        pageCount: 3,
        blocks: TextSource.allCases.enumerated().map { index, source in
            TextBlock(
                text: index.isMultiple(of: 2) ? "Zoë Ⅳ \u{1F600}\nline two\u{0}\nthree" : "\n\n", source: source,
                page: index.isMultiple(of: 3) ? nil : -index, label: index.isMultiple(of: 2) ? "label \(index)" : nil,
                isDeleted: index.isMultiple(of: 4),
                layout: index.isMultiple(of: 5)
                    ? nil
                    : [
                        LineLayout(
                            size: 10.5, isBold: true, isCapitals: false, headingLevel: 0, x: 72.25, y: -0.0,
                            gapAbove: -3.5),
                        LineLayout(),
                        LineLayout(size: .greatestFiniteMagnitude, isCapitals: true, headingLevel: Int.max),
                    ],
                confidence: index.isMultiple(of: 3) ? 87.5 : nil, isLowConfidence: index.isMultiple(of: 7))
        },
        images: [
            EmbeddedImage(page: nil, width: 400, height: 300, part: "word/media/image1.png"),
            EmbeddedImage(page: 2, width: Int.min, height: 0),
        ],
        attachments: [
            AttachmentInfo(name: "cv.xml", size: 12, isRead: true), AttachmentInfo(name: "", size: 0, isRead: false),
        ])

    static let sandbox = WorkerSandbox(hasNoNewPrivileges: true, filter: .refused(errno: -22))

    static func expectSame(_ left: Document, _ right: Document) {
        #expect(left.fileName == right.fileName && left.format == right.format && left.sha256 == right.sha256)
        #expect(left.byteCount == right.byteCount && left.pageCount == right.pageCount)
        #expect(left.blocks == right.blocks)
        #expect(left.images == right.images && left.attachments == right.attachments)
    }

    @Test("a document and the sandbox report come back as they went")
    func roundTrip() throws {
        for sandbox in [
            Self.sandbox, WorkerSandbox(hasNoNewPrivileges: false, filter: .installed),
            WorkerSandbox(hasNoNewPrivileges: true, filter: .unsupportedArchitecture),
        ] {
            let (document, back) = try DocumentWire.decode(DocumentWire.encode(Self.full, sandbox: sandbox))
            Self.expectSame(document, Self.full)
            #expect(back == sandbox)
        }
        let empty = Document(fileName: "", format: .pdf, sha256: "", byteCount: 0, pageCount: nil, blocks: [])
        Self.expectSame(try DocumentWire.decode(DocumentWire.encode(empty, sandbox: Self.sandbox)).0, empty)
    }

    @Test("every source has its own code, and the codes run from 0 without a gap")
    func sourceCodes() throws {
        let codes = TextSource.allCases.map(DocumentWire.sourceCode).sorted()
        #expect(codes == (0..<UInt8(TextSource.allCases.count)).map { $0 })
        for source in TextSource.allCases {
            #expect(try DocumentWire.source(DocumentWire.sourceCode(source)) == source)
        }
        #expect(throws: DocumentWire.Malformed.unknownCode(UInt8(TextSource.allCases.count))) {
            try DocumentWire.source(UInt8(TextSource.allCases.count))
        }
    }

    @Test("a frame cut short anywhere is refused")
    func truncated() {
        let bytes = DocumentWire.encode(Self.full, sandbox: Self.sandbox)
        for length in 0..<bytes.count {
            #expect(throws: DocumentWire.Malformed.self) { try DocumentWire.decode(Array(bytes[0..<length])) }
        }
    }

    @Test("bytes after the document, an unknown version or another first byte are refused")
    func framing() {
        var bytes = DocumentWire.encode(Self.full, sandbox: Self.sandbox)
        #expect(throws: DocumentWire.Malformed.trailingBytes) { try DocumentWire.decode(bytes + [0]) }
        bytes[1] = DocumentWire.version + 1
        #expect(throws: DocumentWire.Malformed.unknownVersion(DocumentWire.version + 1)) {
            try DocumentWire.decode(bytes)
        }
        #expect(throws: DocumentWire.Malformed.notThisForm) { try DocumentWire.decode(Array("{}".utf8)) }
    }

    /// The frame of a document with one block whose text is `text`, by hand.
    static func oneBlock(textBytes: [UInt8], count: UInt8 = 1) -> [UInt8] {
        [DocumentWire.magic, DocumentWire.version, 1, 0] + [0] + [1] + [0] + [0] + [0]
            + [count] + [UInt8(textBytes.count)] + textBytes + [0, 0, 0, 0, 0, 0] + [0] + [0]
    }

    @Test("counts the rest of the frame cannot hold, invalid UTF-8, unknown codes and overlong numbers are refused")
    func hostile() throws {
        let valid = Self.oneBlock(textBytes: Array("ok".utf8))
        #expect(try DocumentWire.decode(valid).0.blocks.map(\.text) == ["ok"])
        // A million blocks announced in a frame of a few bytes: refused before anything is allocated.
        var lying = Self.oneBlock(textBytes: Array("ok".utf8))
        lying.replaceSubrange(9...9, with: [0x80, 0x89, 0x7A])
        #expect(throws: DocumentWire.Malformed.badNumber) { try DocumentWire.decode(lying) }
        #expect(throws: DocumentWire.Malformed.invalidUTF8) {
            try DocumentWire.decode(Self.oneBlock(textBytes: [0x6F, 0xC3, 0x28]))
        }
        var source = valid
        source[12 + 1] = 99
        #expect(throws: DocumentWire.Malformed.unknownCode(99)) { try DocumentWire.decode(source) }
        var format = valid
        format[5] = 7
        #expect(throws: DocumentWire.Malformed.unknownCode(7)) { try DocumentWire.decode(format) }
        // byteCount as eleven continuation bytes: more than 64 bits.
        var overlong = valid
        overlong.replaceSubrange(7...7, with: Array(repeating: 0xFF, count: 10) + [0x01])
        #expect(throws: DocumentWire.Malformed.badNumber) { try DocumentWire.decode(overlong) }
    }

    @Test("NaN and the infinities, more layout lines than text lines, and counts over the caps are refused")
    func implausible() throws {
        let sandbox = Self.sandbox
        for bad in [Double.nan, .infinity, -.infinity] {
            let block = TextBlock(text: "Werkervaring", source: .body, layout: [LineLayout(size: bad)])
            let document = Document(fileName: "", format: .pdf, sha256: "", byteCount: 1, pageCount: 1, blocks: [block])
            #expect(throws: DocumentWire.Malformed.badNumber) {
                try DocumentWire.decode(DocumentWire.encode(document, sandbox: sandbox))
            }
        }
        let twoLines = TextBlock(text: "a\nb", source: .body, layout: Array(repeating: LineLayout(), count: 3))
        let overLaid = Document(fileName: "", format: .pdf, sha256: "", byteCount: 1, pageCount: 1, blocks: [twoLines])
        #expect(throws: DocumentWire.Malformed.overCap) {
            try DocumentWire.decode(DocumentWire.encode(overLaid, sandbox: sandbox))
        }
        let frame = DocumentWire.encode(Self.full, sandbox: sandbox)
        #expect(throws: DocumentWire.Malformed.overCap) {
            try DocumentWire.decode(frame, maxBlocks: Self.full.blocks.count - 1)
        }
        #expect(throws: DocumentWire.Malformed.overCap) { try DocumentWire.decode(frame, maxImages: 1) }
        #expect(throws: DocumentWire.Malformed.overCap) { try DocumentWire.decode(frame, maxAttachments: 1) }
        #expect(
            try DocumentWire.decode(frame, maxBlocks: Self.full.blocks.count, maxImages: 2, maxAttachments: 2).0.blocks
                == Self.full.blocks)
    }

    @Test("a worker's JSON answer with more layout lines than text lines is refused as implausible")
    func implausibleJSONAnswer() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        try TestSupport.withTemporaryDirectory { folder in
            let block = TextBlock(text: "one line", source: .body, layout: Array(repeating: LineLayout(), count: 2))
            let worker = try WorkerAnswerTests.lyingWorker(
                answering: WorkerAnswerTests.answer(WorkerAnswerTests.document(blocks: [block])), in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.implausibleValues)) {
                try worker.extract(path: sample.path)
            }
        }
    }

    @Test("ten thousand random changes to a frame decode or are refused, never crash")
    func mutations() {
        let bytes = DocumentWire.encode(Self.full, sandbox: Self.sandbox)
        var generator = SystemRandomNumberGenerator()
        var refused = 0
        for _ in 0..<10_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutated[Int.random(in: 2..<mutated.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            if (try? DocumentWire.decode(mutated)) == nil { refused += 1 }
        }
        #expect(refused > 0)
    }

    @Test("a worker asked for the binary form answers in it, and the document is the one extracted in process")
    func realWorkerAnswersBinary() throws {
        let sample = try #require(TestSupport.sampleFiles().first { $0.pathExtension == "docx" })
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let request = WorkerRequest(path: sample.path, limits: .default, binaryAnswer: true)
        let child = try worker.running()
        let deadline = WorkerProcess.now() + 60
        #expect(worker.send(try WorkerFraming.encode(request), to: child, before: deadline) == .sent)
        let payload = try worker.awaitFrame(from: child, limit: 64 << 20, before: deadline)
        #expect(payload.first == DocumentWire.magic)
        let answered = try #require(WorkerResponse.decode(payload)?.document)
        let inProcess = try Extractor().extract(path: sample.path)
        #expect(answered.blocks == inProcess.blocks && answered.images == inProcess.images)
        // Not asked: JSON, as every worker always answered.
        let plain = WorkerRequest(path: sample.path, limits: .default)
        #expect(worker.send(try WorkerFraming.encode(plain), to: child, before: deadline) == .sent)
        let json = try worker.awaitFrame(from: child, limit: 64 << 20, before: deadline)
        #expect(json.first == UInt8(ascii: "{"))
        #expect(try #require(WorkerResponse.decode(json)?.document).blocks == inProcess.blocks)
    }

    @Test("a worker's binary answer that does not decode is refused as undecodable")
    func undecodableBinaryAnswer() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        try TestSupport.withTemporaryDirectory { folder in
            let payload = Array(DocumentWire.encode(Self.full, sandbox: Self.sandbox).dropLast())
            let worker = try WorkerAnswerTests.lyingWorker(
                answering: WorkerAnswerTests.frame(length: payload.count, payload), in: folder)
            defer { worker.stop() }
            #expect(throws: ExtractionError.workerAnswerRejected(.undecodable)) {
                try worker.extract(path: sample.path)
            }
        }
    }
}
