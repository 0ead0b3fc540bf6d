public import CVModel
import Foundation

/// Headings of the rendered profile (Dutch: the agency's clients are Dutch).
enum Labels {
    static let title = "Kandidaatprofiel"
    static let experience = "Werkervaring"
    static let education = "Opleiding"
    static let certificates = "Certificaten"
    static let languages = "Talen"
    static let skills = "Vaardigheden"
    static let region = "Regio"
    static let years = "Jaren ervaring"
    static let candidate = "Kandidaat"
    static let profile = "Profiel"
}

/// The profile's content as lines, shared by the text, PDF and DOCX renderers.
struct ProfileOutline {
    enum Line {
        case title(String)
        case heading(String)
        case text(String)
        case item(String)
        /// A line under the item before it (what the candidate did in that job).
        case detail(String)
    }

    let lines: [Line]

    init(_ profile: Profile) {
        var lines: [Line] = [.title("\(Labels.title) \(profile.code)")]
        if !profile.headline.isEmpty { lines.append(.text(profile.headline)) }
        var facts: [String] = []
        if let region = profile.region { facts.append("\(Labels.region): \(region)") }
        if let years = profile.yearsOfExperience { facts.append("\(Labels.years): \(years)") }
        if !facts.isEmpty { lines.append(.text(facts.joined(separator: " · "))) }
        if let summary = profile.summary, !summary.isEmpty {
            lines.append(.heading(Labels.profile))
            lines.append(contentsOf: summary.split(separator: "\n").map { .text(String($0)) })
        }
        if !profile.experience.isEmpty {
            lines.append(.heading(Labels.experience))
            for job in profile.experience {
                let parts = [job.title, job.employer, job.period].filter { !$0.isEmpty }
                lines.append(.item(parts.joined(separator: " — ")))
                for detail in job.description?.split(separator: "\n") ?? [] { lines.append(.detail(String(detail))) }
            }
        }
        if !profile.education.isEmpty {
            lines.append(.heading(Labels.education))
            for study in profile.education {
                lines.append(
                    .item(
                        [study.degree, study.institution, study.year].filter { !$0.isEmpty }.joined(separator: " — ")))
            }
        }
        if !profile.certificates.isEmpty {
            lines.append(.heading(Labels.certificates))
            lines.append(contentsOf: profile.certificates.map { .item($0) })
        }
        if !profile.languages.isEmpty {
            lines.append(.heading(Labels.languages))
            lines.append(
                contentsOf: profile.languages.map {
                    .item($0.level.isEmpty ? $0.language : "\($0.language) (\($0.level))")
                })
        }
        if !profile.skills.isEmpty {
            lines.append(.heading(Labels.skills))
            lines.append(.text(profile.skills.joined(separator: " · ")))
        }
        lines.append(
            .text(([profile.agency] + (profile.footer.isEmpty ? [] : [profile.footer])).joined(separator: " — ")))
        self.lines = lines
    }
}

/// JSON following the JSON Resume schema (jsonresume.org), with identifying `basics` fields left out.
enum JSONResumeRenderer {
    static func render(_ profile: Profile) throws -> Data {
        var basics: [String: Any] = ["label": profile.headline]
        if let region = profile.region { basics["location"] = ["region": region, "countryCode": "NL"] }
        let years = profile.yearsOfExperience.map { "\($0) jaar werkervaring" }
        let summary = [years, profile.summary?.replacingOccurrences(of: "\n", with: " ")].compactMap { $0 }
        if !summary.isEmpty { basics["summary"] = summary.joined(separator: ". ") }
        let document: [String: Any] = [
            "basics": basics,
            "work": profile.experience.map { job -> [String: Any] in
                var work: [String: Any] = ["position": job.title, "name": job.employer, "summary": job.period]
                if let description = job.description {
                    work["highlights"] = description.split(separator: "\n").map(String.init)
                }
                return work
            },
            "education": profile.education.map {
                ["studyType": $0.degree, "institution": $0.institution, "endDate": $0.year]
            },
            "certificates": profile.certificates.map { ["name": $0] },
            "languages": profile.languages.map { ["language": $0.language, "fluency": $0.level] },
            "skills": profile.skills.map { ["name": $0] },
            "meta": ["canonical": profile.code, "publisher": profile.agency, "generator": "cvsieve"],
        ]
        return try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}

enum MarkdownRenderer {
    static func render(_ profile: Profile) -> String {
        ProfileOutline(profile).lines.map { line in
            switch line {
            case .title(let text): "# \(escape(text))\n"
            case .heading(let text): "\n## \(escape(text))\n"
            case .text(let text): "\(escape(text))\n"
            case .item(let text): "- \(escape(text))"
            case .detail(let text): "  - \(escape(text))"
            }
        }.joined(separator: "\n") + "\n"
    }

    /// Markdown's own characters in values are escaped, so a value cannot become a link or an image.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]#!<>|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

enum HTMLRenderer {
    static func render(_ profile: Profile) -> String {
        var body: [String] = []
        var inList = false
        for line in ProfileOutline(profile).lines {
            if case .detail = line {
            } else if case .item = line {
            } else if inList {
                body.append("</ul>")
                inList = false
            }
            switch line {
            case .title(let text): body.append("<h1>\(escape(text))</h1>")
            case .heading(let text): body.append("<h2>\(escape(text))</h2>")
            case .text(let text): body.append("<p>\(escape(text))</p>")
            case .item(let text):
                if !inList {
                    body.append("<ul>")
                    inList = true
                }
                body.append("<li>\(escape(text))</li>")
            case .detail(let text):
                if !inList {
                    body.append("<ul>")
                    inList = true
                }
                body.append("<li class=\"detail\">\(escape(text))</li>")
            }
        }
        if inList { body.append("</ul>") }
        return """
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>\(escape(Labels.title)) \(escape(profile.code))</title>
            <meta name="generator" content="cvsieve">
            <style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:42em;margin:2em auto;color:#222}
            h1{font-size:1.5em}h2{font-size:1.1em;border-bottom:1px solid #ccc}li.detail{margin-left:1.5em;list-style:circle}@media print{body{margin:0}}</style>
            </head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
