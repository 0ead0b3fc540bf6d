import CVModel
import Foundation
import TestSupport
import Testing

/// `extract --json` of every sample against a golden file in `Tests/CLITests/Golden/extract/`.
/// Re-record after an intended change with `CVSIEVE_RECORD=1 swift test --filter GoldenExtractTests`.
@Suite struct GoldenExtractTests {
    static let goldenFolder = TestSupport.packageRoot.appendingPathComponent("Tests/CLITests/Golden/extract")
    static let isRecording = ProcessInfo.processInfo.environment["CVSIEVE_RECORD"] == "1"

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
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(result.stdout == expected, "\(sample): extract --json differs from its golden file")
    }
}
