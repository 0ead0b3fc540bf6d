import CVModel
import Extraction
import Foundation
import FuzzSupport
import Glibc

// The PDF path as the pipeline runs it: the parent writes the input to a file and hands it to a
// real `WorkerProcess`, whose worker is this very binary started again with `--cvsieve-worker`
// (its `main` serves requests with `WorkerServer.serve` instead of starting libFuzzer). The
// worker is built with the same sanitizers, and confines itself as `cvsieve worker` does.
//
// A worker that crashes, hangs or answers what an honest worker would not is an
// `ExtractionError` in this process (`worker_crashed`, `time_limit`, `worker_answer_rejected`,
// `worker_unavailable`), never a crash here, so libFuzzer cannot see it. This target keeps such
// an input as a finding instead: `$FUZZ_FINDINGS_DIR/<kind>-<sha256>.pdf` (default
// `var/fuzz/findings/FuzzPDFWorker`), and says so on stderr. `make fuzz` and `make fuzz-smoke`
// count that folder. The worker's stderr is /dev/null (the C libraries can quote the file), so
// to see why a kept input crashed, run it in this process with sanitizer reports on stderr:
// `CVSIEVE_FUZZ_IN_PROCESS=1 .build-fuzz/release/FuzzPDFWorker <file>`.
//
// libFuzzer's coverage comes from this process only (framing, decoding and checking answers);
// what poppler does in the worker gives it no feedback, so the PDF mutations are blind beyond
// that, and the rate is one process round trip per input.

/// `CVSIEVE_FUZZ_IN_PROCESS=1`: extract in this process, to reproduce a kept finding with its report.
private let isInProcess = ProcessInfo.processInfo.environment["CVSIEVE_FUZZ_IN_PROCESS"] == "1"

/// The argument that makes this binary an extraction worker.
private let workerFlag = "--cvsieve-worker"

/// Limits for fuzzing: the defaults with a shorter time limit (a hang is a finding, found
/// sooner). The worker's address-space limit is 1 PiB rather than `extraction.worker_memory`:
/// AddressSanitizer reserves terabytes of shadow memory and would fail under the real one.
private let limits: ExtractionLimits = {
    var limits = ExtractionLimits.default
    limits.timeoutSeconds = 20
    return limits
}()

@main
enum FuzzPDFWorker {
    /// A worker when started with ``workerFlag`` (before libFuzzer sees the arguments), libFuzzer otherwise.
    static func main() {
        if CommandLine.arguments.dropFirst().first == workerFlag {
            exit(WorkerServer.serve(memoryLimitMiB: 1 << 30))
        }
        FuzzDriver.run(fuzzPDFWorker)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFWorker(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let isPDF = bytes.withUnsafeBytes { raw in
        FormatSniffer.sniff(raw, isWordPackage: { _ in false }) == .supported(.pdf)
    }
    // Not a PDF: the worker would only refuse it. -1 keeps such inputs out of the corpus.
    guard isPDF else { return -1 }
    if isInProcess {
        _ = try? Extractor(limits: limits).extract(bytes: bytes, fileName: "fuzz.pdf")
        return 0
    }
    guard FileManager.default.createFile(atPath: session.inputPath, contents: Data(bytes)) else {
        fatalError("cannot write the fuzz input to the work folder")
    }
    do {
        let document = try session.worker.extract(path: session.inputPath, testHook: session.selfTestHook)
        precondition(document.format == .pdf && document.byteCount == size, "the worker read this PDF")
    } catch {
        switch error {
        case .workerCrashed, .timeLimit, .workerAnswerRejected, .workerUnavailable:
            session.keep(bytes, kind: error.kind)
        default:
            precondition(!error.description.isEmpty, "an extraction error has words")
        }
    }
    return 0
}

/// The worker and the folders of this fuzzing process. One libFuzzer thread calls the target.
private final class Session {
    let worker: WorkerProcess
    let inputPath: String
    let findingsFolder: String
    /// `FUZZ_WORKER_SELF_TEST=1`: every request asks the worker to crash (``WorkerTestHook/crash``),
    /// so that `fuzz-smoke` proves a worker crash ends up kept, not lost and not fatal here.
    let selfTestHook: WorkerTestHook?

    init() {
        let environment = ProcessInfo.processInfo.environment
        selfTestHook = environment["FUZZ_WORKER_SELF_TEST"] == "1" ? .crash : nil
        worker = WorkerProcess(command: ["/proc/self/exe", workerFlag], limits: limits, testHooks: selfTestHook != nil)
        let work = environment["FUZZ_WORK_DIR"] ?? NSTemporaryDirectory()
        findingsFolder = environment["FUZZ_FINDINGS_DIR"] ?? "var/fuzz/findings/FuzzPDFWorker"
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: findingsFolder, withIntermediateDirectories: true)
        inputPath = (work as NSString).appendingPathComponent("pdf-worker-input-\(getpid()).pdf")
    }

    /// Keeps an input that took a worker down, named by its kind and hash (never by content).
    func keep(_ bytes: [UInt8], kind: String) {
        let name = "\(kind)-\(Extractor.sha256Hex(bytes)).pdf"
        let path = (findingsFolder as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot keep a worker finding in \(findingsFolder)")
        }
        FileHandle.standardError.write(Data("FuzzPDFWorker: \(kind), input kept as \(path)\n".utf8))
    }
}

/// Made on first use, in the fuzzing thread. Swift cannot see that libFuzzer calls the target from
/// one thread only; the target is never called concurrently (no `-jobs`/`-workers` in one process).
nonisolated(unsafe) private let session = Session()
