public import CVModel
import Detection
import Export
public import Extraction
import Foundation

/// `cvsieve bench`: extraction throughput and memory on a corpus, side by side with the peer
/// tools people use (`pdftotext` one process per file, `pandoc -t plain`) on one core each, and
/// the worker pool beside a peer on as many cores as it has workers (`pdftotext`, as many at
/// once; docx2txt in process, in as many Python processes).
public struct ExtractionBenchmark: Sendable {
    public var corpus: String
    public var passes: Int
    public var workers: Int
    public var limits: ExtractionLimits
    public var workerCommand: [String]?
    public var runPeers: Bool
    /// A Python with docx2txt installed (`make peers-deps`), for the DOCX pool peer; without
    /// it `pandoc` stands in, as many at once.
    public var peerPython: String?
    /// Files each side of a ``PoolComparison`` extracts at least (the files repeated).
    public var comparedFiles: Int

    public init(
        corpus: String, passes: Int = 3, workers: Int, limits: ExtractionLimits, workerCommand: [String]? = nil,
        runPeers: Bool = true, peerPython: String? = nil, comparedFiles: Int = 200
    ) {
        self.comparedFiles = max(1, comparedFiles)
        self.corpus = corpus
        self.passes = max(1, passes)
        self.workers = workers
        self.limits = limits
        self.workerCommand = workerCommand
        self.runPeers = runPeers
        self.peerPython = peerPython
    }

    /// Figures for one format.
    public struct FormatFigures: Codable, Sendable {
        public var format: String
        public var files: Int
        /// In-process, one thread, median pass: files per second per core.
        public var filesPerSecond: Double
        /// Through the worker pool (all workers), one pass.
        public var workerFilesPerSecond: Double?
        /// The peer tool, one process per file, one core.
        public var peer: String?
        public var peerFilesPerSecond: Double?
        /// filesPerSecond / peerFilesPerSecond.
        public var ratio: Double?
        /// The worker pool beside the peer on as many cores, over the files without OCR.
        public var comparison: PoolComparison?
        /// Milliseconds per document to encode it in ``DocumentWire``'s binary form and decode it
        /// again, as it crosses the pipe from a worker.
        public var frameMilliseconds: Double?
    }

    /// The worker pool against a peer on all its cores (issue 19's extraction goal), over the
    /// files with no page read by OCR, repeated `rounds` times.
    public struct PoolComparison: Codable, Sendable {
        public var files: Int
        public var leftOutForOCR: Int
        public var rounds: Int
        public var poolFilesPerSecond: Double
        public var peer: String
        public var peerFilesPerSecond: Double
        public var ratio: Double { poolFilesPerSecond / peerFilesPerSecond }
    }

    public struct Report: Codable, Sendable {
        public var corpus: String
        public var machine: String
        public var passes: Int
        public var workers: Int
        public var formats: [FormatFigures]
        public var failures: Int
        /// Resident memory after each in-process pass: flat when nothing leaks.
        public var residentBytesAfterPass: [Int]
        public var peakResidentBytes: Int
        public var peakWorkerResidentBytes: Int
        /// Detection on already-extracted text, one thread, median pass: CVs per second per core.
        public var detectionPerSecond: Double
        /// Resident memory after each detection pass.
        public var residentBytesAfterDetectionPass: [Int]
        /// Milliseconds per profile, render and leak gate included (PDF and DOCX read back), by format.
        public var profileMilliseconds: [String: Double]
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        // Before anything is timed: the word lists are read here, once, and a missing list stops the run at once.
        let detector = try Detector()
        let files = try Self.corpusFiles(in: corpus)
        var byFormat: [DocumentFormat: [(path: String, bytes: [UInt8])]] = [:]
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            let verdict = bytes.withUnsafeBytes { FormatSniffer.sniff($0, isWordPackage: DOCXExtractor.isWordPackage) }
            if case .supported(let format) = verdict { byFormat[format, default: []].append((path, bytes)) }
        }
        let extractor = Extractor(limits: limits)
        var residentAfterPass: [Int] = []
        var failures = 0
        var figures: [FormatFigures] = []
        var documents: [Document] = []
        var workerPeak = 0
        for format in DocumentFormat.allCases {
            guard let items = byFormat[format], !items.isEmpty else { continue }
            progress("\(format.rawValue): \(items.count) files, \(passes) in-process passes")
            var durations: [Double] = []
            // Files with a page read by OCR: pdftotext and docx2txt read no such page, so they
            // are left out of the comparison on all cores (and measured by `bench --ocr`).
            var readByOCR: Set<String> = []
            let firstDocument = documents.count
            for _ in 0..<passes {
                let start = ResourceUsage.now()
                for item in items {
                    let name = (item.path as NSString).lastPathComponent
                    if let document = try? extractor.extract(bytes: item.bytes, fileName: name) {
                        if durations.isEmpty {
                            documents.append(document)
                            if document.blocks.contains(where: { $0.source == .ocr }) { readByOCR.insert(item.path) }
                        }
                    } else {
                        failures += 1
                    }
                }
                durations.append(ResourceUsage.now() - start)
                residentAfterPass.append(ResourceUsage.currentResidentBytes)
            }
            let median = durations.sorted()[durations.count / 2]
            var figure = FormatFigures(
                format: format.rawValue, files: items.count, filesPerSecond: Double(items.count) / median)
            figure.frameMilliseconds = Self.frameMilliseconds(documents[firstDocument...])
            progress("\(format.rawValue): worker pool of \(workers)")
            let poolStart = ResourceUsage.now()
            WorkerPool(workers: workers, command: workerCommand, limits: limits).extractAll(items.map(\.path)) { _, _ in
            }
            figure.workerFilesPerSecond = Double(items.count) / (ResourceUsage.now() - poolStart)
            // Read before the peers run: the children's peak covers every child waited for so far.
            workerPeak = max(workerPeak, ResourceUsage.peakChildResidentBytes)
            if runPeers, let peer = Self.peer(for: format), let path = Self.which(peer.tool) {
                progress("\(format.rawValue): \(peer.tool), one process per file")
                let start = ResourceUsage.now()
                for item in items { Self.runQuietly(path, peer.arguments(item.path)) }
                let seconds = ResourceUsage.now() - start
                figure.peer = ([peer.tool] + peer.arguments("FILE")).joined(separator: " ")
                figure.peerFilesPerSecond = Double(items.count) / seconds
                figure.ratio = figure.filesPerSecond / (Double(items.count) / seconds)
            }
            let compared = items.map(\.path).filter { !readByOCR.contains($0) }
            if runPeers, format != .image, !compared.isEmpty {
                // Repeated to at least `comparedFiles`, so that starting the workers
                // (once per run or daemon) does not decide a small corpus's figure.
                let rounds = max(1, (comparedFiles + compared.count - 1) / compared.count)
                let paths = Array(Array(repeating: compared, count: rounds).joined())
                progress("\(format.rawValue): worker pool of \(workers), \(paths.count) files (\(rounds) rounds)")
                let pool = warmPoolRate(paths)
                if let peer = poolPeer(for: format, paths: paths, progress: progress) {
                    figure.comparison = PoolComparison(
                        files: compared.count, leftOutForOCR: readByOCR.count, rounds: rounds,
                        poolFilesPerSecond: pool, peer: peer.name, peerFilesPerSecond: peer.filesPerSecond)
                }
            }
            figures.append(figure)
        }
        progress("detection: \(documents.count) documents, \(passes) passes")
        var detectionDurations: [Double] = []
        var residentAfterDetection: [Int] = []
        for _ in 0..<passes {
            let start = ResourceUsage.now()
            var findings = 0
            for document in documents { findings += detector.detect(document).findings.count }
            detectionDurations.append(ResourceUsage.now() - start)
            residentAfterDetection.append(ResourceUsage.currentResidentBytes)
            precondition(findings >= 0)
        }
        let detectionMedian = detectionDurations.sorted()[detectionDurations.count / 2]
        progress("profiles: render and leak gate per format")
        let profileTimes = profileMilliseconds(documents.prefix(50).map { detector.detect($0) })
        return Report(
            corpus: corpus, machine: Self.machineDescription(), passes: passes, workers: workers, formats: figures,
            failures: failures / passes, residentBytesAfterPass: residentAfterPass,
            peakResidentBytes: ResourceUsage.peakResidentBytes,
            peakWorkerResidentBytes: workerPeak,
            detectionPerSecond: documents.isEmpty ? 0 : Double(documents.count) / detectionMedian,
            residentBytesAfterDetectionPass: residentAfterDetection, profileMilliseconds: profileTimes)
    }

    /// Milliseconds per document for a round trip through the worker's answer frame, the median of three passes.
    static func frameMilliseconds(_ documents: some Collection<Document>) -> Double? {
        guard !documents.isEmpty else { return nil }
        let sandbox = WorkerSandbox(hasNoNewPrivileges: true, filter: .installed)
        var times: [Double] = []
        for _ in 0..<3 {
            let start = ResourceUsage.now()
            for document in documents {
                guard (try? DocumentWire.decode(DocumentWire.encode(document, sandbox: sandbox))) != nil else {
                    return nil
                }
            }
            times.append((ResourceUsage.now() - start) * 1000 / Double(documents.count))
        }
        return times.sorted()[1]
    }

    /// Each result's profile rendered in every format and gated against everything detected.
    private func profileMilliseconds(_ results: [DetectionResult]) -> [String: Double] {
        guard !results.isEmpty else { return [:] }
        let limits = self.limits
        let exporter = ProfileExporter { bytes, format in
            try Extractor(limits: limits).extract(bytes: [UInt8](bytes), fileName: "profile.\(format.rawValue)")
                .plainText
        }
        let options = ProfileOptions(
            fields: [.career, .narrative, .region, .yearsOfExperience], agency: "bench", footer: "")
        var times: [String: Double] = [:]
        for format in ExportFormat.allCases {
            let start = ResourceUsage.now()
            for result in results {
                let profile = ProfileBuilder(options: options).build(
                    code: "C-BNCH-0000", career: result.career, region: nil)
                let gate = LeakGate(values: result.findings.map { ($0.category.rawValue, $0.text) })
                _ = try? exporter.export(profile, as: format, gate: gate)
            }
            times[format.rawValue] = (ResourceUsage.now() - start) * 1000 / Double(results.count)
        }
        return times
    }

    private struct Peer: Sendable {
        var tool: String
        var arguments: @Sendable (String) -> [String]
    }

    private static func peer(for format: DocumentFormat) -> Peer? {
        switch format {
        case .pdf: Peer(tool: "pdftotext") { [$0, "-"] }
        case .docx: Peer(tool: "pandoc") { [$0, "-t", "plain", "-o", "/dev/null"] }
        // As OCRmyPDF and paperless-ngx run it: the command once per page image, same languages.
        case .image: Peer(tool: "tesseract") { [$0, "-", "-l", "nld+eng"] }
        }
    }

    /// Files per second of `workers` worker processes over `paths`, each worker started and
    /// given one file before the clock starts (a daemon starts its workers once; the Python
    /// peer's processes are likewise started and loaded before its clock).
    private func warmPoolRate(_ paths: [String]) -> Double {
        let slots = Slots(
            workers: (0..<min(workers, paths.count)).map { _ in WorkerProcess(command: workerCommand, limits: limits) })
        defer { for worker in slots.workers { worker.stop() } }
        let count = slots.workers.count
        WorkerPool.share(count, slots: count) { slot, _ in _ = try? slots.workers[slot].extract(path: paths[0]) }
        let start = ResourceUsage.now()
        WorkerPool.share(paths.count, slots: count) { slot, next in
            while let index = next() { _ = try? slots.workers[slot].extract(path: paths[index]) }
        }
        return Double(paths.count) / (ResourceUsage.now() - start)
    }

    /// Worker processes, each used by one thread of ``WorkerPool/share(_:slots:_:)`` only.
    private struct Slots: @unchecked Sendable {
        let workers: [WorkerProcess]
    }

    /// The peer on all the pool's cores: docx2txt in `workers` Python processes for DOCX (when
    /// ``peerPython`` is there), otherwise the one-file peer tool, `workers` processes at once.
    private func poolPeer(
        for format: DocumentFormat, paths: [String], progress: (String) -> Void
    ) -> (name: String, filesPerSecond: Double)? {
        if format == .docx, let python = peerPython, FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.fileExists(atPath: Self.docx2txtScript)
        {
            progress("docx: docx2txt in process, \(workers) processes")
            if let rate = Self.docx2txtRate(python: python, paths: paths, processes: workers) {
                return ("docx2txt in process x\(workers)", rate)
            }
            progress(
                "docx: docx2txt did not answer (make peers-deps installs it; or it hung past \(Self.peerTimeoutSeconds) s); pandoc stands in"
            )
        }
        guard let peer = Self.peer(for: format), let tool = Self.which(peer.tool) else { return nil }
        progress("\(format.rawValue): \(peer.tool), \(workers) processes at once")
        let start = ResourceUsage.now()
        WorkerPool.share(paths.count, slots: workers) { _, next in
            while let index = next() { Self.runQuietly(tool, peer.arguments(paths[index])) }
        }
        return ("\(peer.tool) x\(workers)", Double(paths.count) / (ResourceUsage.now() - start))
    }

    /// The script that times docx2txt, relative to the repository (where `make` runs the bench).
    static let docx2txtScript = "Tools/peers/docx2txt_rate.py"

    /// How long a peer run may take before it is stopped and its figure left out.
    static let peerTimeoutSeconds = 600

    /// Files per second of `Tools/peers/docx2txt_rate.py` over `paths` with `processes`
    /// processes (its own clock, after the import; a file docx2txt cannot read counts as done);
    /// nil when the script fails or answers for another number of files.
    static func docx2txtRate(python: String, paths: [String], processes: Int) -> Double? {
        struct Answer: Decodable {
            var files: Int
            var seconds: Double
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [docx2txtScript, "--processes", String(processes)]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            // A peer that hangs costs its figure, not the whole bench.
            let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(peerTimeoutSeconds), execute: watchdog)
            defer { watchdog.cancel() }
            try input.fileHandleForWriting.write(contentsOf: Data(paths.map { $0 + "\n" }.joined().utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let answer = try? JSONDecoder().decode(Answer.self, from: data),
                answer.files == paths.count, answer.seconds > 0
            else { return nil }
            return Double(answer.files) / answer.seconds
        } catch {
            return nil
        }
    }

    /// The file endings a benchmark corpus is made of: CVs as PDF, DOCX, or images of scanned pages.
    static let corpusExtensions: Set<String> = ["pdf", "docx", "jpg", "jpeg", "png", "tif", "tiff"]

    static func corpusFiles(in folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            // Hostile samples measure limits, not speed (and a peer would inflate the zip bomb);
            // scans, photos and identity documents are OCR's, measured by `bench --ocr`.
            if relative.split(separator: "/").contains(where: { ["hostile", "scanned", "id"].contains($0) }) {
                continue
            }
            let path = (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                Self.corpusExtensions.contains((path as NSString).pathExtension.lowercased())
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    static func which(_ tool: String) -> String? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func runQuietly(_ path: String, _ arguments: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {}
    }

    /// CPU model and core count, for the README's "on this machine" line.
    static func machineDescription() -> String {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map {
                $0.split(separator: ":", maxSplits: 1).last.map { String($0).trimmingCharacters(in: .whitespaces) }
                    ?? ""
            }
            ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        return "\(model ?? "unknown CPU"), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB"
    }
}
