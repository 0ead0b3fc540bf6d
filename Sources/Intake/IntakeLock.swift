import Glibc

/// The exclusive intake lock: `flock` on `data/intake.lock`, held by `run` and `watch` for their
/// whole life, so two processes never take files from one inbox into one SQLite vault at once
/// (they fought over the database and over claims). The kernel drops it when the process dies,
/// so a crash never leaves it stuck. Other commands do not take it: they wait on SQLite's busy
/// timeout instead.
public final class IntakeLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or fails at once with ``IntakeError/locked(path:)``.
    public init(data: String) throws(IntakeError) {
        let path = data.hasSuffix("/") ? data + "intake.lock" : data + "/intake.lock"
        DataFolder.create(data)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotClaim(inbox: data, reason: "cannot open \(path): \(IntakeError.describe(errno: errno))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .locked(path: path)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
