import Foundation
import Glibc

/// Moving a file cvsieve has claimed between its own folders: a rename where both lie on one
/// file system, else copy, `fsync`, rename into place and unlink the source (the inbox may be a
/// network share and `data` a local disk). The target never appears half-written: it is written
/// under a temporary name first. A crash between the rename and the unlink leaves both; the
/// claim journal resolves that (the source is removed when the target is complete).
enum FileMover {
    enum Failure: Error {
        case errno(Int32)
    }

    /// Moves `source` to `target` (which must not exist), with mode 0600 on the result.
    static func move(_ source: String, to target: String) throws(Failure) {
        if rename(source, target) == 0 {
            chmod(target, 0o600)
            return
        }
        guard errno == EXDEV else { throw .errno(errno) }
        var info = stat()
        if lstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            // A link is moved as a link: its target is never opened.
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(source, &buffer, buffer.count - 1)
            guard length >= 0 else { throw .errno(errno) }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard symlink(destination, target) == 0 else { throw .errno(errno) }
        } else {
            try copy(source, to: target)
        }
        guard unlink(source) == 0 else {
            let failure = errno
            unlink(target)
            throw .errno(failure)
        }
    }

    /// Copies `source` to `target` through a synced temporary file.
    static func copy(_ source: String, to target: String) throws(Failure) {
        let temporary = target + ".copying"
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else { throw .errno(errno) }
        defer { close(input) }
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw .errno(errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var failure: Int32 = 0
        while failure == 0 {
            let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if got == 0 { break }
            if got < 0 {
                if errno != EINTR { failure = errno }
                continue
            }
            var offset = 0
            while offset < got && failure == 0 {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress.map { $0 + offset }, got - offset) }
                if written < 0 {
                    if errno != EINTR { failure = errno }
                } else {
                    offset += written
                }
            }
        }
        if failure == 0 && fsync(output) != 0 { failure = errno }
        close(output)
        if failure == 0 && rename(temporary, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .errno(failure)
        }
    }

    /// Writes `data` to `path` through a temporary file and a rename, mode 0600; with `sync`, the
    /// temporary file is synced first (durable across a power cut, not only a crash).
    static func writeAtomically(_ data: Data, to path: String, sync: Bool = true) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .errno(errno) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var failure: Int32 = written == data.count ? 0 : (written < 0 ? errno : ENOSPC)
        if failure == 0 && sync && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .errno(failure)
        }
    }
}
