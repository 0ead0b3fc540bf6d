public import CVModel

/// `notices:` — the information notice to candidates (GDPR art. 13/14): how a candidate reaches
/// the agency, where `run` and `watch` leave one `.eml` per new candidate, in which language.
public struct NoticeSettings: Sendable, Hashable {
    static let keys: Set<String> = ["contact", "outbox", "language", "from"]

    /// How a candidate uses their rights: the agency's e-mail address, postal address, phone
    /// (text, printed as written).
    public var contact: String?
    /// The folder `run` and `watch` write `<code>.eml` into for each new candidate (resolved
    /// against pipeline.yml's folder); `nil`: none written.
    public var outbox: String?
    /// The language of the notices `run` and `watch` write, and of `cvsieve notice` without `--lang`.
    public var language: NoticeLanguage = .nl
    /// The address in the `From:` header of `.eml` notices; without it the first e-mail address
    /// in `contact`, else a reserved address that cannot receive mail (`privacy@invalid`).
    public var from: String?

    public init() {}

    static func parse(_ section: ConfigReader.Mapping, reader: ConfigReader, resolve: (String) -> String)
        -> NoticeSettings
    {
        var settings = NoticeSettings()
        settings.contact = reader.string(section["contact"], path: "notices.contact")
        settings.outbox = reader.string(section["outbox"], path: "notices.outbox").map(resolve)
        if let text = reader.string(section["language"], path: "notices.language") {
            if let language = NoticeLanguage(rawValue: text) {
                settings.language = language
            } else {
                let known = NoticeLanguage.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("notices.language must be one of \(known)", at: section["language"])
            }
        }
        if let from = reader.string(section["from"], path: "notices.from") {
            if MailAddress.isUsable(from) {
                settings.from = from
            } else {
                reader.error(
                    "notices.from must be one plain e-mail address (name@domain.example), without a display name",
                    at: section["from"])
            }
        }
        return settings
    }

    /// The `From:` address: `from`, else the first address in `contact`, else `privacy@invalid`
    /// (`.invalid` is reserved by RFC 2606: the notice is a draft for the agency's mail program).
    public var senderAddress: String {
        from ?? contact.flatMap(MailAddress.first(in:)) ?? "privacy@invalid"
    }
}
