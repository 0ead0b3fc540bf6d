/// An anonymous candidate profile for a prospective client: the career without the person.
public struct Profile: Codable, Sendable, Hashable {
    public struct Job: Codable, Sendable, Hashable {
        public var title: String
        public var employer: String
        /// Generalised period: a duration (`5 jaar`) or years (`2019–2024`).
        public var period: String
        /// The redacted description, one item a line, when `export.fields` names `narrative`.
        public var description: String?

        public init(title: String, employer: String, period: String, description: String? = nil) {
            self.title = title
            self.employer = employer
            self.period = period
            self.description = description
        }
    }

    public struct Study: Codable, Sendable, Hashable {
        public var degree: String
        public var institution: String
        public var year: String

        public init(degree: String, institution: String, year: String) {
            self.degree = degree
            self.institution = institution
            self.year = year
        }
    }

    /// The pseudonymous candidate code (random; never derived from the person or the file).
    public var code: String
    public var headline: String
    /// The redacted summary, when `export.fields` names `narrative`.
    public var summary: String?
    public var yearsOfExperience: Int?
    /// Province or region instead of the place of residence, when configured.
    public var region: String?
    public var experience: [Job]
    public var education: [Study]
    public var certificates: [String]
    public var languages: [CareerFacts.Language]
    public var skills: [String]
    /// The agency sending the profile, and its footer line.
    public var agency: String
    public var footer: String

    public init(
        code: String, headline: String, yearsOfExperience: Int?, region: String?, experience: [Job], education: [Study],
        certificates: [String], languages: [CareerFacts.Language], skills: [String], agency: String, footer: String,
        summary: String? = nil
    ) {
        self.code = code
        self.summary = summary
        self.headline = headline
        self.yearsOfExperience = yearsOfExperience
        self.region = region
        self.experience = experience
        self.education = education
        self.certificates = certificates
        self.languages = languages
        self.skills = skills
        self.agency = agency
        self.footer = footer
    }
}

/// A career item a profile left out because it holds a personal value: which field
/// (`experience.title`, `skills`, …) and which categories hit, never the value.
public struct ProfileLeftOut: Codable, Sendable, Equatable {
    public var field: String
    public var categories: [String]

    public init(field: String, categories: [String]) {
        self.field = field
        self.categories = categories
    }
}
