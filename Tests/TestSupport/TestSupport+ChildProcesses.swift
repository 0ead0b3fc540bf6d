public import Foundation
import Glibc

/// The result of running a child process to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A child process that did not finish within its time limit. By the time this is thrown its
/// process group has had SIGTERM and then SIGKILL, so nothing it started is left running.
public struct ChildProcessTimeout: Error, CustomStringConvertible {
    /// The program and its subcommand (``ChildProcess/label``).
    public var command: String
    public var timeout: Duration
    /// The child's process id, which is also its process group id.
    public var processIdentifier: Int32
    /// Whether the child was still running after SIGTERM and its grace period.
    public var neededSIGKILL: Bool
    /// What the child wrote before it was ended (empty for background processes).
    public var stdout: String
    public var stderr: String

    public var description: String {
        "\(command) did not finish within \(timeout); its process group was sent SIGTERM, then SIGKILL"
            + (neededSIGKILL ? " (it ignored SIGTERM)" : "")
    }
}

extension TestSupport {
    /// How long a child process may run before a test gives up on it: generous, so that only a
    /// hang trips it on a loaded two-core machine, and short enough that CI does not hang with it.
    public static let childProcessTimeout: Duration = .seconds(120)

    /// How long a child that timed out gets between SIGTERM and SIGKILL.
    public static let terminationGrace: Duration = .seconds(5)

    /// Runs `executable` with `arguments`, in `directory`, and collects its output.
    ///
    /// When the child has not finished after `timeout` (exited, and its output closed), its
    /// process group (the child and whatever it started, such as extraction workers) gets
    /// SIGTERM, then SIGKILL after `grace`, and ``ChildProcessTimeout`` is thrown: the test fails
    /// with a message naming the command instead of hanging CI.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        timeout: Duration = childProcessTimeout, grace: Duration = terminationGrace
    ) throws -> ProcessResult {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard cloexecPipe(&outPipe) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard cloexecPipe(&errPipe) else {
            for descriptor in outPipe { close(descriptor) }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable, arguments, in: directory, environment: environment, output: outPipe[1], error: errPipe[1])
        } catch {
            for descriptor in outPipe + errPipe { close(descriptor) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        // Read both pipes while waiting, so a large output cannot block the child.
        let stdout = PipeCollector(outPipe[0])
        let stderr = PipeCollector(errPipe[0])
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        // Finished means exited with its output closed: a process it started may still hold the output.
        let hasFinished =
            child.waitForExit(within: timeout)
            && stdout.waitForEnd(within: deadline - clock.now) && stderr.waitForEnd(within: deadline - clock.now)
        guard hasFinished else {
            let neededSIGKILL = end(child, grace: grace)
            _ = stdout.waitForEnd(within: grace)
            _ = stderr.waitForEnd(within: grace)
            throw ChildProcessTimeout(
                command: child.label, timeout: timeout, processIdentifier: child.processIdentifier,
                neededSIGKILL: neededSIGKILL, stdout: stdout.text, stderr: stderr.text)
        }
        let status = child.exitStatus ?? 128 + (child.terminatingSignal ?? 0)
        return ProcessResult(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    /// Runs the built `cvsieve` with `arguments`, with the default time limit.
    public static func cvsieve(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try run(cvsieveBinary, arguments, in: directory)
    }

    /// Starts `executable` in the background (a daemon under test), its stdout and stderr going to
    /// the file `log` (created or emptied), or discarded. Stop it with a signal and
    /// ``waitForExit(_:timeout:grace:)``, and call ``endNow(_:)`` in a `defer`, so that no child
    /// outlives a test that fails midway.
    public static func start(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        log: URL? = nil
    ) throws -> ChildProcess {
        guard let log else {
            return try ChildProcess(
                executable, arguments, in: directory, environment: environment, output: nil, error: nil)
        }
        let descriptor = open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        return try ChildProcess(
            executable, arguments, in: directory, environment: environment, output: descriptor, error: descriptor)
    }

    /// Waits until `child` exits. After `timeout`, its process group gets SIGTERM, then SIGKILL
    /// after `grace`, and ``ChildProcessTimeout`` is thrown.
    public static func waitForExit(
        _ child: ChildProcess, timeout: Duration = childProcessTimeout, grace: Duration = terminationGrace
    ) throws {
        guard child.waitForExit(within: timeout) else {
            throw ChildProcessTimeout(
                command: child.label, timeout: timeout, processIdentifier: child.processIdentifier,
                neededSIGKILL: end(child, grace: grace), stdout: "", stderr: "")
        }
    }

    /// Ends `child` and its process group at once (SIGKILL) if it still runs, and reaps it.
    public static func endNow(_ child: ChildProcess) {
        guard child.isRunning else { return }
        child.sendToGroup(SIGKILL)
        _ = child.waitForExit(within: .seconds(10))
    }

    /// SIGTERM to the group; SIGKILL to the group once `grace` has passed or the child has
    /// exited (so no straggler survives); whether the child itself outlived SIGTERM.
    private static func end(_ child: ChildProcess, grace: Duration) -> Bool {
        child.sendToGroup(SIGTERM)
        let neededSIGKILL = !child.waitForExit(within: grace)
        child.sendToGroup(SIGKILL)
        _ = child.waitForExit(within: .seconds(10))
        return neededSIGKILL
    }

    /// `pipe` with both ends close-on-exec, so that children spawned by tests running in
    /// parallel do not inherit (and hold open) each other's pipes; `posix_spawn`'s `dup2` clears
    /// the flag on the child's own copy.
    private static func cloexecPipe(_ descriptors: inout [Int32]) -> Bool {
        guard pipe(&descriptors) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }
}

/// Reads a pipe to its end on a thread of its own (a blocking read on a Dispatch queue could
/// starve the two-core pool), then closes it; the text so far can be taken at any time.
private final class PipeCollector: @unchecked Sendable {
    // @unchecked: `data` is touched only under `lock`; `done` is a semaphore.
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ descriptor: Int32) {
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                lock.withLock { data.append(contentsOf: chunk[0..<count]) }
            }
            close(descriptor)
            done.signal()
        }
        thread.start()
    }

    /// Whether the pipe reached its end (every writer gone) within `duration`.
    func waitForEnd(within duration: Duration) -> Bool {
        let seconds = max(0, Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        guard done.wait(timeout: .now() + seconds) == .success else { return false }
        done.signal()
        return true
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
