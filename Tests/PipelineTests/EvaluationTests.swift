import CVModel
import Foundation
import Pipeline
import TestSupport
import Testing

/// Detection quality on the fictional samples, scored by `cvsieve eval`'s own rules. These are
/// the goals of the detection issue; a regression fails here.
@Suite struct EvaluationTests {
    static let report = Result { try Evaluation(samples: TestSupport.samplesFolder.path).run() }

    /// The labelled values per category, counted from the truth files by the rule
    /// ``Evaluation`` documents: distinct per document, letters and digits lower-cased, phones by
    /// their last nine digits, links without scheme and `www.`; a photo counts once.
    static func labelledCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in TestSupport.sampleNames() {
            let truth = try TestSupport.truth(for: name)
            var keys = Set<[String]>()
            for value in truth.personal {
                var text = value.text.lowercased()
                if value.category == "url" {
                    for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) {
                        text.removeFirst(prefix.count)
                    }
                }
                let key =
                    value.category == "phone" ? PhoneKey.of(text) : String(text.filter { $0.isLetter || $0.isNumber })
                keys.insert([value.category, key])
            }
            if truth.photo == true { keys.insert(["photo", "photo"]) }
            for key in keys { counts[key[0], default: 0] += 1 }
        }
        return counts
    }

    @Test("every sample is extracted and scored: no failures, every document counted")
    func noFailures() throws {
        let report = try Self.report.get()
        #expect(report.failures.isEmpty, "\(report.failures.count) samples failed to extract")
        #expect(report.documents == TestSupport.sampleNames().count)
    }

    @Test("each category is scored over exactly the values the truth files label")
    func labelledValues() throws {
        let expected = try Self.labelledCounts()
        let scores = try Self.report.get().categories
        #expect(Set(scores.map(\.category)) == Set(Category.allCases.map(\.rawValue)))
        for score in scores {
            #expect(score.truth == expected[score.category, default: 0], "\(score.category)")
            #expect(score.found <= score.truth, "\(score.category)")
            #expect(score.correct <= score.predicted, "\(score.category)")
        }
        // Every category the samples label is labelled somewhere, so none escapes scoring; copies
        // of identity documents have samples and truth of their own (`Samples/id`,
        // IdentityDocumentTests).
        #expect(Set(expected.keys) == Set(Category.allCases.map(\.rawValue)).subtracting(["id_copy"]))
    }

    @Test(
        "recall of the identifiers and birth dates is at least 0.99",
        arguments: ["email", "phone", "postcode", "bsn", "iban", "birth_date"])
    func identifierRecall(category: String) throws {
        let score = try #require(try Self.report.get().categories.first { $0.category == category })
        #expect(score.truth > 0)
        #expect((score.recall ?? 0) >= 0.99)
    }

    @Test("recall of names and street addresses is at least 0.97", arguments: ["name", "address"])
    func nameRecall(category: String) throws {
        let score = try #require(try Self.report.get().categories.first { $0.category == category })
        #expect(score.truth > 0)
        #expect((score.recall ?? 0) >= 0.97)
    }

    @Test("precision is at least 0.95 in every category; a labelled category without predictions fails")
    func precision() throws {
        for score in try Self.report.get().categories where score.truth > 0 || score.predicted > 0 {
            // Undefined precision (nothing predicted) is not perfect precision.
            let precision = try #require(score.precision, "\(score.category): labelled, but nothing predicted")
            #expect(precision >= 0.95, "\(score.category)")
        }
    }

    @Test("job titles, employers, degrees and institutions are not reported as personal data")
    func careerNotPersonal() throws {
        for score in try Self.report.get().career {
            #expect(score.flaggedAsPersonal == 0, "\(score.field)")
        }
    }

    @Test("career facts are recalled")
    func careerRecall() throws {
        for score in try Self.report.get().career {
            #expect((score.recall ?? 0) >= 0.9, "\(score.field)")
        }
    }
}

/// How `eval` reports a category it cannot score: undefined is `nil`/`null`/`–`, never 1.
@Suite struct EvaluationReportingTests {
    static let truthJSON = """
        {"file": "cv.pdf", "language": "nl", "format": "pdf", "personal": [
          {"category": "email", "text": "l.verweij@voorbeeld.test", "source": "body"},
          {"category": "phone", "text": "06-12345678", "source": "body"}],
         "career": {"experience": [], "education": [], "certificates": [], "languages": [], "skills": []}}
        """

    /// A samples folder with one truth file and, in `predictions/`, a prediction that finds the
    /// phone, misses the e-mail and reports a link nobody labelled; plus a truth file with no
    /// prediction at all.
    static func withScoredFolder(_ body: (Evaluation.Report, URL) throws -> Void) throws {
        try TestSupport.withTemporaryDirectory { folder in
            let truth = folder.appendingPathComponent("truth")
            let predictions = folder.appendingPathComponent("predictions")
            for url in [truth, predictions] {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            }
            try Data(truthJSON.utf8).write(to: truth.appendingPathComponent("cv.json"))
            try Data(truthJSON.replacingOccurrences(of: "cv.pdf", with: "lost.pdf").utf8)
                .write(to: truth.appendingPathComponent("lost.json"))
            let findings = [
                Finding(category: .phone, text: "06-12345678", start: 0, end: 11, confidence: 0.9, source: .body),
                Finding(category: .url, text: "voorbeeld.test/x", start: 20, end: 36, confidence: 0.9, source: .body),
            ]
            let result = DetectionResult(
                file: "cv.pdf", language: "nl", findings: findings, special: [], career: CareerFacts())
            try JSONEncoder().encode(result).write(to: predictions.appendingPathComponent("cv.json"))
            let report = try Evaluation(samples: folder.path, predictions: predictions.path).run()
            try body(report, folder)
        }
    }

    @Test("labelled values without predictions: recall 0, precision undefined (not 1); a missing file is a failure")
    func noPredictions() throws {
        try Self.withScoredFolder { report, _ in
            #expect(report.failures == ["lost.pdf"])
            let scores = Dictionary(uniqueKeysWithValues: report.categories.map { ($0.category, $0) })
            let email = try #require(scores["email"])
            #expect(email.truth == 1 && email.predicted == 0)
            #expect(email.recall == 0)
            #expect(email.precision == nil)
            let phone = try #require(scores["phone"])
            #expect(phone.recall == 1 && phone.precision == 1)
            // Predicted, nothing labelled: every prediction is wrong, and recall is undefined.
            let url = try #require(scores["url"])
            #expect(url.precision == 0)
            #expect(url.recall == nil)
        }
    }

    @Test("eval --json writes an undefined precision as null and the table shows –")
    func undefinedInOutput() throws {
        try Self.withScoredFolder { _, folder in
            let arguments = ["eval", "--samples", folder.path, "--predictions", folder.path + "/predictions"]
            let json = try TestSupport.cvsieve(arguments + ["--json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let categories = try #require(object?["categories"] as? [[String: Any]])
            let email = try #require(categories.first { $0["category"] as? String == "email" })
            #expect(email["precision"] is NSNull)
            #expect(email["recall"] as? Double == 0)
            let table = try TestSupport.cvsieve(arguments)
            let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("email ") })
            #expect(row.split(separator: " ").map(String.init) == ["email", "1", "0", "0.000", "0", "0", "–"])
        }
    }
}
