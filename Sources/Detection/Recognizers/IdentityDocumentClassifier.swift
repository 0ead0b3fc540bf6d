/// What kind of identity document a page is a copy of.
enum IdentityDocumentKind: String, Sendable, CaseIterable {
    case passport
    case idCard = "id_card"
    case residencePermit = "residence_permit"
    case drivingLicence = "driving_licence"
}

/// One piece of evidence that a page is an identity document, and where it stands in the scalars
/// the page was classified from.
struct IdentityDocumentEvidence: Sendable, Equatable {
    /// The independent kinds of evidence. Two of the same kind (`PASPOORT` and `PASSPORT` on one
    /// line) are still one kind: they say the same thing.
    enum Kind: String, Sendable {
        /// A zone whose document number's or composite check digit verifies (``MachineReadableZone``).
        case machineReadableZone = "machine_readable_zone"
        /// `PASPOORT`, `IDENTITEITSKAART`, `RIJBEWIJS`, `VERBLIJFSDOCUMENT`, … on a title-like line.
        case documentTitle = "document_title"
        /// The issuing state's formal name on a title-like line: `KONINKRIJK DER NEDERLANDEN`.
        case issuingCountry = "issuing_country"
        /// The numbered fields of an EU driving licence: `4a.` and `4b.` and three of `1.`, `2.`,
        /// `3.`, `4c.`, `5.`, `9.` at the start of a line or after a space.
        case licenceFields = "licence_fields"
        /// A number of the Dutch passport and identity-card form: two letters, six letters or
        /// digits, a digit, never the letter O.
        case documentNumber = "document_number"
        /// At least two of the labels printed on identity documents: `Documentnummer`,
        /// `Persoonsnummer/Personal No.`, `Nationaliteit/Nationality`, … A label a CV also uses
        /// (`Nationaliteit`, `Geboortedatum`) counts only in its bilingual, slashed form.
        case labelledFields = "labelled_fields"
    }

    var kind: Kind
    var range: Range<Int>
}

/// A page of OCR text recognised as a copy of an identity document: a passport, an identity card,
/// a residence permit or a driving licence that a candidate sent along with a CV.
///
/// The rule: a page is an identity document when it holds a machine-readable zone that
/// ``MachineReadableZone/find(in:)`` reports (its check digits verify), or at least two
/// independent kinds of evidence (``IdentityDocumentEvidence/Kind``): one that names the kind of
/// document (a title word, or a licence's numbered fields) and one more within ``evidenceReach``
/// lines of it, as a card's words stand together. Title words and country names only count on
/// title-like lines: short, upper case (or nothing but title words, `Paspoort / Passport /
/// Passeport`), without the commas and colons of a sentence. A CV says "Rijbewijs B, eigen auto"
/// or "Passport: valid until 2030" in a sentence or a skills line, and even an upper-case
/// `RIJBEWIJS` heading is one kind of evidence only: none of these is a document.
/// `IDENTITEITSBEWIJS` is not a title: it is the word a CV uses ("kopie identiteitsbewijs"), and
/// no Dutch document prints it.
struct IdentityDocument: Sendable, Equatable {
    var kind: IdentityDocumentKind
    /// ISO 3166 alpha-3 (`NLD`, `DEU`): the zone's issuing state, or the state named on the page.
    var country: String?
    var machineReadableZone: MachineReadableZone?
    /// The document number in the zone, and where the same number, a labelled document number or
    /// a licence's field 5 is printed on the page.
    var documentNumberRanges: [Range<Int>]
    /// The BSN in the zone, where the same number is printed, and any `Persoonsnummer`/`BSN`
    /// labelled nine digits on the page that pass the 11-proof.
    var personalNumberRanges: [Range<Int>]
    var evidence: [IdentityDocumentEvidence]

    /// The identity documents a page of OCR text is a copy of (usually none, sometimes two: the
    /// front and back of two cards scanned on one page).
    static func classify(_ scalars: [Unicode.Scalar]) -> [IdentityDocument] {
        let page = Page(scalars)
        let zones = MachineReadableZone.find(in: scalars)
        let titles = page.titles()
        let countries = page.countries()
        let licence = page.licenceFields()
        let numbers = page.dutchDocumentNumbers()
        let labels = page.labelledFields()
        let personalNumbers = page.labelledPersonalNumbers()
        let hasResidenceTitle = titles.contains { $0.kind == .residencePermit }

        func titleEvidence(_ kind: IdentityDocumentKind) -> [IdentityDocumentEvidence] {
            titles.filter { $0.kind == kind }.map { IdentityDocumentEvidence(kind: .documentTitle, range: $0.range) }
        }
        let countryEvidence = countries.map { IdentityDocumentEvidence(kind: .issuingCountry, range: $0.range) }
        let numberEvidence = numbers.map { IdentityDocumentEvidence(kind: .documentNumber, range: $0) }
        let labelEvidence = labels.ranges.map { IdentityDocumentEvidence(kind: .labelledFields, range: $0) }
        let licenceEvidence = licence.markers.map { IdentityDocumentEvidence(kind: .licenceFields, range: $0) }

        var documents: [IdentityDocument] = []
        for zone in zones {
            let kind: IdentityDocumentKind
            if zone.documentCode.hasPrefix("P") {
                kind = .passport
            } else if zone.documentCode.dropFirst().first == "R" || hasResidenceTitle {
                // EU residence permits (Regulation 1030/2002) are TD1 cards coded `IR`, `AR` or `CR`
                // by most states; the title settles the rest.
                kind = .residencePermit
            } else {
                kind = .idCard
            }
            var documentNumbers = [zone.documentNumberRange]
            documentNumbers += page.occurrences(ofWord: zone.documentNumber).filter { !zone.range.overlaps($0) }
            documentNumbers += labels.documentNumbers
            var bsns = zone.personalNumberRange.map { [$0] } ?? []
            if let number = zone.personalNumber {
                bsns += page.personalNumbers { $0 == number }.filter { !zone.range.overlaps($0) }
            }
            let evidence =
                [IdentityDocumentEvidence(kind: .machineReadableZone, range: zone.range)] + titleEvidence(kind)
                + countryEvidence + labelEvidence
            documents.append(
                IdentityDocument(
                    kind: kind, country: zone.issuingState == "D" ? "DEU" : zone.issuingState,
                    machineReadableZone: zone, documentNumberRanges: Self.merged(documentNumbers),
                    personalNumberRanges: Self.merged(bsns + personalNumbers), evidence: evidence))
        }

        for kind in IdentityDocumentKind.allCases where !documents.contains(where: { $0.kind == kind }) {
            let isLicence = kind == .drivingLicence
            let title = titleEvidence(kind)
            let kindFields = isLicence ? licenceEvidence : labelEvidence
            // The kind must be named: by a title, or for a licence by its numbered fields.
            let anchors = title.isEmpty && isLicence ? kindFields : title
            guard !anchors.isEmpty else { continue }
            // A card's words stand together; a CV's heading and a line far below it do not.
            let near = { (item: IdentityDocumentEvidence) in
                anchors.contains { page.lineDistance(item.range.lowerBound, $0.range.lowerBound) <= Self.evidenceReach }
            }
            let evidence = title + (countryEvidence + kindFields + numberEvidence).filter(near)
            guard Set(evidence.map(\.kind)).count >= 2 else { continue }
            let country = countries.first { country in
                country.code != nil && near(IdentityDocumentEvidence(kind: .issuingCountry, range: country.range))
            }
            let documentNumbers = isLicence ? licence.numbers : labels.documentNumbers + numbers
            documents.append(
                IdentityDocument(
                    kind: kind, country: country?.code, machineReadableZone: nil,
                    documentNumberRanges: Self.merged(documentNumbers),
                    personalNumberRanges: Self.merged(personalNumbers), evidence: evidence))
        }
        return documents
    }

    /// How many lines from a document's title (or a licence's numbered fields) its other
    /// evidence may stand: a passport's data page reads as some 25 lines of OCR, a card as 15.
    static let evidenceReach = 30

    /// Sorted, without duplicates.
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var seen = Set<Range<Int>>()
        return ranges.filter { seen.insert($0).inserted }.sorted { $0.lowerBound < $1.lowerBound }
    }
}
