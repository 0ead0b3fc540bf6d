import CVModel
import Detection
import Testing

/// Text as it comes out of files, and offsets that point back into the extracted text.
@Suite struct NormalizationTests {
    @Test(
        "offsets cut the value out of the original text",
        arguments: [
            "E-mail:\u{00A0}jan@voorbeeld.nl", "Tel:\u{200B} 06\u{2011}12345678", "ﬁrma — mail: jan@voorbeeld.nl",
        ])
    func offsets(text: String) throws {
        let result = detect(text)
        let finding = try #require(result.findings.first)
        let scalars = Array(text.unicodeScalars)
        let cut = String(String.UnicodeScalarView(scalars[finding.start..<finding.end]))
        #expect(cut == finding.text)
    }

    @Test("non-breaking spaces, zero-width spaces, soft hyphens and odd dashes do not break values")
    func oddCharacters() {
        #expect(detect("Tel.: 06\u{2013}1234\u{00A0}5678").texts(.phone).count == 1)
        #expect(detect("Postcode: 1234\u{00A0}AB").texts(.postcode) == ["1234\u{00A0}AB"])
        #expect(detect("Mail: jan\u{00AD}@voor\u{200B}beeld.nl").texts(.email).count == 1)
    }

    @Test("a word hyphenated across a line end is one word")
    func hyphenation() {
        let result = detect("Naam: Emma Bakker\nEmma is een ont-\nwikkelaar en woont in Zwolle.")
        #expect(result.texts(.name).contains("Emma"))
    }

    @Test("the document language")
    func language() {
        #expect(detect("Ik ben een gedreven medewerker met ervaring in de logistiek.").language == "nl")
        #expect(detect("I am a motivated engineer with experience in the logistics sector.").language == "en")
    }
}
