public import CVModel

/// `export:` — what a client profile may contain and how it looks.
public struct ExportSettings: Sendable, Hashable {
    static let keys: Set<String> = [
        "fields", "formats", "agency", "footer", "k", "age_band", "employer_as_sector", "require_approval",
        "approval_days", "approval_url",
    ]
    public static let knownFormats: Set<String> = ["json", "md", "html", "pdf", "docx"]

    public var fields: Set<ExportField> = [.career, .narrative, .region, .yearsOfExperience]
    public var formats: [String] = ["json", "md", "pdf"]
    /// The agency's name on every profile, and a footer line.
    public var agency: String = "cvsieve"
    public var footer: String = ""
    /// Warn below this many stored candidates sharing a profile's quasi-identifiers.
    public var kAnonymity: Int = 3
    /// A profile goes to a client only after the candidate approved that exact profile.
    public var requireApproval = false
    /// How long a one-time approval code stays valid.
    public var approvalDays = 14
    /// The public approval page as candidates reach it (behind the agency's proxy), for the
    /// e-mail; without it the e-mail asks the candidate to reply instead.
    public var approvalURL: String?

    public init() {}

    static func parse(_ section: ConfigReader.Mapping, reader: ConfigReader) -> ExportSettings {
        var settings = ExportSettings()
        if let fields = reader.strings(section["fields"], path: "export.fields") {
            settings.fields = []
            for name in fields {
                if let field = ExportField(rawValue: name) {
                    settings.fields.insert(field)
                } else {
                    let known = ExportField.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.error("export.fields names unknown field '\(name)' (known: \(known))", at: section["fields"])
                }
            }
        }
        if let formats = reader.strings(section["formats"], path: "export.formats") {
            for format in formats where !knownFormats.contains(format) {
                reader.error("export.formats names unknown format '\(format)'", at: section["formats"])
            }
            settings.formats = formats
        }
        if let agency = reader.string(section["agency"], path: "export.agency") { settings.agency = agency }
        if let footer = reader.string(section["footer"], path: "export.footer") { settings.footer = footer }
        if let k = reader.integer(section["k"], path: "export.k", range: 1...1000) { settings.kAnonymity = k }
        if let require = reader.bool(section["require_approval"], path: "export.require_approval") {
            settings.requireApproval = require
        }
        if let days = reader.integer(section["approval_days"], path: "export.approval_days", range: 1...90) {
            settings.approvalDays = days
        }
        if let url = reader.string(section["approval_url"], path: "export.approval_url") {
            if url.hasPrefix("https://") || url.hasPrefix("http://127.") || url.hasPrefix("http://localhost") {
                settings.approvalURL = url
            } else {
                reader.error(
                    "export.approval_url must start with https:// (the page is for candidates, over the internet)",
                    at: section["approval_url"])
            }
        }
        // Not built yet: refuse rather than silently ignore a privacy setting someone relies on.
        if reader.bool(section["age_band"], path: "export.age_band") == true {
            reader.error(
                "export.age_band is not supported yet: profiles never show an age or age band", at: section["age_band"])
        }
        if reader.bool(section["employer_as_sector"], path: "export.employer_as_sector") == true {
            reader.error(
                "export.employer_as_sector is not supported yet: remove 'experience' from export.fields to leave "
                    + "employers out", at: section["employer_as_sector"])
        }
        return settings
    }
}
