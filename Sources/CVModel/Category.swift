/// The kinds of personal data cvsieve finds. The raw values are the names in `detect --json`
/// and in pipeline.yml keep-lists.
public enum Category: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case name, email, phone, address, postcode, city
    case birthDate = "birth_date"
    case birthPlace = "birth_place"
    case gender, nationality
    case maritalStatus = "marital_status"
    case bsn, iban, url, photo
    case otherID = "other_id"
    /// A copy of an identity document (passport, identity card, residence permit, driving
    /// licence) in the file: a scanned page or picture recognised by its machine-readable zone or
    /// its words and layout. Dutch law allows keeping one only by legal obligation.
    case idCopy = "id_copy"

    public static func < (lhs: Category, rhs: Category) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Special categories of personal data (GDPR art. 9 and 10): detected so that they are never
/// stored or exported, never to be used.
public enum SpecialCategory: String, Codable, Sendable, CaseIterable, Hashable {
    case health, religion, ethnicity
    case politicalOpinion = "political_opinion"
    case unionMembership = "union_membership"
    case criminalRecord = "criminal_record"
    case sexualOrientation = "sexual_orientation"
}
