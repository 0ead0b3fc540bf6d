import CVModel

/// Text an unfilled CV template still holds (`Your Name`, `Job Title`, `Company Name`,
/// `Functietitel`, `Lorem ipsum`): not a career fact. It is still scanned for personal data like
/// any other text; it is only kept out of the career facts.
public enum TemplatePlaceholder {
    /// Whether every word of `text` is template vocabulary and one of them marks a slot to fill
    /// in (`name`, `title`, `your`, `functietitel`, …). `State University` and `University of
    /// Amsterdam` are names, however generic, and stay.
    public static func isPlaceholder(_ text: String) -> Bool {
        let words = TextFolding.fold(text).split(whereSeparator: { !$0.isLetter }).map(String.init)
        if isLoremIpsum(words) { return true }
        guard !words.isEmpty, words.count <= 6, words.contains(where: { markers.contains($0) }) else { return false }
        return words.allSatisfy { vocabulary.contains($0) || slots.contains($0) || markers.contains($0) }
    }

    private static func isLoremIpsum(_ words: [String]) -> Bool {
        words.count >= 2 && words[0] == "lorem" && words[1] == "ipsum"
    }

    /// Words that say a slot is still to be filled in.
    static let markers: Set<String> = [
        "name", "title", "your", "naam", "jouw", "uw", "here", "hier", "insert", "enter", "functietitel",
        "functienaam", "bedrijfsnaam", "opleidingsnaam", "placeholder", "xxx", "lorem", "ipsum",
    ]

    /// Words that name the slot: what belongs there.
    static let slots: Set<String> = [
        "company", "employer", "organisation", "organization", "university", "degree", "issuer", "institution",
        "school", "position", "role", "bedrijf", "werkgever", "instelling",
    ]

    /// Words that go with them in placeholders.
    static let vocabulary: Set<String> = [
        "job", "of", "the", "and", "or", "line", "address", "city", "state", "country", "zip",
        "code", "month", "year", "date", "start", "end", "location", "course", "field", "study", "major", "skill",
        "certificate", "certification", "language", "level", "insert", "enter", "type", "jouw", "uw", "je", "hier",
        "plaats", "datum", "maand", "jaar", "functie", "van", "tot", "opleiding", "certificaat", "vaardigheid",
        "taal", "niveau", "vul", "in", "a", "b", "c", "x", "one", "two", "first", "last", "my",
    ]
}
