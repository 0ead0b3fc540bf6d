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

    /// Where `part` stands in `text`, in Unicode scalars (as ``CVModel/Finding`` counts).
    static func offsets(of part: String, in text: String) -> Range<Int>? {
        let scalars = Array(text.unicodeScalars)
        let wanted = Array(part.unicodeScalars)
        guard let start = scalars.indices.first(where: { scalars[$0...].starts(with: wanted) }) else { return nil }
        return start..<(start + wanted.count)
    }

    @Test("a word hyphenated across a line end is one word, and its offsets still point at the text as written")
    func hyphenation() throws {
        let text = """
            Naam: Emma Bakker
            Woonplaats: Zwol-
            le
            Werkervaring
            2019 - heden  Software ont-
            wikkelaar bij Bouwbedrijf Kuipers B.V.
            E-mail: emma.bakker@voorbeeld.nl
            """
        let result = detect(text)
        // The joined word is what detection reads: the job title and the place name.
        #expect(result.career.experience.map(\.title) == ["Software ontwikkelaar"])
        let city = try #require(result.findings.first { $0.category == .city })
        // The finding reports the text as written, hyphen and line end included, at its own offsets.
        #expect(city.text == "Zwol-\nle")
        #expect(city.start..<city.end == Self.offsets(of: "Zwol-\nle", in: text))
        // A finding after both joins keeps its offsets in the text as written: the four scalars
        // the joins removed do not shift it.
        let email = try #require(result.findings.first { $0.category == .email })
        #expect(email.text == "emma.bakker@voorbeeld.nl")
        #expect(email.start..<email.end == Self.offsets(of: "emma.bakker@voorbeeld.nl", in: text))
    }

    @Test("the document language")
    func language() {
        #expect(detect("Ik ben een gedreven medewerker met ervaring in de logistiek.").language == "nl")
        #expect(detect("I am a motivated engineer with experience in the logistics sector.").language == "en")
    }
}
