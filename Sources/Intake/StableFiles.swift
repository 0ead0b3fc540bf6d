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
        /// Which entry of `order` is this observation's (a path forgotten and seen again gets a
        /// new one; the old entry is dead).
        var entry: Int

        /// When the file becomes ready if it does not change again: its close plus the settle
        /// time, or, never seen closed, its last change plus `stableFor`.
        func readyAt(settle: Double, stableFor: Double) -> Double {
            guard let closedAt else { return unchangedSince + stableFor }
            return min(max(closedAt, unchangedSince) + settle, unchangedSince + stableFor)
        }
    }

    public let stableFor: Double
    public let settle: Double
    private var seen: [String: Observation] = [:]
    /// Paths in the order they were first seen, each with its entry number: files are taken first
    /// come, first served. Entries of forgotten paths are dropped from the front as claims go, and
    /// all at once when they are most of the list, so a burst of a thousand files costs a look at
    /// a few entries per claim, not at every waiting one.
    private var order: [(path: String, entry: Int)] = []
    private var front = 0
    private var entries = 0

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
            observe(path, Observation(size: size, modified: modified, unchangedSince: now, closedAt: now, entry: 0))
        }
    }

    /// Whether `path` may be claimed at `now`; updates what is known about it.
    public mutating func isReady(_ path: String, at now: Double) -> Bool {
        guard let (size, modified) = Self.stat(path) else {
            forget(path)
            return false
        }
        guard var observation = seen[path] else {
            observe(path, Observation(size: size, modified: modified, unchangedSince: now, closedAt: nil, entry: 0))
            return stableFor <= 0
        }
        if observation.size != size || observation.modified != modified {
            observation.size = size
            observation.modified = modified
            observation.unchangedSince = now
            observation.closedAt = observation.closedAt.map { _ in now }
            seen[path] = observation
            return false
        }
        return now >= observation.readyAt(settle: settle, stableFor: stableFor)
    }

    /// Up to `limit` files ready at `now`, first seen first, and — when every watched file was
    /// looked at — the earliest time one of the others can become ready (`nil` when none is
    /// waiting, or the limit stopped the look). A file whose quiet time cannot have passed yet is
    /// not even looked at on disk. The caller ``forget(_:)``s the files it claims.
    public mutating func ready(at now: Double, limit: Int) -> (paths: [String], nextCheck: Double?) {
        compact()
        var paths: [String] = []
        var nextCheck: Double?
        var index = front
        while index < order.count {
            let (path, entry) = order[index]
            index += 1
            guard let observation = seen[path], observation.entry == entry else { continue }
            let readyAt = observation.readyAt(settle: settle, stableFor: stableFor)
            if readyAt <= now, paths.count >= limit { return (paths, nil) }
            if readyAt <= now, isReady(path, at: now) {
                paths.append(path)
            } else if let later = seen[path]?.readyAt(settle: settle, stableFor: stableFor) {
                nextCheck = min(nextCheck ?? later, later)
            }
        }
        return (paths, nextCheck)
    }

    /// Forgets a file (claimed, or gone).
    public mutating func forget(_ path: String) {
        seen[path] = nil
    }

    private mutating func observe(_ path: String, _ observation: Observation) {
        var observation = observation
        entries += 1
        observation.entry = entries
        seen[path] = observation
        order.append((path, entries))
    }

    /// Drops forgotten entries: from the front as claims go, everywhere when they are most.
    private mutating func compact() {
        while front < order.count, seen[order[front].path]?.entry != order[front].entry { front += 1 }
        if front > 64 && front > order.count / 2 {
            order.removeFirst(front)
            front = 0
        }
        if order.count - front > 64 && order.count - front > 2 * seen.count {
            order = order[front...].filter { seen[$0.path]?.entry == $0.entry }
            front = 0
        }
    }

    static func stat(_ path: String) -> (Int64, Int64)? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
