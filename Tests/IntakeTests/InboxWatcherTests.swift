import Foundation
import Glibc
import Intake
import TestSupport
import Testing

/// The watcher's descriptors stay in this process: a worker spawned by another thread must not
/// inherit them (it would hold the daemon's wake pipe open).
@Suite struct InboxWatcherTests {
    @Test("the wake pipe is close-on-exec and non-blocking")
    func wakePipeFlags() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let watcher = try InboxWatcher(inbox: folder.path)
            #expect(fcntl(watcher.wakeWrite, F_GETFD) & FD_CLOEXEC != 0)
            #expect(fcntl(watcher.wakeWrite, F_GETFL) & O_NONBLOCK != 0)
        }
    }
}
