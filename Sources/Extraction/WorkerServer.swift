import CSandbox
import CVModel
import Dispatch
import Foundation
import Glibc

/// The worker side: `cvsieve worker` reads requests on stdin and answers on stdout until stdin
/// closes. It lives as long as its parent wants it, so poppler's and libxml2's start-up cost is
/// paid once, not per file.
public enum WorkerServer {
    /// Runs the request loop. Before the first request it limits its own address space
    /// (`setrlimit(RLIMIT_AS)`), points stderr at /dev/null (the C libraries print messages that
    /// can quote a file's contents), and confines itself (``enterSandbox()``): a parser taken
    /// over by a hostile file can then read files, but not reach the network, start a program
    /// or trace another process.
    public static func serve(memoryLimitMiB: Int) -> Int32 {
        var limit = rlimit(rlim_cur: rlim_t(memoryLimitMiB) << 20, rlim_max: rlim_t(memoryLimitMiB) << 20)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        if devNull >= 0 {
            dup2(devNull, STDERR_FILENO)
            close(devNull)
        }
        // Read before the sandbox, from the environment the parent built (never inherited).
        let testHooks = ProcessInfo.processInfo.environment["CVSIEVE_TEST_HOOKS"] == "1"
        let sandbox = enterSandbox()
        let decoder = JSONDecoder()
        while let frame = WorkerFraming.readFrame(from: STDIN_FILENO, limit: WorkerFraming.maxRequestBytes) {
            var response: WorkerResponse
            var png: [UInt8]?
            var binaryAnswer = false
            do {
                let request = try decoder.decode(WorkerRequest.self, from: Data(frame))
                binaryAnswer = request.binaryAnswer == true
                var attached: [UInt8]?
                if let count = request.attachedBytes {
                    // A frame of another length means the two sides no longer agree on the stream.
                    guard count <= request.limits.maxFileBytes,
                        let bytes = WorkerFraming.readFrame(from: STDIN_FILENO, limit: count), bytes.count == count
                    else { return 2 }
                    attached = bytes
                }
                var probe: WorkerSandbox.Probe?
                if testHooks, let hook = request.testHook { probe = runTestHook(hook) }
                if let job = request.render {
                    (response, png) = render(job, request: request, attached: attached, sandbox: sandbox)
                } else {
                    response = answer(request, attached: attached, sandbox: sandbox)
                }
                response.sandbox.probe = probe
            } catch {
                return 2
            }
            guard let payload = try? response.encoded(binary: binaryAnswer),
                WorkerFraming.writeAll(WorkerFraming.framed(payload), to: STDOUT_FILENO)
            else { return 1 }
            if let png {
                guard WorkerFraming.writeAll(WorkerFraming.header(length: png.count), to: STDOUT_FILENO),
                    WorkerFraming.writeAll(png, to: STDOUT_FILENO)
                else { return 1 }
            }
        }
        return 0
    }

    /// `no_new_privs`, then the seccomp filter (see `CSandbox.h` for what it refuses and why it
    /// fails calls rather than killing the process).
    static func enterSandbox() -> WorkerSandbox {
        let hasNoNewPrivileges = cvsieve_set_no_new_privs() == 0
        let result = cvsieve_install_syscall_filter()
        let filter: WorkerSandbox.Filter =
            if result == CVSIEVE_FILTER_INSTALLED {
                .installed
            } else if result == CVSIEVE_FILTER_UNSUPPORTED_ARCHITECTURE {
                .unsupportedArchitecture
            } else {
                .refused(errno: errno)
            }
        return WorkerSandbox(hasNoNewPrivileges: hasNoNewPrivileges, filter: filter)
    }

    /// Extracts the file. The document goes back unnamed: the parent names it, hashes the file
    /// itself and checks the limits again.
    private static func answer(_ request: WorkerRequest, attached: [UInt8]?, sandbox: WorkerSandbox)
        -> WorkerResponse
    {
        do {
            let bytes = try file(of: request, attached: attached)
            let document = try Extractor(limits: request.limits).extract(bytes: bytes, fileName: "", hashing: false)
            return WorkerResponse(document: document, error: nil, sandbox: sandbox)
        } catch {
            return WorkerResponse(document: nil, error: error, sandbox: sandbox)
        }
    }

    /// Draws the page; its PNG goes back in a frame of its own after the response.
    private static func render(_ job: RenderJob, request: WorkerRequest, attached: [UInt8]?, sandbox: WorkerSandbox)
        -> (WorkerResponse, [UInt8]?)
    {
        do {
            let bytes = try file(of: request, attached: attached)
            if let copyJob = job.identityCopy {
                let copy = try IdentityCopyRenderer(limits: request.limits).render(
                    bytes: bytes, pages: copyJob.pages, marks: job.marks, blackOutPictures: copyJob.blackOutPictures)
                let page = RenderedPage(
                    page: job.page, pageCount: copyJob.pages.count, width: copy.width, height: copy.height,
                    pngBytes: copy.png.count, boxCounts: copy.counts + [copy.pictures])
                return (WorkerResponse(document: nil, error: nil, sandbox: sandbox, page: page), copy.png)
            }
            let image = try PageRenderer(limits: request.limits).render(
                bytes: bytes, page: job.page, scale: job.scale, marks: job.marks)
            let page = RenderedPage(
                page: image.page, pageCount: image.pageCount, width: image.width, height: image.height,
                pngBytes: image.png.count, boxCounts: image.boxCounts)
            return (WorkerResponse(document: nil, error: nil, sandbox: sandbox, page: page), image.png)
        } catch {
            return (WorkerResponse(document: nil, error: error, sandbox: sandbox), nil)
        }
    }

    /// The bytes that came with the request, or else the file at its path.
    private static func file(of request: WorkerRequest, attached: [UInt8]?) throws(ExtractionError) -> [UInt8] {
        if let attached { return attached }
        return try InputFile.read(path: request.path, limit: request.limits.maxFileBytes)
    }

    private static func runTestHook(_ hook: WorkerTestHook) -> WorkerSandbox.Probe? {
        switch hook {
        case .crash:
            // The Swift runtime's backtracer handles SIGSEGV; restore the default so the process dies as a real crash would.
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
            return nil
        case .hang:
            while true { sleep(60) }
        case .allocate:
            var blocks: [UnsafeMutableRawPointer] = []
            while let block = malloc(64 << 20) {
                memset(block, 1, 64 << 20)
                blocks.append(block)
            }
            // malloc returned NULL: the rlimit held. Crash as an allocator failure would.
            abort()
        case .probeSandbox:
            return probeSandbox()
        }
    }

    /// Tries what the filter refuses, and one thing it must allow (a thread).
    private static func probeSandbox() -> WorkerSandbox.Probe {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let socketErrno = socketDescriptor < 0 ? errno : 0
        if socketDescriptor >= 0 { close(socketDescriptor) }

        let child = fork()
        let forkErrno = child < 0 ? errno : 0
        if child == 0 { _exit(0) }
        if child > 0 { waitpid(child, nil, 0) }

        var spawned: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { for argument in arguments { free(argument) } }
        let spawnErrno = posix_spawn(&spawned, "/bin/true", nil, nil, arguments, nil)
        if spawnErrno == 0 { waitpid(spawned, nil, 0) }

        let ran = DispatchSemaphore(value: 0)
        let thread = Thread { ran.signal() }
        thread.start()
        let threadRan = ran.wait(timeout: .now() + 10) == .success

        return WorkerSandbox.Probe(
            socketErrno: socketErrno, forkErrno: forkErrno, spawnErrno: spawnErrno, threadRan: threadRan)
    }
}
