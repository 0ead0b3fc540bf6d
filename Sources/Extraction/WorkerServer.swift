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

    private static func answer(_ request: WorkerRequest) -> WorkerResponse {
        do {
            let extractor = Extractor(limits: request.limits)
            var document = try extractor.extract(path: request.path)
            document.fileName = request.displayName
            return WorkerResponse(document: document, error: nil)
        } catch {
            return WorkerResponse(document: nil, error: error.renamed(to: request.displayName))
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

extension ExtractionError {
    /// The same error about another file name (the worker reads a claimed path, reports the dropped name).
    func renamed(to file: String) -> ExtractionError {
        switch self {
        case .emptyFile: .emptyFile(file: file)
        case .unreadable(_, let errno): .unreadable(file: file, errno: errno)
        case .unsupportedFormat(_, let looksLike): .unsupportedFormat(file: file, looksLike: looksLike)
        case .fileTooLarge(_, let bytes, let limit): .fileTooLarge(file: file, bytes: bytes, limit: limit)
        case .tooManyPages(_, let pages, let limit): .tooManyPages(file: file, pages: pages, limit: limit)
        case .tooMuchText(_, let characters, let limit): .tooMuchText(file: file, characters: characters, limit: limit)
        case .encrypted: .encrypted(file: file)
        case .corruptPDF(_, let reason): .corruptPDF(file: file, reason: reason)
        case .noTextLayer(_, let pages): .noTextLayer(file: file, pages: pages)
        case .zipBomb(_, let part, let reason): .zipBomb(file: file, part: part, reason: reason)
        case .xmlDoctype(_, let part): .xmlDoctype(file: file, part: part)
        case .corruptDOCX(_, let reason): .corruptDOCX(file: file, reason: reason)
        case .timeLimit(_, let seconds): .timeLimit(file: file, seconds: seconds)
        case .workerCrashed(_, let signal): .workerCrashed(file: file, signal: signal)
        case .workerUnavailable(_, let reason): .workerUnavailable(file: file, reason: reason)
        }
    }
}
