public import CVModel
import Foundation
import Glibc

/// One long-lived extraction worker: a child process running `cvsieve worker`, reused for many
/// files and started again after it crashes, hangs or runs out of memory.
///
/// The parent never parses a file itself: a hostile file can take down a worker, never the
/// daemon or the batch. A hang past ``ExtractionLimits/timeoutSeconds`` is ended with SIGKILL.
/// Nor does the parent believe the worker: it hashes the file itself, reads an answer only up
/// to what the limits allow, and checks the document against the limits again. The worker
/// starts with an environment built here and only its two pipes and stderr open
/// (`WorkerProcess+Spawn.swift`), then confines itself (``WorkerServer/serve(memoryLimitMiB:)``).
/// Not Sendable: one thread drives one worker; ``WorkerPool`` runs several.
public final class WorkerProcess {
    /// The executable and arguments that start a worker (the cvsieve binary and `worker`).
    public let command: [String]
    public let limits: ExtractionLimits
    /// Whether the worker honours ``WorkerTestHook``s (tests only).
    public let testHooks: Bool
    /// How the worker said it is confined, in its last answer; `nil` before the first.
    public private(set) var sandbox: WorkerSandbox?
    var child: Child?

    struct Child {
        var pid: pid_t
        var requestPipe: Int32
        var responsePipe: Int32
    }

    /// - Parameters:
    ///   - command: the worker's executable and its arguments; by default this very binary
    ///     (`/proc/self/exe`) with `worker`.
    ///   - limits: the limits sent with every request, and the ones this side enforces.
    ///   - testHooks: start workers that honour ``WorkerTestHook``s. Tests only: it is the one
    ///     way to switch them on, since a worker inherits nothing from this process's environment.
    public init(command: [String]? = nil, limits: ExtractionLimits = .default, testHooks: Bool = false) {
        self.command = command ?? ["/proc/self/exe", "worker", "--memory-limit-mib", String(limits.workerMemoryMiB)]
        self.limits = limits
        self.testHooks = testHooks
        Self.ignoreSigpipe
    }

    deinit { stop() }

    /// The running worker's process id, if one is running (tests use it to kill the worker).
    public var pid: Int32? { child?.pid }

    /// Extracts `path` in the worker. The document is named by the path's last component; a
    /// caller that knows the file by another name (a claimed file) sets ``CVModel/Document/fileName``.
    public func extract(path: String, testHook: WorkerTestHook? = nil) throws(ExtractionError) -> Document {
        // The content identity comes from this side, read before the worker sees the file.
        let (sha256, byteCount) = try InputFile.digest(path: path, limit: limits.maxFileBytes)
        guard byteCount > 0 else { throw .emptyFile }
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
        let response: WorkerResponse
        switch awaitResponse(from: worker) {
        case .frame(let bytes):
            guard let decoded = try? JSONDecoder().decode(WorkerResponse.self, from: Data(bytes)) else {
                _ = reap(force: true)
                throw .workerAnswerRejected(.undecodable)
            }
            response = decoded
        case .oversized:
            _ = reap(force: true)
            throw .workerAnswerRejected(.oversized)
        case .timedOut:
            _ = reap(force: true)
            throw .timeLimit(seconds: limits.timeoutSeconds)
        case .closed:
            let signal = reap(force: false)
            throw .workerCrashed(signal: signal)
        }
        sandbox = response.sandbox
        guard var document = response.document else {
            throw response.error ?? .workerAnswerRejected(.undecodable)
        }
        do throws(ExtractionError) {
            try checkAnswer(document)
        } catch {
            // An honest worker checks the same limits before it answers: this one is not to be trusted.
            _ = reap(force: true)
            throw error
        }
        document.fileName = path.split(separator: "/").last.map(String.init) ?? path
        document.sha256 = sha256
        document.byteCount = byteCount
        return document
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

    /// The limits, checked again on the document the worker sent.
    private func checkAnswer(_ document: Document) throws(ExtractionError) {
        guard document.images.count <= ExtractionLimits.maxImages,
            document.attachments.count <= ExtractionLimits.maxAttachments
        else { throw .workerAnswerRejected(.tooManyItems) }
        try limits.check(document)
    }

    // MARK: - Reading the answer

    private static let ignoreSigpipe: Void = { signal(SIGPIPE, SIG_IGN) }()

    private enum Outcome {
        case frame([UInt8])
        case oversized
        case timedOut
        case closed
    }

    /// Waits for a whole response frame, up to the time limit, with `poll` between reads. A
    /// frame whose header announces more than ``WorkerFraming/maxAnswerBytes(for:)`` is refused
    /// before its body is read.
    private func awaitResponse(from worker: Child) -> Outcome {
        let deadline = Self.now() + limits.timeoutSeconds
        let limit = WorkerFraming.maxAnswerBytes(for: limits)
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
            // Never read past the end of the frame expected (or past its header, before that is known).
            let wanted = min(chunk.count, (expected.map { $0 + 4 } ?? 4) - buffer.count)
            let got = chunk.withUnsafeMutableBytes { read(worker.responsePipe, $0.baseAddress, wanted) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return .closed }
            buffer.append(contentsOf: chunk[0..<got])
            if expected == nil, buffer.count >= 4 {
                let length = WorkerFraming.length(ofHeader: buffer)
                guard length <= limit else { return .oversized }
                expected = length
            }
            if let expected, buffer.count >= expected + 4 { return .frame(Array(buffer[4..<(expected + 4)])) }
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

@available(*, unavailable)
extension WorkerProcess: Sendable {}
