import CVModel
import Foundation
import Glibc

/// The worker side: `cvsieve worker` reads requests on stdin and answers on stdout until stdin
/// closes. It lives as long as its parent wants it, so poppler's and libxml2's start-up cost is
/// paid once, not per file.
public enum WorkerServer {
    /// Runs the request loop. Before the first request it limits its own address space
    /// (`setrlimit(RLIMIT_AS)`) and points stderr at /dev/null: the C libraries print messages
    /// that can quote a file's contents.
    public static func serve(memoryLimitMiB: Int) -> Int32 {
        var limit = rlimit(rlim_cur: rlim_t(memoryLimitMiB) << 20, rlim_max: rlim_t(memoryLimitMiB) << 20)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        let devNull = open("/dev/null", O_WRONLY)
        if devNull >= 0 {
            dup2(devNull, STDERR_FILENO)
            close(devNull)
        }
        let testHooks = ProcessInfo.processInfo.environment["CVSIEVE_TEST_HOOKS"] == "1"
        let decoder = JSONDecoder()
        while let frame = WorkerFraming.readFrame(from: STDIN_FILENO) {
            let response: WorkerResponse
            do {
                let request = try decoder.decode(WorkerRequest.self, from: Data(frame))
                if testHooks, let hook = request.testHook { runTestHook(hook) }
                response = answer(request)
            } catch {
                return 2
            }
            guard let bytes = try? WorkerFraming.encode(response),
                WorkerFraming.writeAll(bytes, to: STDOUT_FILENO)
            else { return 1 }
        }
        return 0
    }

    /// Extracts the file. The document goes back unnamed: the parent names it.
    private static func answer(_ request: WorkerRequest) -> WorkerResponse {
        do {
            let bytes = try Extractor.read(path: request.path, limit: request.limits.maxFileBytes)
            let document = try Extractor(limits: request.limits).extract(bytes: bytes, fileName: "")
            return WorkerResponse(document: document, error: nil)
        } catch {
            return WorkerResponse(document: nil, error: error)
        }
    }

    private static func runTestHook(_ hook: String) {
        switch hook {
        case "crash":
            // The Swift runtime's backtracer handles SIGSEGV; restore the default so the process dies as a real crash would.
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        case "hang":
            while true { sleep(60) }
        case "allocate":
            var blocks: [UnsafeMutableRawPointer] = []
            while let block = malloc(64 << 20) {
                memset(block, 1, 64 << 20)
                blocks.append(block)
            }
            // malloc returned NULL: the rlimit held. Crash as an allocator failure would.
            abort()
        default:
            break
        }
    }
}
