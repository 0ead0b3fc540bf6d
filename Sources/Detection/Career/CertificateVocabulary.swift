import CVModel

/// Certificates and licences an agency asks about, found wherever a CV names them (`in bezit
/// van Heftruckcertificaat, VCA Basis en Rijbewijs B`), not only under a certificates heading.
enum CertificateVocabulary {
    /// Lower-case word sequences; the longest match at a position wins (`vca basis` over `vca`).
    static let names: [[String]] = [
        ["vca", "basis"], ["vca", "vol"], ["vca", "vil"], ["vca"], ["bhv"], ["ehbo"], ["heftruckcertificaat"],
        ["reachtruckcertificaat"], ["heftruckrijbewijs"], ["code", "95"], ["adr"], ["digitale", "tachograafkaart"],
        ["rijbewijs", "a"], ["rijbewijs", "b"], ["rijbewijs", "be"], ["rijbewijs", "c"], ["rijbewijs", "c1"],
        ["rijbewijs", "ce"], ["rijbewijs", "d"], ["big-registratie"], ["cdl", "class", "a"],
    ]

    /// The certificate names in `lines`, as written, in order of appearance, each once.
    /// The names by their first word.
    static let namesByFirstWord: [String: [[String]]] = Dictionary(grouping: names) { $0.first ?? "" }

    static func find(in lines: [String]) -> [String] {
        var found: [String] = []
        for line in lines {
            let tokens = line.split(whereSeparator: {
                $0 == " " || $0 == "," || $0 == "." || $0 == ";" || $0 == "(" || $0 == ")"
            })
            let lowered = tokens.map { $0.lowercased() }
            var index = 0
            while index < tokens.count {
                let match = namesByFirstWord[lowered[index]]?.filter { name in
                    index + name.count <= tokens.count
                        && zip(name, lowered[index..<(index + name.count)]).allSatisfy { $0 == $1 }
                }.max { $0.count < $1.count }
                if let match {
                    let written = tokens[index..<(index + match.count)].joined(separator: " ")
                    if !found.contains(written) { found.append(written) }
                    index += match.count
                } else {
                    index += 1
                }
            }
        }
        return found
    }
}
