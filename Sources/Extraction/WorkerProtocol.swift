import CVModel
import Foundation
import Glibc

/// A request to a worker process: one file to extract, or one page of it to draw, under the
/// given limits. It names no file for display: the worker reads `path` (or the bytes that
/// follow) and answers with an unnamed document, a page image, or an error.
///
/// The wire format only grew, with optional fields: a request without `attachedBytes` and
/// `render` is the extraction request every worker has always read, and decodes as before. A
/// worker that does not know `render` ignores it and answers with a document, which the parent
/// refuses as not the page asked for; one that does not know `attachedBytes` takes the bytes for
/// a request it cannot decode and exits, which the parent sees as a crash. Either way the parent
/// never takes a wrong answer for a right one.
struct WorkerRequest: Codable {
    /// The file to read; empty when its bytes follow (`attachedBytes`).
    var path: String
    var limits: ExtractionLimits
    /// Only honoured by a worker started with test hooks (``WorkerProcess/testHooks``).
    var testHook: WorkerTestHook?
    /// The file's bytes follow this frame as a frame of their own, this long: a kept original
    /// opened from the vault, which is never written to disk in the clear for a worker to read.
    var attachedBytes: Int?
    /// Draw a page instead of extracting the file.
    var render: RenderJob?
    /// Answer a document in ``DocumentWire``'s binary form instead of JSON. A worker that does
    /// not know the key answers JSON, which the parent still reads.
    var binaryAnswer: Bool?

    init(
        path: String, limits: ExtractionLimits, testHook: WorkerTestHook? = nil, attachedBytes: Int? = nil,
        render: RenderJob? = nil, binaryAnswer: Bool? = nil
    ) {
        self.path = path
        self.limits = limits
        self.testHook = testHook
        self.attachedBytes = attachedBytes
        self.render = render
        self.binaryAnswer = binaryAnswer
    }

    /// The request's JSON with its limits already encoded (`limitsJSON`): every request to a
    /// worker carries the same limits, so ``WorkerProcess`` encodes them once instead of per
    /// file, where they were a quarter of the parent's time. Decodes to the same request.
    func json(limitsJSON: [UInt8]) throws -> [UInt8] {
        struct WithoutLimits: Encodable {
            var path: String
            var testHook: WorkerTestHook?
            var attachedBytes: Int?
            var render: RenderJob?
            var binaryAnswer: Bool?
        }
        let rest = WithoutLimits(
            path: path, testHook: testHook, attachedBytes: attachedBytes, render: render, binaryAnswer: binaryAnswer)
        // An object with at least `path` in it: `{…}`, closed again after the limits.
        var json = [UInt8](try JSONEncoder().encode(rest))
        guard json.last == UInt8(ascii: "}"), !limitsJSON.isEmpty else {
            throw EncodingError.invalidValue(rest, .init(codingPath: [], debugDescription: "not an object"))
        }
        json.removeLast()
        json.append(contentsOf: #","limits":"#.utf8)
        json.append(contentsOf: limitsJSON)
        json.append(UInt8(ascii: "}"))
        return json
    }
}

/// What to draw: page `page` (1-based) at `scale`, with `marks` boxed; or, with `identityCopy`,
/// the copy of an identity document on those pages with `marks` blacked out.
struct RenderJob: Codable {
    var page: Int
    var scale: Double
    var marks: [PageMark]
    var identityCopy: IdentityCopyJob?
}

/// The pages (1-based) that hold an identity document, and whether its photo is blacked out.
struct IdentityCopyJob: Codable {
    var pages: [Int]
    var blackOutPictures: Bool
}

/// A worker's answer: a document, a page image or the reason there is none, and how the worker
/// is confined.
struct WorkerResponse: Codable {
    var document: Document?
    var error: ExtractionError?
    var sandbox: WorkerSandbox
    /// The page drawn, for a render request; its PNG follows this frame as a frame of its own.
    var page: RenderedPage?

    init(document: Document?, error: ExtractionError?, sandbox: WorkerSandbox, page: RenderedPage? = nil) {
        self.document = document
        self.error = error
        self.sandbox = sandbox
        self.page = page
    }

    /// The frame's payload: a document answer in ``DocumentWire``'s form when `binary` (and
    /// nothing but a document and the sandbox to say), JSON otherwise.
    func encoded(binary: Bool) throws -> [UInt8] {
        if binary, let document, error == nil, page == nil, sandbox.probe == nil {
            return DocumentWire.encode(document, sandbox: sandbox)
        }
        return try [UInt8](JSONEncoder().encode(self))
    }

    /// A frame's payload in either form, told apart by its first byte; a binary one with more
    /// blocks, images or attachments than `limits` allow is refused while it is read.
    static func decode(_ payload: [UInt8], limits: ExtractionLimits = .default) -> WorkerResponse? {
        if payload.first == DocumentWire.magic {
            guard
                let (document, sandbox) = try? DocumentWire.decode(
                    payload, maxBlocks: limits.maxBlocks, maxImages: ExtractionLimits.maxImages,
                    maxAttachments: ExtractionLimits.maxAttachments)
            else { return nil }
            return WorkerResponse(document: document, error: nil, sandbox: sandbox)
        }
        return try? JSONDecoder().decode(WorkerResponse.self, from: Data(payload))
    }
}

/// A ``PageImage`` without its PNG, which follows as raw bytes (base64 in JSON would make a
/// 2000-pixel page a third larger and slower to decode).
struct RenderedPage: Codable {
    var page: Int
    var pageCount: Int
    var width: Int
    var height: Int
    var pngBytes: Int
    var boxCounts: [Int]
}

/// Frames on the pipes between daemon and worker: a 4-byte big-endian length, then JSON.
enum WorkerFraming {
    /// Largest request a worker reads: a path, the limits and, for a page image, up to
    /// ``PageRenderer/maxMarks`` values of up to ``PageRenderer/maxMarkLength`` characters (at
    /// most 6 bytes of JSON each). A file's bytes come in a frame of their own, read up to
    /// `extraction.max_file_size`.
    static let maxRequestBytes = 4 << 20

    /// Largest answer the parent reads to a render request: the page's numbers and one box count
    /// per mark. The PNG comes in a frame of its own, read up to ``PageImage/maxPNGBytes(width:height:)``.
    static let maxRenderAnswerBytes = (64 << 10) + 24 * PageRenderer.maxMarks

    /// Largest answer the parent reads for a file extracted under `limits`. An honest answer
    /// fits: every character counted against `max_text` (text, labels, part and attachment
    /// names) takes at most 6 bytes of JSON (`\u001f`), every block, image or attachment at
    /// most 256 bytes of keys, numbers and punctuation, and 64 KiB covers the rest (hash,
    /// format, an error, the sandbox report). The binary form (``DocumentWire``) takes no more
    /// than JSON for any value. Anything longer is refused before it is read.
    static func maxAnswerBytes(for limits: ExtractionLimits) -> Int {
        let items = limits.maxBlocks + ExtractionLimits.maxImages + ExtractionLimits.maxAttachments
        return 6 * limits.maxTextCharacters + 256 * items + (64 << 10)
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        framed(try [UInt8](JSONEncoder().encode(value)))
    }

    /// `payload` behind its 4-byte header.
    static func framed(_ payload: [UInt8]) -> [UInt8] {
        var frame = header(length: payload.count)
        frame.reserveCapacity(4 + payload.count)
        frame.append(contentsOf: payload)
        return frame
    }

    /// The 4-byte header of a frame of `length` bytes.
    static func header(length: Int) -> [UInt8] {
        let length = UInt32(length)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
    }

    /// The length a frame's 4-byte header announces.
    static func length(ofHeader header: some Collection<UInt8>) -> Int {
        header.prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    /// Writes all of `bytes`, retrying on EINTR. False when the other end is gone (EPIPE).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                write(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Reads one frame, blocking. `nil` on end of file or a frame over `limit` bytes.
    static func readFrame(from descriptor: Int32, limit: Int) -> [UInt8]? {
        guard let header = readExactly(4, from: descriptor) else { return nil }
        let length = length(ofHeader: header)
        guard length <= limit else { return nil }
        return readExactly(length, from: descriptor)
    }

    private static func readExactly(_ count: Int, from descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress.map { $0 + offset }, count - offset)
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return nil }
            offset += got
        }
        return bytes
    }
}
