import CSandbox
import Glibc

/// What the watcher saw.
public enum WatchEvent: Sendable, Equatable {
    /// A file was closed after writing, or moved into the inbox: ready once it settles.
    case fileReady(path: String)
    /// A new channel folder appeared (it is watched from now on).
    case folderCreated(path: String)
    /// The kernel's event queue overflowed: events were lost, rescan.
    case overflow
}

/// inotify on the inbox and its channel folders (`IN_CLOSE_WRITE`, `IN_MOVED_TO`, `IN_CREATE`),
/// with a self-pipe so another thread (a signal handler) can wake a waiting `poll`.
///
/// Calls `inotify_init1`, `inotify_add_watch` and `poll` (man 7 inotify). Non-Sendable: one
/// thread owns it; only ``wake()`` may be called from another thread (it writes one byte to a pipe).
public final class InboxWatcher {
    private let descriptor: Int32
    private let wakeRead: Int32
    /// The write end of the wake pipe, shared with whoever needs to wake the watcher.
    public let wakeWrite: Int32
    private var folders: [Int32: String] = [:]
    public let inbox: String

    /// inotify is unavailable (an old kernel, a file system without it, the watch limit reached).
    public struct Unavailable: Error, CustomStringConvertible {
        public var errno: Int32
        public var description: String { "inotify is unavailable (errno \(errno)); the daemon falls back to rescans" }
    }

    public init(inbox: String) throws {
        self.inbox = inbox
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Unavailable(errno: errno) }
        var pipeEnds: [Int32] = [0, 0]
        // Close-on-exec from the start (`pipe2`), so an extraction worker spawned by another
        // thread never inherits the wake pipe.
        guard cvsieve_pipe2(&pipeEnds, O_CLOEXEC | O_NONBLOCK) == 0 else {
            close(descriptor)
            throw Unavailable(errno: errno)
        }
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        watch(inbox)
        for channel in Inbox(inbox: inbox, data: "/nonexistent").channels() {
            watch(NSStringPath(inbox).appending(channel))
        }
    }

    deinit {
        close(descriptor)
        close(wakeRead)
        close(wakeWrite)
    }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)

    /// Watches a folder (the inbox or a channel). A folder that cannot be watched is still rescanned.
    @discardableResult
    public func watch(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, Self.mask | UInt32(IN_DONT_FOLLOW))
        guard watch >= 0 else { return false }
        folders[watch] = folder
        return true
    }

    /// Wakes a thread blocked in ``events(timeout:)`` (async-signal-safe: one `write`).
    public static func wake(_ descriptor: Int32) {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
    }

    /// Waits up to `timeout` seconds for events (or a wake-up) and returns them.
    public func events(timeout: Double) -> [WatchEvent] {
        var descriptors = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return [] }
        if descriptors[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wakeRead, &drain, drain.count) > 0 {}
        }
        guard descriptors[0].revents != 0 else { return [] }
        return readEvents()
    }

    private func readEvents() -> [WatchEvent] {
        var result: [WatchEvent] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    result.append(.overflow)
                    continue
                }
                guard let folder = folders[event.wd], !name.isEmpty else { continue }
                let path = NSStringPath(folder).appending(name)
                if event.mask & UInt32(IN_ISDIR) != 0 {
                    // Only channel folders directly in the inbox are watched.
                    if folder == inbox, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        watch(path)
                        result.append(.folderCreated(path: path))
                    }
                } else if event.mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                    result.append(.fileReady(path: path))
                }
            }
        }
        return result
    }
}

@available(*, unavailable)
extension InboxWatcher: Sendable {}

/// Joining paths without Foundation's NSString.
struct NSStringPath {
    let base: String
    init(_ base: String) { self.base = base }
    func appending(_ component: String) -> String { base.hasSuffix("/") ? base + component : base + "/" + component }
}
