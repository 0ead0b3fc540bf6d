import CVModel
import Yams

/// `channels:`, `purposes:` and `originals:` — what each intake channel's CVs are for, what each
/// purpose keeps, on which basis and for how long.
enum PolicySection {
    static let purposeKeys: Set<String> = ["legal_basis", "keep", "retention", "disclose", "recipients", "description"]
    static let retentionKeys: Set<String> = [
        "no_agreement", "with_consent", "after_last_contact", "after_agreement_end",
    ]

    static func purposes(_ node: Node?, reader: ConfigReader) -> [String: Purpose] {
        guard let section = reader.mapping(node, path: "purposes", allowed: nil) else { return [:] }
        var purposes: [String: Purpose] = [:]
        for (name, keyNode, value) in section.entries {
            let path = "purposes.\(name)"
            guard let entry = reader.mapping(value, path: path, allowed: purposeKeys) else { continue }
            guard let basisText = reader.string(entry["legal_basis"], path: "\(path).legal_basis") else {
                if entry["legal_basis"] == nil { reader.error("\(path) needs a legal_basis", at: keyNode) }
                continue
            }
            guard let basis = LegalBasis(rawValue: basisText) else {
                let known = LegalBasis.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("\(path).legal_basis must be one of \(known)", at: entry["legal_basis"])
                continue
            }
            var keep = Set<KeptField>()
            for name in reader.strings(entry["keep"], path: "\(path).keep") ?? [] {
                if let field = KeptField(rawValue: name) {
                    keep.insert(field)
                } else {
                    let known = KeptField.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.error("\(path).keep names unknown field '\(name)' (known: \(known))", at: entry["keep"])
                }
            }
            if keep.contains(.narrative) && !keep.contains(.career) {
                reader.error(
                    "\(path).keep names narrative without career: the narrative belongs to the career facts",
                    at: entry["keep"])
            }
            // Dutch law allows the BSN and copies of ID documents only by legal obligation.
            for sensitive in [KeptField.personal(.bsn), .idCopy, .personal(.otherID)] where keep.contains(sensitive) {
                if basis == .consent || basis == .legitimateInterest {
                    reader.error(
                        "\(path) keeps \(sensitive) under \(basis.rawValue): the BSN and identity documents may only be "
                            + "processed by legal obligation (use a purpose with legal_basis: legal_obligation)",
                        at: entry["keep"])
                }
            }
            var rule = RetentionRule()
            if let retention = reader.mapping(entry["retention"], path: "\(path).retention", allowed: retentionKeys) {
                rule.noAgreement = reader.duration(retention["no_agreement"], path: "\(path).retention.no_agreement")
                rule.withConsent = reader.duration(retention["with_consent"], path: "\(path).retention.with_consent")
                rule.afterLastContact = reader.duration(
                    retention["after_last_contact"], path: "\(path).retention.after_last_contact")
                rule.afterAgreementEnd = reader.duration(
                    retention["after_agreement_end"], path: "\(path).retention.after_agreement_end")
            } else {
                reader.error("\(path) needs a retention rule", at: keyNode)
            }
            let (description, localized) = descriptions(
                entry["description"], path: "\(path).description", reader: reader)
            purposes[name] = Purpose(
                name: name, legalBasis: basis, keep: keep, retention: rule,
                allowsDisclosure: reader.bool(entry["disclose"], path: "\(path).disclose") ?? false,
                recipients: reader.strings(entry["recipients"], path: "\(path).recipients") ?? [],
                description: description, localizedDescriptions: localized)
        }
        return purposes
    }

    /// `description: text`, or one text per notice language (`description: {nl: …, en: …}`): the
    /// record of processing activities shows the English one, a notice the one in its language.
    static func descriptions(_ node: Node?, path: String, reader: ConfigReader)
        -> (String, [NoticeLanguage: String])
    {
        guard case .mapping? = node else { return (reader.string(node, path: path) ?? "", [:]) }
        let languages = Set(NoticeLanguage.allCases.map(\.rawValue))
        guard let section = reader.mapping(node, path: path, allowed: languages) else { return ("", [:]) }
        var localized: [NoticeLanguage: String] = [:]
        for (key, _, value) in section.entries {
            if let language = NoticeLanguage(rawValue: key), let text = reader.string(value, path: "\(path).\(key)") {
                localized[language] = text
            }
        }
        return (localized[.en] ?? localized[.nl] ?? "", localized)
    }

    static func channels(_ node: Node?, purposes: [String: Purpose], reader: ConfigReader) -> [String: String] {
        guard let section = reader.mapping(node, path: "channels", allowed: nil) else { return [:] }
        var channels: [String: String] = [:]
        for (name, _, value) in section.entries {
            guard let purpose = reader.string(value, path: "channels.\(name)") else { continue }
            if purposes[purpose] == nil {
                reader.error("channels.\(name) names purpose '\(purpose)', which purposes: does not declare", at: value)
            }
            channels[name] = purpose
        }
        return channels
    }
}
