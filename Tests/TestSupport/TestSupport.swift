public import CVModel
public import Extraction
public import Foundation
import Glibc

/// Helpers shared by the test targets: sample files, temporary folders, the built binary.
public enum TestSupport {
    /// Limits for tests that check what OCR reads, not how fast: the default 10 s a page would fail
    /// them on a machine busy with the other suites (the time limits have tests of their own).
    public static let unhurried = ExtractionLimits(timeoutSeconds: 900, ocrPageTimeoutSeconds: 600)

    /// The package root (found from this source file's path, so tests run from any directory).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static var samplesFolder: URL { packageRoot.appendingPathComponent("Samples") }

    /// The sample CVs (PDF and DOCX), sorted by name.
    public static func sampleFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samplesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".docx") }.sorted()
            .map { samplesFolder.appendingPathComponent($0) }
    }

    /// The sample file names, for `@Test(arguments:)` (names describe layouts, never people).
    public static func sampleNames() -> [String] { sampleFiles().map(\.lastPathComponent) }

    /// The truth of sample `name` (`nl-personalia-table.docx` → `truth/nl-personalia-table.json`).
    public static func truth(for name: String) throws -> SampleTruth {
        let stem = (name as NSString).deletingPathExtension
        let url = samplesFolder.appendingPathComponent("truth/\(stem).json")
        return try JSONDecoder().decode(SampleTruth.self, from: Data(contentsOf: url))
    }

    /// Hostile samples with the error kind each must give (`Samples/hostile/expect.json`).
    public static func hostileExpectations() -> [(name: String, kind: String)] {
        let url = samplesFolder.appendingPathComponent("hostile/expect.json")
        guard let data = try? Data(contentsOf: url),
            let map = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [] }
        return map.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether a hostile sample of this kind can be read in the test process. A `worker_crashed`
    /// sample crashes a C library itself (poppler), which no check of ours can stop: it is read
    /// only through a worker, since in this process it would end the test run.
    public static func isReadInProcess(kind: String) -> Bool { kind != "worker_crashed" }

    public static func hostileFile(_ name: String) -> URL {
        samplesFolder.appendingPathComponent("hostile/\(name)")
    }

    /// The `cvsieve` binary built beside the test bundle.
    public static var cvsieveBinary: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("cvsieve").path
    }

    /// The command that starts an extraction worker from the built binary.
    public static var workerCommand: [String] { [cvsieveBinary, "worker", "--memory-limit-mib", "1024"] }

    /// Runs `body` with a new empty folder that is removed afterwards, whether `body` throws or not.
    public static func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cvsieve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}

extension TestSupport {
    /// Writes the shipped pipeline.yml into `folder` with its inbox and data moved there
    /// (`folder/inbox`, `folder/data`), plus `extra` YAML; returns the file's path.
    @discardableResult
    public static func writeConfig(in folder: URL, extra: String = "") throws -> String {
        let path = folder.appendingPathComponent("pipeline.yml").path
        let yaml =
            try String(contentsOf: packageRoot.appendingPathComponent("pipeline.yml"), encoding: .utf8)
            .replacingOccurrences(of: "inbox: ./var/inbox", with: "inbox: ./inbox")
            .replacingOccurrences(of: "data: ./var/data", with: "data: ./data") + extra
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Copies sample files into `folder/inbox/<channel>`.
    public static func dropSamples(_ files: [URL], into folder: URL, channel: String = "sollicitatie") throws {
        let inbox = folder.appendingPathComponent("inbox/\(channel)")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(at: file, to: inbox.appendingPathComponent(file.lastPathComponent))
        }
    }
}

extension TestSupport {
    /// Runs `body` with a fresh tmpfs of `kilobytes` mounted on a temporary folder (a small disk
    /// to fill, or a second file system), unmounted afterwards. Mounting needs root, which CI has;
    /// elsewhere `body` gets `nil` and the test says so on stderr.
    public static func withTmpfs<Result>(kilobytes: Int, _ body: (URL?) throws -> Result) throws -> Result {
        try withTemporaryDirectory { folder in
            let mount = folder.appendingPathComponent("tmpfs")
            try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
            let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", mount.path])
            guard mounted.status == 0 else {
                FileHandle.standardError.write(Data("note: tmpfs cannot be mounted here (not root?): skipped\n".utf8))
                return try body(nil)
            }
            defer { _ = try? run("/bin/umount", ["-l", mount.path]) }
            return try body(mount)
        }
    }
}

extension TestSupport {
    /// ``withTemporaryDirectory(_:)`` for async bodies.
    public static func withTemporaryDirectory<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cvsieve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }
}

extension TestSupport {
    /// Whether `needle` occurs in `haystack` byte for byte (`memchr` for the first byte, then
    /// `memcmp`: Foundation's `Data.range(of:)` and `String.contains` are far slower over
    /// megabytes of vault pages; glibc's `memmem` is not visible without `_GNU_SOURCE`).
    public static func bytes(_ haystack: [UInt8], contain needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, pattern.count <= haystack.count else { return pattern.isEmpty }
        return haystack.withUnsafeBytes { hay in
            pattern.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let first = pin.first, let needleBase = pin.baseAddress else {
                    return false
                }
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + position, needleBase, pin.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
