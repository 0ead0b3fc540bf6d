/// Dutch and foreign place names (generated lists, see `Tools/lexicon/README.md` for sources
/// and licences), looked up case-insensitively.
struct PlaceNames: Sendable {
    static let shared = PlaceNames()

    private let places: Set<String>
    private let provinces: [String: String]

    private init() {
        var places = Set<String>()
        for line in Self.dutchPlacesData.split(separator: "\n") + Self.foreignCitiesData.split(separator: "\n") {
            places.insert(line.lowercased())
        }
        places.formUnion(["den haag", "the hague", "den bosch", "'s-hertogenbosch", "'s-gravenhage"])
        self.places = places
        var provinces: [String: String] = [:]
        for line in Self.dutchPlaceProvinceData.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { provinces[parts[0].lowercased()] = String(parts[1]) }
        }
        self.provinces = provinces
    }

    func contains(_ name: String) -> Bool { places.contains(name.lowercased()) }

    /// The province of a Dutch place, where the list knows it.
    func province(of place: String) -> String? { provinces[place.lowercased()] }

    /// The place name starting at `start` (before `limit`): the longest run of up to four words
    /// that is a known place; otherwise, unless `requireKnown`, one or two capitalised words.
    func placeName(at start: Int, in scalars: [Unicode.Scalar], limit: Int, requireKnown: Bool) -> Range<Int>? {
        var wordEnds: [Int] = []
        var index = start
        while index < limit, wordEnds.count < 4 {
            let wordStart = index
            while index < limit,
                scalars[index].isLetter || scalars[index] == "'" || scalars[index] == "-"
                    || scalars[index] == "."
            {
                index += 1
            }
            guard index > wordStart else { break }
            var end = index
            while end > wordStart, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
            wordEnds.append(end)
            guard index < limit, scalars[index] == " " else { break }
            index += 1
        }
        for end in wordEnds.reversed() {
            let name = String(String.UnicodeScalarView(scalars[start..<end]))
            if contains(name) { return start..<end }
        }
        guard !requireKnown, let first = wordEnds.first, scalars[start].isUpper else { return nil }
        let firstWord = String(String.UnicodeScalarView(scalars[start..<first]))
        guard firstWord.unicodeScalars.count >= 2, !PersonNames.shared.isCommonWord(firstWord) else { return nil }
        if wordEnds.count >= 2, scalars[first + 1].isUpper { return start..<wordEnds[1] }
        return start..<first
    }
}

/// First names and surnames (generated lists) and the words that must never count as names.
struct PersonNames: Sendable {
    static let shared = PersonNames()

    private let firstNames: Set<String>
    private let surnames: Set<String>
    private let occupational: Set<String>

    private init() {
        firstNames = Set(Self.firstNamesData.split(separator: "\n").map { $0.lowercased() })
        surnames = Set(Self.surnamesData.split(separator: "\n").map { $0.lowercased() })
        occupational = Set(Self.occupationalSurnamesData.split(separator: "\n").map { $0.lowercased() })
    }

    func isFirstName(_ word: String) -> Bool { firstNames.contains(word.lowercased()) }
    func isSurname(_ word: String) -> Bool { surnames.contains(word.lowercased()) }
    /// Surnames that are also job words (Bakker, Visser, Smit): never matched alone.
    func isOccupational(_ word: String) -> Bool { occupational.contains(word.lowercased()) }

    /// Words that look like names in a title line but are not (`Curriculum`, `Vitae`, headings).
    func isCommonWord(_ word: String) -> Bool { Self.commonWords.contains(word.lowercased()) }

    /// Tussenvoegsels (Dutch surname prefixes) and foreign particles, lower-case.
    static let particles: Set<String> = [
        "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "uit", "aan", "bij", "onder", "over",
        "voor", "'s", "d'", "von", "zu", "la", "le", "du", "di", "da", "del", "dos", "el", "al", "bin", "ben", "mac",
        "st.", "vande", "vander",
    ]

    static let commonWords: Set<String> = [
        "curriculum", "vitae", "cv", "resume", "résumé", "profiel", "profile", "personalia", "naam", "name",
        "adres", "address", "telefoon", "phone", "email", "e-mail", "werkervaring", "experience", "opleiding",
        "education", "talen", "languages", "vaardigheden", "skills", "referenties", "references", "contact",
        "over", "mij", "about", "me", "persoonlijke", "gegevens", "personal", "details", "summary", "samenvatting",
        "hobby's", "interesses", "interests", "geboortedatum", "woonplaats", "nationaliteit", "rijbewijs",
        "linkedin", "github", "heden", "present", "nederland", "netherlands", "the", "and", "en", "of", "in",
        "bij", "at", "voor", "met", "senior", "junior", "medewerker", "manager", "engineer", "developer",
        "adviseur", "consultant", "b.v.", "bv", "n.v.", "ltd", "inc", "gmbh", "hogeschool", "universiteit",
        "university", "college", "school", "roc", "mbo", "hbo", "wo", "vwo", "havo", "vmbo", "bachelor", "master",
        "bsc", "msc", "ba", "ma", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
        "august", "october", "nederlands", "engels", "duits", "frans", "dutch", "english", "german", "french",
        "spaans", "spanish", "moedertaal", "native", "vloeiend", "fluent", "goed", "good", "redelijk", "basis",
        "tel", "mobiel", "mobile", "postcode", "plaats", "city", "straat", "street", "geslacht", "gender",
        "man", "vrouw", "male", "female", "burgerlijke", "staat", "gehuwd", "ongehuwd", "married", "single",
        "dhr", "mevr", "mr", "mrs", "ms", "drs", "ir", "ing", "dr", "mw", "page", "pagina", "van", "tot",
        "sinds", "since", "to", "till", "until", "tm", "t/m", "jaar", "years", "maanden", "months", "team",
        "project", "projecten", "projects", "certificaten", "certificates", "cursussen", "courses", "competenties",
        "kandidaat", "candidate", "referentie", "reference", "beschikbaar", "available", "op", "aanvraag",
        "request", "upon", "on", "werkgever", "employer", "functie", "position", "role", "periode", "period",
        "stage", "internship", "vrijwilliger", "volunteer", "diploma", "certificaat", "certificate",
    ]
}
