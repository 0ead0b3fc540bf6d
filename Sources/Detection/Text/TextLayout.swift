import CVModel

/// The kinds of CV section cvsieve recognises by their headings (Dutch and English).
enum SectionKind: String, Sendable, CaseIterable {
    case personalia, profile, experience, education, certificates, skills, languages, interests, references
}

/// One line of the normalised text, with the section it sits in.
struct TextLine {
    var range: Range<Int>
    var section: SectionKind?
    /// Whether the line itself is a section heading.
    var isHeading: Bool
    var source: TextSource
}

/// Lines and sections of a document: where recognizers look for labels and context.
struct TextLayout {
    let lines: [TextLine]
    /// For each normalised position, the index of its line.
    private let lineIndex: [Int32]

    init(text: NormalizedText) {
        var lines: [TextLine] = []
        var lineIndex = [Int32](repeating: 0, count: text.count)
        var start = 0
        var section: SectionKind?
        var previousBlockStart = -1
        for index in 0...text.count where index == text.count || text.scalars[index] == "\n" {
            let range = start..<index
            let block = text.block(at: start)
            let blockStart = block?.range.lowerBound ?? -1
            let source = block?.block.source ?? .body
            // A new block outside the body (a header, a link, metadata) does not inherit the body's section.
            if blockStart != previousBlockStart, source != .body && source != .table && source != .textbox {
                section = nil
            }
            previousBlockStart = blockStart
            let heading = Self.heading(text.text(range))
            if let heading { section = heading }
            lines.append(TextLine(range: range, section: section, isHeading: heading != nil, source: source))
            for position in range { lineIndex[position] = Int32(lines.count - 1) }
            if index < text.count { lineIndex[index] = Int32(lines.count - 1) }
            start = index + 1
        }
        self.lines = lines
        self.lineIndex = lineIndex
    }

    func line(at position: Int) -> TextLine? {
        guard position >= 0, position < lineIndex.count else { return lines.last }
        return lines[Int(lineIndex[position])]
    }

    func lineNumber(at position: Int) -> Int? {
        guard position >= 0, position < lineIndex.count else { return nil }
        return Int(lineIndex[position])
    }

    func section(at position: Int) -> SectionKind? { line(at: position)?.section }

    // MARK: - Headings

    static func heading(_ line: String) -> SectionKind? {
        var key = line.lowercased().trimmingCharacters()
        while let last = key.last, last == ":" || last == "." || last == "*" { key.removeLast() }
        key = key.trimmingCharacters()
        guard !key.isEmpty, key.count <= 40 else { return nil }
        if let kind = headings[key] { return kind }
        // A short line without digits built around a heading word (`Genoten opleidingen`,
        // `Relevante werkervaring`, `Career history`), unless it reads like an entry.
        let words = key.split(whereSeparator: { $0 == " " || $0 == "&" || $0 == "/" }).map(String.init)
        guard words.count <= 4, !key.contains(where: \.isNumber), !key.contains(","),
            !words.contains(where: { ["bij", "at", "|", "-", "–"].contains($0) })
        else { return nil }
        // `Diploma's en trainingen` lists certificates: the more specific kind wins.
        let kinds = words.compactMap { headingWords[$0] }
        if kinds.contains(.certificates) { return .certificates }
        return kinds.first
    }

    private static let headingWords: [String: SectionKind] = {
        let table: [SectionKind: [String]] = [
            .personalia: ["personalia", "gegevens", "persoonsgegevens", "contactgegevens"],
            .profile: ["profiel", "profile", "summary", "samenvatting", "profielschets"],
            .experience: [
                "werkervaring", "experience", "loopbaan", "werkgevers", "employment", "career", "arbeidsverleden",
                "ervaring", "werkgever", "beroepservaring", "employers",
            ],
            .education: [
                "opleiding", "opleidingen", "education", "scholing", "studies", "qualifications", "kwalificaties",
                "diploma's", "diplomas", "schoolopleiding", "schoolopleidingen", "onderwijs",
            ],
            .certificates: [
                "certificaten", "certificates", "certifications", "cursussen", "courses", "trainingen",
                "certificeringen",
                "licenses", "licences", "bijscholing",
            ],
            .skills: [
                "vaardigheden", "skills", "competenties", "competencies", "kennis", "computerkennis", "expertise",
            ],
            .languages: ["talen", "languages", "talenkennis", "taalvaardigheid"],
            .interests: ["hobby's", "hobbies", "interesses", "interests", "nevenactiviteiten", "vrijetijdsbesteding"],
            .references: ["referenties", "references", "referees", "referentiepersonen", "referenten"],
        ]
        var map: [String: SectionKind] = [:]
        for (kind, words) in table {
            for word in words { map[word] = kind }
        }
        return map
    }()

    private static let headings: [String: SectionKind] = {
        let table: [SectionKind: [String]] = [
            .personalia: [
                "personalia", "persoonlijke gegevens", "persoonsgegevens", "contactgegevens", "contact",
                "personal details", "personal information", "personal data", "contact details", "contact information",
                "gegevens", "details", "naw-gegevens",
            ],
            .profile: [
                "profiel", "profielschets", "over mij", "persoonlijk profiel", "samenvatting", "profile", "summary",
                "about me", "personal profile", "objective", "professional summary", "personal statement", "wie ben ik",
                "over mijzelf", "introductie", "introduction",
            ],
            .experience: [
                "werkervaring", "loopbaan", "arbeidsverleden", "ervaring", "relevante werkervaring",
                "werkervaring en stages", "stages", "stage", "work experience", "experience", "employment history",
                "professional experience", "career", "employment", "work history", "internships", "career history",
                "relevant experience", "beroepservaring", "werk",
            ],
            .education: [
                "opleiding", "opleidingen", "studies", "studie", "education", "academic background",
                "opleiding en diploma's",
                "onderwijs", "education and training", "qualifications", "schoolopleidingen",
            ],
            .certificates: [
                "cursussen", "trainingen", "certificaten", "cursussen en trainingen", "cursussen & trainingen",
                "cursussen en certificaten", "cursussen & certificaten", "certificeringen", "diploma's en certificaten",
                "certifications", "certificates", "courses", "training", "trainings", "licenses & certifications",
                "licences and certifications", "courses and certifications", "courses & certifications",
                "certifications and courses", "aanvullende opleidingen", "bijscholing",
            ],
            .skills: [
                "vaardigheden", "competenties", "computerkennis", "ict-vaardigheden", "kennis en vaardigheden",
                "kwaliteiten", "skills", "competencies", "technical skills", "key skills", "software", "it skills",
                "core skills", "skills & competencies", "vaardigheden en competenties", "kennis", "tools",
            ],
            .languages: ["talen", "talenkennis", "languages", "language skills", "taalvaardigheid"],
            .interests: [
                "hobby's", "hobbies", "interesses", "interests", "nevenactiviteiten", "vrijwilligerswerk",
                "volunteering", "activities", "hobby's en interesses", "other activities", "extracurricular activities",
                "vrije tijd", "free time", "leisure",
            ],
            .references: ["referenties", "references", "referees", "referentie", "reference", "referentiepersonen"],
        ]
        var map: [String: SectionKind] = [:]
        for (kind, words) in table {
            for word in words { map[word] = kind }
        }
        return map
    }()
}
