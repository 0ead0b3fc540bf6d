import Foundation
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
