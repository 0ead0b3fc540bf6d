public import CVModel
import Extraction
public import Foundation
import Glibc
import Intake
public import Logging
import Synchronization
public import Vault

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

    /// Drops `uploads` into `channel`'s inbox folder and runs an intake pass (as `cvsieve-run`,
    /// like `run`, without the purge: it takes whatever the inbox holds, not only these files);
    /// the uploads' results are picked out by the names they were dropped under, and the upload
    /// is audited under this service's actor (the account) with each file's outcome. When another
    /// pass holds the intake lock (`watch`, a `run`), the files wait in the inbox for it.
    public func receiveUploads(
        _ uploads: [Upload], channel: String, at now: Date, logger: Logger, workerCommand: [String]? = nil
    ) async throws -> [UploadOutcome] {
        let folder = (config.inbox as NSString).appendingPathComponent(channel)
        let names = uploads.map { Self.drop($0, into: folder) }
        let wanted = Set(names.compactMap { $0 })
        let results = Mutex([String: FileResult]())
        do {
            _ = try await acting(as: "cvsieve-run").runBatch(
                at: now, logger: logger, workerCommand: workerCommand, purging: false
            ) { step in
                if step.channel.configuredName == channel, let name = step.droppedName, wanted.contains(name) {
                    results.withLock { $0[name] = step.result }
                }
            }
        } catch let error as IntakeError {
            guard case .locked = error else { throw error }
        }
        let collected = results.withLock { $0 }
        let outcomes = names.map { name -> UploadOutcome in
            guard let name else { return .notSaved }
            return collected[name].map(UploadOutcome.processed) ?? .waiting
        }
        let summary = outcomes.map { outcome -> String in
            switch outcome {
            case .processed(let result):
                [result.status.rawValue, result.code ?? result.reason?.rawValue ?? result.claim].joined(separator: " ")
            case .waiting: "waiting"
            case .notSaved: "not saved"
            }
        }
        try await vault.recordAccountEvent(
            .upload, actor: actor,
            detail: "\(uploads.count) file(s) onto channel \(channel): \(summary.joined(separator: "; "))", at: now)
        return outcomes
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
    /// `folder/file.pdf`), without control characters, surrounding spaces or leading dots, at
    /// most 120 bytes with a short extension kept. A name intake would skip (`~$x.docx`,
    /// `x.part`, …) becomes `upload.<ext>`: an uploaded file must never lie unseen in the inbox.
    public static func uploadName(_ given: String) -> String {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        repeat {
            name = name.trimmingCharacters(in: .whitespaces)
            while name.hasPrefix(".") { name.removeFirst() }
        } while name.first?.isWhitespace == true
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { String(name[name.index(after: $0)...]) } ?? ""
        let isShortExtension =
            !suffix.isEmpty && suffix.utf8.count <= 10
            && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let stem = isShortExtension ? String(name[..<(dot ?? name.endIndex)]) : name
        let tail = isShortExtension ? "." + suffix : ""
        var cut = ""
        for character in stem {
            guard cut.utf8.count + String(character).utf8.count + tail.utf8.count <= 120 else { break }
            cut.append(character)
        }
        name = cut.trimmingCharacters(in: .whitespaces) + tail
        if cut.trimmingCharacters(in: .whitespaces).isEmpty || Inbox.isIgnored(name) {
            name = "upload" + (isShortExtension && !Inbox.isIgnored("x" + tail) ? tail : "")
        }
        return name
    }
}

extension Service {
    /// `retry` from the web app: quarantined files back into their inbox folders (all with
    /// `nil`), audited under this service's actor by quarantine id and count.
    public func retry(_ ids: [String]?, at now: Date) async throws(VaultError) -> (moved: Int, failed: Int) {
        let outcome = Retry(config: config).run(ids)
        try await vault.recordAccountEvent(
            .retry, actor: actor,
            detail: "\(ids.map { "quarantine \($0.joined(separator: ", "))" } ?? "all quarantined files"): "
                + "\(outcome.moved) back in the inbox, \(outcome.failed.count) failed",
            at: now)
        return (outcome.moved, outcome.failed.count)
    }
}

extension PipelineConfig {
    /// The largest file extraction takes (`extraction.max_file_size`).
    public var maxFileBytes: Int { extraction.maxFileBytes }
}
