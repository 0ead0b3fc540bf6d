import Foundation
import Glibc

/// The head of the audit chain (record count and the last record's MAC), kept in a file beside
/// the database. The chain's MACs stop anyone without the master key from recomputing it; the
/// anchor stops anyone from cutting records off its end, which a chain alone cannot show.
///
/// The anchor only moves forward: a writer replaces it (temporary file, rename) only with a
/// longer head, under an exclusive `flock`, so two processes appending cannot move it back.
struct AuditAnchor: Sendable {
    let path: String

    struct Head: Codable, Equatable, Sendable {
        var records: Int64
        var mac: String
    }

    func read() -> Head? {
        // Plain read(2): the anchor is read and written on every audited call (FileManager's
        // calls cost more than the rest of a subject access's file work together).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { Glibc.read(descriptor, $0 + count, buffer.count - count) } ?? 0
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        return try? JSONDecoder().decode(Head.self, from: Data(bytes[..<count]))
    }

    /// Records `head` if it is longer than the anchored one. A missing anchor is made again only
    /// when `create` says so (a new vault, the migration that introduced it): otherwise deleting
    /// the file and cutting the log would be covered up by the next write.
    func advance(to head: Head, create: Bool = false) throws(VaultError) {
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            throw .keyFile(path: path, reason: "cannot lock the audit anchor (\(VaultError.describe(errno: errno)))")
        }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        if let current = read() {
            if current.records >= head.records { return }
        } else if !create && FileManager.default.fileExists(atPath: path) == false {
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        guard let data = try? JSONEncoder().encode(head), Self.write(data, to: temporary), rename(temporary, path) == 0
        else {
            let failure = errno
            unlink(temporary)
            if failure == ENOSPC { throw .diskFull(path: path, operation: "recording the audit anchor") }
            throw .keyFile(
                path: path, reason: "cannot write the audit anchor (\(VaultError.describe(errno: failure)))")
        }
    }

    /// A new file of `data`, mode 0600; `false` with errno set when it cannot be written whole.
    private static func write(_ data: Data, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return false }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let failure = written == data.count ? 0 : (written < 0 ? errno : ENOSPC)
        close(descriptor)
        errno = failure
        return failure == 0
    }
}
