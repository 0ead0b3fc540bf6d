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
    /// ``limits`` as JSON, encoded once for every request (``WorkerRequest/json(limitsJSON:)``).
    private lazy var limitsJSON: [UInt8] = (try? [UInt8](JSONEncoder().encode(limits))) ?? []

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
        let request = WorkerRequest(path: path, limits: limits, testHook: testHook, binaryAnswer: true)
        var document = try extractDocument(request, nil)
        document.fileName = path.split(separator: "/").last.map(String.init) ?? path
        document.sha256 = sha256
        document.byteCount = byteCount
        return document
    }

    /// Extracts a file held in memory (a kept original opened from the vault): its bytes go to
    /// the worker through the request pipe, never through a file. `fileName` only names the document.
    public func extract(bytes: [UInt8], fileName: String, testHook: WorkerTestHook? = nil) throws(ExtractionError)
        -> Document
    {
        guard !bytes.isEmpty else { throw .emptyFile }
        guard bytes.count <= limits.maxFileBytes else {
            throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
        }
        let request = WorkerRequest(
            path: "", limits: limits, testHook: testHook, attachedBytes: bytes.count, binaryAnswer: true)
        var document = try extractDocument(request, bytes)
        document.fileName = fileName
        document.sha256 = Extractor.sha256Hex(bytes)
        document.byteCount = bytes.count
        return document
    }

    private func extractDocument(_ request: WorkerRequest, _ attachment: [UInt8]?) throws(ExtractionError)
        -> Document
    {
        let (response, _) = try exchange(
            request, attachment: attachment, answerLimit: WorkerFraming.maxAnswerBytes(for: limits))
        guard response.page == nil else {
            // A page image is not what was asked for, and its PNG would follow on the pipe.
            _ = reap(force: true)
            throw .workerAnswerRejected(.undecodable)
        }
        guard let document = response.document else { throw response.error ?? .workerAnswerRejected(.undecodable) }
        do throws(ExtractionError) {
            try checkAnswer(document)
        } catch {
            // An honest worker checks the same limits before it answers: this one is not to be trusted.
            _ = reap(force: true)
            throw error
        }
        return document
    }

    /// Sends `request` (and `attachment`, as the frame after it), and reads the response, all
    /// before the time limit. Returns the response and the deadline, for a frame that follows it.
    func exchange(_ request: WorkerRequest, attachment: [UInt8]?, answerLimit: Int) throws(ExtractionError)
        -> (WorkerResponse, deadline: Double)
    {
        guard let payload = try? request.json(limitsJSON: limitsJSON), payload.count <= WorkerFraming.maxRequestBytes
        else {
            throw .workerUnavailable(.requestNotEncodable)
        }
        let frame = WorkerFraming.framed(payload)
        let deadline = Self.now() + limits.timeoutSeconds
        // A worker that died between files shows up as a failed write: start a new one once.
        var sent = false
        for _ in 0..<2 where !sent {
            let worker = try running()
            switch send(frame, to: worker, before: deadline) {
            case .sent: sent = true
            case .closed: _ = reap(force: true)
            case .timedOut:
                _ = reap(force: true)
                throw .timeLimit(seconds: limits.timeoutSeconds)
            }
        }
        guard sent, let worker = child else { throw .workerUnavailable(.exitsAtOnce) }
        if let attachment {
            var outcome = send(WorkerFraming.header(length: attachment.count), to: worker, before: deadline)
            if outcome == .sent { outcome = send(attachment, to: worker, before: deadline) }
            switch outcome {
            case .sent: break
            case .closed: throw .workerCrashed(signal: reap(force: false))
            case .timedOut:
                _ = reap(force: true)
                throw .timeLimit(seconds: limits.timeoutSeconds)
            }
        }
        let bytes = try awaitFrame(from: worker, limit: answerLimit, before: deadline)
        guard let response = WorkerResponse.decode(bytes, limits: limits) else {
            _ = reap(force: true)
            throw .workerAnswerRejected(.undecodable)
        }
        sandbox = response.sandbox
        return (response, deadline)
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
        guard Self.isPlausible(document) else { throw .workerAnswerRejected(.implausibleValues) }
    }

    /// What an honest extractor gives: finite sizes, positions and confidences (NaN and the
    /// infinities never come out of poppler, Word's XML or Tesseract as this code reads them), and
    /// no more layout lines than the text has lines.
    static func isPlausible(_ document: Document) -> Bool {
        let isFinite = { (value: Double?) in value?.isFinite ?? true }
        for block in document.blocks {
            guard isFinite(block.confidence) else { return false }
            guard let layout = block.layout else { continue }
            guard layout.count <= TextBlock.lineCount(of: block.text) else { return false }
            for line in layout {
                guard isFinite(line.size), isFinite(line.x), isFinite(line.y), isFinite(line.gapAbove) else {
                    return false
                }
            }
        }
        return true
    }

    // MARK: - Reading the answer

    private static let ignoreSigpipe: Void = { signal(SIGPIPE, SIG_IGN) }()

    private enum Outcome {
        case frame([UInt8])
        case oversized
        case timedOut
        case closed
    }

    /// The next frame from the worker, up to `limit` bytes, before `deadline`; the worker is
    /// ended, and the reason thrown, when none comes.
    func awaitFrame(from worker: Child, limit: Int, before deadline: Double) throws(ExtractionError) -> [UInt8] {
        switch readFrame(from: worker, limit: limit, before: deadline) {
        case .frame(let bytes):
            return bytes
        case .oversized:
            _ = reap(force: true)
            throw .workerAnswerRejected(.oversized)
        case .timedOut:
            _ = reap(force: true)
            throw .timeLimit(seconds: limits.timeoutSeconds)
        case .closed:
            throw .workerCrashed(signal: reap(force: false))
        }
    }

    /// Waits for a whole frame, up to the deadline, with `poll` between reads. A frame whose
    /// header announces more than `limit` bytes is refused before its body is read.
    private func readFrame(from worker: Child, limit: Int, before deadline: Double) -> Outcome {
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
            // Never read past the end of the frame expected (or past its header, before that is
            // known): what follows is the next frame.
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

    enum SendOutcome {
        case sent
        /// The worker's end is closed (EPIPE): it has exited.
        case closed
        case timedOut
    }

    /// Writes all of `bytes` to the worker's stdin before `deadline`. The pipe is non-blocking on
    /// this side (``running()``), so a worker that stops reading costs the time limit, not a hang.
    func send(_ bytes: [UInt8], to worker: Child, before deadline: Double) -> SendOutcome {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                write(worker.requestPipe, $0.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN:
                let remaining = deadline - Self.now()
                guard remaining > 0 else { return .timedOut }
                var descriptor = pollfd(fd: worker.requestPipe, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            default:
                return .closed
            }
        }
        return .sent
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { TesseractEngine.now() }
}

@available(*, unavailable)
extension WorkerProcess: Sendable {}
