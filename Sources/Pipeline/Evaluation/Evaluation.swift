public import CVModel
public import Detection
public import Extraction
import Foundation

/// `cvsieve eval`: detection recall and precision per category against `truth/*.json`, and
/// recall of career facts. Values are compared per document as distinct values, in a
/// writing-independent key (letters and digits, lower-cased; phones by their last nine digits).
public struct Evaluation: Sendable {
    public var samples: String
    /// A folder of `detect --json` documents (`<name>.json`) to score instead of running cvsieve:
    /// how the peers (Presidio, deduce) are scored with exactly the same rules.
    public var predictions: String?
    public var limits: ExtractionLimits
    public var listsMisses: Bool

    public init(
        samples: String, predictions: String? = nil, limits: ExtractionLimits = .default, listsMisses: Bool = false
    ) {
        self.samples = samples
        self.predictions = predictions
        self.limits = limits
        self.listsMisses = listsMisses
    }

    /// Recall and precision of one category.
    ///
    /// A ratio without a denominator is undefined and stays `nil`: never 1, never 0. `--json`
    /// writes it as `null` and the text table as `–`. So a category with labelled values and no
    /// predictions at all has recall 0 and precision `nil`; reading that `nil` as "perfect
    /// precision" would hide a category that detection never reports.
    public struct CategoryScore: Codable, Sendable {
        public var category: String
        /// Distinct labelled values (per document, by the writing-independent key).
        public var truth = 0
        /// Labelled values that a prediction of the category covers.
        public var found = 0
        /// Distinct predicted values.
        public var predicted = 0
        /// Predicted values that match a labelled value.
        public var correct = 0
        /// `found / truth`; `nil` when nothing of the category is labelled.
        public var recall: Double? { truth == 0 ? nil : Double(found) / Double(truth) }
        /// `correct / predicted`; `nil` when nothing of the category was predicted, labelled
        /// values or not (see the type's note: undefined, not 1).
        public var precision: Double? { predicted == 0 ? nil : Double(correct) / Double(predicted) }

        enum CodingKeys: String, CodingKey { case category, truth, found, predicted, correct, recall, precision }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(category, forKey: .category)
            try container.encode(truth, forKey: .truth)
            try container.encode(found, forKey: .found)
            try container.encode(predicted, forKey: .predicted)
            try container.encode(correct, forKey: .correct)
            // `null`, not a missing key, when undefined: a script reading `precision` sees that it is undefined.
            try container.encode(recall, forKey: .recall)
            try container.encode(precision, forKey: .precision)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            category = try container.decode(String.self, forKey: .category)
            truth = try container.decode(Int.self, forKey: .truth)
            found = try container.decode(Int.self, forKey: .found)
            predicted = try container.decode(Int.self, forKey: .predicted)
            correct = try container.decode(Int.self, forKey: .correct)
        }

        init(category: String) { self.category = category }
    }

    public struct CareerScore: Codable, Sendable {
        public var field: String
        public var truth = 0
        public var found = 0
        /// Career values (titles, employers, degrees, institutions) that detection reported as personal data.
        public var flaggedAsPersonal = 0
        public var recall: Double? { truth == 0 ? nil : Double(found) / Double(truth) }
    }

    public struct Report: Codable, Sendable {
        public var samples: String
        public var documents: Int
        /// Files that could not be extracted (or had no readable prediction file). They are left
        /// out of every score, so the figures describe `documents - failures.count` files.
        public var failures: [String]
        public var categories: [CategoryScore]
        public var career: [CareerScore]
        /// With `--misses`: each missed truth value and each wrong prediction (fictional samples only).
        public var misses: [Miss]?
    }

    public struct Miss: Codable, Sendable {
        public var file: String
        public var category: String
        public var kind: String
        public var text: String
    }

    public func run() throws -> Report {
        let truthFolder = (samples as NSString).appendingPathComponent("truth")
        let names = try FileManager.default.contentsOfDirectory(atPath: truthFolder).filter { $0.hasSuffix(".json") }
            .sorted()
        var categories: [String: CategoryScore] = [:]
        for category in Category.allCases { categories[category.rawValue] = CategoryScore(category: category.rawValue) }
        var career: [String: CareerScore] = [:]
        for field in Self.careerFields { career[field] = CareerScore(field: field) }
        var failures: [String] = []
        var misses: [Miss] = []
        let detector = try Detector()
        let decoder = JSONDecoder()
        for name in names {
            let truth = try decoder.decode(
                SampleTruth.self,
                from: Data(contentsOf: URL(fileURLWithPath: (truthFolder as NSString).appendingPathComponent(name))))
            let result: DetectionResult
            if let predictions {
                let path = (predictions as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path),
                    let decoded = try? decoder.decode(DetectionResult.self, from: data)
                else {
                    failures.append(truth.file)
                    continue
                }
                result = decoded
            } else {
                do {
                    let document = try Extractor(limits: limits).extract(
                        path: (samples as NSString).appendingPathComponent(truth.file))
                    result = detector.detect(document)
                } catch {
                    failures.append(truth.file)
                    continue
                }
            }
            score(truth: truth, result: result, into: &categories, misses: &misses)
            scoreCareer(truth: truth, result: result, into: &career, misses: &misses)
        }
        return Report(
            samples: samples, documents: names.count, failures: failures,
            categories: Category.allCases.compactMap { categories[$0.rawValue] },
            career: Self.careerFields.compactMap { career[$0] }, misses: listsMisses ? misses : nil)
    }

    /// A ratio to three decimals; `–` when it is undefined (nothing labelled, or nothing predicted).
    public static func ratioText(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }

    static let careerFields = ["title", "employer", "degree", "institution", "certificate", "language", "skill"]

    // MARK: - Scoring

    static func key(_ text: String, category: String) -> String {
        if category == "phone" { return PhoneKey.of(text) }
        if category == "url" {
            var lowered = text.lowercased()
            for prefix in ["https://", "http://", "www."] where lowered.hasPrefix(prefix) {
                lowered.removeFirst(prefix.count)
            }
            return String(lowered.filter { $0.isLetter || $0.isNumber })
        }
        return String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Words of a name without initials or possessive endings, for judging name variants.
    static func nameWords(_ text: String) -> Set<String> {
        Set(
            text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).map { word -> String in
                var word = String(word)
                if word.hasSuffix("'s") { word.removeLast(2) }
                return word.filter(\.isLetter)
            }.filter { $0.count >= 2 })
    }

    private func score(
        truth: SampleTruth, result: DetectionResult, into scores: inout [String: CategoryScore], misses: inout [Miss]
    ) {
        var truthKeys: [String: Set<String>] = [:]
        var truthNames: [Set<String>] = []
        for value in truth.personal {
            truthKeys[value.category, default: []].insert(Self.key(value.text, category: value.category))
            if value.category == "name" { truthNames.append(Self.nameWords(value.text)) }
        }
        if truth.photo == true { truthKeys["photo"] = ["photo"] }
        var predictedKeys: [String: Set<String>] = [:]
        for finding in result.findings {
            let key = finding.category == .photo ? "photo" : Self.key(finding.text, category: finding.category.rawValue)
            guard !key.isEmpty else { continue }
            predictedKeys[finding.category.rawValue, default: []].insert(key)
        }
        for category in Category.allCases.map(\.rawValue) {
            let expected = truthKeys[category] ?? []
            let predicted = predictedKeys[category] ?? []
            scores[category]?.truth += expected.count
            // A value is found when a finding of its category covers it (`Joost` inside `Joost Scholten`).
            let found = expected.filter { key in
                predicted.contains { $0.contains(key) }
                    || (category == "address" && predicted.contains { key.hasPrefix($0) })
            }
            scores[category]?.found += found.count
            for key in expected.subtracting(found) {
                let text = truth.personal.first {
                    $0.category == category && Self.key($0.text, category: category) == key
                }?.text
                misses.append(Miss(file: truth.file, category: category, kind: "missed", text: text ?? key))
            }
            scores[category]?.predicted += predicted.count
            let correct = predicted.filter { key in
                if expected.contains(key) { return true }
                if category == "address" { return expected.contains { $0.hasPrefix(key) || key.hasPrefix($0) } }
                if category == "name" {
                    let words =
                        result.findings.filter { $0.category == .name && Self.key($0.text, category: "name") == key }
                        .map { Self.nameWords($0.text) }.first ?? []
                    return !words.isEmpty && truthNames.contains { words.isSubset(of: $0) }
                }
                return false
            }
            scores[category]?.correct += correct.count
            for key in predicted.subtracting(correct) {
                let text = result.findings.first {
                    $0.category.rawValue == category && Self.key($0.text, category: category) == key
                }?.text
                misses.append(Miss(file: truth.file, category: category, kind: "wrong", text: text ?? key))
            }
        }
    }

    private func scoreCareer(
        truth: SampleTruth, result: DetectionResult, into scores: inout [String: CareerScore], misses: inout [Miss]
    ) {
        let predicted = result.career
        let fields: [(String, [String], [String])] = [
            ("title", truth.career.experience.map(\.title), predicted.experience.map(\.title)),
            ("employer", truth.career.experience.map(\.employer), predicted.experience.map(\.employer)),
            ("degree", truth.career.education.map(\.degree), predicted.education.map(\.degree)),
            ("institution", truth.career.education.map(\.institution), predicted.education.map(\.institution)),
            ("certificate", truth.career.certificates, predicted.certificates),
            ("language", truth.career.languages.map(\.language), predicted.languages.map(\.language)),
            ("skill", truth.career.skills, predicted.skills),
        ]
        let personalKeys = Set(result.findings.filter { $0.category != .photo }.map { Self.key($0.text, category: "") })
        for (field, expected, found) in fields {
            let foundKeys = Set(found.map { Self.key($0, category: "") })
            for value in expected where !value.isEmpty {
                let key = Self.key(value, category: "")
                scores[field]?.truth += 1
                if foundKeys.contains(key) {
                    scores[field]?.found += 1
                } else {
                    misses.append(Miss(file: truth.file, category: field, kind: "missed", text: value))
                }
                if personalKeys.contains(key) {
                    scores[field]?.flaggedAsPersonal += 1
                    misses.append(Miss(file: truth.file, category: field, kind: "flagged", text: value))
                }
            }
        }
    }
}
