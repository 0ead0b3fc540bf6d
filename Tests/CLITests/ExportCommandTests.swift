import CVModel
import Foundation
import TestSupport
import Testing

/// preview and export end to end: every sample, every format, zero leaks; a refused export exits 3.
@Suite(.serialized) struct ExportCommandTests {
    @Test("every sample previews in md, json and html", arguments: TestSupport.sampleNames())
    func preview(sample: String) throws {
        for format in ["md", "json", "html"] {
            let result = try TestSupport.cvsieve([
                "preview", "--format", format, TestSupport.samplesFolder.appendingPathComponent(sample).path,
            ])
            #expect(result.status == 0, "\(sample) \(format): \(result.stderr)")
            let truth = try TestSupport.truth(for: sample)
            // A place name inside an institution (`ROC van Amsterdam`) or the region is a career fact, not the residence.
            for (index, value) in truth.personal.enumerated()
            where value.text.count >= 4 && value.category != "city" && value.category != "birth_place" {
                #expect(
                    !result.stdout.localizedCaseInsensitiveContains(value.text),
                    "\(sample) \(format): truth value #\(index) (\(value.category)) leaked")
            }
        }
    }

    @Test("every stored sample exports in every format with its disclosure recorded; a planted leak exits 3")
    func export() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = URL(fileURLWithPath: try TestSupport.writeConfig(in: folder))
            try TestSupport.dropSamples(TestSupport.sampleFiles(), into: folder)
            #expect(try TestSupport.cvsieve(["run", "--config", config.path]).status == 0)
            struct Candidate: Decodable { var code: String }
            let list = try TestSupport.cvsieve(["candidates", "--config", config.path, "--json"])
            let codes = try JSONDecoder().decode([Candidate].self, from: Data(list.stdout.utf8)).map(\.code)
            #expect(codes.count == TestSupport.sampleFiles().count)
            var refused = 0
            for code in codes {
                for format in ["json", "md", "html", "pdf", "docx"] {
                    let result = try TestSupport.cvsieve([
                        "export", code, "--client", "Klant BV", "--format", format, "--config", config.path,
                    ])
                    if result.status == 3 { refused += 1 }
                    #expect(result.status == 0 || result.status == 3, "\(code) \(format): \(result.stderr)")
                }
            }
            #expect(refused == 0)
            let access = try TestSupport.cvsieve(["subject", "access", codes[0], "--config", config.path])
            #expect(access.stdout.contains("\"client\" : \"Klant BV\""))

            // A stored value that appears in the profile (here: the name rectified to the headline) is refused, exit 3.
            let exported = folder.appendingPathComponent("data/exports/\(codes[0])-klant-bv.json")
            let resume = try JSONSerialization.jsonObject(with: Data(contentsOf: exported)) as? [String: Any]
            let headline = try #require((resume?["basics"] as? [String: Any])?["label"] as? String)
            let valueFile = folder.appendingPathComponent("rectified-value.txt")
            try headline.write(to: valueFile, atomically: true, encoding: .utf8)
            let rectify = try TestSupport.cvsieve([
                "subject", "rectify", codes[0], "name", "--value-from", valueFile.path, "--config", config.path,
            ])
            #expect(rectify.status == 0)
            #expect(rectify.stdout.contains("Klant BV"))
            let out = folder.appendingPathComponent("refused.md").path
            let refusedExport = try TestSupport.cvsieve([
                "export", codes[0], "--client", "Ander BV", "--format", "md", "--out", out, "--config", config.path,
            ])
            #expect(refusedExport.status == 3)
            #expect(refusedExport.stderr.contains("(name)"))
            #expect(!refusedExport.stderr.contains(headline))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
