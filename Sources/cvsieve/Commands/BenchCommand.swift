import ArgumentParser
import Foundation
import Pipeline

/// `cvsieve bench [--corpus DIR] [--json]`: throughput and memory of extraction, beside peers.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure extraction throughput and memory, side by side with pdftotext and pandoc.")

    @OptionGroup var options: CommonOptions

    @Option(help: "Folder of PDF and DOCX files (searched recursively).")
    var corpus: String = "Samples"

    @Option(help: "In-process passes over the corpus; the median is reported, memory after each.")
    var passes: Int = 3

    @Flag(name: .customLong("no-peers"), help: "Skip pdftotext, pandoc and docx2txt.")
    var noPeers = false

    @Option(
        name: .customLong("peer-python"),
        help: "A Python with docx2txt (make peers-deps), for the DOCX peer beside the worker pool.")
    var peerPython: String = "var/peers/venv/bin/python"

    @Flag(
        help:
            "Instead: OCR pages/s beside tesseract per page, and detection recall on Samples/scanned/* beside the text layer (set OMP_THREAD_LIMIT=1)."
    )
    var ocr = false

    @Option(
        name: .customLong("fill-vault"),
        help:
            "Instead: store this many candidates made from the corpus's CVs in the configured vault (for make bench-web)."
    )
    var fillVault: Int?

    func run() async throws {
        let config = try options.loadConfig()
        if let count = fillVault {
            let codes = try await VaultFill(config: config).fill(count: count, corpus: corpus, at: Date()) {
                Output.standardError("bench: \($0) candidates stored\n")
            }
            print("bench: \(codes.count) candidates stored in \(config.data)")
            return
        }
        if ocr {
            try runOCR(config: config)
            return
        }
        let benchmark = ExtractionBenchmark(
            corpus: corpus, passes: passes, workers: config.workers, limits: config.extraction, runPeers: !noPeers,
            peerPython: peerPython)
        let report = try benchmark.run { Output.standardError("bench: \($0)\n") }
        if options.json {
            try Output.json(report)
            return
        }
        print("corpus \(report.corpus) on \(report.machine)")
        print("format  files  in-process/core  pool(\(report.workers))  peer                      peer/core  ratio")
        for figure in report.formats {
            let peer = figure.peer ?? "-"
            print(
                [
                    figure.format.padding(7), String(figure.files).padding(6),
                    "\(Self.rate(figure.filesPerSecond)) files/s".padding(16),
                    (figure.workerFilesPerSecond.map { Self.rate($0) } ?? "-").padding(9), peer.padding(25),
                    (figure.peerFilesPerSecond.map { Self.rate($0) } ?? "-").padding(10),
                    figure.ratio.map { String(format: "%.1fx", $0) } ?? "-",
                ].joined(separator: " "))
        }
        for figure in report.formats {
            guard let comparison = figure.comparison else { continue }
            let leftOut =
                comparison.leftOutForOCR == 0 ? "" : ", \(comparison.leftOutForOCR) with pages read by OCR left out"
            print(
                "\(figure.format) on all cores (\(comparison.files) files x \(comparison.rounds)\(leftOut)): "
                    + "pool(\(report.workers)) \(Self.rate(comparison.poolFilesPerSecond)) files/s, "
                    + "\(comparison.peer) \(Self.rate(comparison.peerFilesPerSecond)) files/s = "
                    + String(format: "%.2fx", comparison.ratio))
        }
        let frames = report.formats.compactMap { figure in
            figure.frameMilliseconds.map { "\(figure.format) \(String(format: "%.2f", $0)) ms" }
        }
        if !frames.isEmpty {
            print("a document's frame from a worker, encoded and decoded: \(frames.joined(separator: ", "))")
        }
        let memory = report.residentBytesAfterPass.map { "\($0 >> 20)" }.joined(separator: ", ")
        print(
            "resident MiB after each pass: \(memory); peak \(report.peakResidentBytes >> 20) MiB, "
                + "worker peak \(report.peakWorkerResidentBytes >> 20) MiB; failures per pass: \(report.failures)")
        let detectionMemory = report.residentBytesAfterDetectionPass.map { "\($0 >> 20)" }.joined(separator: ", ")
        print(
            "detection on extracted text: \(Self.rate(report.detectionPerSecond)) CVs/s per core; "
                + "resident MiB after each pass: \(detectionMemory)")
        let profiles = report.profileMilliseconds.sorted { $0.key < $1.key }.map {
            "\($0.key) \(String(format: "%.1f", $0.value)) ms"
        }
        print("one profile, rendered and leak-gated: \(profiles.joined(separator: ", "))")
    }

    private func runOCR(config: PipelineConfig) throws {
        let samples = corpus == "Samples/scanned" ? "Samples" : corpus
        let report = try OCRBenchmark(samples: samples, passes: passes, limits: config.extraction, runPeers: !noPeers)
            .run { Output.standardError("bench: \($0)\n") }
        if options.json {
            try Output.json(report)
            return
        }
        let speed = report.speed
        print("OCR on \(report.machine), OMP_THREAD_LIMIT=\(report.ompThreadLimit ?? "unset")")
        print(
            "300-dpi scans: \(speed.files) files, \(speed.pages) pages; in process \(Self.pages(speed.pagesPerSecond)) pages/s "
                + "per core (one-page CVs \(Self.pages(speed.onePagePagesPerSecond)))")
        if let peer = speed.peerPagesPerSecond, let ready = speed.peerReadyImagePagesPerSecond,
            let ratio = speed.ratio, let readyRatio = speed.ratioReadyImage
        {
            print(
                "pdftoppm -r 300 -gray + tesseract -l nld+eng per page: \(Self.pages(peer)) pages/s = "
                    + String(format: "%.2fx", ratio)
                    + "; tesseract on ready page images: \(Self.pages(ready)) pages/s = "
                    + String(format: "%.2fx", readyRatio))
        }
        print("variant   files  personal values found   text layer        ratio")
        for figure in report.recall {
            print(
                [
                    figure.variant.padding(9), String(figure.documents).padding(6),
                    "\(figure.found)/\(figure.truth) = \(String(format: "%.3f", figure.recall))".padding(23),
                    "\(figure.textLayerFound)/\(figure.textLayerTruth) = \(String(format: "%.3f", figure.textLayerRecall))"
                        .padding(17),
                    String(format: "%.3f", figure.ratio),
                ].joined(separator: " "))
        }
    }

    /// Pages per second with two decimals: OCR rates are around one.
    static func pages(_ value: Double) -> String { String(format: "%.2f", value) }

    static func rate(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
