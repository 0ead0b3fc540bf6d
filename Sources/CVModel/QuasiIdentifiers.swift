/// What a client profile shows that is not personal on its own but can single a person out in
/// combination: the region, the headline, the band of years of experience and the highest
/// education level. Candidates sharing all four are what the k-anonymity estimate counts.
///
/// The vault never stores these in plain text: it keeps a keyed hash of ``canonical`` per
/// candidate, and counts equal hashes.
public struct QuasiIdentifiers: Sendable, Hashable {
    /// The province or part of the country, `-` when the profile shows none.
    public var region: String
    /// Lower-cased.
    public var headline: String
    /// `0-2`, `3-5`, `6-10` or `11+`.
    public var experienceBand: String
    /// `wo`, `hbo`, `mbo` or `other`.
    public var educationLevel: String
    /// What the four were computed under: the calendar year (years of experience count up to
    /// it) and the exported fields (a field left out of profiles is left out here). A stored key
    /// of another basis is stale and is computed again. Holds no personal data.
    public var basis: String

    public init(region: String, headline: String, experienceBand: String, educationLevel: String, basis: String) {
        self.region = region
        self.headline = headline
        self.experienceBand = experienceBand
        self.educationLevel = educationLevel
        self.basis = basis
    }

    /// The text the vault hashes: the basis and the four, joined by the unit separator (taken out
    /// of the fields first), so equal texts mean equal identifiers under an equal basis.
    public var canonical: String {
        [basis, region, headline, experienceBand, educationLevel].map { String($0.filter { $0 != "\u{1F}" }) }
            .joined(separator: "\u{1F}")
    }
}
