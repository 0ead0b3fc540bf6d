import CVModel
import Foundation
import Glibc

/// A request to a worker process: one file to extract under the given limits. It names no
/// file for display: the worker reads `path` and answers with an unnamed document or an error.
struct WorkerRequest: Codable {
    var path: String
    var limits: ExtractionLimits
    /// Only honoured when the worker runs with `CVSIEVE_TEST_HOOKS=1`: `crash`, `hang`,
    /// `allocate`. Lets the tests prove that a crash, a hang and a memory blow-up cost one file.
    var testHook: String?
}

/// A worker's answer: a document or the reason there is none.
struct WorkerResponse: Codable {
    var document: Document?
    var error: ExtractionError?
}

/// Frames on the pipes between daemon and worker: a 4-byte big-endian length, then JSON.
enum WorkerFraming {
    /// Largest frame accepted: a document's text is far smaller than the file limit.
    static let maxFrameBytes = 256 << 20

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let payload = try JSONEncoder().encode(value)
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + payload
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

    /// Reads one frame, blocking. `nil` on end of file or a frame over the size limit.
    static func readFrame(from descriptor: Int32) -> [UInt8]? {
        guard let header = readExactly(4, from: descriptor) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length <= maxFrameBytes else { return nil }
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
