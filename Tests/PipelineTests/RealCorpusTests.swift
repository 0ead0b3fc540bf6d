import Foundation
import Pipeline
import TestSupport
import Testing

/// The shared real-format corpus (`../shared/corpus`, beside the project root here and in CI).
enum RealCorpus {
    static let shared = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var folder: URL { shared.appendingPathComponent("real") }
    /// The corpus as the README's command names it, relative to the project root.
    static let relativePath = "../shared/corpus/real"
    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("labels").path) }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// score.py's `--json` document.
    struct ScriptReport: Decodable, Sendable {
        struct Category: Decodable, Sendable {
            var n, leak, vleak, quasi, found: Int
            var foundN: Int

            enum CodingKeys: String, CodingKey {
                case n, leak, vleak, quasi, found
                case foundN = "found_n"
            }
        }

        struct Summary: Decodable, Sendable {
            var values, leaks, variantLeaks, quasiLeaks, missingOutputs: Int
            var recall, careerKept: Double?

            enum CodingKeys: String, CodingKey {
                case values, leaks, recall
                case variantLeaks = "variant_leaks"
                case quasiLeaks = "quasi_leaks"
                case missingOutputs = "missing_outputs"
                case careerKept = "career_kept"
            }
        }

        var perCategory: [String: Category]
        var summary: Summary
        var missing: [String]
        var leakExamples: [[String]]

        enum CodingKeys: String, CodingKey {
            case summary, missing
            case perCategory = "per_category"
            case leakExamples = "leak_examples"
        }
    }

    /// One scoring of the corpus, shared by every test: `run.sh` with the built binary (its
    /// printed lines, and score.py's `--json` over the outputs it kept) and, at the same time,
    /// `cvsieve eval --corpus ../shared/corpus/real --json`, both from the project root (so both
    /// read its pipeline.yml).
    struct Scoring: Sendable {
        var report: CorpusReport
        var script: ScriptReport
        var runLines: [String]
    }

    static let scoring = Result { try score() }

    static func score() throws -> Scoring {
        guard isPresent else {
            throw ScoringFailure(description: "the shared corpus is not at \(folder.path) (CI keeps it there)")
        }
        return try TestSupport.withTemporaryDirectory { work in
            let outputs = work.appendingPathComponent("run")
            let log = work.appendingPathComponent("run.log")
            let runner = try TestSupport.start(
                "/bin/bash", [shared.appendingPathComponent("run.sh").path, TestSupport.cvsieveBinary, outputs.path],
                in: TestSupport.packageRoot, log: log)
            defer { TestSupport.endNow(runner) }
            let eval = try TestSupport.cvsieve(
                ["eval", "--corpus", relativePath, "--json"], in: TestSupport.packageRoot)
            guard eval.status == 0 else {
                throw ScoringFailure(description: "cvsieve eval --corpus exited \(eval.status): \(eval.stderr)")
            }
            try TestSupport.waitForExit(runner, timeout: .seconds(600))
            let runOutput = try String(contentsOf: log, encoding: .utf8)
            guard runner.exitStatus == 0 else {
                throw ScoringFailure(description: "run.sh exited \(runner.exitStatus ?? -1): \(runOutput)")
            }
            let script = try TestSupport.run(
                "/usr/bin/env",
                [
                    "python3", shared.appendingPathComponent("score.py").path, "--labels",
                    folder.appendingPathComponent("labels").path, "--outputs",
                    outputs.appendingPathComponent("outputs").path, "--findings",
                    outputs.appendingPathComponent("findings").path, "--json",
                ])
            guard script.status == 0 else {
                throw ScoringFailure(description: "score.py --json exited \(script.status): \(script.stderr)")
            }
            return Scoring(
                report: try JSONDecoder().decode(CorpusReport.self, from: Data(eval.stdout.utf8)),
                script: try JSONDecoder().decode(ScriptReport.self, from: Data(script.stdout.utf8)),
                runLines: runOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }

    struct ScoringFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// `cvsieve eval --corpus` gives exactly the figures of `../shared/corpus/run.sh` (score.py over
/// `preview --format md` and `detect --json`), and they stay at or above ``RealCorpusFloor``.
/// Without the shared corpus the suite is skipped, except under CI (`CI=true`), where it fails.
@Suite(
    .enabled(
        if: RealCorpus.isPresent || RealCorpus.isCI,
        "the shared corpus is not at ../shared/corpus/real; under CI=true this fails instead"))
struct RealCorpusTests {
    @Test("every per-category figure and the summary equal score.py's")
    func sameFiguresAsScript() throws {
        let scoring = try RealCorpus.scoring.get()
        let report = scoring.report
        let script = scoring.script
        #expect(report.categories.map(\.category) == script.perCategory.keys.sorted())
        for score in report.categories {
            let expected = try #require(script.perCategory[score.category], "\(score.category)")
            #expect(score.n == expected.n, "\(score.category)")
            #expect(score.leaked == expected.leak, "\(score.category)")
            #expect(score.variantLeaked == expected.vleak, "\(score.category)")
            #expect(score.quasiLeaked == expected.quasi, "\(score.category)")
            #expect(score.found == expected.found, "\(score.category)")
            #expect(score.foundN == expected.foundN, "\(score.category)")
        }
        let summary = report.summary
        #expect(summary.values == script.summary.values)
        #expect(summary.leaks == script.summary.leaks)
        #expect(summary.variantLeaks == script.summary.variantLeaks)
        #expect(summary.quasiLeaks == script.summary.quasiLeaks)
        #expect(summary.recall == script.summary.recall)
        #expect(summary.careerKept == script.summary.careerKept)
        #expect(summary.missing == script.summary.missingOutputs)
        #expect(report.missing == script.missing)
        #expect(report.leaks.map { [$0.file, $0.category] } == script.leakExamples)
    }

    @Test("the table, its extra lines and the summary line are run.sh's, rounding included")
    func sameLinesAsScript() throws {
        let scoring = try RealCorpus.scoring.get()
        let report = scoring.report
        // run.sh: `files=N preview_failures=F outputs=DIR`, then score.py's lines, then nothing.
        let header = try #require(scoring.runLines.first)
        #expect(header.hasPrefix("files=\(report.labels - report.missing.count) preview_failures="))
        if report.skipped.isEmpty {
            let failures = report.previewFailures.count + report.extractionFailures.count
            #expect(header.contains(" preview_failures=\(failures) "))
        }
        let expected =
            report.tableRows + [report.missingLine, report.leaksLine].compactMap { $0 } + [report.summaryLine, ""]
        #expect(Array(scoring.runLines.dropFirst()) == expected)
    }

    @Test("the summary stays at or above the floors in RealCorpusFloor.swift")
    func floors() throws {
        let summary = try RealCorpus.scoring.get().report.summary
        #expect(summary.missing == 0)
        #expect(try #require(summary.recall) >= RealCorpusFloor.recall)
        #expect(try #require(summary.careerKept) >= RealCorpusFloor.careerKept)
        #expect(try #require(summary.skillsKept) >= RealCorpusFloor.skillsKept)
        #expect(summary.leaks <= RealCorpusFloor.maximumLeaks)
        #expect(summary.variantLeaks <= RealCorpusFloor.maximumVariantLeaks)
        #expect(summary.quasiLeaks <= RealCorpusFloor.maximumQuasiLeaks)
    }
}
