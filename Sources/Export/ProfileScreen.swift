public import CVModel

/// Before a profile is rendered, each career item is checked against the candidate's values
/// with the same gate that checks the rendered file: an item that holds one (a surname in an
/// employer's name, the home town in a job title, a nationality word in a skill) is left out,
/// and the profile goes on without it. The gate on the rendered file stays the last line, and
/// still refuses what slips through here. What was left out is listed by field and category,
/// never by value.
public struct ProfileScreen: Sendable {
    public let gate: LeakGate

    public init(gate: LeakGate) { self.gate = gate }

    public typealias LeftOut = ProfileLeftOut

    public func screen(_ profile: Profile) -> (profile: Profile, leftOut: [LeftOut]) {
        var screened = profile
        var leftOut: [LeftOut] = []
        // Employers and institutions may name the candidate's town (`Gemeente Haarlem`): the gate
        // exempts the place there, as it does on the rendered file.
        let exempt = profile.education.map(\.institution) + profile.experience.map(\.employer)
        func hits(_ text: String, _ field: String) -> Bool {
            let categories = gate.check(text, exempt: exempt)
            if !categories.isEmpty { leftOut.append(LeftOut(field: field, categories: categories)) }
            return !categories.isEmpty
        }
        // The narrative sentence by sentence: a sentence that holds a value goes, the rest stays.
        func sentences(_ text: String?, _ field: String) -> String? {
            guard let text else { return nil }
            let items = text.split(separator: "\n").compactMap { item -> String? in
                let kept = Self.sentences(of: String(item)).filter { !hits($0, field) }
                return kept.isEmpty ? nil : kept.joined(separator: " ")
            }
            return items.isEmpty ? nil : items.joined(separator: "\n")
        }
        screened.summary = sentences(profile.summary, "summary")
        screened.experience = profile.experience.compactMap { job in
            if hits(job.title, "experience.title") { return nil }
            var kept = job
            if hits(job.employer, "experience.employer") { kept.employer = "" }
            kept.description = sentences(job.description, "experience.description")
            return kept
        }
        screened.education = profile.education.compactMap { study in
            if hits(study.degree, "education.degree") { return nil }
            var kept = study
            if hits(study.institution, "education.institution") { kept.institution = "" }
            return kept
        }
        screened.certificates = profile.certificates.filter { !hits($0, "certificates") }
        screened.languages = profile.languages.filter { !hits("\($0.language) \($0.level)", "languages") }
        screened.skills = profile.skills.filter { !hits($0, "skills") }
        if hits(profile.headline, "headline") { screened.headline = screened.experience.first?.title ?? "" }
        return (screened, leftOut)
    }

    /// A text cut after each `.`, `!` or `?` that a space follows; the pieces keep their punctuation.
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if character == " ", let last = previous, ".!?".contains(last), !current.isEmpty {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if current.contains(where: { !$0.isWhitespace }) { result.append(current) }
        return result
    }
}
