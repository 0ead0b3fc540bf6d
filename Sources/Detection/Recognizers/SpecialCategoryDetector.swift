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

    func detect(in context: DetectionContext) -> [SpecialFinding] {
        var found: [SpecialFinding] = []
        let lowered = context.text.lowered
        for line in context.layout.lines {
            let section = line.section
            // Degrees and employers are not statements about the candidate.
            if section == .education || section == .experience && line.isHeading { continue }
            let text = String(String.UnicodeScalarView(lowered[line.range]))
            for (category, terms) in Self.terms where terms.contains(where: { text.contains($0) }) {
                if category == .religion,
                    text.contains("hogeschool") || text.contains("school") || text.contains("universiteit")
                {
                    continue
                }
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
