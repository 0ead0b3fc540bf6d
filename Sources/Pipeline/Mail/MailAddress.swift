/// Plain e-mail addresses (`name@domain.example`) as a message header may carry them: ASCII, a
/// dot-atom local part, a domain of at least two labels. Anything else (a display name, quotes,
/// spaces, a line break that would start a new header) is refused, so no text from a CV or from
/// pipeline.yml can add a header to a notice.
enum MailAddress {
    /// The characters RFC 5322 allows in a dot-atom besides letters, digits and the dot.
    private static let atomSymbols = Set("!#$%&'*+-/=?^_`{|}~")

    static func isUsable(_ text: String) -> Bool {
        guard text.utf8.count <= 254, text.allSatisfy(\.isASCII) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        guard local.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || atomSymbols.contains($0) }) else {
            return false
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// The first usable address in running text (`privacy@agency.example, Postbus 1, …`).
    static func first(in text: String) -> String? {
        let separators = Set(" \t\r\n<>()[],;:\"")
        for token in text.split(whereSeparator: { separators.contains($0) }) {
            var candidate = Substring(token)
            while candidate.last == "." { candidate = candidate.dropLast() }
            if candidate.contains("@"), isUsable(String(candidate)) { return String(candidate) }
        }
        return nil
    }

    /// The part after the `@`.
    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "invalid"
    }
}
