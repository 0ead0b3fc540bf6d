import CVModel

/// The candidate's name, inferred from combined evidence, and third parties' names.
///
/// Evidence, scored: a `Naam`/`Name` label or form field (3), the title block at the top of the
/// document (1), the metadata author (2), a known first name (1), the e-mail address's local part
/// or the file name containing part of the name (1 each); at least 2 are needed. The best-scoring name is the candidate's; its variants are then
/// found everywhere (``NameVariants``). Names in the references section, with a title
/// (`Dhr.`, `Mrs.`), or in comments, annotations and the last-editor metadata are third parties.
struct NameRecognizer: Recognizer {
    static let labels: Set<String> = ["naam", "name", "volledige naam", "full name", "naam kandidaat", "candidate"]
    /// Titles before a name; `heer`, `mevrouw`, `Herr` and `Frau` open the addressee of a cover
    /// letter (`Geachte heer Jansen`, `Sehr geehrter Herr Untertan`), a third party.
    static let titles: Set<String> = [
        "dhr", "mevr", "mw", "mr", "mrs", "ms", "miss", "drs", "ir", "ing", "dr", "prof", "heer", "mevrouw", "herr",
        "frau",
    ]
    static let lowerCaseTitles: Set<String> = ["dhr", "mevr", "mw", "heer", "mevrouw"]
    /// Lines that name a third party: `Referent: …`, `Contactpersoon: …`, `Reference: …`.
    static let referenceLabels = [
        "referent", "referentie", "reference", "referee", "contactpersoon", "contact person", "leidinggevende",
        "manager:", "supervisor",
    ]
    static let nonNames: Set<String> = [
        "anonymous", "unknown", "untitled", "unspecified", "user", "administrator", "admin",
    ]

    func recognize(in context: DetectionContext) -> [Candidate] {
        var found: [Candidate] = []
        for span in candidateNames(in: context) {
            found += NameVariants(span).occurrences(in: context).map {
                Candidate(category: .name, range: $0.range, confidence: $0.confidence)
            }
        }
        found += thirdParties(in: context, excluding: found)
        return found
    }

    struct Evidence {
        var span: NameSpan
        var text: String
        var score: Double
    }

    /// The candidate's name in every writing the evidence shows (`Jan-Willem Postma` in the title,
    /// `J.W. Postma` behind the label): the best-scoring group of names sharing a surname.
    func candidateNames(in context: DetectionContext) -> [NameSpan] {
        var scores: [String: Evidence] = [:]
        let scalars = context.scalars
        func add(_ span: NameSpan, _ points: Double) {
            let text = context.text.text(span.range)
            let key = text.comparisonKey
            guard !Self.nonNames.contains(text.lowercased()) else { return }
            var evidence = scores[key] ?? Evidence(span: span, text: text, score: 0)
            evidence.score += points
            // Keep the title-case writing as the representative (variants come from it).
            if text.unicodeScalars.contains(where: \.isLower) { evidence.span = span }
            scores[key] = evidence
        }
        for value in context.values(labelled: Self.labels) {
            if let span = NameSpan.parse(at: value.range.lowerBound, in: scalars, limit: value.range.upperBound) {
                add(span, 3)
            }
        }
        // The title block: the first lines of the header or body.
        var linesSeen = 0
        for line in context.layout.lines where linesSeen < 4 {
            guard line.source.isPageBody || [.header, .textbox, .table].contains(line.source) else { continue }
            let range = LabeledValues.trimmed(line.range, in: context.text)
            guard !range.isEmpty else { continue }
            linesSeen += 1
            // The whole line, or a segment of it (`Kwame García | 2622 DC Delft | …`, `Contact<TAB>Saskia …`).
            var segmentStart = range.lowerBound
            for index in range.lowerBound...range.upperBound
            where index == range.upperBound || "|•·*\t".unicodeScalars.contains(scalars[index]) {
                let segment = LabeledValues.trimmed(segmentStart..<index, in: context.text)
                segmentStart = index + 1
                guard !segment.isEmpty,
                    let span = NameSpan.parse(at: segment.lowerBound, in: scalars, limit: segment.upperBound),
                    span.range.upperBound == segment.upperBound
                else { continue }
                // The title block alone is weak evidence (a job title at the top reads like a name too):
                // it needs a known first name, an e-mail address or metadata to agree.
                add(span, 1)
                break
            }
        }
        // The largest type of page one (a name set as the page's title, wherever the reading
        // order puts it: after a sidebar, beside a photo): as weak as the title block.
        for span in largestLineNames(in: context) { add(span, 1) }
        for (range, block) in context.text.blocks where block.source == .metadata || block.source == .form {
            let label = block.label?.lowercased() ?? ""
            let isNameField =
                ["author", "creator", "title"].contains(label) || (block.source == .form && Self.labels.contains(label))
            guard isNameField, let start = normalizedStart(of: range, in: context) else { continue }
            let end = normalizedEnd(of: range, in: context)
            if let span = NameSpan.parse(at: start, in: scalars, limit: end), span.range.upperBound == end {
                add(span, block.source == .form ? 3 : 2)
            }
        }
        let emailKeys = context.emails.map { candidate in
            context.text.text(candidate.range).split(separator: "@").first.map {
                String($0).comparisonKey.foldingDiacritics
            } ?? ""
        }
        let fileKey = context.document.fileName.comparisonKey.foldingDiacritics
        for (key, var evidence) in scores {
            // `Jan-Willem` counts when `Jan` is a known first name.
            if let first = evidence.span.givenNames.first,
                PersonNames.shared.isFirstName(first)
                    || first.split(separator: "-").contains(where: { PersonNames.shared.isFirstName(String($0)) })
            {
                evidence.score += 1
            }
            // E-mail addresses drop diacritics (`García` → `garcia`).
            let parts = evidence.span.tokens.flatMap { $0.text.split(separator: "-").map(String.init) }
                .filter { !PersonNames.particles.contains($0.lowercased()) }
                .map { $0.comparisonKey.foldingDiacritics }.filter { $0.count >= 3 }
            if emailKeys.contains(where: { key in parts.contains { key.contains($0) } }) { evidence.score += 1 }
            // The file name (`CV_Jan_de_Vries.pdf`) names the candidate more often than not.
            if parts.contains(where: { fileKey.contains($0) }) { evidence.score += 1 }
            scores[key] = evidence
        }
        var groups: [String: (score: Double, spans: [NameSpan])] = [:]
        for evidence in scores.values {
            let surname = evidence.span.surnameCore.comparisonKey
            groups[surname, default: (0, [])].score += evidence.score
            groups[surname, default: (0, [])].spans.append(evidence.span)
        }
        guard let best = groups.values.max(by: { $0.score < $1.score }), best.score >= 2 else { return [] }
        return best.spans
    }

    /// Names set in the largest type of the first page (at least 1.3 times the body's size), or
    /// as a DOCX `Title` paragraph, read whole as a name.
    func largestLineNames(in context: DetectionContext) -> [NameSpan] {
        let lines = context.layout.lines.filter { line in
            line.look != nil && (line.source.isPageBody || [.table, .textbox, .header].contains(line.source))
                && (context.text.block(at: line.range.lowerBound)?.block.page ?? 1) == 1
        }
        guard let body = TextLayout.bodySize(context.layout.lines),
            let largest = lines.compactMap({ $0.look?.size }).max(), largest >= body * 1.3
        else { return [] }
        var spans: [NameSpan] = []
        for line in lines where line.look?.size == largest || line.look?.headingLevel == 0 {
            let range = LabeledValues.trimmed(line.range, in: context.text)
            guard !range.isEmpty, !line.isHeading,
                let span = NameSpan.parse(at: range.lowerBound, in: context.scalars, limit: range.upperBound),
                span.range.upperBound == range.upperBound
            else { continue }
            spans.append(span)
        }
        return spans.count <= 2 ? spans : []
    }

    /// Names of referees and recruiters.
    private func thirdParties(in context: DetectionContext, excluding candidate: [Candidate]) -> [Candidate] {
        let scalars = context.scalars
        var found: [Candidate] = []
        let taken = candidate.map(\.range)
        for line in context.layout.lines {
            let inReferences = line.section == .references
            let isAside = [.comment, .annotation, .footnote].contains(line.source)
            // `- Referentie: mevr. J. Bakker, …`: the label after a bullet counts too.
            let lineText = context.text.text(line.range).lowercased().drop { !$0.isLetter }
            let labelled = Self.referenceLabels.contains { lineText.hasPrefix($0) }
            var index = line.range.lowerBound
            while index < line.range.upperBound {
                // A title opens a name: capitalised, or a Dutch one in lower case (`mevr.`, `dhr.`),
                // which Dutch writes that way (`ms`, `ing` in lower case are words).
                let titled =
                    scalars.isWordStart(index)
                    && Self.titles.contains { title in
                        (scalars[index].isUpper || Self.lowerCaseTitles.contains(title))
                            && scalars.matches(title, at: index)
                            && (scalars.matches(title + ". ", at: index) || scalars.matches(title + " ", at: index))
                    }
                guard scalars.isWordStart(index), scalars[index].isUpper || titled else {
                    index += 1
                    continue
                }
                // Outside references, asides and labelled lines only a title (`Dhr.`) opens a third party's name.
                guard titled || inReferences || isAside || labelled else {
                    index += 1
                    continue
                }
                var start = index
                if titled {
                    while start < line.range.upperBound, scalars[start] != " " { start += 1 }
                    start += 1
                }
                guard start < line.range.upperBound,
                    let span = NameSpan.parse(at: start, in: scalars, limit: line.range.upperBound),
                    // A candidate's first name may open a referee's full name (`Hannah` in `Hannah Wright`).
                    !taken.contains(where: { $0.overlaps(span.range) && $0.count >= span.range.count })
                else {
                    index += 1
                    continue
                }
                let knownFirst = span.givenNames.first.map { PersonNames.shared.isFirstName($0) } ?? false
                // In the references, a line that is nothing but a name is a referee's name.
                let isWholeLine = LabeledValues.trimmed(line.range, in: context.text) == span.range
                if titled || ((inReferences || isAside || labelled) && (knownFirst || !span.initials.isEmpty))
                    || (inReferences && isWholeLine)
                {
                    found.append(Candidate(category: .name, range: span.range, confidence: 0.85, subject: .reference))
                }
                index = span.range.upperBound
            }
        }
        for (range, block) in context.text.blocks where block.source == .metadata || block.source == .comment {
            let label = block.label?.lowercased() ?? ""
            guard
                ["lastmodifiedby", "author", "manager"].contains(label)
                    || block.source == .comment && label == "author",
                label != "author" || block.source == .comment,
                let start = normalizedStart(of: range, in: context)
            else { continue }
            let end = normalizedEnd(of: range, in: context)
            if let span = NameSpan.parse(at: start, in: scalars, limit: end),
                !taken.contains(where: { $0.overlaps(span.range) })
            {
                found.append(Candidate(category: .name, range: span.range, confidence: 0.85, subject: .reference))
            }
        }
        return found
    }

    private func normalizedStart(of original: Range<Int>, in context: DetectionContext) -> Int? {
        context.text.normalizedIndex(ofOriginal: original.lowerBound)
    }

    private func normalizedEnd(of original: Range<Int>, in context: DetectionContext) -> Int {
        (context.text.normalizedIndex(ofOriginal: original.upperBound) ?? context.text.count)
    }
}
