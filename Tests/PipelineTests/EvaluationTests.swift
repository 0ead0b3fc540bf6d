import Foundation
import Pipeline
import TestSupport
import Testing

/// Detection quality on the fictional samples, scored by `cvsieve eval`'s own rules. These are
/// the goals of the detection issue; a regression fails here.
@Suite struct EvaluationTests {
    static let report = Result { try Evaluation(samples: TestSupport.samplesFolder.path).run() }

    @Test(
        "recall of the identifiers and birth dates is at least 0.99",
        arguments: ["email", "phone", "postcode", "bsn", "iban", "birth_date"])
    func identifierRecall(category: String) throws {
        let score = try #require(try Self.report.get().categories.first { $0.category == category })
        #expect((score.recall ?? 0) >= 0.99)
    }

    @Test("recall of names and street addresses is at least 0.97", arguments: ["name", "address"])
    func nameRecall(category: String) throws {
        let score = try #require(try Self.report.get().categories.first { $0.category == category })
        #expect((score.recall ?? 0) >= 0.97)
    }

    @Test("precision is at least 0.95 in every category")
    func precision() throws {
        for score in try Self.report.get().categories {
            #expect((score.precision ?? 1) >= 0.95, "\(score.category)")
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
