import CVModel
import Foundation
import TestSupport
import Testing

/// The built binary, end to end: stdout, stderr and exit codes as the CLI contract says.
@Suite struct CLIContractTests {
    @Test("extract prints text and exits 0")
    func extractHuman() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        let result = try TestSupport.cvsieve(["extract", sample.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(sample.lastPathComponent): "))
        #expect(result.stdout.contains("[body"))
        #expect(result.stderr.isEmpty)
    }

    @Test("extract --json prints one document that decodes")
    func extractJSON() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        let result = try TestSupport.cvsieve(["extract", "--json", sample.path])
        #expect(result.status == 0)
        let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        #expect(document.fileName == sample.lastPathComponent)
        #expect(!document.blocks.isEmpty)
    }

    @Test("extract --json on a scan: one ocr block with its confidence; a low floor flags nothing, a high one flags it")
    func extractScanJSON() throws {
        let scan = TestSupport.samplesFolder.appendingPathComponent("scanned/300dpi/nl-single-column.pdf")
        let result = try TestSupport.cvsieve(["extract", "--json", scan.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        let ocr = blocks.filter { $0["source"] as? String == "ocr" }
        #expect(ocr.count == 1)
        #expect((ocr.first?["confidence"] as? Double ?? 0) >= 80)
        #expect(ocr.first?["low_confidence"] == nil)
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            let yaml = try String(contentsOfFile: config, encoding: .utf8)
            try yaml.replacingOccurrences(of: "ocr_min_confidence: 60", with: "ocr_min_confidence: 99")
                .write(toFile: config, atomically: true, encoding: .utf8)
            let flagged = try TestSupport.cvsieve(["extract", "--json", "--config", config, scan.path])
            #expect(flagged.status == 0)
            let document = try JSONDecoder().decode(Document.self, from: Data(flagged.stdout.utf8))
            #expect(document.blocks(from: .ocr).map(\.isLowConfidence) == [true])
        }
    }

    @Test("a hostile file exits 1 with 'error: <path typed>: <reason>' on stderr and nothing on stdout")
    func hostileExitsOne() throws {
        for (name, _) in TestSupport.hostileExpectations() {
            let path = TestSupport.hostileFile(name).path
            for command in ["extract", "detect", "preview"] {
                let result = try TestSupport.cvsieve([command, path])
                #expect(result.status == 1, "\(command) \(name)")
                #expect(result.stderr.hasPrefix("error: \(path): "), "\(command) \(name)")
                #expect(result.stderr.components(separatedBy: name).count == 2, "\(command) \(name): named once")
                #expect(result.stdout.isEmpty)
            }
        }
    }

    @Test("usage errors exit 2")
    func usageExitsTwo() throws {
        #expect(try TestSupport.cvsieve(["extract"]).status == 2)
        #expect(try TestSupport.cvsieve(["no-such-command"]).status == 2)
        #expect(try TestSupport.cvsieve(["extract", "--no-such-flag", "x.pdf"]).status == 2)
    }

    @Test("help exits 0 and lists the commands")
    func helpExitsZero() throws {
        let result = try TestSupport.cvsieve(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("extract"))
        #expect(!result.stdout.contains("worker"))
    }

    @Test("a configuration error exits 2 with line and column")
    func configErrorExitsTwo() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = folder.appendingPathComponent("pipeline.yml")
            try "inbox: ./in\nextraction:\n  max_pages: lots\n  retension: 4w\n".write(
                to: config, atomically: true, encoding: .utf8)
            let sample = try #require(TestSupport.sampleFiles().first)
            let result = try TestSupport.cvsieve(["extract", "--config", config.path, sample.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("pipeline.yml:3:14: extraction.max_pages must be a whole number"))
            #expect(result.stderr.contains("pipeline.yml:4:3: unknown key 'retension' in extraction"))
            let check = try TestSupport.cvsieve(["config", "check", config.path])
            #expect(check.status == 2)
        }
    }

    @Test("an explicitly named configuration that does not exist exits 2")
    func missingConfigExitsTwo() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        let result = try TestSupport.cvsieve(["extract", "--config", "/nonexistent/pipeline.yml", sample.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: /nonexistent/pipeline.yml: "))
    }
}
