import Foundation

/// What `cvsieve eval --corpus` measures: score.py's figures, counted by ``CorpusScorer``.
///
/// A ratio without a denominator is `nil` (`null` in `--json`, `-` or `None` in the lines that
/// copy score.py's), as in ``Evaluation``.
public struct CorpusReport: Codable, Sendable {
    /// The corpus folder as given.
    public var corpus: String
    /// Label files read (`labels/*.json`).
    public var labels: Int
    /// Labelled files left out because their label says `text_extractable: false`.
    public var skipped: [String]
    /// Files whose preview failed (the leak gate's refusal, exit 3, or a render error): scored
    /// with an empty profile, as score.py sees the empty output file.
    public var previewFailures: [String]
    /// Files that could not be extracted at all: an empty profile and no finding (every value
    /// missed); score.py stops with an error on their empty `detect` output instead.
    public var extractionFailures: [String]
    /// Per category, sorted by name; only categories with at least one labelled value.
    public var categories: [CategoryScore]
    public var summary: Summary
    /// Labelled files with no document in `docs/` (score.py's missing outputs).
    public var missing: [String]
    /// Each value that appears exactly in a profile: file and category (score.py's `leak_examples`).
    public var leaks: [Leak]
    /// With `--misses`: the labelled values no finding contains, and the career items and skills
    /// not in the profile. Values of the corpus's fictional people, for the terminal only.
    public var misses: [Miss]?

    /// snake_case throughout, as score.py's names (`found_n`, `career_kept`).
    enum CodingKeys: String, CodingKey {
        case corpus, labels, skipped, categories, summary, missing, leaks, misses
        case previewFailures = "preview_failures"
        case extractionFailures = "extraction_failures"
    }

    public struct CategoryScore: Codable, Sendable, Equatable {
        public var category: String
        /// Labelled values (strings of at least two characters after stripping).
        public var n = 0
        /// Values that appear whole-word in the normalised profile.
        public var leaked = 0
        /// Values not leaked whose variant appears (phone digits, surname token, e-mail local part).
        public var variantLeaked = 0
        /// Quasi-identifiers (city, birth place, gender, nationality, marital status) that appear
        /// whole-word in the profile once the career items are taken out.
        public var quasiLeaked = 0
        /// Values some finding's text contains, or nearly equals.
        public var found = 0
        /// Values scored for recall.
        public var foundN = 0
        public var recall: Double? { foundN == 0 ? nil : Double(found) / Double(foundN) }

        public init(category: String) { self.category = category }

        enum CodingKeys: String, CodingKey {
            case category, n, leaked, recall, found
            case variantLeaked = "variant_leaked"
            case quasiLeaked = "quasi_leaked"
            case foundN = "found_n"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            category = try container.decode(String.self, forKey: .category)
            n = try container.decode(Int.self, forKey: .n)
            leaked = try container.decode(Int.self, forKey: .leaked)
            variantLeaked = try container.decode(Int.self, forKey: .variantLeaked)
            quasiLeaked = try container.decode(Int.self, forKey: .quasiLeaked)
            found = try container.decode(Int.self, forKey: .found)
            foundN = try container.decode(Int.self, forKey: .foundN)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(category, forKey: .category)
            try container.encode(n, forKey: .n)
            try container.encode(leaked, forKey: .leaked)
            try container.encode(variantLeaked, forKey: .variantLeaked)
            try container.encode(quasiLeaked, forKey: .quasiLeaked)
            try container.encode(found, forKey: .found)
            try container.encode(foundN, forKey: .foundN)
            try container.encode(recall, forKey: .recall)
        }
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var values = 0
        public var leaks = 0
        public var variantLeaks = 0
        public var quasiLeaks = 0
        public var found = 0
        public var foundN = 0
        /// Career items (titles, employers, degrees, institutions, certificates, languages; not
        /// skills) of at least three characters that are not also a labelled personal value.
        public var careerItems = 0
        public var careerItemsKept = 0
        public var skills = 0
        public var skillsKeptCount = 0
        public var missing = 0

        public var recall: Double? { foundN == 0 ? nil : Double(found) / Double(foundN) }
        /// The share of career items the profile contains (score.py's `career_kept`).
        public var careerKept: Double? { careerItems == 0 ? nil : Double(careerItemsKept) / Double(careerItems) }
        /// The same for skills, which score.py does not count.
        public var skillsKept: Double? { skills == 0 ? nil : Double(skillsKeptCount) / Double(skills) }

        public init() {}

        enum CodingKeys: String, CodingKey {
            case values, leaks, found, recall, skills, missing
            case variantLeaks = "variant_leaks"
            case quasiLeaks = "quasi_leaks"
            case foundN = "found_n"
            case careerItems = "career_items"
            case careerItemsKept = "career_items_kept"
            case careerKept = "career_kept"
            case skillsKeptCount = "skills_kept_count"
            case skillsKept = "skills_kept"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            values = try container.decode(Int.self, forKey: .values)
            leaks = try container.decode(Int.self, forKey: .leaks)
            variantLeaks = try container.decode(Int.self, forKey: .variantLeaks)
            quasiLeaks = try container.decode(Int.self, forKey: .quasiLeaks)
            found = try container.decode(Int.self, forKey: .found)
            foundN = try container.decode(Int.self, forKey: .foundN)
            careerItems = try container.decode(Int.self, forKey: .careerItems)
            careerItemsKept = try container.decode(Int.self, forKey: .careerItemsKept)
            skills = try container.decode(Int.self, forKey: .skills)
            skillsKeptCount = try container.decode(Int.self, forKey: .skillsKeptCount)
            missing = try container.decode(Int.self, forKey: .missing)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(values, forKey: .values)
            try container.encode(leaks, forKey: .leaks)
            try container.encode(variantLeaks, forKey: .variantLeaks)
            try container.encode(quasiLeaks, forKey: .quasiLeaks)
            try container.encode(found, forKey: .found)
            try container.encode(foundN, forKey: .foundN)
            try container.encode(recall, forKey: .recall)
            try container.encode(careerItems, forKey: .careerItems)
            try container.encode(careerItemsKept, forKey: .careerItemsKept)
            try container.encode(careerKept, forKey: .careerKept)
            try container.encode(skills, forKey: .skills)
            try container.encode(skillsKeptCount, forKey: .skillsKeptCount)
            try container.encode(skillsKept, forKey: .skillsKept)
            try container.encode(missing, forKey: .missing)
        }
    }

    public struct Leak: Codable, Sendable, Equatable {
        public var file: String
        public var category: String
    }

    public struct Miss: Codable, Sendable {
        public enum Kind: String, Codable, Sendable {
            /// A labelled personal value that no finding contains.
            case notFound = "not_found"
            /// A career item or skill that the profile does not contain.
            case notKept = "not_kept"
        }

        public var file: String
        public var kind: Kind
        /// The personal-data category, or the career field (`job_title`, …, `skill`).
        public var category: String
        public var text: String
    }
}

// MARK: - score.py's lines

extension CorpusReport {
    /// score.py's table, one row per category:
    /// `f"{cat:14s} n={n:4d} leaked={:3d} variant_leaked={:3d} quasi_leaked={:3d} recall={rec}"`,
    /// recall as `%.3f` or `-`.
    public var tableRows: [String] {
        categories.map { score in
            "\(Self.left(score.category, 14)) n=\(Self.right(score.n, 4)) leaked=\(Self.right(score.leaked, 3)) "
                + "variant_leaked=\(Self.right(score.variantLeaked, 3)) quasi_leaked=\(Self.right(score.quasiLeaked, 3)) "
                + "recall=\(score.recall.map { String(format: "%.3f", $0) } ?? "-")"
        }
    }

    /// score.py's `missing outputs:` line (the first 20 ids), when a labelled file has no document.
    public var missingLine: String? {
        guard !missing.isEmpty else { return nil }
        return "missing outputs: \(missing.prefix(20).joined(separator: " ")) \(missing.count > 20 ? "..." : "")"
    }

    /// score.py's `leaks in:` line (the first 30 leaks as `id:category`).
    public var leaksLine: String? {
        guard !leaks.isEmpty else { return nil }
        return "leaks in: " + leaks.prefix(30).map { "\($0.file):\($0.category)" }.joined(separator: ", ")
    }

    /// score.py's summary line, ratios as Python prints `round(x, 3)` (`0.9`, `1.0`, `None`).
    public var summaryLine: String {
        "leaks=\(summary.leaks)/\(summary.values) variant_leaks=\(summary.variantLeaks) "
            + "quasi_leaks=\(summary.quasiLeaks) recall=\(Self.pythonRounded(summary.recall)) "
            + "career_kept=\(Self.pythonRounded(summary.careerKept)) missing=\(summary.missing)"
    }

    /// The skills figure score.py lacks, in the same form: `skills_kept=0.5 (3/6)`.
    public var skillsLine: String {
        "skills_kept=\(Self.pythonRounded(summary.skillsKept)) (\(summary.skillsKeptCount)/\(summary.skills))"
    }

    /// `str(round(x, 3))`: glibc's `%.3f` rounds the exact binary value half to even as
    /// CPython's `round` does, and Swift's `description` is the shortest round-trip form, as
    /// Python's `repr`.
    public static func pythonRounded(_ value: Double?) -> String {
        guard let value else { return "None" }
        return (Double(String(format: "%.3f", value)) ?? value).description
    }

    /// `f"{text:Ns}"`: padded with spaces to `width` code points, never cut.
    static func left(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.unicodeScalars.count))
    }

    /// `f"{number:Nd}"`: right-aligned in `width`.
    static func right(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
