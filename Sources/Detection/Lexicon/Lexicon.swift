import Foundation

/// The detector's word lists, read once per process from plain files.
///
/// The lists (`Sources/Detection/Lexicon/Data/*.txt`, written by `Tools/lexicon/generate.py`, one
/// entry per line) are a SwiftPM resource of this target: the build copies them to
/// `cvsieve_Detection.resources/Data/` beside the executables it links (`cvsieve`, the test
/// runner, the fuzz targets), and they are looked for there, beside the running executable.
///
/// SwiftPM's generated `Bundle.module` looks in the same place first, but then falls back to the
/// absolute build folder compiled into the binary, and traps with `fatalError` when neither
/// exists. It is not used: a binary copied elsewhere (an install to `/usr/local/bin`) fails at
/// once with a ``DetectionError`` that says what to copy, rather than read the build tree while
/// it happens to exist and crash on the first CV once it is cleaned.
struct Lexicon: Sendable {
    let places: PlaceNames
    let persons: PersonNames

    /// The resource bundle's folder name: `<package>_<target>`, as SwiftPM names it.
    static let bundleName = "cvsieve_Detection.resources"

    /// Read on first use and kept: a `static let` is initialised once, lazily and thread-safely,
    /// and every later use is a plain load, so no file is read per document. A failure is kept
    /// too: every ``Detector`` made in the process reports the same error.
    static let loaded = Result { () throws(DetectionError) -> Lexicon in try Lexicon(folder: folder()) }

    /// The lists, for code that runs inside a ``Detector`` (whose `init` has thrown if they are
    /// missing, so the trap below is unreachable there).
    static var required: Lexicon {
        switch loaded {
        case .success(let lexicon): lexicon
        case .failure(let error): fatalError("\(error)")
        }
    }

    init(folder: URL) throws(DetectionError) {
        places = PlaceNames(
            dutchPlaces: try Self.lines(of: "dutch_places.txt", in: folder),
            foreignCities: try Self.lines(of: "foreign_cities.txt", in: folder),
            provinces: try Self.lines(of: "dutch_place_provinces.txt", in: folder))
        persons = PersonNames(
            firstNames: try Self.lines(of: "first_names.txt", in: folder),
            surnames: try Self.lines(of: "surnames.txt", in: folder),
            occupationalSurnames: try Self.lines(of: "occupational_surnames.txt", in: folder))
    }

    /// `cvsieve_Detection.resources/Data` in the folder of the running executable (Foundation
    /// finds it through `/proc/self/exe`, so a symbolic link to the binary works).
    static func folder() throws(DetectionError) -> URL {
        let folder = Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("Data")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .lexiconMissing(folder: folder.path)
        }
        return folder
    }

    /// The entries of one list file: its lines, without empty ones. A list that is missing,
    /// unreadable, not UTF-8 or empty is an error, never an empty list.
    static func lines(of file: String, in folder: URL) throws(DetectionError) -> [Substring] {
        let path = folder.appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "not found"
            throw .lexiconUnreadable(file: path, reason: reason)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .lexiconUnreadable(file: path, reason: "not UTF-8")
        }
        let lines = text.split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else { throw .lexiconUnreadable(file: path, reason: "no entries") }
        return lines
    }
}

/// Dutch and foreign place names (generated lists, see `Tools/lexicon/README.md` for sources
/// and licences), looked up case-insensitively.
struct PlaceNames: Sendable {
    static let shared = Lexicon.required.places

    private let places: Set<String>
    private let provinces: [String: String]

    /// From the lines of `dutch_places.txt`, `foreign_cities.txt` and `dutch_place_provinces.txt`
    /// (`Place<TAB>Province`).
    init(dutchPlaces: [Substring], foreignCities: [Substring], provinces provinceLines: [Substring]) {
        var places = Set<String>()
        for line in dutchPlaces + foreignCities {
            places.insert(line.lowercased())
        }
        places.formUnion(["den haag", "the hague", "den bosch", "'s-hertogenbosch", "'s-gravenhage"])
        self.places = places
        var provinces: [String: String] = [:]
        for line in provinceLines {
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
    static let shared = Lexicon.required.persons

    private let firstNames: Set<String>
    private let surnames: Set<String>
    private let occupational: Set<String>

    /// From the lines of `first_names.txt`, `surnames.txt` and `occupational_surnames.txt`.
    init(firstNames: [Substring], surnames: [Substring], occupationalSurnames: [Substring]) {
        self.firstNames = Set(firstNames.map { $0.lowercased() })
        self.surnames = Set(surnames.map { $0.lowercased() })
        occupational = Set(occupationalSurnames.map { $0.lowercased() })
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
