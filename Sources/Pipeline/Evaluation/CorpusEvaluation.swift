import CVModel
import Detection
import Foundation

/// `cvsieve eval --corpus DIR`: the real-format corpus's figures (`../shared/corpus/real`),
/// exactly as `../shared/corpus/run.sh` and `score.py` compute them, without Python and in one
/// process.
///
/// `DIR` holds `labels/<id>.json` and `docs/<id>-*.pdf|docx`. Each labelled file (except those
/// labelled `text_extractable: false`) is extracted once in a worker process, as `cvsieve
/// detect` does; the findings are what `detect --json` prints, and the profile is what
/// `preview FILE --format md` prints, through ``ExportService/preview(_:format:)`` and its leak
/// gate. A refused or failed preview scores as an empty profile, as run.sh leaves an empty output
/// file. ``CorpusScorer`` then counts.
///
/// Nothing is logged: the corpus's values are of fictional people, but a log is no place for
/// them, and `--misses` prints them to the terminal only.
public struct CorpusEvaluation: Sendable {
    public var corpus: String
    public var config: PipelineConfig
    public var listsMisses: Bool

    public init(corpus: String, config: PipelineConfig, listsMisses: Bool = false) {
        self.corpus = corpus
        self.config = config
        self.listsMisses = listsMisses
    }

    public func run() throws -> CorpusReport {
        let labelsFolder = (corpus as NSString).appendingPathComponent("labels")
        let documentsFolder = (corpus as NSString).appendingPathComponent("docs")
        for folder in [labelsFolder, documentsFolder] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw CorpusError.notACorpus(path: corpus)
            }
        }
        let labels = try CorpusLabel.load(folder: labelsFolder)
        let documents = try Self.documents(in: documentsFolder)
        var outputs: [String: CorpusScorer.Output] = [:]
        var previewFailures: [String] = []
        var extractionFailures: [String] = []
        let detector = try Detector()
        for label in labels where !label.isSkipped {
            guard let path = documents[label.id] else { continue }
            let single = SingleFile(config: config)
            let document: Document
            do {
                document = try single.extract(path)
            } catch {
                extractionFailures.append(label.id)
                outputs[label.id] = CorpusScorer.Output(profile: "", findings: [])
                continue
            }
            let findings = detector.detect(document).findings.map(\.text)
            var profile = ""
            do {
                profile = String(
                    decoding: try ExportService(config: config).preview(document, format: .md).bytes, as: UTF8.self)
            } catch {
                previewFailures.append(label.id)
            }
            outputs[label.id] = CorpusScorer.Output(profile: profile, findings: findings)
        }
        var report = CorpusScorer.score(labels: labels, outputs: outputs, listsMisses: listsMisses)
        report.corpus = corpus
        report.previewFailures = previewFailures
        report.extractionFailures = extractionFailures
        return report
    }

    /// The PDF, DOCX and image files of `docs/` by id, the name up to its first `-` (run.sh's
    /// `${b%%-*}`); of two files with one id, the later by name wins, as run.sh overwrites.
    static func documents(in folder: String) throws -> [String: String] {
        var documents: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let lowered = name.lowercased()
            guard ExtractionBenchmark.corpusExtensions.contains((lowered as NSString).pathExtension) else { continue }
            let id = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)[0]
            documents[String(id)] = (folder as NSString).appendingPathComponent(name)
        }
        return documents
    }
}
