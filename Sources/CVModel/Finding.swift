/// Whose data a finding is: the candidate's own, or a third party's (a referee, a recruiter).
public enum DataSubject: String, Codable, Sendable, Hashable {
    case candidate, reference
}

/// One piece of personal data found in a document.
///
/// `start` and `end` are offsets in ``Document/plainText`` counted in Unicode scalars (as
/// Python indexes a `str`), so that a script can cut the value out of `extract --json` output.
public struct Finding: Codable, Sendable, Hashable {
    public var category: Category
    /// The text as it stands in the document (not normalised).
    public var text: String
    public var start: Int
    public var end: Int
    public var confidence: Double
    public var source: TextSource
    public var subject: DataSubject
    /// Found as a variant of a value found elsewhere (the surname alone, the phone in other digits).
    public var isPropagated: Bool

    public init(
        category: Category, text: String, start: Int, end: Int, confidence: Double, source: TextSource,
        subject: DataSubject = .candidate, isPropagated: Bool = false
    ) {
        self.category = category
        self.text = text
        self.start = start
        self.end = end
        self.confidence = confidence
        self.source = source
        self.subject = subject
        self.isPropagated = isPropagated
    }

    enum CodingKeys: String, CodingKey {
        case category, text, start, end, confidence, source, subject
        case isPropagated = "propagated"
    }
}

/// A sentence or line that reveals special-category data, by position only.
public struct SpecialFinding: Codable, Sendable, Hashable {
    public var category: SpecialCategory
    public var start: Int
    public var end: Int
    public var source: TextSource

    public init(category: SpecialCategory, start: Int, end: Int, source: TextSource) {
        self.category = category
        self.start = start
        self.end = end
        self.source = source
    }
}

/// What detection found in one document: the shape of `detect --json`.
public struct DetectionResult: Codable, Sendable {
    public var file: String
    /// `nl` or `en`.
    public var language: String
    public var findings: [Finding]
    public var special: [SpecialFinding]
    public var career: CareerFacts

    public init(file: String, language: String, findings: [Finding], special: [SpecialFinding], career: CareerFacts) {
        self.file = file
        self.language = language
        self.findings = findings
        self.special = special
        self.career = career
    }

    /// The distinct values found for a category, candidate's first.
    public func values(_ category: Category, subject: DataSubject? = .candidate) -> [String] {
        var seen = Set<String>()
        return findings.filter { $0.category == category && (subject == nil || $0.subject == subject) }
            .compactMap { seen.insert($0.text).inserted ? $0.text : nil }
    }
}
