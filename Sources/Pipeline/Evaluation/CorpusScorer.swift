/// score.py's counting, line for line, over what cvsieve produced for each labelled file.
///
/// Per value of a `pii` category (photo left out; strings of at least two characters after
/// stripping), on the normalised profile (``ScoreText/normalise(_:)``):
/// - a quasi-identifier (city, birth place, gender, nationality, marital status) counts as
///   `quasi_leaked` when it appears whole-word in the profile after every career item (three
///   or more characters, longest first) has been replaced by a space; it is found when some
///   finding's text contains it;
/// - any other value counts as `leaked` when it appears whole-word; otherwise as
///   `variant_leaked` when one of its variants does (``CorpusLabel/variants(category:value:)``);
///   it is found when some finding's text contains it, or a finding of at least three
///   characters is inside it and at least 0.6 of its length.
///
/// A career item (and, for `skills_kept` only, a skill) of at least three characters that is not
/// also a labelled personal value is kept when the normalised profile contains it (a substring,
/// not whole-word). Duplicated items count each time, as score.py counts them.
public enum CorpusScorer {
    /// score.py's `QUASI`.
    static let quasiIdentifiers: Set<String> = ["city", "birth_place", "gender", "nationality", "marital_status"]
    /// score.py's `NON_PII`.
    static let notPersonal: Set<String> = ["photo"]

    /// What cvsieve produced for one labelled file.
    public struct Output: Sendable {
        /// The rendered Markdown profile; empty when `preview` failed, as score.py then reads an
        /// empty output file.
        public var profile: String
        /// The findings' texts; `nil` when there are none to score recall with (score.py without
        /// a findings file leaves the file out of recall).
        public var findings: [String]?

        public init(profile: String, findings: [String]?) {
            self.profile = profile
            self.findings = findings
        }
    }

    /// The figures over `labels` (in score.py's order: by file name), with `outputs` by label id;
    /// a label with no output is missing. The report's corpus and failure lists are left empty.
    public static func score(labels: [CorpusLabel], outputs: [String: Output], listsMisses: Bool) -> CorpusReport {
        var categories: [String: CorpusReport.CategoryScore] = [:]
        var summary = CorpusReport.Summary()
        var missing: [String] = []
        var leaks: [CorpusReport.Leak] = []
        var misses: [CorpusReport.Miss] = []
        var skipped: [String] = []
        for label in labels {
            if label.isSkipped {
                skipped.append(label.id)
                continue
            }
            guard let output = outputs[label.id] else {
                missing.append(label.id)
                continue
            }
            let profile = ScoreText.normalise(output.profile)
            let profileDigits = ScoreText.digits(output.profile)
            let tokens = ScoreText.tokens(profile)
            let items = label.careerItems
            var withoutCareer = profile
            // sorted({norm(x) for x in items}, key=len, reverse=True); ties (which Python leaves in
            // set order) by code point, so the result does not depend on a hash seed.
            let distinctItems = Set(items.map { ScoreText.normalise($0.text) }).sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) { $0.value < $1.value }
            }
            for item in distinctItems where item.count >= 3 {
                withoutCareer = ScoreText.replacingWords(item, in: withoutCareer, with: [" "])
            }
            let findings = output.findings?.map(ScoreText.normalise)
            for (category, values) in label.personal {
                guard !notPersonal.contains(category), let values else { continue }
                for case .string(let value) in values where ScoreText.strip(Array(value.unicodeScalars)).count >= 2 {
                    var score = categories[category] ?? CorpusReport.CategoryScore(category: category)
                    defer { categories[category] = score }
                    score.n += 1
                    let normalised = ScoreText.normalise(value)
                    let isFound: Bool?
                    if quasiIdentifiers.contains(category) {
                        if ScoreText.containsWord(normalised, in: withoutCareer) { score.quasiLeaked += 1 }
                        isFound = findings.map { $0.contains { ScoreText.contains(normalised, in: $0) } }
                    } else {
                        if ScoreText.containsWord(normalised, in: profile) {
                            score.leaked += 1
                            leaks.append(CorpusReport.Leak(file: label.id, category: category))
                        } else if CorpusLabel.variants(category: category, value: value).contains(where: { variant in
                            switch variant {
                            case .digits(let digits): ScoreText.contains(digits, in: profileDigits)
                            case .token(let token): tokens.contains(token)
                            case .text(let text): ScoreText.contains(text, in: profile)
                            }
                        }) {
                            score.variantLeaked += 1
                        }
                        isFound = findings.map { $0.contains { Self.covers($0, normalised) } }
                    }
                    guard let isFound else { continue }
                    score.foundN += 1
                    if isFound {
                        score.found += 1
                    } else if listsMisses {
                        misses.append(.init(file: label.id, kind: .notFound, category: category, text: value))
                    }
                }
            }
            let personal = label.personalValues
            for item in items + label.skills {
                let normalised = ScoreText.normalise(item.text)
                guard normalised.count >= 3, !personal.contains(normalised) else { continue }
                let isKept = ScoreText.contains(normalised, in: profile)
                if item.field == .skill {
                    summary.skills += 1
                    if isKept { summary.skillsKeptCount += 1 }
                } else {
                    summary.careerItems += 1
                    if isKept { summary.careerItemsKept += 1 }
                }
                if !isKept && listsMisses {
                    misses.append(.init(file: label.id, kind: .notKept, category: item.field.rawValue, text: item.text))
                }
            }
        }
        let sorted = categories.values.sorted {
            $0.category.unicodeScalars.lexicographicallyPrecedes($1.category.unicodeScalars)
        }
        for score in sorted {
            summary.values += score.n
            summary.leaks += score.leaked
            summary.variantLeaks += score.variantLeaked
            summary.quasiLeaks += score.quasiLeaked
            summary.found += score.found
            summary.foundN += score.foundN
        }
        summary.missing = missing.count
        return CorpusReport(
            corpus: "", labels: labels.count, skipped: skipped, previewFailures: [], extractionFailures: [],
            categories: sorted, summary: summary, missing: missing, leaks: leaks, misses: listsMisses ? misses : nil)
    }

    /// score.py's recall rule: `nv in f or (len(f) >= 3 and f in nv and len(f) >= 0.6 * len(nv))`.
    static func covers(_ finding: ScoreText.Scalars, _ value: ScoreText.Scalars) -> Bool {
        ScoreText.contains(value, in: finding)
            || (finding.count >= 3 && ScoreText.contains(finding, in: value)
                && Double(finding.count) >= 0.6 * Double(value.count))
    }
}
