import Testing

@testable import Detection

/// Machine-readable zones (ICAO Doc 9303) and identity documents in OCR text. Every holder is
/// fictional: ICAO's specimens of Utopia (`UTO`) and invented `VOORBEELD` holders; the BSN
/// 234567892 is invented and passes the 11-proof; the document numbers are made up in the Dutch
/// form, with check digits computed for them.
@Suite struct MachineReadableZoneTests {
    /// ICAO Doc 9303 part 4, appendix A: the TD3 specimen.
    static let td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
    /// ICAO Doc 9303 part 5, appendix A: the TD1 specimen.
    static let td1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    /// A Dutch identity card: the BSN in line 1's optional data.
    static let dutchCard =
        "I<NLDNX8K4P2D53234567892<<<<<<\n8503149F3104024NLD<<<<<<<<<<<6\nVOORBEELD<<EVA<MARIJKE<<<<<<<<"
    /// A Dutch passport: the BSN in the personal number field.
    static let dutchPassport =
        "P<NLDVOORBEELD<<JOOST<PIETER<<<<<<<<<<<<<<<<\nNW4H8R2T68NLD7809213M3301177234567892<<<<<22"
    /// A Dutch residence permit, coded `IR`.
    static let dutchPermit =
        "IRNLDXT7R2W9K38<<<<<<<<<<<<<<<\n9001011M2806158SYR<<<<<<<<<<<8\nVOORBEELD<<KAREL<<<<<<<<<<<<<<"

    static let allVerify = MachineReadableZone.Checks(
        documentNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: true)
    static let allVerifyWithoutPersonalNumber = MachineReadableZone.Checks(
        documentNumber: true, birthDate: true, expiryDate: true, personalNumber: nil, composite: true)

    func zones(_ text: String) -> [MachineReadableZone] { MachineReadableZone.find(in: Array(text.unicodeScalars)) }

    func documents(_ text: String) -> [IdentityDocument] { IdentityDocument.classify(Array(text.unicodeScalars)) }

    /// The text a range points at.
    func cut(_ text: String, _ range: Range<Int>?) -> String? {
        guard let range else { return nil }
        return String(String.UnicodeScalarView(Array(text.unicodeScalars)[range]))
    }

    // MARK: - The ICAO specimens

    @Test("the ICAO TD3 specimen: every field, every check digit, every range")
    func td3Specimen() throws {
        let zone = try #require(zones(Self.td3).first)
        #expect(zone.format == .td3)
        #expect(zone.checks == Self.allVerify)
        #expect(zone.documentCode == "P")
        #expect(zone.issuingState == "UTO")
        #expect(zone.documentNumber == "L898902C3")
        #expect(zone.nationality == "UTO")
        #expect(zone.birthDate == "740812")
        #expect(zone.expiryDate == "120415")
        #expect(zone.sex == "F")
        #expect(zone.surname == "ERIKSSON")
        #expect(zone.givenNames == "ANNA MARIA")
        #expect(zone.optionalData == ["ZE184226B"])
        #expect(zone.personalNumber == nil)
        #expect(zone.corrections == 0)
        #expect(cut(Self.td3, zone.range) == Self.td3)
        #expect(cut(Self.td3, zone.documentNumberRange) == "L898902C3")
        #expect(cut(Self.td3, zone.birthDateRange) == "740812")
        #expect(cut(Self.td3, zone.nameRange) == "ERIKSSON<<ANNA<MARIA")
    }

    @Test("the ICAO TD1 specimen")
    func td1Specimen() throws {
        let found = zones(Self.td1)
        let zone = try #require(found.first)
        #expect(found.count == 1)
        #expect(zone.format == .td1)
        #expect(zone.checks == Self.allVerifyWithoutPersonalNumber)
        #expect(zone.documentCode == "I")
        #expect(zone.documentNumber == "D23145890")
        #expect(zone.surname == "ERIKSSON")
        #expect(zone.givenNames == "ANNA MARIA")
        #expect(zone.optionalData == ["", ""])
        #expect(cut(Self.td1, zone.range) == Self.td1)
    }

    @Test("the ICAO TD2 specimen")
    func td2Specimen() throws {
        let zone = try #require(
            zones("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6").first)
        #expect(zone.format == .td2)
        #expect(zone.checks == Self.allVerifyWithoutPersonalNumber)
        #expect(zone.documentNumber == "D23145890")
    }

    @Test("a TD1 document number longer than nine characters goes on in the optional data")
    func longDocumentNumber() throws {
        let text = "IDUTO123456789<07<<<<<<<<<<<<<\n8601012M3001019UTO<<<<<<<<<<<6\nSPECIMEN<<JANE<<<<<<<<<<<<<<<<"
        let zone = try #require(zones(text).first)
        #expect(zone.documentCode == "ID")
        #expect(zone.documentNumber == "1234567890")
        #expect(zone.checks == Self.allVerifyWithoutPersonalNumber)
        #expect(cut(text, zone.documentNumberRange) == "123456789<0")
    }

    // MARK: - OCR errors

    @Test("0 read as O in the document number: the check digit puts it right")
    func letterOInDocumentNumber() throws {
        let zone = try #require(
            zones("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO7408122F1204159ZE184226B<<<<<10").first)
        #expect(zone.documentNumber == "L898902C3")
        #expect(zone.checks == Self.allVerify)
        #expect(zone.corrections == 1)
    }

    @Test("2 read as Z: two readings verify, so the number stays as read until the page prints it")
    func ambiguousDocumentNumber() throws {
        let zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL89890ZC36UTO7408122F1204159ZE184226B<<<<<10"
        // 8 read as B in the second place fixes the check digit as well as Z read as 2 does.
        let ambiguous = try #require(zones(zone).first)
        #expect(ambiguous.documentNumber == "L89890ZC3")
        #expect(ambiguous.documentNumberAlternatives == ["LB9890ZC3", "L898902C3"])
        #expect(!ambiguous.checks.documentNumber && !ambiguous.checks.composite)
        #expect(ambiguous.checks.birthDate && ambiguous.checks.expiryDate)
        let settled = try #require(zones("Document no. L898902C3\n" + zone).first)
        #expect(settled.documentNumber == "L898902C3")
        #expect(settled.documentNumberAlternatives.isEmpty)
        #expect(settled.checks == Self.allVerify)
    }

    @Test("O for 0 and I for 1 in the dates; 0 for O and 1 for I in the country and the name")
    func confusionsByFieldType() throws {
        let dates = try #require(
            zones("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F12O4I59ZE184226B<<<<<10").first)
        #expect(dates.birthDate == "740812")
        #expect(dates.expiryDate == "120415")
        #expect(dates.checks == Self.allVerify)
        #expect(dates.corrections == 3)
        let letters = try #require(
            zones("P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10").first)
        #expect(letters.issuingState == "UTO")
        #expect(letters.surname == "ERIKSSON")
        #expect(letters.givenNames == "ANNA MARIA")
    }

    @Test("spaces inside the lines and « for <<: the ranges point at the text as written")
    func spacesAndGuillemets() throws {
        let text = "P<UTO ERIKSSON«ANNA<MARIA <<<<<<<<<<<<<<<<<<<\nL898902C36 UTO 7408122F 1204159 ZE184226B<<<<<10"
        let zone = try #require(zones(text).first)
        #expect(zone.checks == Self.allVerify)
        #expect(zone.givenNames == "ANNA MARIA")
        #expect(cut(text, zone.nameRange) == "ERIKSSON«ANNA<MARIA")
        #expect(cut(text, zone.documentNumberRange) == "L898902C3")
        #expect(cut(text, zone.range) == text)
    }

    @Test("lower case, and KK and ( read as fillers inside a filler run")
    func fillerLookAlikes() throws {
        let zone = try #require(
            zones("p<utoeriksson<<anna<maria<<<<<KK<<<<<<<<(<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10").first)
        #expect(zone.checks == Self.allVerify)
        #expect(zone.lines[0] == "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<")
        #expect(zone.givenNames == "ANNA MARIA")
    }

    @Test("a first given name of C and K stays a name")
    func lookAlikeGivenName() throws {
        let zone = try #require(
            zones("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<KC<<<<<<<<<<<<<<<<<<")
                .first)
        #expect(zone.givenNames == "KC")
    }

    @Test("a trailing filler lost or doubled: the last filler run takes the difference")
    func lineLengths() throws {
        let td3 = try #require(
            zones("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<<10").first)
        #expect(td3.checks == Self.allVerify)
        #expect(td3.optionalData == ["ZE184226B"])
        #expect(td3.corrections == 2)
        let td1 = try #require(
            zones("I<UTOD231458907<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<<<").first
        )
        #expect(td1.checks == Self.allVerifyWithoutPersonalNumber)
        #expect(td1.lines.allSatisfy { $0.unicodeScalars.count == 30 })
    }

    // MARK: - Zones on a page

    @Test("a zone among ordinary CV lines, and with blank lines between its lines")
    func zoneOnPage() throws {
        let text = """
            Curriculum Vitae
            Profiel
            Ervaren projectleider met oog voor detail.

            \(Self.td3)

            Werkervaring
            2015 - 2023  Projectleider, Voorbeeld B.V.
            """
        let found = zones(text)
        let zone = try #require(found.first)
        #expect(found.count == 1)
        #expect(zone.checks == Self.allVerify)
        #expect(cut(text, zone.range) == Self.td3)
        #expect(cut(text, zone.documentNumberRange) == "L898902C3")
        let spread = Self.td1.split(separator: "\n").joined(separator: "\n\n")
        #expect(zones(spread).count == 1)
    }

    @Test(
        "upper-case lines of zone length are not a zone",
        arguments: [
            "PROFESSIONELEERVARINGINDEBOUWENINFRASTRUCTUR\nWERKZAAMBIJGEMEENTEUTRECHTVAN2015TOT2023ALSPL",
            "CURRICULUMVITAEVANDEKANDIDAAT\nERVARINGINSOFTWAREONTWIKKELING\nOPLEIDINGENENCURSUSSENVOLGEND",
            "PERSONALIA EN CONTACTGEGEVENS VAN DE KANDIDAAT\nOPLEIDING WERKERVARING VAARDIGHEDEN EN HOBBYS",
        ])
    func notZones(text: String) {
        #expect(zones(text).isEmpty)
    }

    @Test("a zone-shaped pair whose check digits do not verify is not a zone")
    func failingChecks() {
        #expect(
            zones("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nX741582A47UTO7408123F1204151ZE184226B<<<<<13").isEmpty)
    }

    // MARK: - Dutch documents

    @Test("a Dutch identity card: the BSN in line 1's optional data, also with G and B read for 6 and 8")
    func dutchIdentityCard() throws {
        let zone = try #require(zones(Self.dutchCard).first)
        #expect(zone.issuingState == "NLD")
        #expect(zone.documentNumber == "NX8K4P2D5")
        #expect(zone.personalNumber == "234567892")
        #expect(zone.optionalData == ["234567892", ""])
        #expect(cut(Self.dutchCard, zone.personalNumberRange) == "234567892")
        #expect(zone.checks == Self.allVerifyWithoutPersonalNumber)
        #expect(zone.surname == "VOORBEELD")
        #expect(zone.givenNames == "EVA MARIJKE")
        let misread = "I<NLDNX8K4P2D532345G7B92<<<<<<\n8503149F3104024NLD<<<<<<<<<<<6\nVOORBEELD<<EVA<MARIJKE<<<<<<<<"
        let corrected = try #require(zones(misread).first)
        #expect(corrected.personalNumber == "234567892")
        #expect(corrected.checks.composite)
    }

    @Test("a Dutch passport: the BSN in the personal number field")
    func dutchPassport() throws {
        let zone = try #require(zones(Self.dutchPassport).first)
        #expect(zone.personalNumber == "234567892")
        #expect(zone.checks == Self.allVerify)
        #expect(zone.documentNumber == "NW4H8R2T6")
        #expect(cut(Self.dutchPassport, zone.personalNumberRange) == "234567892")
    }

    @Test("the same nine digits in a Belgian zone are not a BSN")
    func foreignPersonalNumber() throws {
        let zone = try #require(
            zones("P<BELVOORBEELD<<JOOST<PIETER<<<<<<<<<<<<<<<<\nNW4H8R2T68BEL7809213M3301177234567892<<<<<22").first)
        #expect(zone.personalNumber == nil)
        #expect(zone.personalNumberRange == nil)
    }

    // MARK: - Identity documents

    @Test("a passport page: zone, title, country, and the printed number and BSN")
    func passportPage() throws {
        let text = """
            KONINKRIJK DER NEDERLANDEN
            PASPOORT / PASSPORT / PASSEPORT
            Documentnummer/Document no.   NW4H8R2T6
            Persoonsnummer/Personal No.  2345.67.892
            \(Self.dutchPassport)
            """
        let found = documents(text)
        let document = try #require(found.first)
        #expect(found.count == 1)
        #expect(document.kind == .passport)
        #expect(document.country == "NLD")
        #expect(document.machineReadableZone?.documentNumber == "NW4H8R2T6")
        #expect(document.documentNumberRanges.map { cut(text, $0) } == ["NW4H8R2T6", "NW4H8R2T6"])
        #expect(document.personalNumberRanges.map { cut(text, $0) } == ["2345.67.892", "234567892"])
        #expect(document.evidence.contains { $0.kind == .documentTitle && cut(text, $0.range) == "PASPOORT" })
    }

    @Test("an identity card: the back with its zone, the front without one")
    func identityCard() throws {
        let back = "KONINKRIJK DER NEDERLANDEN\nIDENTITEITSKAART / IDENTITY CARD / CARTE D'IDENTITÉ\n\(Self.dutchCard)"
        let card = try #require(documents(back).first)
        #expect(card.kind == .idCard)
        #expect(card.country == "NLD")
        #expect(card.personalNumberRanges.map { cut(back, $0) } == ["234567892"])
        let front = """
            KONINKRIJK DER NEDERLANDEN
            Identiteitskaart / Identity card / Carte d'identité
            Naam/Surname
            Voorbeeld
            Geslacht/Sex  Nationaliteit/Nationality
            V/F  Nederlandse
            Documentnummer/Document no.
            NX8K4P2D5
            """
        let found = documents(front)
        let document = try #require(found.first)
        #expect(found.count == 1)
        #expect(document.kind == .idCard)
        #expect(document.machineReadableZone == nil)
        #expect(document.documentNumberRanges.map { cut(front, $0) } == ["NX8K4P2D5"])
    }

    @Test("a driving licence without a zone: title, country and the numbered fields")
    func drivingLicence() throws {
        let text = """
            RIJBEWIJS
            KONINKRIJK DER NEDERLANDEN
            1. VOORBEELD
            2. EVA MARIJKE
            3. 14.03.1985 UTRECHT
            4a. 02.04.2021 4c. Burgemeester van Voorbeeld
            4b. 02.04.2031
            5. 5123456789
            9. AM B
            """
        let found = documents(text)
        let document = try #require(found.first)
        #expect(found.count == 1)
        #expect(document.kind == .drivingLicence)
        #expect(document.country == "NLD")
        #expect(document.documentNumberRanges.map { cut(text, $0) } == ["5123456789"])
        #expect(Set(document.evidence.map(\.kind)) == [.documentTitle, .issuingCountry, .licenceFields])
    }

    @Test(
        "a residence permit: coded IR, or coded I and named by its title",
        arguments: [
            "KONINKRIJK DER NEDERLANDEN\nVERBLIJFSDOCUMENT\n\(dutchPermit)",
            "VERBLIJFSVERGUNNING\nI<NLDNX8K4P2D53<<<<<<<<<<<<<<<\n8503149F3104024NLD<<<<<<<<<<<1\nVOORBEELD<<EVA<MARIJKE<<<<<<<<",
        ])
    func residencePermit(text: String) throws {
        let found = documents(text)
        #expect(found.count == 1)
        #expect(found.first?.kind == .residencePermit)
        #expect(found.first?.country == "NLD")
    }

    @Test(
        "a CV that mentions a passport or a driving licence is not an identity document",
        arguments: [
            "Rijbewijs B, eigen auto",
            "Passport: valid until 2030 (Dutch nationality)",
            "Vaardigheden: MS Office, SAP, Excel | rijbewijs B | paspoort en VOG aanwezig",
            "PERSOONLIJKE GEGEVENS\nNationaliteit: Nederlandse\nGeboortedatum: 14-03-1985\nRIJBEWIJS\nB\nBSN: 234567892",
            "RIJBEWIJS B, EIGEN AUTO\nPASPOORT: GELDIG",
            "Rijbewijs\nB (sinds 2010)\nKoninkrijk der Nederlanden is mijn werkgever geweest",
            // Two kinds of evidence, but forty lines apart: a heading and a line far below it.
            "RIJBEWIJS\nB\n" + String(repeating: "Projectleider bij Voorbeeld B.V.\n", count: 40)
                + "KONINKRIJK DER NEDERLANDEN",
        ])
    func notDocuments(text: String) {
        #expect(documents(text).isEmpty)
    }
}
