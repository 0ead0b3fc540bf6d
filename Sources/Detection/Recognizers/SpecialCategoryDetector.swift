import CVModel

/// Special categories of personal data (GDPR art. 9 and 10): health, religion, ethnicity,
/// political opinion, union membership, criminal record, sexual orientation. A line that
/// mentions one is flagged by position, so that it is never stored and its sentence is dropped
/// from any profile. Institution names (`Christelijke Hogeschool Ede`) are not religion.
struct SpecialCategoryDetector: Sendable {
    static let terms: [SpecialCategory: [String]] = [
        .health: [
            "ziekte", "ziekteverzuim", "chronisch ziek", "chronische ziekte", "arbeidsongeschikt", "wia-uitkering",
            "wajong", "burn-out", "burnout", "depressie", "handicap", "lichamelijke beperking", "diabetes", "epilepsie",
            "hernia", "reuma", "medische keuring", "herstel van", "ziek thuis", "medical condition", "disability",
            "disabled", "chronic illness", "sick leave", "diagnosed with", "mental health condition", "adhd", "autisme",
            "autism", "dyslexie", "dyslexia", "zwanger", "pregnant", "zwangerschap", "pregnancy",
        ],
        .religion: [
            "geloof", "gelovig", "religie", "religion", "moskee", "kerkganger", "lid van de kerk", "church member",
            "muslim", "moslim", "islamitisch geloof", "katholiek geloof", "protestants geloof", "joods", "jewish faith",
            "hindoe", "hindu", "christen ", "practising catholic", "praktiserend",
        ],
        .ethnicity: [
            "etniciteit", "etnische afkomst", "ethnic origin", "ethnicity", "afkomst", "roots in",
            "migratieachtergrond",
            "race:",
        ],
        .politicalOpinion: [
            "politieke partij", "political party", "partijlid", "lid van de vvd", "lid van de pvda", "lid van het cda",
            "lid van d66", "lid van groenlinks", "lid van de sp", "lid van de pvv", "member of the labour party",
            "member of the conservative party", "gemeenteraadslid namens",
        ],
        .unionMembership: [
            "vakbond", "lid van de fnv", "lid van het cnv", "fnv-lid", "cnv-lid", "trade union", "union member",
            "vakbondslid",
        ],
        .criminalRecord: [
            "strafblad", "veroordeeld", "veroordeling", "criminal record", "convicted", "conviction", "detentie",
            "gevangenis", "taakstraf", "prison sentence",
        ],
        .sexualOrientation: [
            "homoseksueel", "lesbisch", "biseksueel", "seksuele geaardheid", "sexual orientation", "gay and proud",
            "transgender",
        ],
    ]

    /// Each term is searched once over the whole text (positions indexed by first scalar), then
    /// the hits are reported per line.
    func detect(in context: DetectionContext) -> [SpecialFinding] {
        let lowered = context.text.lowered
        var positions: [Unicode.Scalar: [Int]] = [:]
        for (index, scalar) in lowered.enumerated() where index == 0 || !lowered[index - 1].isLetter {
            positions[scalar, default: []].append(index)
        }
        var hits: [Int: Set<SpecialCategory>] = [:]
        for (category, terms) in Self.terms {
            for term in terms {
                let needle = Array(term.unicodeScalars)
                guard let first = needle.first else { continue }
                for start in positions[first] ?? [] where start + needle.count <= lowered.count {
                    if lowered[start..<(start + needle.count)].elementsEqual(needle),
                        let line = context.layout.lineNumber(at: start)
                    {
                        hits[line, default: []].insert(category)
                    }
                }
            }
        }
        var found: [SpecialFinding] = []
        for (number, categories) in hits.sorted(by: { $0.key < $1.key }) {
            let line = context.layout.lines[number]
            // Degrees and employers are not statements about the candidate.
            if line.section == .education || line.section == .experience && line.isHeading { continue }
            let text = String(String.UnicodeScalarView(lowered[line.range]))
            let isInstitution = text.contains("hogeschool") || text.contains("school") || text.contains("universiteit")
            for category in categories.sorted(by: { $0.rawValue < $1.rawValue }) {
                if category == .religion && isInstitution { continue }
                let original = context.text.originalRange(line.range)
                found.append(
                    SpecialFinding(
                        category: category, start: original.lowerBound, end: original.upperBound,
                        source: context.text.source(at: line.range.lowerBound)))
            }
        }
        return found
    }
}
