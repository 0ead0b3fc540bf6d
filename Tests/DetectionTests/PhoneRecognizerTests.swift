import CVModel
import Detection
import Testing

/// Phone numbers through libphonenumber (all numbers fictional: 555, Ofcom's drama range, test
/// blocks).
@Suite struct PhoneRecognizerTests {
    static let foreign = [
        "(555) 010-2030", "555-010-2030", "+1 555 010 2030", "+32 470 12 34 56", "+49 151 23456789",
        "+44 7700 900123", "+90 532 123 45 67",
    ]
    static let dutch = [
        "06-12345678", "06 1234 5678", "06 12 34 56 78", "+31 (0)6 12345678", "+31 6 12345678", "0031 6 12345678",
        "020-1234567", "0251 - 123456", "010 123 45 67",
    ]

    @Test("a run of digits longer than any number is no phone and no trap (FuzzDetector's find)")
    func longDigitRun() {
        let run = String(repeating: "8", count: 30)
        let text = "Werkervaring\nJan 2008 – Oct 2009\n • Handled escalations\n \u{2022}\(run) Introduced reviews"
        #expect(detect(text).texts(.phone).isEmpty)
    }

    @Test("after a phone label: fictional, foreign and Dutch numbers", arguments: foreign + dutch)
    func labelled(number: String) {
        #expect(detect("Naam: Eva Jansen\nTelefoon: \(number)\nWoonplaats: Utrecht").texts(.phone) == [number])
    }

    @Test("in a contact block without a label", arguments: foreign + dutch)
    func contactBlock(number: String) {
        let text =
            "Eva Jansen\neva.jansen@voorbeeld.test\n\(number)\nUtrecht\n\nProfiel\nPlanner met tien jaar ervaring."
        #expect(detect(text).texts(.phone) == [number])
    }

    @Test(
        "a number the number plan accepts is found in running text too",
        arguments: ["+32 470 12 34 56", "+49 151 23456789", "+90 532 123 45 67", "06-12345678", "020-1234567"])
    func validInProse(number: String) {
        let text =
            "Werkervaring\n2019 – heden Planner\nVoor vragen over het project was ik bereikbaar op \(number) overdag."
        #expect(detect(text).texts(.phone) == [number])
    }

    @Test(
        "a number outside the number plan in running text, without label or contact block, is not claimed",
        arguments: ["555-010-2030", "+44 7700 900123", "+99 1234 5678"])
    func fictionalInProse(number: String) {
        let text = "Werkervaring\n2019 – heden Planner\nIk verwerkte dagelijks \(number) orders per kwartaal."
        #expect(detect(text).texts(.phone).isEmpty)
    }

    @Test("a made-up number with a country code libphonenumber rejects is a phone where one is expected")
    func rejectedCountryCode() {
        #expect(detect("Eva Jansen\neva.jansen@voorbeeld.test\n+99 1234 5678").texts(.phone) == ["+99 1234 5678"])
        #expect(detect("Mobiel: +12 345 678 90").texts(.phone) == ["+12 345 678 90"])
    }

    @Test(
        "in the contact block, another field's label, a compact date and a ZIP+4 code are not phones",
        arguments: ["KvK: 12345678", "Geboortedatum: 14041989", "19890414", "97205-1234"])
    func contactBlockOthers(line: String) {
        #expect(detect("Eva Jansen\neva.jansen@voorbeeld.test\n\(line)\nUtrecht").texts(.phone).isEmpty)
    }

    @Test(
        "periods, dates, BSNs, postcodes and IBANs are not phone numbers, even in the contact block",
        arguments: [
            "2014 – 2018", "2019-2022", "09/2014 - 06/2018", "2560-2564", "14-04-1989", "111222333", "1234 AB",
            "Portland, OR 97205-1234", "NL91 ABNA 0417 1643 00", "DE89 3704 0044 0532 0130 00", "0800-1234567",
            "0900 1234567",
        ])
    func lookAlikes(text: String) {
        #expect(detect("Periode: \(text)").texts(.phone).isEmpty)
        #expect(detect("Eva Jansen\neva.jansen@voorbeeld.test\n\(text)\nUtrecht").texts(.phone).isEmpty)
    }

    @Test("an IBAN in the contact block stays an IBAN")
    func ibanInContactBlock() {
        let result = detect("Eva Jansen\neva.jansen@voorbeeld.test\nIBAN NL91 ABNA 0417 1643 00")
        #expect(result.texts(.iban) == ["NL91 ABNA 0417 1643 00"])
        #expect(result.texts(.phone).isEmpty)
    }

    @Test("two numbers on one line, and one number split over a line end")
    func severalAndSplit() {
        #expect(detect("Tel: 06-12345678 / 020-1234567").texts(.phone) == ["06-12345678", "020-1234567"])
        #expect(detect("Bel mij op 06 1234\n5678 na 17.00 uur").texts(.phone) == ["06 1234\n5678"])
    }

    @Test("a country code written in the document makes that country's national numbers findable")
    func writtenCountryCode() {
        let prose = "Werkervaring\n2019 – heden Docent\nAfdeling bereikbaar via 0312 123 45 67 op werkdagen."
        #expect(detect(prose).texts(.phone).isEmpty)
        let header = TextBlock(text: "Mobil: +90 532 123 45 67", source: .header)
        #expect(detect(prose, more: [header]).texts(.phone) == ["0312 123 45 67", "+90 532 123 45 67"])
    }

    @Test("a number found by its label is found again in another writing")
    func propagation() {
        let result = detect(
            "Telefoon: (555) 010-2030\nWerkervaring\n2019 – heden Planner",
            more: [TextBlock(text: "Ref 555.010.2030", source: .footer)])
        #expect(result.findings.filter { $0.category == .phone }.map(\.source) == [.body, .footer])
    }

    @Test("detection gives the same phones on several threads at once")
    func concurrent() async {
        let texts = (Self.foreign + Self.dutch).map { "Eva Jansen\neva@voorbeeld.test\nTel: \($0)\n2019-2022 Planner" }
        let expected = texts.map { detect($0).texts(.phone) }
        let results = await withTaskGroup(of: (Int, [String]).self) { group in
            for _ in 0..<8 {
                for (index, text) in texts.enumerated() {
                    group.addTask { (index, detect(text).texts(.phone)) }
                }
            }
            var results: [(Int, [String])] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == texts.count * 8)
        #expect(results.allSatisfy { expected[$0.0] == $0.1 })
    }
}
