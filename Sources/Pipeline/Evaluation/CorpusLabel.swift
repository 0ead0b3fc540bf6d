public import CVModel
import Foundation

/// One label file of the real-format corpus (`labels/<id>.json`, described in
/// `../shared/corpus/README.md`), read the way score.py reads it: any JSON object, with the
/// fields it uses looked up by name, so both label schemas (`job_titles`/`employers` lists, or
/// `jobs` of `{title, employer}`) and unknown extra fields work.
public struct CorpusLabel: Sendable {
    /// The file's name without `.json`: the id its documents start with (`d306` → `docs/d306-*.docx`).
    public var id: String
    public var json: LabelJSON

    public init(id: String, json: LabelJSON) {
        self.id = id
        self.json = json
    }

    /// `lab.get("text_extractable") is False`: only an explicit `false` leaves a file out.
    public var isSkipped: Bool {
        if case .bool(false)? = json["text_extractable"] { return true }
        return false
    }

    /// The `pii` object's categories in the file's order, each with its values as score.py
    /// iterates them (a lone string is one value); `nil` values for a category that is neither a
    /// list nor a string, which score.py passes over.
    var personal: [(category: String, values: [LabelJSON]?)] {
        guard case .object(let members)? = json["pii"] else { return [] }
        return members.map { member in
            switch member.value {
            case .string: (member.key, [member.value])
            case .array(let values): (member.key, values)
            default: (member.key, nil)
            }
        }
    }

    /// Every string in `pii`, normalised (`pii_norm`): a career item equal to one of them is
    /// personal data, not a career fact, and is not counted as kept or lost.
    var personalValues: Set<ScoreText.Scalars> {
        guard case .object(let members)? = json["pii"] else { return [] }
        var values = Set<ScoreText.Scalars>()
        for member in members {
            let list = if case .array(let elements) = member.value { elements } else { [member.value] }
            for case .string(let text) in list { values.insert(ScoreText.normalise(text)) }
        }
        return values
    }

    /// The career fields a label can hold, as `--misses` names them.
    public enum CareerField: String, Codable, Sendable {
        case jobTitle = "job_title"
        case employer, degree, institution, certificate, language, skill
    }

    /// One career item and the label field it came from (for `--misses`).
    public struct CareerItem: Sendable {
        public var field: CareerField
        public var text: String
    }

    /// score.py's `career_items`: job titles and employers (either schema), degrees and
    /// institutions, certificates and languages (strings, or objects with `name`/`language`),
    /// in that order; non-strings and blank strings left out. Not skills.
    var careerItems: [CareerItem] {
        let career = json["career"] ?? .object([])
        var items: [(CareerField, LabelJSON?)] = []
        for (key, field) in [("job_titles", CareerField.jobTitle), ("employers", .employer)] {
            items += (career[key]?.elements ?? []).map { (field, $0) }
        }
        for job in career["jobs"]?.elements ?? [] {
            items += [(.jobTitle, job["title"]), (.employer, job["employer"])]
        }
        for education in career["education"]?.elements ?? [] {
            items += [(.degree, education["degree"]), (.institution, education["institution"])]
        }
        for certificate in career["certificates"]?.elements ?? [] {
            items.append((.certificate, certificate["name"] ?? certificate))
        }
        for language in career["languages"]?.elements ?? [] {
            items.append((.language, language["language"] ?? language))
        }
        return items.compactMap { field, value in
            guard let text = value?.string, !ScoreText.strip(Array(text.unicodeScalars)).isEmpty else { return nil }
            return CareerItem(field: field, text: text)
        }
    }

    /// The skills (strings, or objects with `name`): `skills_kept`, which score.py does not count.
    var skills: [CareerItem] {
        let skills = json["career"]?["skills"]?.elements ?? []
        return skills.compactMap { value in
            guard let text = (value["name"] ?? value).string, !ScoreText.strip(Array(text.unicodeScalars)).isEmpty
            else { return nil }
            return CareerItem(field: .skill, text: text)
        }
    }

    /// The labels of a corpus folder (`labels/*.json`), sorted by file name as score.py sorts them.
    public static func load(folder: String) throws -> [CorpusLabel] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CorpusError.unreadable(path: path)
            }
            do throws(LabelJSON.SyntaxError) {
                return CorpusLabel(id: String(name.dropLast(5)), json: try LabelJSON.parse([UInt8](data)))
            } catch {
                throw CorpusError.invalidLabel(path: path, offset: error.offset)
            }
        }
    }
}

// MARK: - Variants

extension CorpusLabel {
    /// score.py's `TUSSEN`: name particles that are never a surname token on their own.
    static let particles: Set<ScoreText.Scalars> = Set(
        [
            "van", "der", "den", "de", "het", "ten", "ter", "te", "in", "op", "'t", "vd", "v.d.", "la", "le", "du",
            "von",
            "da", "di", "el", "al", "bin", "mc",
        ].map { Array($0.unicodeScalars) })

    /// One form that would still identify (score.py's `variants`).
    enum Variant: Hashable {
        /// Compared with the profile's digits: a phone's last nine, an IBAN's or BSN's all.
        case digits(ScoreText.Scalars)
        /// A surname-ish token of a name, compared with the profile's word tokens.
        case token(ScoreText.Scalars)
        /// An e-mail's local part, a substring of the normalised profile.
        case text(ScoreText.Scalars)
    }

    /// The variants of `value` in `category`: the digits of phones, BSNs and IBANs with at least
    /// seven digits; each name token after the first that is at least four long, lower-cased and
    /// with dots stripped, and not a particle; an e-mail local part of at least five.
    static func variants(category: String, value: String) -> Set<Variant> {
        var variants = Set<Variant>()
        switch category {
        case "phone", "bsn", "iban":
            let digits = ScoreText.digits(value)
            if digits.count >= 7 { variants.insert(.digits(category == "phone" ? Array(digits.suffix(9)) : digits)) }
        case "name":
            // re.split(r"[\s,]+", value), empty pieces dropped.
            let tokens = value.unicodeScalars.split { ScoreText.isSpace($0) || $0 == "," }
            for token in tokens.dropFirst() {
                let lowered = ScoreText.lower(Array(token))
                guard let first = lowered.firstIndex(where: { $0 != "." }),
                    let last = lowered.lastIndex(where: { $0 != "." })
                else { continue }
                let stripped = Array(lowered[first...last])
                if stripped.count >= 4 && !particles.contains(stripped) && stripped.last != "." {
                    variants.insert(.token(stripped))
                }
            }
        case "email":
            // value.split("@")[0].lower()
            let local = ScoreText.lower(Array(value.unicodeScalars.prefix { $0 != "@" }))
            if local.count >= 5 { variants.insert(.text(local)) }
        default: break
        }
        return variants
    }
}

/// A corpus folder that cannot be scored: which folder or file, and why (a usage error: exit 2).
public enum CorpusError: ReportableError {
    case notACorpus(path: String)
    case unreadable(path: String)
    case invalidLabel(path: String, offset: Int)

    public var exitCode: Int32 { 2 }

    public var kind: String {
        switch self {
        case .notACorpus: "not_a_corpus"
        case .unreadable: "unreadable"
        case .invalidLabel: "invalid_label"
        }
    }

    public var description: String {
        switch self {
        case .notACorpus(let path): "\(path): not a corpus folder (needs docs/ and labels/)"
        case .unreadable(let path): "\(path): cannot be read"
        case .invalidLabel(let path, let offset): "\(path): not valid JSON at byte \(offset)"
        }
    }
}
