import ArgumentParser
import Pipeline

/// `cvsieve eval --samples DIR [--predictions DIR]` (recall and precision per category against
/// truth files) or `cvsieve eval --corpus DIR` (the real-format corpus's figures, as score.py
/// computes them); `--json`, `--misses`.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Score detection against Samples-style truth files or a labelled corpus.")

    @OptionGroup var options: CommonOptions

    @Option(help: "A folder with CVs and truth/<name>.json.")
    var samples: String?

    @Option(
        help: """
            A labelled corpus folder with docs/ and labels/ (e.g. ../shared/corpus/real): leaks, recall and \
            career kept as ../shared/corpus/score.py counts them.
            """)
    var corpus: String?

    @Option(help: "Score these detect --json documents (<name>.json) instead of running detection (peer tools).")
    var predictions: String?

    @Flag(
        help: """
            List every missed value and wrong prediction, or with --corpus the values not found and the career \
            items not kept (prints values: for fictional samples only).
            """)
    var misses = false

    func validate() throws {
        if (samples == nil) == (corpus == nil) { throw ValidationError("give one of --samples DIR and --corpus DIR") }
        if corpus != nil && predictions != nil { throw ValidationError("--predictions goes with --samples") }
    }

    func run() throws {
        let config = try options.loadConfig()
        if let corpus {
            try runCorpus(CorpusEvaluation(corpus: corpus, config: config, listsMisses: misses).run())
            return
        }
        guard let samples else { return }
        let report = try Evaluation(
            samples: samples, predictions: predictions, limits: config.extraction, listsMisses: misses
        ).run()
        if options.json {
            try Output.json(report)
            return
        }
        print("\(report.samples): \(report.documents) documents, \(report.failures.count) failed")
        print("category         truth  found  recall  predicted  correct  precision")
        for score in report.categories where score.truth > 0 || score.predicted > 0 {
            print(
                [
                    score.category.padding(15), String(score.truth).padding(6), String(score.found).padding(6),
                    Evaluation.ratioText(score.recall).padding(7), String(score.predicted).padding(10),
                    String(score.correct).padding(8), Evaluation.ratioText(score.precision),
                ].joined(separator: " "))
        }
        for miss in report.misses ?? [] { print("  \(miss.kind) \(miss.category) in \(miss.file): \(miss.text)") }
        print("career field     truth  found  recall  flagged as personal")
        for score in report.career where score.truth > 0 {
            print(
                [
                    score.field.padding(15), String(score.truth).padding(6), String(score.found).padding(6),
                    Evaluation.ratioText(score.recall).padding(7), String(score.flaggedAsPersonal),
                ].joined(separator: " "))
        }
    }

    /// score.py's table, its `missing outputs:` and `leaks in:` lines, and its summary line last
    /// (byte for byte); before it, the skills figure score.py does not have.
    func runCorpus(_ report: CorpusReport) throws {
        if options.json {
            try Output.json(report)
            return
        }
        let scored = report.labels - report.skipped.count - report.missing.count
        print(
            "\(report.corpus): labels=\(report.labels) scored=\(scored) skipped=\(report.skipped.count) "
                + "preview_failures=\(report.previewFailures.count) extraction_failures=\(report.extractionFailures.count)"
        )
        if !report.previewFailures.isEmpty {
            print(
                "preview refused or failed (scored as an empty profile): \(report.previewFailures.joined(separator: " "))"
            )
        }
        if !report.extractionFailures.isEmpty {
            print("not extracted (nothing found, nothing kept): \(report.extractionFailures.joined(separator: " "))")
        }
        if let misses = report.misses {
            var file: String?
            for miss in misses {
                if miss.file != file {
                    print("\(miss.file):")
                    file = miss.file
                }
                let kind = miss.kind == .notFound ? "not found" : "not kept "
                print("  \(kind)  \(miss.category): \(miss.text)")
            }
        }
        for row in report.tableRows { print(row) }
        if let line = report.missingLine { print(line) }
        if let line = report.leaksLine { print(line) }
        print(report.skillsLine)
        print(report.summaryLine)
    }
}
