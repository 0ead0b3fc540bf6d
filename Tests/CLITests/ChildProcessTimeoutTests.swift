import Foundation
import Glibc
import TestSupport
import Testing

/// Every child process a test starts has a time limit (`TestSupport.run`, `waitForExit`): a hung
/// child fails its test with a message instead of hanging CI, and leaves nothing running.
@Suite struct ChildProcessTimeoutTests {
    /// Whether process `pid` is gone (or a zombie waiting for its new parent to reap it).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state is the field after the parenthesised command name.
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Whether `pid` is gone within `seconds`: SIGKILL is delivered asynchronously, and a loaded
    /// machine may take a moment to end the process.
    static func isGone(_ pid: Int32, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !isGone(pid) {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    @Test("a child that ignores SIGTERM is killed with its whole process group when its time is up")
    func hungChildIsKilled() throws {
        // The shell and the `sleep` it starts both ignore SIGTERM; only SIGKILL to the group ends them.
        let script = "trap '' TERM; sleep 60 & echo $!; wait"
        let error = try #require(throws: ChildProcessTimeout.self) {
            try TestSupport.run("/bin/sh", ["-c", script], timeout: .seconds(1), grace: .seconds(1))
        }
        #expect(error.neededSIGKILL)
        #expect(error.description.contains("`sh` did not finish within 1"))
        #expect(Self.isGone(error.processIdentifier))
        let grandchild = try #require(Int32(error.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGone(grandchild, within: 5), "the child's own child outlived the timeout")
    }

    @Test("a child that exits on SIGTERM after its time is up still fails the test")
    func slowChildFails() throws {
        let error = try #require(throws: ChildProcessTimeout.self) {
            try TestSupport.run("/bin/sleep", ["60"], timeout: .seconds(1), grace: .seconds(5))
        }
        #expect(!error.neededSIGKILL)
        #expect(Self.isGone(error.processIdentifier))
    }

    @Test("a background process is ended by waitForExit when it does not stop in time")
    func backgroundProcess() throws {
        let process = try TestSupport.start("/bin/sleep", ["60"])
        defer { TestSupport.endNow(process) }
        #expect(throws: ChildProcessTimeout.self) { try TestSupport.waitForExit(process, timeout: .milliseconds(200)) }
        #expect(!process.isRunning)
        #expect(process.terminatingSignal == SIGTERM)
    }

    @Test("a child that finishes in time gives its status and output")
    func finishesInTime() throws {
        let result = try TestSupport.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: .seconds(30))
        #expect(result.status == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
    }
}
