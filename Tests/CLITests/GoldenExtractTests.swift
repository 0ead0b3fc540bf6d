import CVModel
import Foundation
import TestSupport
import Testing

/// `extract --json` of every sample against a golden file in `Tests/CLITests/Golden/extract/`.
///
/// Golden files are written only on request: `make golden` (which sets
/// `CVSIEVE_RECORD_GOLDEN=1`) after an intended change. Otherwise a missing golden file fails
/// like a differing one, and a golden file without its sample fails too, so that nothing is
/// recorded, or left behind, silently.
@Suite struct GoldenExtractTests {
    static let goldenFolder = TestSupport.packageRoot.appendingPathComponent("Tests/CLITests/Golden/extract")
    static let isRecording = ProcessInfo.processInfo.environment["CVSIEVE_RECORD_GOLDEN"] == "1"

    @Test("extract --json matches the golden file", arguments: TestSupport.sampleNames())
    func golden(sample: String) throws {
        let result = try TestSupport.cvsieve([
            "extract", "--json", TestSupport.samplesFolder.appendingPathComponent(sample).path,
        ])
        #expect(result.status == 0)
        let golden = Self.goldenFolder.appendingPathComponent(sample + ".json")
        if Self.isRecording {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        guard FileManager.default.fileExists(atPath: golden.path) else {
            Issue.record("\(sample): no golden file; record it with `make golden` after checking the output")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(result.stdout == expected, "\(sample): extract --json differs from its golden file")
    }

    @Test("every golden file belongs to a sample")
    func noStrayGoldenFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.goldenFolder.path)
        let samples = Set(TestSupport.sampleNames().map { $0 + ".json" })
        #expect(Set(names).subtracting(samples).isEmpty, "golden files without a sample: delete them")
        #expect(!samples.isEmpty)
    }
}
