import Extraction
import Foundation
import Pipeline
import TestSupport
import Testing

/// `cvsieve bench` on a tiny corpus: the worker pool is compared with the peer on as many cores
/// over the files with a text layer only (a scan read by OCR is left out and counted), repeated
/// to the number of files asked for; real worker processes, real pdftotext.
@Suite struct ExtractionBenchmarkTests {
    @Test("the pool is set beside pdftotext on all cores, over the text-layer files, the scan left out")
    func poolComparison() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let samples = TestSupport.samplesFolder
            for (source, name) in [
                ("en-pdf-references.pdf", "a.pdf"), ("nl-acroform-fields.pdf", "b.pdf"),
                ("scanned/300dpi/en-pdf-references.pdf", "c.pdf"),
            ] {
                try FileManager.default.copyItem(
                    at: samples.appendingPathComponent(source), to: folder.appendingPathComponent(name))
            }
            let report = try ExtractionBenchmark(
                corpus: folder.path, passes: 1, workers: 2, limits: .default, workerCommand: TestSupport.workerCommand,
                peerPython: "/nonexistent/python", comparedFiles: 9
            ).run()
            let pdf = try #require(report.formats.first { $0.format == "pdf" })
            #expect(pdf.files == 3)
            #expect((pdf.frameMilliseconds ?? 0) > 0)
            let comparison = try #require(pdf.comparison)
            #expect(comparison.files == 2 && comparison.leftOutForOCR == 1 && comparison.rounds == 5)
            #expect(comparison.peer == "pdftotext x2")
            #expect(comparison.poolFilesPerSecond > 0 && comparison.peerFilesPerSecond > 0)
        }
    }
}
