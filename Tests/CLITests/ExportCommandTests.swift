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

    struct RunSummary: Decodable {
        struct File: Decodable {
            var code: String?
            var status: String
        }
        var files: [File]
    }

    struct Access: Decodable {
        struct Disclosure: Decodable {
            var client: String
            var format: String
            var profileSHA256: String
        }
        var disclosures: [Disclosure]
    }

    static let formats = ["json", "md", "html", "pdf", "docx"]

    /// Runs every sample into a new vault under `folder`; the stored candidate code of each sample.
    static func storeSamples(in folder: URL) throws -> (config: String, codes: [String: String]) {
        let config = try TestSupport.writeConfig(in: folder)
        var codes: [String: String] = [:]
        // One run per sample: run output names files by claim id only, never by name.
        for sample in TestSupport.sampleFiles() {
            try TestSupport.dropSamples([sample], into: folder)
            let run = try TestSupport.cvsieve(["run", "--config", config, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try JSONDecoder().decode(RunSummary.self, from: Data(run.stdout.utf8))
            for file in summary.files where file.status == "stored" { codes[sample.lastPathComponent] = file.code }
        }
        return (config, codes)
    }

    @Test("every sample exports in every format, read back by other tools holds no truth value, disclosures match")
    func export() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let (config, codes) = try Self.storeSamples(in: folder)
            #expect(codes.count == TestSupport.sampleFiles().count)
            for sample in TestSupport.sampleNames() {
                let code = try #require(codes[sample], "\(sample) was not stored")
                var files: [String: URL] = [:]
                for format in Self.formats {
                    let result = try TestSupport.cvsieve([
                        "export", code, "--client", "Klant BV", "--format", format, "--config", config,
                    ])
                    #expect(result.status == 0, "\(sample) \(format): \(result.stderr)")
                    files[format] = folder.appendingPathComponent("data/exports/\(code)-klant-bv.\(format)")
                }
                // Read back with tools other than cvsieve, and look for every truth value in every writing.
                let profile = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(files["json"])))
                let location = ((profile as? [String: Any])?["basics"] as? [String: Any])?["location"]
                let scan = TruthLeakScan(
                    truth: try TestSupport.truth(for: sample),
                    region: (location as? [String: Any])?["region"] as? String)
                for format in Self.formats {
                    let file = try #require(files[format])
                    let readings = try ExportReading.read(file, format: format)
                    #expect(readings.contains { !$0.decoded.isEmpty }, "\(sample) \(format): nothing read back")
                    for leak in scan.leaks(in: readings) { Issue.record("\(sample) \(format): \(leak)") }
                }
                // Each export is recorded as a disclosure to the client, with the hash of the file given.
                let access = try TestSupport.cvsieve(["subject", "access", code, "--config", config])
                let disclosures = try JSONDecoder().decode(Access.self, from: Data(access.stdout.utf8)).disclosures
                #expect(disclosures.map(\.format).sorted() == Self.formats.sorted(), "\(sample)")
                for disclosure in disclosures {
                    #expect(disclosure.client == "Klant BV")
                    let file = try #require(files[disclosure.format])
                    let sum = try TestSupport.run("/usr/bin/sha256sum", [file.path])
                    #expect(sum.stdout.hasPrefix(disclosure.profileSHA256 + " "), "\(sample) \(disclosure.format)")
                }
            }
        }
    }

    @Test("a career item holding a stored value is left out; a value the screen cannot see is refused with exit 3")
    func plantedLeak() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let (config, codes) = try Self.storeSamples(in: folder)
            let code = try #require(codes.values.sorted().first)
            let first = try TestSupport.cvsieve([
                "export", code, "--client", "Klant BV", "--format", "json", "--config", config,
            ])
            #expect(first.status == 0, "\(first.stderr)")
            func rectifyName(to value: String) throws -> ProcessResult {
                let valueFile = folder.appendingPathComponent("rectified-value.txt")
                try value.write(to: valueFile, atomically: true, encoding: .utf8)
                return try TestSupport.cvsieve([
                    "subject", "rectify", code, "name", "--value-from", valueFile.path, "--config", config,
                ])
            }
            // The name rectified to the headline: the headline is a stored value now, so the job
            // titles that hold it are left out, with a warning naming the field and the category.
            let exported = folder.appendingPathComponent("data/exports/\(code)-klant-bv.json")
            let resume = try JSONSerialization.jsonObject(with: Data(contentsOf: exported)) as? [String: Any]
            let headline = try #require((resume?["basics"] as? [String: Any])?["label"] as? String)
            let rectify = try rectifyName(to: headline)
            #expect(rectify.status == 0)
            #expect(rectify.stdout.contains("Klant BV"))
            let screened = folder.appendingPathComponent("screened.md").path
            let screenedExport = try TestSupport.cvsieve([
                "export", code, "--client", "Ander BV", "--format", "md", "--out", screened, "--config", config,
            ])
            #expect(screenedExport.status == 0, "\(screenedExport.stderr)")
            #expect(screenedExport.stderr.contains("left out experience.title (name)"))
            #expect(!screenedExport.stderr.contains(headline))
            #expect(
                !TextFolding.fold(try String(contentsOfFile: screened, encoding: .utf8)).contains(
                    TextFolding.fold(headline)))
            // The name rectified to the agency's name, which every profile carries outside the career
            // items: the gate on the rendered file refuses it, naming only the category.
            #expect(try rectifyName(to: "Uitzendbureau Voorbeeld").status == 0)
            let out = folder.appendingPathComponent("refused.md").path
            let refusedExport = try TestSupport.cvsieve([
                "export", code, "--client", "Ander BV", "--format", "md", "--out", out, "--config", config,
            ])
            #expect(refusedExport.status == 3)
            #expect(refusedExport.stderr.contains("(name)"))
            #expect(!refusedExport.stderr.contains("Uitzendbureau Voorbeeld"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
