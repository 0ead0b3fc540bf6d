import CVModel
import Foundation
import Glibc

/// A request to a worker process: one file to extract under the given limits. It names no
/// file for display: the worker reads `path` and answers with an unnamed document or an error.
struct WorkerRequest: Codable {
    var path: String
    var limits: ExtractionLimits
    /// Only honoured by a worker started with test hooks (``WorkerProcess/testHooks``).
    var testHook: WorkerTestHook?
}

/// A worker's answer: a document or the reason there is none, and how the worker is confined.
struct WorkerResponse: Codable {
    var document: Document?
    var error: ExtractionError?
    var sandbox: WorkerSandbox
}

/// Frames on the pipes between daemon and worker: a 4-byte big-endian length, then JSON.
enum WorkerFraming {
    /// Largest request a worker reads: a path and the limits.
    static let maxRequestBytes = 1 << 20

    /// Largest answer the parent reads for a file extracted under `limits`. An honest answer
    /// fits: every character counted against `max_text` (text, labels, part and attachment
    /// names) takes at most 6 bytes of JSON (`\u001f`), every block, image or attachment at
    /// most 256 bytes of keys, numbers and punctuation, and 64 KiB covers the rest (hash,
    /// format, an error, the sandbox report). Anything longer is refused before it is read.
    static func maxAnswerBytes(for limits: ExtractionLimits) -> Int {
        let items = limits.maxBlocks + ExtractionLimits.maxImages + ExtractionLimits.maxAttachments
        return 6 * limits.maxTextCharacters + 256 * items + (64 << 10)
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let payload = try JSONEncoder().encode(value)
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + payload
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
