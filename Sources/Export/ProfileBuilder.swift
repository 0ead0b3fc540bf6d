public import CVModel
public import Foundation

/// How much a profile generalises what could single a person out.
public struct ProfileOptions: Sendable {
    /// Periods as a duration (`5 jaar`) rather than years (`2019–2024`).
    public var periodsAsDurations: Bool
    /// Which parts to include (`career` stands for all the career parts).
    public var fields: Set<ExportField>
    public var agency: String
    public var footer: String

    public init(periodsAsDurations: Bool = true, fields: Set<ExportField>, agency: String, footer: String) {
        self.periodsAsDurations = periodsAsDurations
        self.fields = fields
        self.agency = agency
        self.footer = footer
    }

    func includes(_ field: ExportField) -> Bool {
        fields.contains(field) || (fields.contains(.career) && ExportField.careerParts.contains(field))
    }
}

/// Builds the anonymous profile from career facts: headline (most recent title), years of
/// experience, jobs with generalised periods, education, certificates, languages, skills, and
/// the region instead of the place of residence. It takes no name, contact, address, birth date,
/// gender, nationality, photo, identifier, reference or URL: it never sees them.
public struct ProfileBuilder: Sendable {
    public var options: ProfileOptions

    public init(options: ProfileOptions) { self.options = options }

    public func build(code: String, career: CareerFacts, region: String?, now: Date = Date()) -> Profile {
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: now)
        let jobs = career.experience.map { job -> Profile.Job in
            Profile.Job(
                title: job.title, employer: job.employer, period: period(job.start, job.end, currentYear: currentYear),
                description: options.includes(.narrative) ? job.description : nil)
        }
        return Profile(
            code: code,
            headline: options.includes(.headline) ? career.headline ?? career.experience.first?.title ?? "" : "",
            yearsOfExperience: options.includes(.yearsOfExperience)
                ? yearsOfExperience(career, currentYear: currentYear) : nil,
            region: options.includes(.region) ? region : nil, experience: options.includes(.experience) ? jobs : [],
            education: options.includes(.education)
                ? career.education.map { Profile.Study(degree: $0.degree, institution: $0.institution, year: $0.year) }
                : [],
            certificates: options.includes(.certificates) ? career.certificates : [],
            languages: options.includes(.languages) ? career.languages : [],
            skills: options.includes(.skills) ? career.skills : [],
            agency: options.agency, footer: options.footer,
            summary: options.includes(.narrative) ? career.summary : nil)
    }

    /// The first and last year in a period (`jan. 2019`, `06/2021`, `heden` → this year).
    static func years(_ start: String, _ end: String, currentYear: Int) -> (Int, Int)? {
        guard let first = year(in: start) else { return nil }
        let last = year(in: end) ?? (end.isEmpty || isOngoing(end) ? currentYear : first)
        return (first, max(first, last))
    }

    static func year(in text: String) -> Int? {
        var digits = ""
        for character in text {
            if character.isNumber {
                digits.append(character)
                if digits.count == 4, let value = Int(digits), (1950...2100).contains(value) { return value }
            } else {
                digits = ""
            }
        }
        return nil
    }

    static func isOngoing(_ text: String) -> Bool {
        ["heden", "nu", "present", "now", "current", "today"].contains(
            text.lowercased().trimmingCharacters(in: .whitespaces))
    }

    func period(_ start: String, _ end: String, currentYear: Int) -> String {
        guard let (first, last) = Self.years(start, end, currentYear: currentYear) else { return "" }
        if options.periodsAsDurations {
            let span = max(1, last - first)
            return span == 1 ? "1 jaar" : "\(span) jaar"
        }
        return first == last ? String(first) : "\(first)–\(last)"
    }

    /// Years covered by at least one job (overlapping jobs counted once).
    func yearsOfExperience(_ career: CareerFacts, currentYear: Int) -> Int? {
        var covered = Set<Int>()
        for job in career.experience {
            guard let (first, last) = Self.years(job.start, job.end, currentYear: currentYear) else { continue }
            for year in first..<max(first + 1, last) { covered.insert(year) }
        }
        return covered.isEmpty ? nil : covered.count
    }
}
