import CVModel
public import Extraction
import Foundation

/// `cvsieve bench --ocr`: OCR speed and what it costs detection, on the scanned variants of the
/// sample CVs (`Samples/scanned/<variant>/`, each with the truth of its text-layer original).
///
/// Speed: the 300-dpi scans read in this process (one thread, the worker's code path: drawn at
/// 300 dpi, Tesseract, columns), pages per second, beside `tesseract` run as a command once per
/// page with the same languages on the page drawn by `pdftoppm` (as OCRmyPDF and paperless-ngx
/// run it), and beside the command alone on a ready page image. Recall: each variant's personal
/// values found, beside the same CVs with their text layer (`Samples/<name>.pdf`).
///
/// Run it with `OMP_THREAD_LIMIT=1` in the environment (`make bench-ocr` does): Tesseract's
/// OpenMP threads read it when the library loads, and the peers get it too, so both sides use
/// one core.
public struct OCRBenchmark: Sendable {
    /// `Samples`: its `scanned/` variants and the text-layer originals beside them.
    public var samples: String
    public var passes: Int
    public var limits: ExtractionLimits
    public var runPeers: Bool

    public init(samples: String, passes: Int = 3, limits: ExtractionLimits, runPeers: Bool = true) {
        self.samples = samples
        self.passes = max(1, passes)
        self.limits = limits
        self.runPeers = runPeers
    }

    /// The variants measured, in the order reported.
    public static let variants = ["300dpi", "200dpi", "rotated", "noisy", "photo", "image"]

    public struct Speed: Codable, Sendable {
        public var files: Int
        public var pages: Int
        /// In process, one thread, median pass.
        public var pagesPerSecond: Double
        /// The same on the one-page files alone (a typical CV).
        public var onePagePagesPerSecond: Double
        /// `pdftoppm -r 300 -gray` then `tesseract PAGE - -l nld+eng`, one process each per page.
        public var peerPagesPerSecond: Double?
        /// `tesseract PAGE - -l nld+eng` on page images drawn beforehand (not timed).
        public var peerReadyImagePagesPerSecond: Double?
        /// pagesPerSecond / peerPagesPerSecond.
        public var ratio: Double?
        public var ratioReadyImage: Double?
    }

    public struct Recall: Codable, Sendable {
        public var variant: String
        public var documents: Int
        /// Personal values found / labelled, over the variant's files.
        public var found: Int
        public var truth: Int
        /// The same CVs with their text layer.
        public var textLayerFound: Int
        public var textLayerTruth: Int

        public var recall: Double { truth == 0 ? 0 : Double(found) / Double(truth) }
        public var textLayerRecall: Double { textLayerTruth == 0 ? 0 : Double(textLayerFound) / Double(textLayerTruth) }
        /// Recall on the variant as a share of the text-layer recall (issue 18's measure).
        public var ratio: Double { textLayerRecall == 0 ? 0 : recall / textLayerRecall }
    }

    public struct Report: Codable, Sendable {
        public var machine: String
        public var ompThreadLimit: String?
        public var speed: Speed
        public var recall: [Recall]
    }

    public func run(progress: (String) -> Void) throws -> Report {
        let scanned = (samples as NSString).appendingPathComponent("scanned")
        let speed = try measureSpeed(folder: (scanned as NSString).appendingPathComponent("300dpi"), progress: progress)
        var recall: [Recall] = []
        for variant in Self.variants {
            let folder = (scanned as NSString).appendingPathComponent(variant)
            guard FileManager.default.fileExists(atPath: folder) else { continue }
            progress("recall: \(variant)")
            recall.append(try measureRecall(variant: variant, folder: folder))
        }
        return Report(
            machine: ExtractionBenchmark.machineDescription(),
            ompThreadLimit: ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"], speed: speed, recall: recall)
    }

    private func measureSpeed(folder: String, progress: (String) -> Void) throws -> Speed {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pdf") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
        let extractor = Extractor(limits: limits)
        var pagesOf: [String: Int] = [:]
        var durations: [Double] = []
        var onePageDurations: [Double] = []
        for pass in 0..<passes {
            progress("speed: pass \(pass + 1) of \(passes), \(files.count) scans in process")
            var total = 0.0
            var onePage = 0.0
            for file in files {
                let start = ResourceUsage.now()
                let document = try extractor.extract(path: file)
                let seconds = ResourceUsage.now() - start
                pagesOf[file] = document.pageCount ?? 1
                total += seconds
                if document.pageCount == 1 { onePage += seconds }
            }
            durations.append(total)
            onePageDurations.append(onePage)
        }
        let pages = pagesOf.values.reduce(0, +)
        let onePages = pagesOf.values.count { $0 == 1 }
        var speed = Speed(
            files: files.count, pages: pages, pagesPerSecond: Double(pages) / Self.median(durations),
            onePagePagesPerSecond: onePages == 0 ? 0 : Double(onePages) / Self.median(onePageDurations))
        guard runPeers, let pdftoppm = ExtractionBenchmark.which("pdftoppm"),
            let tesseract = ExtractionBenchmark.which("tesseract")
        else {
            return speed
        }
        progress("speed: pdftoppm and tesseract, one process each per page")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cvsieve-bench-ocr-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var peer = 0.0
        var ready = 0.0
        for (index, file) in files.enumerated() {
            for page in 1...(pagesOf[file] ?? 1) {
                let prefix = (work as NSString).appendingPathComponent("f\(index)-p\(page)")
                var start = ResourceUsage.now()
                ExtractionBenchmark.runQuietly(
                    pdftoppm, ["-r", "300", "-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile", file, prefix])
                let drawn = ResourceUsage.now() - start
                start = ResourceUsage.now()
                ExtractionBenchmark.runQuietly(tesseract, [prefix + ".pgm", "-", "-l", "nld+eng", "--dpi", "300"])
                let read = ResourceUsage.now() - start
                peer += drawn + read
                ready += read
            }
        }
        speed.peerPagesPerSecond = Double(pages) / peer
        speed.peerReadyImagePagesPerSecond = Double(pages) / ready
        speed.ratio = speed.pagesPerSecond / (Double(pages) / peer)
        speed.ratioReadyImage = speed.pagesPerSecond / (Double(pages) / ready)
        return speed
    }

    /// The variant's recall, and the recall of the text-layer originals of its files: a file's
    /// original is the sample whose name its own begins with (`nl-personalia-bsn-iban-sideways`
    /// is `nl-personalia-bsn-iban`).
    public func measureRecall(variant: String, folder: String) throws -> Recall {
        let scanned = try Evaluation(samples: folder, limits: limits).run()
        let originals = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cvsieve-bench-ocr-originals-\(getpid())-\(variant)")
        try FileManager.default.createDirectory(
            at: originals.appendingPathComponent("truth"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: originals) }
        let stems = try FileManager.default.contentsOfDirectory(
            atPath: (folder as NSString).appendingPathComponent("truth")
        )
        .filter { $0.hasSuffix(".json") }.map { ($0 as NSString).deletingPathExtension }
        let known = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".pdf") }
            .map { ($0 as NSString).deletingPathExtension }.sorted { $0.count > $1.count }
        for stem in stems {
            guard let original = known.first(where: { stem.hasPrefix($0) }) else { continue }
            let target = originals.appendingPathComponent("\(stem).pdf")
            guard !FileManager.default.fileExists(atPath: target.path) else { continue }
            try FileManager.default.copyItem(
                atPath: (samples as NSString).appendingPathComponent("\(original).pdf"), toPath: target.path)
            var truth =
                try JSONSerialization.jsonObject(
                    with: Data(
                        contentsOf: URL(
                            fileURLWithPath: (samples as NSString).appendingPathComponent("truth/\(original).json"))))
                as? [String: Any] ?? [:]
            truth["file"] = "\(stem).pdf"
            try JSONSerialization.data(withJSONObject: truth).write(
                to: originals.appendingPathComponent("truth/\(stem).json"))
        }
        let textLayer = try Evaluation(samples: originals.path, limits: limits).run()
        let personal = { (report: Evaluation.Report) in
            (report.categories.map(\.found).reduce(0, +), report.categories.map(\.truth).reduce(0, +))
        }
        let (found, truth) = personal(scanned)
        let (textFound, textTruth) = personal(textLayer)
        return Recall(
            variant: variant, documents: scanned.documents, found: found, truth: truth, textLayerFound: textFound,
            textLayerTruth: textTruth)
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
