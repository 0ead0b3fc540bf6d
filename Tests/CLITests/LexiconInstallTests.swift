import Foundation
import TestSupport
import Testing

/// The detector's word lists ship beside the binary as `cvsieve_Detection.resources`. A binary
/// moved without them refuses to detect (exit 2, the folder to copy named) rather than run with
/// empty lists, and a batch run stops before it claims a file.
@Suite struct LexiconInstallTests {
    static let resources = "cvsieve_Detection.resources"

    /// The built binary put into `folder` (a hard link, or a copy across file systems), with a
    /// copy of its resources folder or without; returns its path.
    static func install(into folder: URL, withResources: Bool) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let built = URL(fileURLWithPath: TestSupport.cvsieveBinary)
        let binary = folder.appendingPathComponent("cvsieve")
        do {
            try FileManager.default.linkItem(at: built, to: binary)
        } catch {
            try FileManager.default.copyItem(at: built, to: binary)
        }
        if withResources {
            try FileManager.default.copyItem(
                at: built.deletingLastPathComponent().appendingPathComponent(resources),
                to: folder.appendingPathComponent(resources))
        }
        return binary.path
    }

    @Test("a binary moved without its word lists exits 2 naming the folder; run claims nothing; extract works")
    func missingLists() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let binary = try Self.install(into: folder.appendingPathComponent("bin"), withResources: false)
            let sample = try #require(TestSupport.sampleFiles().first)
            for command in ["detect", "preview"] {
                let result = try TestSupport.run(binary, [command, sample.path])
                #expect(result.status == 2, "\(command)")
                #expect(result.stderr.contains("bin/\(Self.resources)/Data: not found"), "\(command): \(result.stderr)")
                #expect(result.stderr.contains("make install"), "\(command)")
                #expect(result.stdout.isEmpty, "\(command)")
            }
            // The extraction worker (the same binary, started again) needs no list.
            #expect(try TestSupport.run(binary, ["extract", sample.path]).status == 0)

            let config = try TestSupport.writeConfig(in: folder)
            try TestSupport.dropSamples([sample], into: folder)
            let run = try TestSupport.run(binary, ["run", "--config", config])
            #expect(run.status == 2)
            #expect(run.stderr.contains("\(Self.resources)/Data: not found"))
            let dropped = folder.appendingPathComponent("inbox/sollicitatie/\(sample.lastPathComponent)")
            #expect(FileManager.default.fileExists(atPath: dropped.path), "the file waits in the inbox, unclaimed")
            let quarantine = folder.appendingPathComponent("data/quarantine").path
            #expect((try? FileManager.default.contentsOfDirectory(atPath: quarantine))?.isEmpty ?? true)
        }
    }

    @Test("moved with its resources folder, the binary detects exactly as the built one")
    func movedWithLists() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let binary = try Self.install(into: folder, withResources: true)
            let sample = try #require(TestSupport.sampleFiles().first)
            let moved = try TestSupport.run(binary, ["detect", "--json", sample.path])
            let built = try TestSupport.cvsieve(["detect", "--json", sample.path])
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout == built.stdout)
        }
    }

    @Test("an empty or non-UTF-8 list is an error naming the file, never an empty list")
    func damagedList() throws {
        let sample = try #require(TestSupport.sampleFiles().first)
        for (file, bytes, reason) in [
            ("surnames.txt", Data(), "no entries"), ("first_names.txt", Data([0x41, 0xFF, 0x0A]), "not UTF-8"),
        ] {
            try TestSupport.withTemporaryDirectory { folder in
                let binary = try Self.install(into: folder, withResources: true)
                let list = folder.appendingPathComponent("\(Self.resources)/Data/\(file)")
                try bytes.write(to: list)
                let result = try TestSupport.run(binary, ["detect", sample.path])
                #expect(result.status == 2, "\(file)")
                #expect(result.stderr.contains("Data/\(file): \(reason)"), "\(file): \(result.stderr)")
            }
        }
    }
}
