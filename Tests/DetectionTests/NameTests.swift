import CVModel
import Detection
import Testing

/// The candidate's name from combined evidence, its variants, and third parties.
@Suite struct NameTests {
    @Test("the name behind a label, and its variants everywhere")
    func labelAndVariants() {
        let text = """
            Naam: Pieter van der Meulen
            Profiel
            Pieter is een ervaren planner. Pieters aanpak werkt. Zie ook P. van der Meulen en Van der Meulen.
            """
        let names = detect(text).texts(.name)
        #expect(names.contains("Pieter van der Meulen"))
        #expect(names.contains("Pieter"))
        #expect(names.contains("Pieters"))
        #expect(names.contains("P. van der Meulen"))
        #expect(names.contains("Van der Meulen"))
    }

    @Test("the title block, all capitals, letter-spaced and with initials")
    func titleBlock() {
        #expect(detect("JAN-WILLEM DE VRIES\nPlanner\nWerkervaring").texts(.name) == ["JAN-WILLEM DE VRIES"])
        let spaced = detect("J A N  D E  V R I E S\nPlanner\nNaam: Jan de Vries")
        #expect(spaced.texts(.name).contains("J A N  D E  V R I E S"))
        #expect(detect("Naam: J.P. ten Brink\nWoonplaats: Zwolle").texts(.name) == ["J.P. ten Brink"])
    }

    @Test("double surnames and diacritics")
    func doubleSurnames() {
        let names = detect("Mariëlle Jansen-de Vries\nMedewerker\nE-mail: m.jansen@voorbeeld.nl").texts(.name)
        #expect(names.first == "Mariëlle Jansen-de Vries")
    }

    @Test("the metadata author confirms the name")
    func metadataAuthor() {
        let result = detect(
            "Curriculum vitae\nEmma Bakker\nVerpleegkundige",
            more: [TextBlock(text: "Emma Bakker", source: .metadata, label: "author")])
        #expect(result.findings.filter { $0.category == .name && $0.source == .metadata }.count == 1)
    }

    @Test("a surname that is also a job word is not matched alone")
    func occupationalSurname() {
        let result = detect("Naam: Emma Bakker\nWerkervaring\n2019 – heden Bakker bij Broodfabriek Noord")
        #expect(!result.texts(.name).contains("Bakker"))
    }

    @Test("referees are third parties")
    func references() {
        let text = "Naam: Emma Bakker\nReferenties\nSanne Visser, teamleider\nTel: 06-87654321\nDhr. K. Jansen"
        let references = detect(text).findings.filter { $0.category == .name && $0.subject == .reference }.map(\.text)
        #expect(references.contains("Sanne Visser"))
        #expect(references.contains("K. Jansen"))
    }

    @Test("job titles, employers, degrees and institutions are not names")
    func careerIsNotNames() {
        let text = """
            Naam: Emma Bakker
            Werkervaring
            2019 – heden
            Senior Adviseur
            Van Dijk Installatietechniek B.V.
            Opleiding
            2015 HBO Bachelor Bedrijfskunde – Hogeschool van Amsterdam
            """
        #expect(detect(text).texts(.name) == ["Emma Bakker"])
    }

    @Test("the file name corroborates a name the title block alone would not carry")
    func fileNameEvidence() {
        let document = Document(
            fileName: "CV_Kwabena_Owusu.pdf", format: .pdf, sha256: String(repeating: "0", count: 64), byteCount: 10,
            pageCount: 1, blocks: [TextBlock(text: "Kwabena Owusu\nPlanner\nWerkervaring", source: .body, page: 1)])
        #expect(detector.detect(document).findings.contains { $0.category == .name && $0.text == "Kwabena Owusu" })
        let anonymous = Document(
            fileName: "cv.pdf", format: .pdf, sha256: String(repeating: "0", count: 64), byteCount: 10, pageCount: 1,
            blocks: [TextBlock(text: "Kwabena Owusu\nPlanner\nWerkervaring", source: .body, page: 1)])
        #expect(!detector.detect(anonymous).findings.contains { $0.category == .name })
    }
}

/// Names written with the Turkish dotted capital İ, in capitals: found like any other.
@Suite struct TurkishNameTests {
    @Test("ÖMER ÇELİK at the top of a CV is found as a name")
    func dottedCapital() {
        let result = detect("ÖMER ÇELİK\nomer.celik@voorbeeld.test\nWerkervaring\nPlanner bij Transport Noord")
        #expect(result.texts(.name).contains { TextFolding.fold($0) == "omer celik" })
    }
}

/// A referee named after a bullet and a label, with a Dutch title in lower case.
@Suite struct RefereeLineTests {
    @Test("`- Referentie: mevr. J. Bakkerveld, teamleider` names a third party")
    func bulletedReferee() {
        let result = detect(
            "Werkervaring\nMonteur bij Kade BV 2019 - 2021\n- Referentie: mevr. J. Bakkerveld, teamleider")
        #expect(result.findings.contains { $0.subject == .reference && $0.text.contains("Bakkerveld") })
    }
}
