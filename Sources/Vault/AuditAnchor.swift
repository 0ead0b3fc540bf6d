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
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Head.self, from: data)
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
        guard let data = try? JSONEncoder().encode(head),
            FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]),
            rename(temporary, path) == 0
        else {
            let failure = errno
            unlink(temporary)
            if failure == ENOSPC { throw .diskFull(path: path, operation: "recording the audit anchor") }
            throw .keyFile(
                path: path, reason: "cannot write the audit anchor (\(VaultError.describe(errno: failure)))")
        }
    }
}
