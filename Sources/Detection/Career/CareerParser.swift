import CVModel
import Foundation

/// Career facts from the sections a CV marks with headings: experience entries (title, employer,
/// period), education (degree, institution, year), certificates, languages with level, skills.
struct CareerParser {
    func parse(_ context: DetectionContext) -> CareerFacts {
        var sections: [SectionKind: [String]] = [:]
        var unsectioned: [String] = []
        /// The lines of each section known only by its look, one list per heading.
        var otherSections: [[String]] = []
        var bodyLines: [String] = []
        var headline: String?
        var seenHeading = false
        for line in context.layout.lines {
            guard line.source.isPageBody || [.table, .textbox].contains(line.source), !line.isFurniture else {
                continue
            }
            let text = context.text.text(line.range).trimmingCharacters()
            if line.isHeading { seenHeading = true }
            if line.isHeading, line.section == .other { otherSections.append([]) }
            guard !text.isEmpty, !line.isHeading else { continue }
            bodyLines.append(text)
            // The line under the name that says what the candidate does, before any section.
            if !seenHeading, headline == nil, bodyLines.count > 1, bodyLines.count <= 6, Self.isTitleLike(text),
                Self.hasJobWord(text), !text.contains(","), !text.contains(where: \.isNumber)
            {
                headline = text
            }
            // `Talen: Nederlands – moedertaal, Engels – vloeiend` in any section: a section of its own.
            if let (kind, rest) = Self.labelledSection(text) {
                sections[kind, default: []].append(rest)
                continue
            }
            if line.section == .other, !otherSections.isEmpty {
                otherSections[otherSections.count - 1].append(text)
            } else if let section = line.section {
                sections[section, default: []].append(text)
            } else {
                unsectioned.append(text)
            }
        }
        // No experience heading at all: the lines with an employment period, and their neighbours,
        // outside every recognised section are read as experience (a CV laid out without headings).
        var experienceLines = sections[.experience] ?? Self.periodNeighbourhood(unsectioned)
        // Sections known only by their look (`Advising & Mentoring`, `Projects`) that hold
        // employment periods are read as experience too.
        // Those that are lists of short items (`programming` with one language a line) are skills.
        var skillLines = sections[.skills] ?? []
        for other in otherSections where !other.isEmpty {
            if other.contains(where: { PeriodParser.find(in: $0) != nil }) {
                experienceLines += other
            } else if other.filter({ $0.split(separator: " ").count <= 4 && !$0.hasSuffix(".") }).count * 5 >= other
                .count * 4
            {
                skillLines += other
            }
        }
        var certificates = items(sections[.certificates] ?? [])
        for named in CertificateVocabulary.find(in: bodyLines) {
            let folded = TextFolding.fold(named)
            if !certificates.contains(where: { TextFolding.fold($0).contains(folded) }) { certificates.append(named) }
        }
        let isFact = { (text: String) in !TemplatePlaceholder.isPlaceholder(text) }
        return CareerFacts(
            experience: Self.describing(experience(experienceLines), from: experienceLines).compactMap { job in
                var job = job
                job.employer = Self.withoutTrailingPlace(job.employer)
                if !isFact(job.title) { job.title = "" }
                if !isFact(job.employer) { job.employer = "" }
                return job.title.isEmpty && job.employer.isEmpty ? nil : job
            },
            education: education(sections[.education] ?? []).compactMap { study in
                var study = study
                // `Random University, Beijing, China — B.A, Computer Science`: the school came first.
                if Self.isInstitution(study.degree), !Self.isInstitution(study.institution), !study.institution.isEmpty
                {
                    (study.degree, study.institution) = (study.institution, study.degree)
                }
                study.institution = Self.withoutTrailingPlace(study.institution)
                if !isFact(study.degree) { study.degree = "" }
                if !isFact(study.institution) { study.institution = "" }
                return study.degree.isEmpty && study.institution.isEmpty ? nil : study
            },
            certificates: certificates.filter(isFact),
            languages: languages(sections[.languages] ?? []),
            skills: items(skillLines).filter(isFact),
            headline: headline.flatMap { isFact($0) ? $0 : nil },
            summary: Self.narrative(sections[.profile] ?? []).flatMap {
                TemplatePlaceholder.isPlaceholder($0) ? nil : $0
            })
    }

    // MARK: - Narrative

    /// Each job with the lines that describe it: the lines after the job's own title or employer
    /// line and before the next job's, that hold no period and are not the job's title or
    /// employer. Not yet redacted (``NarrativeRedactor`` does that once the findings are known).
    static func describing(_ jobs: [CareerFacts.Experience], from lines: [String]) -> [CareerFacts.Experience] {
        var anchors: [Int] = []
        var from = 0
        for job in jobs {
            let anchor = (from..<lines.count).first { index in
                let line = lines[index]
                return (!job.title.isEmpty && line.contains(job.title))
                    || (!job.employer.isEmpty && line.contains(job.employer))
            }
            anchors.append(anchor ?? lines.count)
            if let anchor { from = anchor + 1 }
        }
        var described = jobs
        for (number, job) in jobs.enumerated() where anchors[number] < lines.count {
            let end = anchors[(number + 1)...].first { $0 > anchors[number] } ?? lines.count
            let body = lines[(anchors[number] + 1)..<end].filter { line in
                (line.count >= 25 || bulletItem(line) != nil) && !(line.contains(job.title) && !job.title.isEmpty)
                    && !(line.contains(job.employer) && !job.employer.isEmpty) && PeriodParser.find(in: line) == nil
            }
            if let text = narrative(body) { described[number].description = text }
        }
        return described
    }

    /// Lines of running text as items: a bulleted line starts an item, a line without a bullet
    /// continues the one before (a wrapped sentence); one item a line, no bullets.
    static func narrative(_ lines: [String]) -> String? {
        var items: [String] = []
        for line in lines {
            let text = line.trimmingCharacters()
            guard !text.isEmpty else { continue }
            if let item = bulletItem(text) {
                items.append(item)
            } else if let last = items.last, !last.hasSuffix("."), !last.hasSuffix(":"), text.first?.isLowercase == true
            {
                items[items.count - 1] = last + " " + text
            } else if !items.isEmpty, lines.count > 1, items[items.count - 1].count > 60,
                text.first?.isLowercase == true
            {
                items[items.count - 1] += " " + text
            } else {
                items.append(text)
            }
        }
        let text = items.joined(separator: "\n")
        return text.isEmpty ? nil : text
    }

    /// The text of a bulleted line without its bullet (`- `, `* `, `• `, `▪ `, `· `), or `nil`.
    static func bulletItem(_ line: String) -> String? {
        guard let first = line.first, ["-", "*", "•", "▪", "·", "–", "○", "◦", "■", "●", ">"].contains(first) else {
            return nil
        }
        let rest = line.dropFirst().trimmingCharacters(in: .whitespaces)
        return rest.isEmpty || line.dropFirst().first != " " && first != "•" && first != "▪" ? nil : rest
    }

    /// A line `Label: values` whose label names a list section (languages, certificates, skills),
    /// wherever it stands; `Rijbewijs: B` is the certificate `Rijbewijs B`.
    static func labelledSection(_ line: String) -> (SectionKind, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces)
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty, label.count <= 30 else { return nil }
        if ["rijbewijs", "driving licence", "driving license", "driver's license"].contains(label.lowercased()) {
            return (.certificates, "\(label) \(rest)")
        }
        guard let kind = TextLayout.heading(String(label)), [.languages, .certificates, .skills].contains(kind) else {
            return nil
        }
        return (kind, rest)
    }

    // MARK: - Experience

    /// From a run of lines, each line with a period (month/year or year range) and the two lines
    /// after it, when at least two periods appear.
    static func periodNeighbourhood(_ lines: [String]) -> [String] {
        let withPeriods = lines.indices.filter { PeriodParser.find(in: lines[$0]) != nil }
        guard withPeriods.count >= 2 else { return [] }
        var keep = Set<Int>()
        for index in withPeriods {
            for offset in 0...2 where index + offset < lines.count { keep.insert(index + offset) }
        }
        return keep.sorted().map { lines[$0] }
    }

    private static let bulletPrefixes: [String] = ["* ", "- ", "– ", "· ", "> "]

    private func isBullet(_ line: String) -> Bool { Self.bulletPrefixes.contains { line.hasPrefix($0) } }

    /// A bulleted line is a description, unless it holds a period: then it is an entry written
    /// as a list item (`- Orderpicker bij Kuehne + Nagel (2016-2023)`), read without its bullet.
    func entryLines(_ lines: [String], isEntry: (String) -> Bool) -> [String] {
        lines.compactMap { line in
            guard isBullet(line) else { return line }
            let item = String(line.dropFirst(2)).trimmingCharacters()
            return isEntry(item) ? item : nil
        }
    }

    func experience(_ lines: [String]) -> [CareerFacts.Experience] {
        let content = entryLines(lines) { PeriodParser.find(in: $0) != nil }
        let periods = content.map { PeriodParser.find(in: $0) }
        guard let first = content.first else { return [] }
        // A section that opens with a period standing alone reads period, title, employer.
        let periodFirst =
            periods[0].map {
                Self.trimSeparators(first.replacingCharacters(in: $0.range, with: "")).isEmpty
            } ?? false
        var entries: [CareerFacts.Experience] = []
        var used = Set<Int>()
        for (index, line) in content.enumerated() {
            guard let period = periods[index] else { continue }
            var rest = line
            rest.removeSubrange(period.range)
            // `Title bij Employer (2016-2023)` leaves empty parentheses behind.
            rest = Self.trimSeparators(rest.replacingOccurrences(of: "()", with: ""))
            var title = ""
            var employer = ""
            if !rest.isEmpty, index > 0, !used.contains(index - 1), periods[index - 1] == nil,
                Self.isTitleLike(content[index - 1]),
                !Self.hasTitleEmployerSeparator(rest)
                    || rest.contains(", ") && !rest.contains(" | ")
            {
                // `Title` on its own line, then `Employer, Place | period`: the common layout of
                // word-processor templates.
                title = Self.trimSeparators(content[index - 1])
                employer = Self.trimSeparators(
                    String(rest.split(separator: ",", maxSplits: 1).first ?? Substring(rest)))
                used.insert(index - 1)
            } else if !rest.isEmpty {
                (title, employer) = Self.splitTitleEmployer(rest)
                // A form row `period<TAB>title` has the employer on the line below.
                if employer.isEmpty, index + 1 < content.count, periods[index + 1] == nil, line.contains("\t") {
                    employer = content[index + 1]
                    used.insert(index + 1)
                }
            } else if periodFirst || (index > 0 && used.contains(index - 1)) || index == 0
                || periods[index - 1] != nil
            {
                let following = Array(content.indices[(index + 1)...].prefix { periods[$0] == nil }.map { content[$0] })
                if let next = following.first {
                    (title, employer) = Self.splitTitleEmployer(next)
                    used.insert(index + 1)
                    if employer.isEmpty, following.count > 1 {
                        (title, employer) = Self.titleAndEmployer(next, following[following.startIndex + 1])
                        used.insert(index + 2)
                    }
                }
            } else {
                // The title line (and an employer line) stand before the period.
                let before = (0..<index).reversed().prefix {
                    periods[$0] == nil && !used.contains($0)
                }
                let previous = before.reversed().map { content[$0] }
                if previous.count >= 2 {
                    (title, employer) = Self.titleAndEmployer(
                        previous[previous.count - 2], previous[previous.count - 1])
                } else if let only = previous.first {
                    (title, employer) = Self.splitTitleEmployer(only)
                }
                used.formUnion(before)
            }
            guard !title.isEmpty else { continue }
            entries.append(
                CareerFacts.Experience(title: title, employer: employer, start: period.start, end: period.end))
        }
        return entries
    }

    static let titleEmployerSeparators = ["\t", " | ", " bij ", " at ", " @ ", " – ", " — ", " - ", ", "]

    /// Whether `text` splits into a title and an employer by one of the separators that say so
    /// (` | `, ` bij `, ` at `, a dash), not only by a comma (`Employer, Place`).
    static func hasTitleEmployerSeparator(_ text: String) -> Bool {
        titleEmployerSeparators.dropLast().contains { text.contains($0) }
    }

    /// Two lines of one entry, a title and an employer in either order: `Employer, Place` above
    /// `Title` (JSON Resume themes), or `Title` above `Employer` (most templates). The line that
    /// reads as an employer (a place after a comma, a company form) or the other as a title (a
    /// job word) decides; otherwise the first line is the title. A place after the employer's
    /// name is dropped: it is where the job was, not who the employer is.
    static func titleAndEmployer(_ first: String, _ second: String) -> (title: String, employer: String) {
        let (title, employer) = splitTitleEmployer(first)
        if !employer.isEmpty && hasTitleEmployerSeparator(first) { return (title, employer) }
        let firstIsEmployer = isEmployerLike(first) && !isEmployerLike(second) && !hasJobWord(first)
        let secondIsTitle = hasJobWord(second) && !hasJobWord(first) && !isEmployerLike(second)
        if firstIsEmployer || secondIsTitle {
            return (trimSeparators(second), employerName(first))
        }
        return (trimSeparators(first), employerName(second))
    }

    /// The employer's name without a place after it (`Hooli, Palo Alto, CA` → `Hooli`).
    static func employerName(_ text: String) -> String {
        let parts = text.components(separatedBy: ", ")
        guard parts.count > 1, parts.dropFirst().joined(separator: " ").split(separator: " ").count <= 4 else {
            return trimSeparators(text)
        }
        return trimSeparators(parts[0])
    }

    static let companyForms: Set<String> = [
        "b.v.", "bv", "n.v.", "nv", "ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "corp", "corp.", "co.", "plc",
        "company", "group", "gemeente", "holding",
    ]

    static let jobWords: Set<String> = [
        "engineer", "developer", "manager", "director", "president", "ceo", "cto", "cfo", "advisor", "adviser",
        "consultant", "analyst", "designer", "architect", "intern", "assistant", "officer", "specialist", "lead",
        "head", "driver", "nurse", "teacher", "programmer", "administrator", "coordinator", "technician",
        "representative", "scientist", "researcher", "strategist", "accountant", "owner", "founder", "editor",
        "medewerker", "adviseur", "verpleegkundige", "monteur", "chauffeur", "planner", "beheerder", "leidinggevende",
        "teamleider", "coördinator", "coordinator", "docent", "stagiair", "orderpicker", "operator", "verkoper",
        "directeur", "eigenaar", "ontwikkelaar", "projectleider", "werkvoorbereider", "administratief", "assistent",
        "sous-chef", "kok", "schoonmaker", "magazijnmedewerker", "heftruckchauffeur", "receptionist", "secretaresse",
    ]

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "," || $0 == "(" || $0 == ")" })
            .map(String.init)
    }

    static func isEmployerLike(_ text: String) -> Bool {
        text.contains(", ") || words(text).contains { companyForms.contains($0) }
    }

    static func hasJobWord(_ text: String) -> Bool {
        words(text).contains { word in jobWords.contains(word) || jobWords.contains { word.hasSuffix($0) } }
    }

    /// A line that can be a job title on its own: short, no sentence, no label.
    static func isTitleLike(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters()
        let words = trimmed.split(separator: " ")
        return !trimmed.isEmpty && words.count <= 8 && trimmed.count <= 70 && !trimmed.hasSuffix(".")
            && !trimmed.hasSuffix(":") && !trimmed.contains("@") && !trimmed.contains("\t")
            && PeriodParser.find(in: trimmed) == nil
    }

    static func splitTitleEmployer(_ text: String) -> (String, String) {
        for separator in titleEmployerSeparators {
            if let range = text.range(of: separator) {
                return (
                    trimSeparators(String(text[..<range.lowerBound])), trimSeparators(String(text[range.upperBound...]))
                )
            }
        }
        return (trimSeparators(text), "")
    }

    /// An employer or school without the place written after it (`TechNova Inc., San Francisco,
    /// CA` → `TechNova Inc.`, `Random University, Beijing, China` → `Random University`): the town
    /// of a workplace says where a candidate lives. A place inside the name (`UMC Utrecht`,
    /// `Gemeente Haarlem`) is part of the name and stays; empty brackets left by a removed period go.
    static func withoutTrailingPlace(_ name: String) -> String {
        var parts = name.replacingOccurrences(of: "()", with: "").replacingOccurrences(of: "( )", with: "")
            .split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        while parts.count > 1, let last = parts.last, isPlaceOrRegion(last) { parts.removeLast() }
        return trimSeparators(parts.joined(separator: ", "))
    }

    /// A known place, a country, or a US state or country code (`TX`, `NY`, `UK`): the lists the
    /// contact-place recognizer reads a residence with.
    static func isPlaceOrRegion(_ text: String) -> Bool {
        if text.count == 2, text.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
        if PlaceNames.shared.contains(text) || ContactPlaceRecognizer.countries.contains(text.lowercased()) {
            return true
        }
        // `Dallas TX`, `Palo Alto CA US`: a place followed by codes.
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last, last.count == 2, last.allSatisfy({ $0.isASCII && $0.isUppercase })
        {
            words.removeLast()
        }
        return words.count < text.split(separator: " ").count
            && PlaceNames.shared.contains(words.joined(separator: " "))
    }

    static func trimSeparators(_ text: String) -> String {
        var result = Substring(text)
        let junk: Set<Character> = [" ", "\t", "|", "–", "-", "—", ",", ":", "·", "(", ")"]
        while let first = result.first, junk.contains(first) { result.removeFirst() }
        while let last = result.last, junk.contains(last) {
            // A closing parenthesis stays when it closes one in the text (`Scrum Master (PSM I)`).
            if last == ")" && result.contains("(") { break }
            result.removeLast()
        }
        return String(result)
    }

    // MARK: - Education

    func education(_ lines: [String]) -> [CareerFacts.Education] {
        var entries: [CareerFacts.Education] = []
        var pending: String?
        let content = entryLines(lines) { line in
            PeriodParser.find(in: line) != nil
                || line.split(separator: " ").contains { PeriodParser.isYear(String($0)) }
        }
        for line in content {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "(" || $0 == ")" })
            let period = PeriodParser.find(in: line)
            let yearWord = words.last(where: { PeriodParser.isYear(String($0)) })
            guard period != nil || yearWord != nil else {
                // `HBO Verpleegkunde 2016`, then `Hogeschool Utrecht`: the school of the entry above.
                if pending == nil, Self.isInstitution(line), let last = entries.indices.last,
                    entries[last].institution.isEmpty
                {
                    entries[last].institution = Self.trimSeparators(line)
                    continue
                }
                if let degree = pending {
                    // Degree line, then institution line without a year.
                    entries.append(CareerFacts.Education(degree: degree, institution: line, year: ""))
                    pending = nil
                } else {
                    pending = line
                }
                continue
            }
            var rest = line
            var year = ""
            if let period {
                rest.removeSubrange(period.range)
                year =
                    period.end.isEmpty || PeriodParser.ongoing.contains(period.end.lowercased())
                    ? period.start : period.end
            } else if let yearWord, let range = line.range(of: String(yearWord), options: .backwards) {
                rest.removeSubrange(range)
                year = String(yearWord)
            }
            rest = Self.trimSeparators(rest)
            if rest.isEmpty {
                if let degree = pending {
                    entries.append(CareerFacts.Education(degree: degree, institution: "", year: year))
                    pending = nil
                }
                continue
            }
            let startsWithYear =
                line.hasPrefix(year) || (period.map { $0.range.lowerBound == line.startIndex } ?? false)
            if let degree = pending, !startsWithYear || !rest.contains(where: { $0 == "–" || $0 == "|" }) {
                // `Degree — School, Town` on the line above, `Graduated: July 2018 | …` here.
                let (pendingDegree, pendingSchool) = Self.splitDegreeInstitution(degree)
                if !pendingSchool.isEmpty, Self.isInstitution(pendingSchool) {
                    entries.append(CareerFacts.Education(degree: pendingDegree, institution: pendingSchool, year: year))
                } else {
                    entries.append(CareerFacts.Education(degree: degree, institution: rest, year: year))
                }
                pending = nil
                continue
            }
            let (degree, institution) = Self.splitDegreeInstitution(rest)
            entries.append(CareerFacts.Education(degree: degree, institution: institution, year: year))
            pending = nil
        }
        if let degree = pending { entries.append(CareerFacts.Education(degree: degree, institution: "", year: "")) }
        // The school's name without its town and what follows a bar (`Lincoln High School, Dallas,
        // TX | Graduated`): the town is where it is, and names the candidate's region.
        return entries.map { entry in
            var entry = entry
            let name = entry.institution.components(separatedBy: " | ").first ?? entry.institution
            entry.institution = Self.employerName(name)
            return entry
        }
    }

    /// Words that name a school, not a degree (`Hogeschool Utrecht`, `ROC Midden Nederland`,
    /// `University of York`).
    static let institutionWords: Set<String> = [
        "hogeschool", "universiteit", "university", "college", "school", "roc", "academie", "academy",
        "instituut", "institute", "lyceum", "gymnasium", "scholengemeenschap", "hochschule", "universität",
        "polytechnic", "conservatorium", "vakschool", "opleidingscentrum",
    ]

    static func isInstitution(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).contains { institutionWords.contains(String($0)) }
    }

    /// Degree and institution split at the first separator in the line (`Degree — School, Town |
    /// Graduated`: the dash, not the bar); a comma only when there is nothing else.
    static func splitDegreeInstitution(_ text: String) -> (String, String) {
        let separators = ["\t", " | ", " – ", " — ", " - ", " aan de ", " aan het ", " at "]
        let first = separators.compactMap { text.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
        if let range = first ?? text.range(of: ", ") {
            return (
                trimSeparators(String(text[..<range.lowerBound])), trimSeparators(String(text[range.upperBound...]))
            )
        }
        return (text, "")
    }

    // MARK: - Lists

    func items(_ lines: [String]) -> [String] {
        var result: [String] = []
        for line in lines {
            for part in line.split(whereSeparator: { ",·•;|\t".contains($0) }) {
                var item = Self.trimSeparators(String(part))
                if item.hasPrefix("* ") { item.removeFirst(2) }
                item = item.trimmingCharacters()
                guard !item.isEmpty, item.count <= 60, !result.contains(item) else { continue }
                result.append(item)
            }
        }
        return result
    }

    func languages(_ lines: [String]) -> [CareerFacts.Language] {
        items(
            lines.flatMap { line in
                // `Nederlands (moedertaal), Engels (C1)` keeps its parentheses per item.
                line.split(separator: ",").map(String.init)
            }
        ).compactMap { item in
            for separator in [" – ", " — ", " - ", ": ", "\t", " ("] {
                if let range = item.range(of: separator) {
                    let language = Self.trimSeparators(String(item[..<range.lowerBound]))
                    let level = Self.trimSeparators(String(item[range.upperBound...]))
                    return CareerFacts.Language(language: language, level: level)
                }
            }
            return CareerFacts.Language(language: item, level: "")
        }
    }
}
