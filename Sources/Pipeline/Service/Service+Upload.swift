public import CVModel
import Extraction
public import Foundation
import Glibc
import Intake
public import Logging
import Synchronization

// Uploads from the web app: each file lands in its channel's inbox folder exactly like a dropped
// one, then the same intake pass as `cvsieve run` processes the inbox.
extension Service {
    /// One uploaded file: the name the browser gave (personal data: used like a dropped file's
    /// name, never logged) and its bytes.
    public struct Upload: Sendable {
        public var name: String
        public var bytes: Data

        public init(name: String, bytes: Data) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// What became of one uploaded file.
    public enum UploadOutcome: Sendable {
        case processed(FileResult)
        /// In the inbox, for the intake pass that is already running (or the next one).
        case waiting
        /// Could not be written into the inbox folder.
        case notSaved
    }

    /// Drops `uploads` into `channel`'s inbox folder and runs an intake pass; the uploads'
    /// results are picked out by the names they were dropped under. When another pass holds the
    /// intake lock (`watch`, a `run`), the files wait in the inbox for it.
    public func receiveUploads(
        _ uploads: [Upload], channel: String, at now: Date, logger: Logger, workerCommand: [String]? = nil
    ) async throws -> [UploadOutcome] {
        let folder = (config.inbox as NSString).appendingPathComponent(channel)
        let names = uploads.map { Self.drop($0, into: folder) }
        let wanted = Set(names.compactMap { $0 })
        let results = Mutex([String: FileResult]())
        do {
            _ = try await runBatch(at: now, logger: logger, workerCommand: workerCommand) { step in
                if step.channel.configuredName == channel, let name = step.droppedName, wanted.contains(name) {
                    results.withLock { $0[name] = step.result }
                }
            }
        } catch let error as IntakeError {
            guard case .locked = error else { throw error }
        }
        let collected = results.withLock { $0 }
        return names.map { name in
            guard let name else { return .notSaved }
            return collected[name].map(UploadOutcome.processed) ?? .waiting
        }
    }

    /// Writes an upload into `folder` under its own (cleaned) name, never over another file: a
    /// hidden temporary file first (intake skips those), then a hard link to a free name.
    /// Returns the name, `nil` when it could not be written.
    static func drop(_ upload: Upload, into folder: String) -> String? {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = (folder as NSString).appendingPathComponent(".upload-\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: upload.bytes, attributes: [.posixPermissions: 0o600])
        else { return nil }
        defer { unlink(temporary) }
        let name = uploadName(upload.name)
        let stem = (name as NSString).deletingPathExtension
        let suffix = (name as NSString).pathExtension
        for attempt in 0..<100 {
            let candidate = attempt == 0 ? name : "\(stem) (\(attempt + 1))" + (suffix.isEmpty ? "" : ".\(suffix)")
            if link(temporary, (folder as NSString).appendingPathComponent(candidate)) == 0 { return candidate }
            guard errno == EEXIST else { return nil }
        }
        return nil
    }

    /// A browser's file name as one safe name: its last path component (a folder upload sends
    /// `folder/file.pdf`), without control characters or leading dots, at most 120 bytes, the
    /// extension kept.
    public static func uploadName(_ given: String) -> String {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        while name.hasPrefix(".") { name.removeFirst() }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { name = "upload" }
        let suffix = (name as NSString).pathExtension
        while name.utf8.count > 120 {
            let stem = (name as NSString).deletingPathExtension
            guard !stem.isEmpty else {
                name = String(decoding: name.utf8.prefix(120), as: UTF8.self)
                break
            }
            name = String(stem.dropLast()) + (suffix.isEmpty ? "" : ".\(suffix)")
        }
        return name
    }
}

extension PipelineConfig {
    /// The largest file extraction takes (`extraction.max_file_size`).
    public var maxFileBytes: Int { extraction.maxFileBytes }
}
