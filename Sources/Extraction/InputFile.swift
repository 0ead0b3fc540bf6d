import CVModel
import Crypto
import Glibc

/// Reads an untrusted file the one way cvsieve reads them: `open` with `O_NOFOLLOW` (a link is
/// refused, not followed), regular files only, refused once past `limit` bytes (checked with
/// `fstat` first, and again while reading, since the file may still grow).
///
/// The worker reads a file's bytes with ``read(path:limit:)`` to parse them; the parent hashes
/// the same file with ``digest(path:limit:)`` in 64 KiB chunks, so its content identity never
/// comes from the worker and the parent never holds the whole file.
enum InputFile {
    /// The whole file.
    static func read(path: String, limit: Int) throws(ExtractionError) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(path: path, limit: limit) { size in
            bytes.reserveCapacity(size)
        } chunk: { chunk in
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// SHA-256 of the file as lower-case hex (``Extractor/sha256Hex(_:)``'s form), and its size.
    static func digest(path: String, limit: Int) throws(ExtractionError) -> (sha256: String, byteCount: Int) {
        var hash = SHA256()
        var count = 0
        try forEachChunk(path: path, limit: limit) { _ in
        } chunk: { chunk in
            hash.update(bufferPointer: chunk)
            count += chunk.count
        }
        return (hash.finalize().lowercaseHex, count)
    }

    private static func forEachChunk(
        path: String, limit: Int, size: (Int) -> Void, chunk: (UnsafeRawBufferPointer) -> Void
    ) throws(ExtractionError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .unreadable(errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(errno: EISDIR) }
        let declared = Int(info.st_size)
        if declared > limit { throw .fileTooLarge(bytes: declared, limit: limit) }
        size(declared)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(errno: errno)
            }
            if count == 0 { return }
            total += count
            if total > limit { throw .fileTooLarge(bytes: total, limit: limit) }
            chunk(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
