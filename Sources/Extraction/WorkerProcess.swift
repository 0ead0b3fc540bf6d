public import CVModel
import Foundation
import Glibc

/// One long-lived extraction worker: a child process running `cvsieve worker`, reused for many
/// files and started again after it crashes, hangs or runs out of memory.
///
/// The parent never parses a file itself: a hostile file can take down a worker, never the
/// daemon or the batch. A hang past ``ExtractionLimits/timeoutSeconds`` is ended with SIGKILL.
/// Not Sendable: one thread drives one worker; ``WorkerPool`` runs several.
public final class WorkerProcess {
    /// The executable and arguments that start a worker (the cvsieve binary and `worker`).
    public let command: [String]
    public let limits: ExtractionLimits
    private var child: Child?

    private struct Child {
        var pid: pid_t
        var requestPipe: Int32
        var responsePipe: Int32
    }

    /// - Parameters:
    ///   - command: the worker's executable and its arguments; by default this very binary
    ///     (`/proc/self/exe`) with `worker`.
    ///   - limits: the limits sent with every request, and the time limit this side enforces.
    public init(command: [String]? = nil, limits: ExtractionLimits = .default) {
        self.command = command ?? ["/proc/self/exe", "worker", "--memory-limit-mib", String(limits.workerMemoryMiB)]
        self.limits = limits
        Self.ignoreSigpipe
    }

    deinit { stop() }

    /// The running worker's process id, if one is running (tests use it to kill the worker).
    public var pid: Int32? { child?.pid }

    /// Extracts `path` in the worker. The document is named by the path's last component; a
    /// caller that knows the file by another name (a claimed file) sets ``CVModel/Document/fileName``.
    public func extract(path: String, testHook: String? = nil) throws(ExtractionError) -> Document {
        let request = WorkerRequest(path: path, limits: limits, testHook: testHook)
        guard let frame = try? WorkerFraming.encode(request) else { throw .workerUnavailable(.requestNotEncodable) }
        // A worker that died between files shows up as a failed write: start a new one once.
        var sent = false
        for _ in 0..<2 where !sent {
            let worker = try running()
            sent = WorkerFraming.writeAll(frame, to: worker.requestPipe)
            if !sent { _ = reap(force: true) }
        }
        guard sent, let worker = child else { throw .workerUnavailable(.exitsAtOnce) }
        switch awaitResponse(from: worker) {
        case .frame(let bytes):
            guard let response = try? JSONDecoder().decode(WorkerResponse.self, from: Data(bytes)) else {
                _ = reap(force: true)
                throw .workerCrashed(signal: 0)
            }
            guard var document = response.document else { throw response.error ?? .workerCrashed(signal: 0) }
            document.fileName = path.split(separator: "/").last.map(String.init) ?? path
            return document
        case .timedOut:
            _ = reap(force: true)
            throw .timeLimit(seconds: limits.timeoutSeconds)
        case .closed:
            let signal = reap(force: false)
            throw .workerCrashed(signal: signal)
        }
    }

    /// Closes the worker's stdin (it exits by itself) and waits for it, killing it after 2 s.
    public func stop() {
        guard let worker = child else { return }
        close(worker.requestPipe)
        var status: Int32 = 0
        for _ in 0..<200 {
            if waitpid(worker.pid, &status, WNOHANG) != 0 {
                close(worker.responsePipe)
                child = nil
                return
            }
            usleep(10_000)
        }
        _ = reap(force: true)
    }

    // MARK: - Process management

    private static let ignoreSigpipe: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func running() throws(ExtractionError) -> Child {
        if let child { return child }
        var requestPipe: [Int32] = [0, 0]
        var responsePipe: [Int32] = [0, 0]
        guard Self.cloexecPipe(&requestPipe) else { throw .workerUnavailable(.pipe(errno: errno)) }
        guard Self.cloexecPipe(&responsePipe) else {
            let error = errno
            close(requestPipe[0])
            close(requestPipe[1])
            throw .workerUnavailable(.pipe(errno: error))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, requestPipe[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, responsePipe[1], STDOUT_FILENO)
        var pid: pid_t = 0
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let status = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        close(requestPipe[0])
        close(responsePipe[1])
        guard status == 0 else {
            close(requestPipe[1])
            close(responsePipe[0])
            throw .workerUnavailable(.spawn(errno: status))
        }
        let started = Child(pid: pid, requestPipe: requestPipe[1], responsePipe: responsePipe[0])
        child = started
        return started
    }

    /// `pipe` with both ends close-on-exec, so that a second worker does not inherit the first's
    /// pipes (Glibc's `pipe2` is not visible to Swift without `_GNU_SOURCE`).
    private static func cloexecPipe(_ descriptors: inout [Int32]) -> Bool {
        guard pipe(&descriptors) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private enum Outcome {
        case frame([UInt8])
        case timedOut
        case closed
    }

    /// Waits for a whole response frame, up to the time limit, with `poll` between reads.
    private func awaitResponse(from worker: Child) -> Outcome {
        let deadline = Self.now() + limits.timeoutSeconds
        var buffer: [UInt8] = []
        var expected: Int?
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let remaining = deadline - Self.now()
            guard remaining > 0 else { return .timedOut }
            var descriptor = pollfd(fd: worker.responsePipe, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let got = chunk.withUnsafeMutableBytes { read(worker.responsePipe, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return .closed }
            buffer.append(contentsOf: chunk[0..<got])
            if expected == nil, buffer.count >= 4 {
                let length = buffer[0..<4].reduce(0) { $0 << 8 | Int($1) }
                guard length <= WorkerFraming.maxFrameBytes else { return .closed }
                expected = length
            }
            if let expected, buffer.count >= expected + 4 { return .frame(Array(buffer[4..<(expected + 4)])) }
        }
    }

    /// Ends the worker (SIGKILL when `force`), collects it, and returns the signal that ended
    /// it (0 when it exited normally).
    private func reap(force: Bool) -> Int32 {
        guard let worker = child else { return 0 }
        child = nil
        if force { kill(worker.pid, SIGKILL) }
        close(worker.requestPipe)
        close(worker.responsePipe)
        var status: Int32 = 0
        while waitpid(worker.pid, &status, 0) < 0 && errno == EINTR {}
        let termination = status & 0x7F
        return termination != 0 && termination != 0x7F ? termination : 0
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

@available(*, unavailable)
extension WorkerProcess: Sendable {}
