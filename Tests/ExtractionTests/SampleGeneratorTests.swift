import Foundation
import TestSupport
import Testing

/// The committed `Samples/` are what `Tools/samplegen` makes from seed 1 (`make samples`): a
/// truth file edited by hand, or a sample changed without its truth, fails here.
///
/// The generator is deterministic for a seed (reportlab's `invariant=1`, a fixed PDF file ID,
/// RC4 without salt, zip entries dated 2024-01-01; `Tools/samplegen/README.md`), so every file is
/// compared byte for byte: the truth JSON, the CVs, the hostile files and the scanned variants
/// (`Tools/samplegen/scanned.py`, poppler's `pdftoppm` and zlib at a fixed level).
@Suite struct SampleGeneratorTests {
    /// The Python that has the generator's packages: `make test` installs them into
    /// `.build/samplegen-venv`; otherwise `python3` on the PATH.
    static var python: (executable: String, arguments: [String]) {
        let venv = TestSupport.packageRoot.appendingPathComponent(".build/samplegen-venv/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return (venv, []) }
        return ("/usr/bin/env", ["python3"])
    }

    /// Every regular file under `folder`, by its path relative to `folder`.
    static func files(under folder: URL) throws -> [String: URL] {
        var files: [String: URL] = [:]
        let prefix = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in walker {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = url
        }
        return files
    }

    @Test("Samples/ is byte for byte what Tools/samplegen makes from seed 1: truth, CVs, hostile files")
    func samplesAreReproducible() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let generated = folder.appendingPathComponent("Samples")
            let script = TestSupport.packageRoot.appendingPathComponent("Tools/samplegen/generate.py").path
            let (executable, prefix) = Self.python
            let result = try TestSupport.run(
                executable, prefix + [script, "samples", "--out", generated.path, "--seed", "1"],
                environment: ["PYTHONDONTWRITEBYTECODE": "1"])
            let hint =
                result.stderr.contains("ModuleNotFoundError")
                ? "the generator needs reportlab and pypdf: `make test` installs them, or "
                    + "`pip install -r Tools/samplegen/requirements.txt`" : "exit \(result.status)"
            try #require(result.status == 0, "Tools/samplegen failed: \(hint)")
            // The scanned variants, drawn from the samples just made (standard library and pdftoppm).
            let scanned = try TestSupport.run(
                executable,
                prefix + [
                    TestSupport.packageRoot.appendingPathComponent("Tools/samplegen/scanned.py").path, "--samples",
                    generated.path, "--out", generated.appendingPathComponent("scanned").path,
                ], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
            try #require(scanned.status == 0, "Tools/samplegen/scanned.py failed: exit \(scanned.status)")

            let committed = try Self.files(under: TestSupport.samplesFolder)
            let made = try Self.files(under: generated)
            #expect(committed.count > 21)
            #expect(
                Set(committed.keys).subtracting(made.keys).isEmpty,
                "in Samples/ but not made by the generator: \(Set(committed.keys).subtracting(made.keys).sorted())")
            #expect(
                Set(made.keys).subtracting(committed.keys).isEmpty,
                "made by the generator but not in Samples/: \(Set(made.keys).subtracting(committed.keys).sorted())")
            for (path, url) in committed.sorted(by: { $0.key < $1.key }) {
                guard let twin = made[path] else { continue }
                #expect(
                    try Data(contentsOf: url) == Data(contentsOf: twin),
                    "Samples/\(path) differs from what the generator makes (run `make samples`, or fix the generator)")
            }
        }
    }
}
