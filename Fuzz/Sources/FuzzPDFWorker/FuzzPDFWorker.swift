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
// an input as a finding instead, named by kind and hash: `$FUZZ_FINDINGS_DIR/<kind>-<sha256>.pdf`
// (default `var/fuzz/findings/FuzzPDFWorker`), or under `known/` there when the worker's
// sanitizer report matches a line of `$FUZZ_KNOWN_WORKER_CRASHES` (a crash in a C library we
// cannot avoid, `Fuzz/known-worker-crashes.txt`). The worker's stderr is /dev/null (the C
// libraries can quote the file), so its AddressSanitizer writes to a log in the work folder
// (`__asan_default_options` in CLibFuzzer), which this process reads for the crash's summary and
// deletes. `make fuzz` and `make fuzz-smoke` count new and known findings; a new one fails the run.
// To see a kept input's whole report, run it in this process:
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
/// Mutated PDFs often lose their text, and OCR of an A4 page costs most of a second: only pages
/// of up to half a million pixels at 300 dpi (about 170 × 240 points) are read, the rest refused
/// by `ocr_max_pixels` before drawing, so the OCR path is still exercised at a fuzzing rate.
private let limits: ExtractionLimits = {
    var limits = ExtractionLimits.default
    limits.timeoutSeconds = 20
    limits.ocrMaxPixels = 500_000
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
            // A known crash stays out of the corpus: mutating it finds the same crash again,
            // and every crash costs a worker start.
            if session.keep(bytes, kind: error.kind) { return -1 }
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
    let workFolder: String
    /// Crash summaries (``summary(ofReportIn:)``) of crashes in C libraries we cannot avoid.
    let knownCrashes: Set<String>
    /// `FUZZ_WORKER_SELF_TEST=1`: every request asks the worker to crash (``WorkerTestHook/crash``),
    /// so that `fuzz-smoke` proves a worker crash ends up kept, not lost and not fatal here.
    let selfTestHook: WorkerTestHook?

    /// The worker's sanitizer log, `<prefix>.<pid>` (AddressSanitizer's `log_path`).
    static let reportPrefix = "worker-asan"

    init() {
        let environment = ProcessInfo.processInfo.environment
        let files = FileManager.default
        let work = environment["FUZZ_WORK_DIR"] ?? NSTemporaryDirectory()
        try? files.createDirectory(atPath: work, withIntermediateDirectories: true)
        // Absolute: the worker's sanitizer opens it before anything else runs.
        workFolder = work.hasPrefix("/") ? work : (files.currentDirectoryPath as NSString).appendingPathComponent(work)
        findingsFolder = environment["FUZZ_FINDINGS_DIR"] ?? "var/fuzz/findings/FuzzPDFWorker"
        try? files.createDirectory(
            atPath: (findingsFolder as NSString).appendingPathComponent("known"), withIntermediateDirectories: true)
        inputPath = (workFolder as NSString).appendingPathComponent("pdf-worker-input-\(getpid()).pdf")
        let known = environment["FUZZ_KNOWN_WORKER_CRASHES"].flatMap {
            try? String(contentsOfFile: $0, encoding: .utf8)
        }
        knownCrashes = Set(
            (known ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
        selfTestHook = environment["FUZZ_WORKER_SELF_TEST"] == "1" ? .crash : nil
        let reportPath = (workFolder as NSString).appendingPathComponent(Self.reportPrefix)
        worker = WorkerProcess(
            command: ["/proc/self/exe", workerFlag, reportPath], limits: limits, testHooks: selfTestHook != nil)
    }

    /// Keeps an input that took a worker down, named by its kind and hash (never by content),
    /// with the summary of the worker's sanitizer report, if it wrote one. Returns whether the
    /// crash is a known one.
    func keep(_ bytes: [UInt8], kind: String) -> Bool {
        let summary = takeWorkerReport()
        let isKnown = knownCrashes.contains(summary)
        let folder = isKnown ? (findingsFolder as NSString).appendingPathComponent("known") : findingsFolder
        let path = (folder as NSString).appendingPathComponent("\(kind)-\(Extractor.sha256Hex(bytes)).pdf")
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot keep a worker finding in \(folder)")
        }
        let label = isKnown ? "known" : "NEW"
        FileHandle.standardError.write(
            Data("FuzzPDFWorker: \(label) \(kind) (\(summary)), input kept as \(path)\n".utf8))
        return isKnown
    }

    /// The summary of the sanitizer report a crashed worker left, and the report removed.
    private func takeWorkerReport() -> String {
        let files = FileManager.default
        let names = (try? files.contentsOfDirectory(atPath: workFolder)) ?? []
        var summary: String?
        for name in names where name.hasPrefix(Self.reportPrefix + ".") {
            let path = (workFolder as NSString).appendingPathComponent(name)
            if summary == nil, let report = try? String(contentsOfFile: path, encoding: .utf8) {
                summary = Self.summary(ofReportIn: report)
            }
            try? files.removeItem(atPath: path)
        }
        return summary ?? "no sanitizer report"
    }

    /// `SEGV in poppler_document_get_attachments` from AddressSanitizer's `SUMMARY:` line: the
    /// error and the function it happened in, or the library and offset when the worker could
    /// not symbolize (the sandbox stops it starting llvm-symbolizer).
    static func summary(ofReportIn report: String) -> String {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("SUMMARY: AddressSanitizer: ") })
        else { return "no sanitizer summary" }
        let words = line.dropFirst("SUMMARY: AddressSanitizer: ".count).split(separator: " ")
        let error = words.first.map(String.init) ?? "?"
        if let index = words.lastIndex(of: "in"), index + 1 < words.count { return "\(error) in \(words[index + 1])" }
        if let location = words.first(where: { $0.hasPrefix("(/") }) {
            return "\(error) at \(location.split(separator: "/").last?.dropLast() ?? "")"
        }
        return error
    }
}

/// Made on first use, in the fuzzing thread. Swift cannot see that libFuzzer calls the target from
/// one thread only; the target is never called concurrently (no `-jobs`/`-workers` in one process).
nonisolated(unsafe) private let session = Session()
