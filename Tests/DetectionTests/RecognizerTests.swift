import CVModel
import Detection
import Testing

/// One recognizer at a time, on Dutch and English writings (all values invented).
@Suite struct RecognizerTests {
    @Test(
        "Dutch and international phone numbers in every common writing",
        arguments: [
            "06-12345678", "06 1234 5678", "06 12 34 56 78", "+31 (0)6 12345678", "+31 6 12345678", "0031 6 12345678",
            "020-1234567", "0251 - 123456", "010 123 45 67", "+44 7700 900123", "07700 900123", "(608) 555-0127",
            "+49 30 1234567",
        ])
    func phones(number: String) {
        #expect(detect("Telefoon: \(number)\nWoonplaats: Utrecht").texts(.phone) == [number])
    }

    @Test("a phone number split over a line end is one number")
    func phoneOverLineEnd() {
        #expect(detect("Bel mij op 06 1234\n5678 na 17.00 uur").texts(.phone).count == 1)
    }

    @Test(
        "dates, years, postcodes and service numbers are not phone numbers",
        arguments: ["14-04-1989", "2015 - 2018", "1234 AB", "0800-1234567", "0900 1234567", "123456782"])
    func notPhones(text: String) {
        #expect(detect("Periode: \(text)").texts(.phone).isEmpty)
    }

    @Test(
        "e-mail addresses, also obfuscated",
        arguments: [
            ("jan.devries@voorbeeld.nl", "jan.devries@voorbeeld.nl"),
            ("Mail: p.smit+cv@post.example.com.", "p.smit+cv@post.example.com"),
            ("naam [at] domein [dot] nl", "naam [at] domein [dot] nl"), ("naam(at)domein.nl", "naam(at)domein.nl"),
        ])
    func emails(text: String, expected: String) {
        #expect(detect(text).texts(.email) == [expected])
    }

    @Test("'meet at noon' is not an e-mail address")
    func notEmail() {
        #expect(detect("We meet at noon dot com never").texts(.email).isEmpty)
    }

    @Test("postcodes with and without a space, with the city beside them")
    func postcodes() {
        let result = detect("Adres: Kerkstraat 12a\n1234 AB  Utrecht\nPostcode: NL-3511AB Utrecht")
        #expect(result.texts(.postcode) == ["1234 AB", "NL-3511AB"])
        #expect(result.texts(.city) == ["Utrecht", "Utrecht"])
    }

    @Test("SA, SD and SS are never issued, 0 never leads", arguments: ["1234 SA", "1234 SD", "1234 SS", "0123 AB"])
    func invalidPostcodes(text: String) {
        #expect(detect("Postcode: \(text)").texts(.postcode).isEmpty)
    }

    @Test(
        "street addresses with house number additions",
        arguments: [
            "Kerkstraat 12", "Kerkstraat 12a", "Van Goghlaan 3-II", "Burgemeester de Withstraat 12 bis",
            "Rembrandtplein 10 hs", "Oude Gracht 101", "14 Station Road", "221B Baker Street",
        ])
    func addresses(address: String) {
        #expect(detect("Adres: \(address), Utrecht").texts(.address) == [address])
        #expect(detect("\(address)\n1234 AB Utrecht").texts(.address) == [address])
    }

    @Test("BSN: 11-proof, with dots or spaces, never a failing number")
    func bsn() {
        #expect(detect("BSN: 111222333").texts(.bsn) == ["111222333"])
        #expect(detect("Burgerservicenummer: 1112.22.333").texts(.bsn) == ["1112.22.333"])
        #expect(detect("BSN: 111 222 333").texts(.bsn) == ["111 222 333"])
        #expect(detect("BSN: 111222334").texts(.bsn).isEmpty)
        #expect(detect("Ordernummer 000000000").texts(.bsn).isEmpty)
    }

    @Test("IBAN: mod-97, compact or in groups of four")
    func iban() {
        #expect(detect("IBAN: NL91ABNA0417164300").texts(.iban) == ["NL91ABNA0417164300"])
        #expect(detect("Rekening NL91 ABNA 0417 1643 00.").texts(.iban) == ["NL91 ABNA 0417 1643 00"])
        #expect(detect("IBAN: NL92ABNA0417164300").texts(.iban).isEmpty)
        #expect(detect("IBAN: DE89 3704 0044 0532 0130 00").texts(.iban) == ["DE89 3704 0044 0532 0130 00"])
    }

    @Test(
        "birth dates behind their labels, in every format",
        arguments: [
            "Geboortedatum: 14 april 1989", "Geb.: 14-04-1989", "Geboren: 14-4-1989", "Geboren op 14.04.1989",
            "Date of birth: April 14, 1989", "DOB: 14 April 1989", "Born 1989-04-14", "Geboortedatum: 14 apr. 1989",
            "Date of birth: 04/14/1989",
        ])
    func birthDates(line: String) {
        let dates = detect(line).texts(.birthDate)
        #expect(dates.count == 1)
        #expect(dates.first.map { line.hasSuffix($0) } == true)
    }

    @Test("an employment period is never a birth date")
    func periodsAreNotBirthDates() {
        let text = "Werkervaring\njan. 2019 – heden\nLogistiek medewerker\n2015 - 2018\nPlanner"
        #expect(detect(text).texts(.birthDate).isEmpty)
    }

    @Test("birth place behind a label, after 'geboren te', and after the birth date")
    func birthPlaces() {
        #expect(detect("Geboorteplaats: Zwolle").texts(.birthPlace) == ["Zwolle"])
        #expect(detect("Ik ben geboren te Den Haag in 1990.").texts(.birthPlace) == ["Den Haag"])
        #expect(detect("Geboren: 3-8-1964 te Eindhoven").texts(.birthPlace) == ["Eindhoven"])
        #expect(detect("Place of birth: Leeds").texts(.birthPlace) == ["Leeds"])
    }

    @Test("gender, nationality, marital status and ID numbers behind labels")
    func labelledFields() {
        let result = detect(
            "Geslacht: vrouw\nNationaliteit: Nederlandse\nBurgerlijke staat: samenwonend\nPaspoortnummer: NXC12P4R5")
        #expect(result.texts(.gender) == ["vrouw"])
        #expect(result.texts(.nationality) == ["Nederlandse"])
        #expect(result.texts(.maritalStatus) == ["samenwonend"])
        #expect(result.texts(.otherID) == ["NXC12P4R5"])
    }

    @Test("a label block followed by a value block pairs label and value")
    func labelBlocks() {
        let result = detect("Personalia\nGeslacht\nNationaliteit\nBurgerlijke staat\nman\nBritse\ngehuwd")
        #expect(result.texts(.gender) == ["man"])
        #expect(result.texts(.nationality) == ["Britse"])
        #expect(result.texts(.maritalStatus) == ["gehuwd"])
    }

    @Test("URLs with and without a scheme")
    func urls() {
        let result = detect("LinkedIn: linkedin.com/in/jan-de-vries-1234\nSite: https://www.voorbeeld.nl/portfolio.")
        #expect(result.texts(.url) == ["linkedin.com/in/jan-de-vries-1234", "https://www.voorbeeld.nl/portfolio"])
    }

    @Test("a city in an institution's name is not the candidate's city")
    func institutionCity() {
        let text =
            "Opleiding\n2015 HBO Bachelor Bedrijfskunde – Hogeschool van Amsterdam\nWerkervaring\n2016 – heden Adviseur bij Gemeente Utrecht"
        #expect(detect(text).texts(.city).isEmpty)
    }

    @Test("an unlabelled Dutch document number among the contact details; not elsewhere")
    func documentNumbers() {
        let contact = detect("Emma Bakker\nemma@voorbeeld.test\n06-12345678\nNXC12P4R5\nProfiel\nPlanner")
        #expect(contact.texts(.otherID) == ["NXC12P4R5"])
        let career = detect("Werkervaring\n2019 – heden Planner\nProject ABCDEFGH1 afgerond\nOpleiding\nHBO")
        #expect(career.texts(.otherID).isEmpty)
    }

    @Test("an inline contact line with bullets: nationality, marital status, city")
    func bulletedContactLine() {
        let result = detect(
            "Grace Harris\n3068 Cedar Lane, Columbus, OH 43215 • (512) 555-0100\nAmerican • single\nEmployment history")
        #expect(result.texts(.nationality) == ["American"])
        #expect(result.texts(.maritalStatus) == ["single"])
        #expect(result.texts(.postcode) == ["43215"])
        #expect(result.texts(.address) == ["3068 Cedar Lane"])
    }
}

/// The place of residence written without a label (made-up people and places).
@Suite struct ContactPlaceTests {
    @Test(
        "a place in a contact line, with a state or a country, after a postcode, or in prose",
        arguments: [
            ("Jorrit Veldkamp\nNew York, NY | (555) 010-2030 | jorrit@voorbeeld.test", "New York"),
            ("Jorrit Veldkamp\njorrit@voorbeeld.test | 📍 Eindhoven", "Eindhoven"),
            ("Jorrit Veldkamp\n• Palo Alto, CA US\njorrit@voorbeeld.test", "Palo Alto"),
            ("Jorrit Veldkamp\nBucharest, RO\njorrit@voorbeeld.test", "Bucharest"),
            ("Jorrit Veldkamp\nStationsweg 9 - 12345 Rome (Italy)\njorrit@voorbeeld.test", "Rome"),
            ("Profiel\nPlanner met 7 jaar ervaring. Woonachtig in Tilburg, in bezit van rijbewijs B.", "Tilburg"),
        ])
    func found(text: String, city: String) {
        #expect(detect(text).texts(.city) == [city])
    }

    @Test("a name particle is no country, a birth place after a date is no residence, a job's town stays out")
    func notFound() {
        #expect(detect("Thijs de Boer | 06-11223344 | t@voorbeeld.test").texts(.city).isEmpty)
        #expect(
            !detect("Jan Smit | 06-11223344 | j@voorbeeld.test | 1992-10-18 | Emmen").texts(.city).contains("Emmen"))
        let job = "Jan Smit\nj@voorbeeld.test\nWerkervaring\nPlanner – Vrachtlijn Oost, Deventer, NL\n2019 - heden"
        #expect(detect(job).texts(.city).isEmpty)
    }

    @Test("each segment of a separated line can hold a label and its value")
    func segmentLabels() {
        let result = detect("Geboortedatum: 12-03-1990 | Nationaliteit: Nederlandse | BSN: 111222333")
        #expect(result.texts(.nationality) == ["Nederlandse"])
        #expect(result.texts(.birthDate) == ["12-03-1990"])
        // Found by FuzzDetector: separators back to back, and a line that is only separators.
        #expect(detect("Naam | | Nationaliteit: Nederlandse").texts(.nationality) == ["Nederlandse"])
        #expect(detect(" | | \n | \n|").findings.isEmpty)
        let born = detect(
            "Personalia\nGeboren op 3 mei 1995 te Paramaribo | Nationaliteit: Nederlandse | Adres:\nKade 2")
        #expect(born.texts(.nationality) == ["Nederlandse"])
    }
}

/// German and Europass forms of the personal details (fictional values).
@Suite struct GermanAndEuropassTests {
    @Test("German dates, street abbreviations, postcodes before the town, labels and nationality words")
    func german() {
        let text = """
            Persönliche Daten
            Geburtsdatum: 7. März 1984
            Musterweg-Nord: nichts
            Lindenstr. 12
            10115 Berlin
            Staatsangehörigkeit: deutsch
            """
        let result = detect(text)
        #expect(result.texts(.birthDate) == ["7. März 1984"])
        #expect(result.texts(.address).contains("Lindenstr. 12"))
        #expect(result.texts(.postcode).contains("10115"))
        #expect(result.texts(.city).contains("Berlin"))
        #expect(result.texts(.nationality).contains("deutsch"))
    }

    @Test("Europass: `Nationality(-ies)` is a nationality label")
    func europass() {
        let result = detect("Date of birth 01/02/1985 | Nationality(-ies) Italian")
        #expect(result.texts(.nationality) == ["Italian"])
        #expect(result.texts(.birthDate) == ["01/02/1985"])
    }
}

/// A cover letter's addressee is a third party; where a candidate comes from is a birth place.
@Suite struct CoverLetterTests {
    @Test("`Geachte heer Jan Pieterse` and `Sehr geehrte Frau Anna Schmidt` name third parties")
    func addressee() {
        let result = detect(
            "Geachte heer Jan Pieterse,\nmet veel interesse las ik uw vacature.\nSehr geehrte Frau Anna Schmidt,")
        let third = result.findings.filter { $0.category == .name && $0.subject == .reference }.map(\.text)
        #expect(third.contains("Jan Pieterse"))
        #expect(third.contains("Anna Schmidt"))
        #expect(!result.findings.contains { $0.category == .name && $0.subject == .candidate })
    }

    @Test("`hails from` and `afkomstig uit` give the birth place")
    func origin() {
        #expect(
            detect("Profile\nThe candidate hails from Leeds and now works in York.").texts(.birthPlace) == ["Leeds"])
        #expect(detect("Profiel\nIk ben afkomstig uit Zwolle.").texts(.birthPlace) == ["Zwolle"])
    }
}
