import CVModel

/// Birth dates behind their labels (Geboortedatum, Geb., Geboren, Date of birth, DOB, Born) in
/// numeric, Dutch and English month forms; an unlabelled full date in the personal details
/// counts too, at a lower score. Employment periods are month-and-year, never full dates.
struct BirthDateRecognizer: Recognizer {
    static let labels: Set<String> = [
        "geboortedatum", "geb", "geb. datum", "geboren", "geboren op", "date of birth", "dob", "d.o.b", "born",
        "born on", "birth date", "birthdate", "geboortedatum en -plaats", "geboortedatum/-plaats",
        "geboortedatum en plaats", "geb.datum", "datum van geboorte", "date and place of birth", "geburtsdatum",
        "geboren am", "geburtstag",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        DateParser.dates(in: context.scalars).compactMap { date in
            if context.hasLabel(before: date.range.lowerBound, in: Self.labels) {
                return Candidate(category: .birthDate, range: date.range, confidence: 0.99)
            }
            // Unlabelled: a full date of a plausible birth year among the personal details.
            let section = context.layout.section(at: date.range.lowerBound)
            let isCareer = [.experience, .education, .certificates].contains(section)
            if !isCareer, (1940...2010).contains(date.year), context.isPersonalContext(date.range.lowerBound) {
                return Candidate(category: .birthDate, range: date.range, confidence: 0.75)
            }
            return nil
        }
    }
}
