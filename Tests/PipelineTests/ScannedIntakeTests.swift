import CVModel
import Extraction
import Foundation
import Intake
import Logging
import Pipeline
import TestSupport
import Testing

/// Scanned CVs through the intake path and real workers: read by OCR and stored, or quarantined
/// with the OCR limit they exceed.
@Suite struct ScannedIntakeTests {
    @Test("a one-page scan is stored; a four-page scan over extraction.ocr_max_pages is quarantined naming the key")
    func scansThroughIntake() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let path = try TestSupport.writeConfig(in: folder)
            let yaml = try String(contentsOfFile: path, encoding: .utf8)
            try #require(yaml.contains("ocr_max_pages: 10 ") && yaml.contains("ocr_page_timeout: 10s "))
            // The page limit is what is tested, not the time: a page gets as long as a file, so
            // that two OCR tests beside this one on a slow machine cannot make it a time limit.
            try yaml.replacingOccurrences(of: "ocr_max_pages: 10 ", with: "ocr_max_pages: 2  ")
                .replacingOccurrences(of: "ocr_page_timeout: 10s ", with: "ocr_page_timeout: 60s ")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let config = try PipelineConfig.load(path: path)
            #expect(config.extraction.ocrMaxPages == 2)
            #expect(config.extraction.ocrPageTimeoutSeconds == 60)
            let scans = ["nl-single-column", "en-long-four-pages"].map {
                TestSupport.samplesFolder.appendingPathComponent("scanned/300dpi/\($0).pdf")
            }
            try TestSupport.dropSamples(scans, into: folder)
            let service = try Service(config: config, actor: "account-1")
            let summary = try await service.runBatch(
                at: Date(), logger: Logger(label: "test"), workerCommand: TestSupport.workerCommand)
            #expect(summary.stored == 1)
            #expect(summary.quarantined == 1)
            let entry = try #require(config.makeInbox().quarantined().entries.first)
            #expect(entry.reason == .ocrTooManyPages)
            #expect(entry.detail.contains("extraction.ocr_max_pages"))
        }
    }
}
