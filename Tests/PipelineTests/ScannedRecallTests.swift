import Extraction
import Foundation
import Pipeline
import TestSupport
import Testing

/// Issue 18's recall goals, measured as `cvsieve bench --ocr` measures them: personal values found
/// on each scanned variant of the sample CVs as a share of those found on the same CVs with their
/// text layer.
@Suite(.serialized) struct ScannedRecallTests {
    static func recall(_ variant: String) throws -> OCRBenchmark.Recall {
        let samples = TestSupport.samplesFolder.path
        return try OCRBenchmark(samples: samples, passes: 1, limits: TestSupport.unhurried, runPeers: false)
            .measureRecall(
                variant: variant, folder: (samples as NSString).appendingPathComponent("scanned/\(variant)"))
    }

    @Test("300-dpi scans: at least 0.95 of the text layer's recall")
    func threeHundred() throws {
        let figure = try Self.recall("300dpi")
        #expect(figure.documents == 5)
        #expect(figure.textLayerTruth == figure.truth, "a scan that could not be read is left out of the truth")
        #expect(figure.ratio >= 0.95, "\(figure.found)/\(figure.truth) against \(figure.textLayerFound)")
    }

    @Test("200-dpi scans and phone photos: at least 0.85 of the text layer's recall", arguments: ["200dpi", "photo"])
    func lower(variant: String) throws {
        let figure = try Self.recall(variant)
        #expect(figure.documents >= 2)
        #expect(figure.ratio >= 0.85, "\(figure.found)/\(figure.truth) against \(figure.textLayerFound)")
    }
}
