/// Dutch or English, from the share of each language's most common words.
enum LanguageGuesser {
    static let dutch: Set<String> = [
        "de", "het", "een", "en", "van", "in", "is", "op", "met", "voor", "bij", "als", "aan", "naar", "ik", "mijn",
        "werkervaring", "opleiding", "vaardigheden", "talen", "heden", "jaar", "ervaring", "gedreven",
        "verantwoordelijk",
        "geboortedatum", "woonplaats", "nationaliteit", "personalia", "profiel", "cursussen", "nederlands", "engels",
        "moedertaal", "vloeiend", "goed", "redelijk", "zijn", "wordt", "om", "te", "ook", "door", "over",
    ]
    static let english: Set<String> = [
        "the", "a", "an", "and", "of", "in", "is", "on", "with", "for", "at", "as", "to", "i", "my", "experience",
        "education", "skills", "languages", "present", "years", "responsible", "worked", "managed", "profile",
        "summary", "references", "native", "fluent", "english", "dutch", "date", "birth", "nationality", "from", "by",
    ]

    static func guess(_ lowered: [Unicode.Scalar]) -> String {
        var dutchCount = 0
        var englishCount = 0
        var word = String.UnicodeScalarView()
        for scalar in lowered + [" "] {
            if scalar.properties.isAlphabetic {
                word.append(scalar)
                continue
            }
            if !word.isEmpty {
                let text = String(word)
                if dutch.contains(text) { dutchCount += 1 }
                if english.contains(text) { englishCount += 1 }
                word = String.UnicodeScalarView()
            }
        }
        return englishCount > dutchCount ? "en" : "nl"
    }
}
