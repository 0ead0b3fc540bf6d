/// What a purpose's keep-list may name in pipeline.yml: a detection category, `career` (the
/// career facts), `narrative` (the redacted summary and job descriptions) or `id_copy`.
public enum KeptField: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    case personal(Category)
    case career
    case narrative

    /// `id_copy`: a copy of an identity document, kept only under a legal obligation.
    public static let idCopy = KeptField.personal(.idCopy)

    public static let allCases: [KeptField] =
        Category.allCases.map(KeptField.personal) + [.career, .narrative]

    public init?(rawValue: String) {
        switch rawValue {
        case "career": self = .career
        case "narrative": self = .narrative
        default:
            guard let category = Category(rawValue: rawValue) else { return nil }
            self = .personal(category)
        }
    }

    /// The name pipeline.yml uses.
    public var rawValue: String {
        switch self {
        case .personal(let category): category.rawValue
        case .career: "career"
        case .narrative: "narrative"
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: KeptField, rhs: KeptField) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let field = KeptField(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown keep-list field '\(text)'"))
        }
        self = field
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a client profile may contain (`export.fields` in pipeline.yml). `career` stands for the
/// career parts (headline, experience, education, certificates, languages, skills);
/// `narrative` adds the redacted summary and job descriptions.
public enum ExportField: String, CaseIterable, Sendable, Codable, Comparable {
    case career, narrative, region
    case yearsOfExperience = "years_of_experience"
    case headline, experience, education, certificates, languages, skills

    /// The parts `career` stands for.
    public static let careerParts: Set<ExportField> = [
        .headline, .experience, .education, .certificates, .languages, .skills,
    ]

    public static func < (lhs: ExportField, rhs: ExportField) -> Bool { lhs.rawValue < rhs.rawValue }
}
