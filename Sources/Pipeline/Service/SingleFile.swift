public import CVModel
import Detection
import Export
import Extraction
public import Foundation
import Vault

/// The single-file use cases (`extract`, `detect`, `preview`): one file a person names, read in
/// an isolated worker (or in process, for debugging), nothing stored. Their errors may echo the
/// path the person typed; the file's name goes nowhere else.
public struct SingleFile: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// An error about the file a person named, shown as `error: <path>: <reason>`.
    public struct Failure: ReportableError {
        public var path: String
        public var error: any ReportableError

        public var exitCode: Int32 { error.exitCode }
        public var kind: String { error.kind }
        public var description: String { "\(path): \(error.description)" }
    }

    /// The extracted text and metadata.
    public func extract(_ path: String, inProcess: Bool = false) throws(Failure) -> Document {
        do {
            var document =
                inProcess
                ? try Extractor(limits: config.extraction).extract(path: path)
                : try WorkerProcess(limits: config.extraction).extract(path: path)
            document.fileName = (path as NSString).lastPathComponent
            return document
        } catch {
            throw Failure(path: path, error: error)
        }
    }

    /// Findings and career facts.
    public func detect(_ path: String) throws(Failure) -> DetectionResult {
        let detector: Detector
        do {
            detector = try Detector()
        } catch {
            throw Failure(path: path, error: error)
        }
        return detector.detect(try extract(path))
    }

    /// What `preview` shows: the rendered profile and, with a vault present, how many stored
    /// candidates share its quasi-identifiers.
    public struct Preview: Sendable {
        public var bytes: Data
        public var similarCandidates: Int?
        public var kAnonymity: Int
        /// Career items left out because they hold a detected value: field and categories.
        public var leftOut: [String]
    }

    public func preview(_ path: String, format: ExportFormat, purpose: String?) async throws -> Preview {
        if let purpose { _ = try config.purpose(named: purpose) }
        let document = try extract(path)
        let service = ExportService(config: config)
        let rendered: (bytes: Data, profile: Profile, leftOut: [ProfileScreen.LeftOut])
        do {
            rendered = try service.preview(document, format: format)
        } catch {
            throw Failure(path: path, error: error)
        }
        var similar: Int?
        if config.vault.backend == .postgres || FileManager.default.fileExists(atPath: config.vaultPath) {
            similar = try await service.similarCandidates(to: rendered.profile, vault: config.openVault(), now: Date())
        }
        return Preview(
            bytes: rendered.bytes, similarCandidates: similar, kAnonymity: config.export.kAnonymity,
            leftOut: rendered.leftOut.map { "\($0.field) (\($0.categories.joined(separator: ", ")))" })
    }
}

/// `cvsieve worker`: the extraction worker's request loop (started by cvsieve itself).
public enum Worker {
    public static func serve(memoryLimitMiB: Int) -> Int32 {
        WorkerServer.serve(memoryLimitMiB: memoryLimitMiB)
    }
}
