import CVModel
import Foundation

/// Redacts the narrative (summary, job descriptions) before it becomes a career fact: every
/// detected personal value, every variant of it, and every third party is replaced by a readable
/// placeholder (`de kandidaat` / `the candidate`, `[referent]`, `[plaats]`), and an item that
/// reveals a special category (health, religion, …) is left out whole.
///
/// Matching is by folded words (``TextFolding``), so case, accents and spacing do not hide a
/// value; phone numbers match by their ``PhoneKey`` however they are written. A candidate's name
/// is matched whole and word by word (a first name or surname alone), particles aside.
struct NarrativeRedactor {
    private struct Target {
        var words: [String]
        var placeholder: String
        /// Matches only a word written with a capital (a name taken from an e-mail address:
        /// `mei` is also a month).
        var needsCapital = false
    }

    private let targets: [Target]
    /// The first words of the targets: an item none of whose words is one has nothing to redact.
    private let firstWords: Set<String>
    /// The targets by their first word, longest first.
    private let targetsByFirstWord: [String: [Target]]
    /// Every placeholder the targets write.
    private let placeholders: Set<String>
    private let phoneKeys: Set<String>
    private let phonePlaceholder: String
    private let specialTexts: [String]
    private let dutch: Bool

    init(findings: [Finding], special: [String], language: String) {
        let dutch = language == "nl"
        self.dutch = dutch
        var targets: [Target] = []
        var keys = Set<String>()
        for finding in findings where finding.category != .photo {
            let placeholder = Self.placeholder(for: finding.category, subject: finding.subject, dutch: dutch)
            if finding.category == .phone {
                let key = PhoneKey.of(finding.text)
                if key.count >= 6 { keys.insert(key) }
            }
            let words = Self.words(finding.text).map(\.folded)
            guard !words.isEmpty else { continue }
            targets.append(Target(words: words, placeholder: placeholder))
            // The words of the candidate's e-mail address name them (`mei.dejong@…` → `Mei`), even
            // where detection missed the name itself.
            if finding.category == .email, finding.subject == .candidate {
                let parts =
                    finding.text.split(separator: "@").first.map {
                        TextFolding.fold(String($0)).split(whereSeparator: { !$0.isLetter }).map(String.init)
                    } ?? []
                for part in parts where part.count >= 3 {
                    targets.append(
                        Target(
                            words: [part], placeholder: Self.placeholder(for: .name, subject: .candidate, dutch: dutch),
                            needsCapital: true))
                }
            }
            // A name is also found word by word: `Fatima` or `el Amrani` alone.
            if finding.category == .name {
                for word in words where word.count >= 2 && !PersonNames.particles.contains(word) {
                    targets.append(Target(words: [word], placeholder: placeholder))
                }
            }
        }
        // Longest first: a whole name before its words.
        self.targets = targets.sorted { $0.words.count > $1.words.count }
        self.firstWords = Set(targets.compactMap(\.words.first))
        self.targetsByFirstWord = Dictionary(grouping: self.targets) { $0.words.first ?? "" }
        self.placeholders = Set(targets.map(\.placeholder))
        self.phoneKeys = keys
        self.phonePlaceholder = Self.placeholder(for: .phone, subject: .candidate, dutch: dutch)
        self.specialTexts = special.map(TextFolding.fold).filter { $0.count >= 8 }
    }

    /// The career facts with their summary and descriptions redacted.
    func redact(_ career: CareerFacts) -> CareerFacts {
        var career = career
        career.summary = career.summary.flatMap(redact)
        for index in career.experience.indices {
            career.experience[index].description = career.experience[index].description.flatMap(redact)
        }
        return career
    }

    /// One narrative text (one item a line) redacted; `nil` when nothing is left.
    func redact(_ text: String) -> String? {
        let items = text.split(separator: "\n").compactMap { item -> String? in
            let folded = TextFolding.fold(String(item))
            // An item that reveals a special category goes whole.
            if specialTexts.contains(where: { folded.contains($0) || $0.contains(folded) }) { return nil }
            let redacted = redactItem(String(item))
            return redacted.contains(where: \.isLetter) ? redacted : nil
        }
        return items.isEmpty ? nil : items.joined(separator: "\n")
    }

    private func redactItem(_ item: String) -> String {
        let folded = TextFolding.fold(item).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard
            !phoneKeys.isEmpty && item.contains(where: \.isNumber)
                || folded.contains(where: {
                    firstWords.contains(String($0)) || Self.describingVerbs.contains(String($0))
                })
        else { return item }
        // A phone goes in as a marker without letters or digits, so no word target matches in it.
        let phoneMarker = "\u{E000}"
        var text = redactPhones(item, marker: phoneMarker)
        // One pass over the words: at each word the longest target that starts there, then on
        // after it. Replacements are made from the end, so earlier ranges stay valid.
        let words = Self.words(text)
        var replacements: [(range: Range<String.Index>, placeholder: String)] = []
        var index = 0
        while index < words.count {
            let match = targetsByFirstWord[words[index].folded]?.first { target in
                index + target.words.count <= words.count
                    && words[index..<(index + target.words.count)].map(\.folded).elementsEqual(target.words)
                    && (!target.needsCapital || text[words[index].range].first?.isUppercase == true)
            }
            guard let match else {
                index += 1
                continue
            }
            let end = words[index + match.words.count - 1].range.upperBound
            replacements.append((words[index].range.lowerBound..<end, match.placeholder))
            index += match.words.count
        }
        // `Mei is a motivated engineer …`: a summary in the third person opens with the first
        // name, which detection may have missed; a known first name that opens a sentence before
        // a verb of description is the candidate.
        for (number, word) in words.enumerated() where number + 1 < words.count {
            let opensSentence =
                number == 0 || text[words[number - 1].range.upperBound..<word.range.lowerBound].contains(".")
            guard opensSentence, text[word.range].first?.isUppercase == true,
                Self.describingVerbs.contains(words[number + 1].folded),
                PersonNames.shared.isFirstName(word.folded),
                !replacements.contains(where: { $0.range.overlaps(word.range) })
            else { continue }
            replacements.append((word.range, candidatePlaceholder))
        }
        replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        for replacement in replacements.reversed() {
            text.replaceSubrange(replacement.range, with: replacement.placeholder)
        }
        text = text.replacingOccurrences(of: phoneMarker, with: phonePlaceholder)
        text = collapsingPlaceholders(text)
        // `De kandidaat is …` where the name opened a sentence.
        let capitalised = candidatePlaceholder.prefix(1).uppercased() + candidatePlaceholder.dropFirst()
        if text.hasPrefix(candidatePlaceholder) { text = capitalised + text.dropFirst(candidatePlaceholder.count) }
        for end in [". ", "! ", "? "] {
            text = text.replacingOccurrences(of: end + candidatePlaceholder, with: end + capitalised)
        }
        return text
    }

    /// Runs of digits (with spaces, dashes, dots, brackets and a plus) whose phone key is a
    /// detected phone's.
    private func redactPhones(_ item: String, marker: String) -> String {
        guard !phoneKeys.isEmpty else { return item }
        var text = item
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isNumber || text[index] == "+" || text[index] == "(" else {
                index = text.index(after: index)
                continue
            }
            var end = index
            var digits = 0
            while end < text.endIndex, text[end].isNumber || " -.()+/".contains(text[end]) {
                if text[end].isNumber { digits += 1 }
                end = text.index(after: end)
            }
            let run = String(text[index..<end])
            if digits >= 6, phoneKeys.contains(PhoneKey.of(run)) {
                let trimmed = run.count - run.reversed().prefix { !$0.isNumber && $0 != ")" }.count
                let runEnd = text.index(index, offsetBy: trimmed)
                text.replaceSubrange(index..<runEnd, with: marker)
                index = text.index(index, offsetBy: marker.count)
            } else {
                index = end
            }
        }
        return text
    }

    /// `de kandidaat de kandidaat` (a first name and a surname replaced one by one) said once.
    private func collapsingPlaceholders(_ text: String) -> String {
        var text = text
        for placeholder in placeholders {
            let doubled = placeholder + " " + placeholder
            while text.contains(doubled) { text = text.replacingOccurrences(of: doubled, with: placeholder) }
        }
        return text
    }

    /// The words of a text (letters and digits) with their ranges and folded forms.
    static func words(_ text: String) -> [(range: Range<String.Index>, folded: String)] {
        var result: [(Range<String.Index>, String)] = []
        var start: String.Index?
        var index = text.startIndex
        while index <= text.endIndex {
            let isWord = index < text.endIndex && (text[index].isLetter || text[index].isNumber)
            if isWord, start == nil { start = index }
            if !isWord, let wordStart = start {
                result.append((wordStart..<index, TextFolding.fold(String(text[wordStart..<index]))))
                start = nil
            }
            if index == text.endIndex { break }
            index = text.index(after: index)
        }
        return result
    }

    /// Verbs a third-person summary puts after the candidate's first name.
    static let describingVerbs: Set<String> = [
        "is", "has", "was", "brings", "combines", "enjoys", "loves", "thrives", "works", "worked", "holds", "seeks",
        "heeft", "werkt", "werkte", "brengt", "combineert", "houdt", "zoekt", "was", "is",
    ]

    private var candidatePlaceholder: String { dutch ? "de kandidaat" : "the candidate" }

    static func placeholder(for category: Category, subject: DataSubject, dutch: Bool) -> String {
        if subject == .reference {
            return category == .name
                ? (dutch ? "[referent]" : "[referee]") : (dutch ? "[contactgegevens]" : "[contact details]")
        }
        switch category {
        case .name: return dutch ? "de kandidaat" : "the candidate"
        case .email: return "[e-mail]"
        case .phone: return dutch ? "[telefoonnummer]" : "[phone number]"
        case .address, .postcode, .city, .birthPlace: return dutch ? "[plaats]" : "[place]"
        case .birthDate: return dutch ? "[datum]" : "[date]"
        case .nationality: return dutch ? "[nationaliteit]" : "[nationality]"
        case .url: return "[link]"
        case .gender, .maritalStatus, .photo: return dutch ? "[persoonsgegeven]" : "[personal detail]"
        case .bsn, .iban, .otherID, .idCopy: return dutch ? "[nummer]" : "[number]"
        }
    }
}
