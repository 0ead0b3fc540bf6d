import Glibc

/// Decides when a file in the inbox may be taken: never while it is still being written.
///
/// A file is ready when it was closed after writing (or moved in) and has not changed for the
/// settle time, or — for files whose close the watcher never saw (network shares, a missed
/// event) — when its size and modification time have not changed for `stableFor` seconds.
public struct StableFiles: Sendable {
    struct Observation: Sendable {
        var size: Int64
        var modified: Int64
        var unchangedSince: Double
        var closedAt: Double?
    }

    public let stableFor: Double
    public let settle: Double
    private var seen: [String: Observation] = [:]
    /// Paths in the order they were first seen (forgotten ones dropped lazily): files are taken
    /// first come, first served, without sorting every waiting path on every look.
    private var order: [String] = []

    public init(stableFor: Double, settle: Double) {
        self.stableFor = stableFor
        self.settle = settle
    }

    /// Records that the watcher saw the file closed after writing (or moved in) at `now`.
    public mutating func noteClosed(_ path: String, at now: Double) {
        if var observation = seen[path] {
            observation.closedAt = now
            seen[path] = observation
        } else if let (size, modified) = Self.stat(path) {
            seen[path] = Observation(size: size, modified: modified, unchangedSince: now, closedAt: now)
            order.append(path)
        }
    }

    /// Whether `path` may be claimed at `now`; updates what is known about it.
    public mutating func isReady(_ path: String, at now: Double) -> Bool {
        guard let (size, modified) = Self.stat(path) else {
            forget(path)
            return false
        }
        guard var observation = seen[path] else {
            seen[path] = Observation(size: size, modified: modified, unchangedSince: now, closedAt: nil)
            order.append(path)
            return stableFor <= 0
        }
        if observation.size != size || observation.modified != modified {
            observation = Observation(
                size: size, modified: modified, unchangedSince: now, closedAt: observation.closedAt.map { _ in now })
            seen[path] = observation
            return false
        }
        let quiet = now - observation.unchangedSince
        if let closedAt = observation.closedAt, now - closedAt >= settle, quiet >= settle { return true }
        return quiet >= stableFor
    }

    /// Forgets a file (claimed, or gone).
    public mutating func forget(_ path: String) {
        seen[path] = nil
        if order.count > 64 && order.count > 2 * seen.count { order.removeAll { seen[$0] == nil } }
    }

    /// Paths being watched for stability, first seen first.
    public var pending: [String] {
        var listed: Set<String> = []
        return order.filter { seen[$0] != nil && listed.insert($0).inserted }
    }

    static func stat(_ path: String) -> (Int64, Int64)? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
