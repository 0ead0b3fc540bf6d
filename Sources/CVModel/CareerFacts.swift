/// What makes a profile worth sending: the candidate's career, without who they are.
public struct CareerFacts: Codable, Sendable, Hashable {
    public struct Experience: Codable, Sendable, Hashable {
        public var title: String
        public var employer: String
        public var start: String
        public var end: String
        /// What the candidate did there, redacted (``CareerFacts/summary`` says how): one item a
        /// line. `nil` where the CV says nothing or the purpose does not keep the narrative.
        public var description: String?
        public init(title: String, employer: String, start: String, end: String, description: String? = nil) {
            self.title = title
            self.employer = employer
            self.start = start
            self.end = end
            self.description = description
        }
    }

    public struct Education: Codable, Sendable, Hashable {
        public var degree: String
        public var institution: String
        public var year: String
        public init(degree: String, institution: String, year: String) {
            self.degree = degree
            self.institution = institution
            self.year = year
        }
    }

    public struct Language: Codable, Sendable, Hashable {
        public var language: String
        public var level: String
        public init(language: String, level: String) {
            self.language = language
            self.level = level
        }
    }

    public var experience: [Experience]
    public var education: [Education]
    public var certificates: [String]
    public var languages: [Language]
    public var skills: [String]
    /// The title the candidate gives themselves under their name (`Professional Truck Driver`),
    /// when there is one: the profile's headline before the most recent job's title.
    public var headline: String?
    /// The CV's profile or summary paragraph, redacted: every detected personal value, name
    /// variant and third party replaced by a readable placeholder (`de kandidaat`, `[referent]`,
    /// `[plaats]`). Kept only for purposes whose keep-list names `narrative`.
    public var summary: String?

    public init(
        experience: [Experience] = [], education: [Education] = [], certificates: [String] = [],
        languages: [Language] = [], skills: [String] = [], headline: String? = nil, summary: String? = nil
    ) {
        self.headline = headline
        self.summary = summary
        self.experience = experience
        self.education = education
        self.certificates = certificates
        self.languages = languages
        self.skills = skills
    }
}
