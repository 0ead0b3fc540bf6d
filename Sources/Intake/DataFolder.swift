public import Foundation
import Glibc

/// The data folder and everything cvsieve makes under it are private to the account running it:
/// folders 0700, files 0600, whatever the umask.
public enum DataFolder {
    /// Creates `path` (and parents) 0700, and tightens it if it exists.
    public static func create(_ path: String) {
        try? FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }
}

extension DataFolder {
    /// A file that could not be written; `errno` says why.
    public struct WriteFailure: Error, Equatable {
        public var errno: Int32
    }

    /// Writes `data` to `path` through a synced temporary file and a rename, mode 0600 whatever
    /// the umask: readers see the old file or the whole new one, never a part.
    public static func writePrivateFile(_ data: Data, to path: String) throws(WriteFailure) {
        do {
            try FileMover.writeAtomically(data, to: path)
        } catch {
            switch error {
            case .errno(let code): throw WriteFailure(errno: code)
            }
        }
    }
}
