import ArgumentParser
import Foundation
import Pipeline

/// `cvsieve eval --samples DIR [--json]`: recall and precision per category against truth files.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Score detection against Samples-style truth files.")

    @OptionGroup var options: CommonOptions

    @Option(help: "A folder with CVs and truth/<name>.json.")
    var samples: String

    @Option(help: "Score these detect --json documents (<name>.json) instead of running detection (peer tools).")
    var predictions: String?

    @Flag(help: "List every missed value and wrong prediction (prints values: for fictional samples only).")
    var misses = false

    func run() throws {
        let config = try options.loadConfig()
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
                    Self.ratio(score.recall).padding(7), String(score.predicted).padding(10),
                    String(score.correct).padding(8), Self.ratio(score.precision),
                ].joined(separator: " "))
        }
        for miss in report.misses ?? [] { print("  \(miss.kind) \(miss.category) in \(miss.file): \(miss.text)") }
        print("career field     truth  found  recall  flagged as personal")
        for score in report.career where score.truth > 0 {
            print(
                [
                    score.field.padding(15), String(score.truth).padding(6), String(score.found).padding(6),
                    Self.ratio(score.recall).padding(7), String(score.flaggedAsPersonal),
                ].joined(separator: " "))
        }
    }

    /// A ratio to three decimals; `–` when it is undefined (nothing labelled, or nothing predicted).
    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
}
