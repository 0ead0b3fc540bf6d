import CVModel

/// The kinds of CV section cvsieve recognises by their headings (Dutch and English).
enum SectionKind: String, Sendable, CaseIterable {
    case personalia, profile, experience, education, certificates, skills, languages, interests, references
    /// A section whose heading cvsieve knows only by its look (bold, capitals, larger type in the
    /// style of the document's other headings), not by its words: it ends the section before it.
    case other
}

/// One line of the normalised text, with the section it sits in.
struct TextLine {
    var range: Range<Int>
    var section: SectionKind?
    /// Whether the line itself is a section heading.
    var isHeading: Bool
    var source: TextSource
    /// How the line looks, where the file says (PDF and DOCX body text).
    var look: LineLayout?
    /// A line repeated on most pages (a footer with the name and a URL) or a page number: not
    /// career text, though still scanned for personal data.
    var isFurniture = false

    /// Outside every section cvsieve knows by its words: before the first heading, or under one
    /// known only by its look.
    var isOutsideKnownSections: Bool { section == nil || section == .other }
}

/// Lines and sections of a document: where recognizers look for labels and context.
struct TextLayout {
    let lines: [TextLine]
    /// For each normalised position, the index of its line.
    private let lineIndex: [Int32]

    init(text: NormalizedText) {
        // Lines first, with their look and keyword heading; sections once layout headings are known.
        var lines: [TextLine] = []
        var keywordHeadings: [SectionKind?] = []
        var lineIndex = [Int32](repeating: 0, count: text.count)
        var start = 0
        var ordinal = (block: -1, position: 0, count: 0)
        for index in 0...text.count where index == text.count || text.scalars[index] == "\n" {
            let range = start..<index
            let block = text.block(at: start)
            let source = block?.block.source ?? .body
            var look: LineLayout?
            if let block, let layout = block.block.layout, start < text.origin.count {
                // The line's ordinal inside its block: the newlines of the original text before it.
                let position = text.origin[start]
                if ordinal.block != block.range.lowerBound {
                    ordinal = (block.range.lowerBound, block.range.lowerBound, 0)
                }
                for offset in ordinal.position..<max(ordinal.position, position) where text.original[offset] == "\n" {
                    ordinal.count += 1
                }
                ordinal.position = max(ordinal.position, position)
                if ordinal.count < layout.count { look = layout[ordinal.count] }
            }
            keywordHeadings.append(Self.heading(text.text(range)))
            lines.append(TextLine(range: range, section: nil, isHeading: false, source: source, look: look))
            for position in range { lineIndex[position] = Int32(lines.count - 1) }
            if index < text.count { lineIndex[index] = Int32(lines.count - 1) }
            start = index + 1
        }
        let layoutHeadings = Self.layoutHeadings(lines, keywordHeadings: keywordHeadings, text: text)
        Self.markFurniture(&lines, text: text)
        var section: SectionKind?
        var previousBlockStart = -1
        for number in lines.indices {
            let block = text.block(at: lines[number].range.lowerBound)
            let blockStart = block?.range.lowerBound ?? -1
            let source = lines[number].source
            // A new block outside the body (a header, a link, metadata) does not inherit the body's section.
            if blockStart != previousBlockStart, !source.isPageBody && source != .table && source != .textbox {
                section = nil
            }
            previousBlockStart = blockStart
            let heading =
                lines[number].isFurniture
                ? nil : keywordHeadings[number] ?? (layoutHeadings.contains(number) ? .other : nil)
            if let heading { section = heading }
            lines[number].section = section
            lines[number].isHeading = heading != nil
        }
        self.lines = lines
        self.lineIndex = lineIndex
    }

    /// Lines that are headings by their look alone: short lines without digits set like the
    /// document's keyword headings (same heading level, capitals, boldness and size), where that
    /// look differs from the body text's. A CV whose headings look like its job titles (bold,
    /// body size) gets none, so a bold job title never ends its section.
    static func layoutHeadings(_ lines: [TextLine], keywordHeadings: [SectionKind?], text: NormalizedText) -> Set<Int> {
        let bodySize = Self.bodySize(lines)
        struct Signature: Hashable {
            var level: Int?
            var isCapitals: Bool
            var isBold: Bool
            var size: Int?
        }
        let signature = { (look: LineLayout) in
            Signature(
                level: look.headingLevel, isCapitals: look.isCapitals, isBold: look.isBold,
                size: look.size.flatMap { Int(exactly: ($0 * 2).rounded()) })
        }
        var known: [Signature: Int] = [:]
        for (number, line) in lines.enumerated() where keywordHeadings[number] != nil {
            if let look = line.look { known[signature(look), default: 0] += 1 }
        }
        let distinctive = known.keys.filter { key in
            key.level.map { $0 >= 1 } ?? false || key.isCapitals
                || (bodySize.map { size in key.size.map { Double($0) / 2 >= size + 1.5 } ?? false } ?? false)
        }
        guard !distinctive.isEmpty else { return [] }
        // The top of the CV, before its first keyword heading, holds the name, the headline and
        // contact details, often set as large as headings: no layout heading there.
        guard let firstKeyword = keywordHeadings.firstIndex(where: { $0 != nil }) else { return [] }
        var result = Set<Int>()
        for (number, line) in lines.enumerated() where number > firstKeyword && keywordHeadings[number] == nil {
            guard let look = line.look, distinctive.contains(signature(look)) else { continue }
            let words = text.text(line.range).trimmingCharacters()
            let wordCount = words.split(separator: " ").count
            guard !words.isEmpty, words.count <= 32, wordCount <= 4, !words.contains(where: \.isNumber),
                !words.contains("@"), !words.contains(","), words.contains(where: \.isLetter)
            else { continue }
            result.insert(number)
        }
        return result
    }

    /// The font size most of the body's letters are set in.
    static func bodySize(_ lines: [TextLine]) -> Double? {
        var letters: [Double: Int] = [:]
        for line in lines { if let size = line.look?.size { letters[size, default: 0] += line.range.count } }
        return letters.max { $0.value < $1.value }?.key
    }

    /// Marks page furniture on a PDF of two or more pages: a short line among the first or last
    /// three of its page that recurs there, at the same height (digits aside), on at least two
    /// pages and on half of them or more; and such lines that are only a page number (`3`, `- 3 -`, `Page 3 of 4`, `Pagina 3 van 4`, `3/4`).
    static func markFurniture(_ lines: inout [TextLine], text: NormalizedText) {
        // One page has no furniture to repeat; its page number (rare) is left alone.
        let pageCount = Set(text.blocks.compactMap { $0.block.source.isPageBody ? $0.block.page : nil }).count
        guard pageCount >= 2 else { return }
        var pagesOf: [String: Set<Int>] = [:]
        var keys: [String?] = []
        var pages = Set<Int>()
        // Furniture stands at the top or bottom of its page: the first or last three lines of the page's block.
        var edge = Set<Int>()
        var blockLines: [Int: [Int]] = [:]
        for (number, line) in lines.enumerated() where line.source.isPageBody && !line.range.isEmpty {
            if let block = text.block(at: line.range.lowerBound) {
                blockLines[block.range.lowerBound, default: []].append(number)
            }
        }
        for numbers in blockLines.values {
            edge.formUnion(numbers.prefix(3))
            edge.formUnion(numbers.suffix(3))
        }
        for (number, line) in lines.enumerated() {
            guard line.source.isPageBody, edge.contains(number),
                let page = text.block(at: line.range.lowerBound)?.block.page
            else {
                if line.source.isPageBody, let page = text.block(at: line.range.lowerBound)?.block.page {
                    pages.insert(page)
                }
                keys.append(nil)
                continue
            }
            pages.insert(page)
            let content = text.text(line.range).trimmingCharacters()
            guard !content.isEmpty, content.count <= 100 else {
                keys.append(nil)
                continue
            }
            // Furniture stands at the same height on every page: without a height, only page
            // numbers count. A period (`2016 - 2019`) is an entry's, wherever it stands.
            let key = String(content.lowercased().map { $0.isNumber ? "#" : $0 })
            guard let y = line.look?.y, PeriodParser.find(in: content) == nil else {
                keys.append(Self.isPageNumber(key) ? key : nil)
                continue
            }
            // A height no page has (past `Int`, or not a number) places nothing.
            guard let band = Int(exactly: (y / 6).rounded(.towardZero)) else {
                keys.append(Self.isPageNumber(key) ? key : nil)
                continue
            }
            let placed = key + "@\(band)"
            keys.append(placed)
            pagesOf[placed, default: []].insert(page)
        }
        for (number, key) in keys.enumerated() {
            guard let key else { continue }
            let recurring = pages.count >= 2 && (pagesOf[key]?.count ?? 0) >= max(2, (pages.count + 1) / 2)
            let content = String(key.prefix { $0 != "@" })
            if recurring || Self.isPageNumber(content) { lines[number].isFurniture = true }
        }
    }

    /// `#`, `- # -`, `page # of #`, `pagina # van #`, `#/#`, `seite # von #` (digits already
    /// `#`, at most two in a row: `2019` alone is a year, not a page).
    static func isPageNumber(_ key: String) -> Bool {
        var stripped = ""
        var run = 0
        var numbers = 0
        for character in key where !character.isWhitespace {
            if character == "#" {
                run += 1
                if run > 2 { return false }
                if run == 1 { numbers += 1 }
            } else {
                run = 0
                stripped.append(character)
            }
        }
        guard numbers >= 1, numbers <= 2 else { return false }
        return ["", "--", "/", "pageof", "paginavan", "seitevon", "page", "pagina", "seite", "p.", "blz."].contains(
            stripped)
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
            .personalia: ["personalia", "gegevens", "persoonsgegevens", "contactgegevens", "persönliche"],
            .profile: ["profiel", "profile", "summary", "samenvatting", "profielschets"],
            .experience: [
                "werkervaring", "experience", "loopbaan", "werkgevers", "employment", "career", "arbeidsverleden",
                "ervaring", "werkgever", "beroepservaring", "employers", "berufserfahrung", "werdegang",
                "praxiserfahrung",
            ],
            .education: [
                "opleiding", "opleidingen", "education", "scholing", "studies", "qualifications", "kwalificaties",
                "diploma's", "diplomas", "schoolopleiding", "schoolopleidingen", "onderwijs", "ausbildung",
                "schulbildung", "studium",
            ],
            .certificates: [
                "certificaten", "certificates", "certifications", "cursussen", "courses", "trainingen",
                "certificeringen",
                "licenses", "licences", "bijscholing",
            ],
            .skills: [
                "vaardigheden", "skills", "competenties", "competencies", "kennis", "computerkennis", "expertise",
                "tech", "technologies", "technologieën", "kenntnisse", "fähigkeiten",
            ],
            .languages: ["talen", "languages", "talenkennis", "taalvaardigheid", "sprachkenntnisse", "sprachen"],
            .interests: [
                "hobby's", "hobbies", "interesses", "interests", "nevenactiviteiten", "vrijetijdsbesteding", "hobbys",
                "interessen",
            ],
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
                "gegevens", "details", "naw-gegevens", "persönliche daten", "persönliche angaben", "kontakt",
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
                "relevant experience", "beroepservaring", "werk", "berufserfahrung", "beruflicher werdegang",
                "projects", "projecten", "project experience", "projectervaring", "projekte",
            ],
            .education: [
                "opleiding", "opleidingen", "studies", "studie", "education", "academic background",
                "opleiding en diploma's",
                "onderwijs", "education and training", "qualifications", "schoolopleidingen", "ausbildung",
                "schulbildung", "studium", "bildungsweg",
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
            .languages: [
                "talen", "talenkennis", "languages", "language skills", "taalvaardigheid", "sprachkenntnisse",
                "sprachen",
            ],
            .interests: [
                "hobby's", "hobbies", "interesses", "interests", "nevenactiviteiten", "vrijwilligerswerk",
                "volunteering", "activities", "hobby's en interesses", "other activities", "extracurricular activities",
                "vrije tijd", "free time", "leisure",
            ],
            .references: [
                "referenties", "references", "referees", "referentie", "reference", "referentiepersonen", "referenzen",
            ],
        ]
        var map: [String: SectionKind] = [:]
        for (kind, words) in table {
            for word in words { map[word] = kind }
        }
        return map
    }()
}
