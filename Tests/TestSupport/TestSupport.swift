public import CVModel
public import Foundation

/// Helpers shared by the test targets: sample files, temporary folders, the built binary.
public enum TestSupport {
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

/// The result of running a child process to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

extension TestSupport {
    /// Runs `executable` with `arguments`, in `directory`, and collects its output.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the built `cvsieve` with `arguments`.
    public static func cvsieve(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try run(cvsieveBinary, arguments, in: directory)
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
