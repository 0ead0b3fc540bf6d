import CVModel
import Detection
import Testing

/// Career facts from the layouts CVs use.
@Suite struct CareerTests {
    @Test("period first, then title and employer lines")
    func periodFirst() {
        let career = detect(
            "Werkervaring\njan. 2019 – heden\nLogistiek medewerker\nTransport Noord B.V.\n2015 - 2018\nPlanner\nOpslag Zuid"
        ).career
        #expect(
            career.experience == [
                CareerFacts.Experience(
                    title: "Logistiek medewerker", employer: "Transport Noord B.V.", start: "jan. 2019", end: "heden"),
                CareerFacts.Experience(title: "Planner", employer: "Opslag Zuid", start: "2015", end: "2018"),
            ])
    }

    @Test("one line per job, in the common separators")
    func oneLine() {
        let text = """
            Employment history
            Data Analyst | Northgate Digital Ltd | Feb 2022 – Present
            mrt 2019 – jun. 2022   Functioneel beheerder bij Datastroom B.V.
            Brand Manager, Greenway Brands
            06/2017 – 02/2019
            """
        let jobs = detect(text).career.experience
        #expect(jobs.map(\.title) == ["Data Analyst", "Functioneel beheerder", "Brand Manager"])
        #expect(jobs.map(\.employer) == ["Northgate Digital Ltd", "Datastroom B.V.", "Greenway Brands"])
        #expect(jobs.map(\.end) == ["Present", "jun. 2022", "02/2019"])
    }

    @Test("education on one line or two")
    func education() {
        let text =
            "Opleiding\n2013 HBO Bachelor Logistics Management – Hanzehogeschool Groningen\nWO Master Informatica\nRijksuniversiteit Groningen, 2014"
        #expect(
            detect(text).career.education == [
                CareerFacts.Education(
                    degree: "HBO Bachelor Logistics Management", institution: "Hanzehogeschool Groningen", year: "2013"),
                CareerFacts.Education(
                    degree: "WO Master Informatica", institution: "Rijksuniversiteit Groningen", year: "2014"),
            ])
    }

    @Test("certificates, languages with level, skills")
    func lists() {
        let text =
            "Cursussen en certificaten\nVCA, BHV\n• Rijbewijs C\nTalen\nNederlands (moedertaal)\nEngels – C1\nDuits: redelijk\nVaardigheden\nSAP · Excel · Heftruck"
        let career = detect(text).career
        #expect(career.certificates == ["VCA", "BHV", "Rijbewijs C"])
        #expect(
            career.languages == [
                CareerFacts.Language(language: "Nederlands", level: "moedertaal"),
                CareerFacts.Language(language: "Engels", level: "C1"),
                CareerFacts.Language(language: "Duits", level: "redelijk"),
            ])
        #expect(career.skills == ["SAP", "Excel", "Heftruck"])
    }

    @Test("a CV without headings: the lines around employment periods are read as experience")
    func noHeadings() {
        let text =
            "Emma Bakker\nemma@voorbeeld.test\njan. 2019 – heden\nPlanner\nTransport Noord B.V.\n2015 - 2018\nOrderpicker\nOpslag Zuid"
        let jobs = detect(text).career.experience
        #expect(jobs.map(\.title) == ["Planner", "Orderpicker"])
        #expect(jobs.map(\.employer) == ["Transport Noord B.V.", "Opslag Zuid"])
    }
}

/// Layouts of real word-processor templates (made-up entries).
@Suite struct TemplateCareerTests {
    @Test("a title on its own line, then `Employer, Place | period`")
    func titleThenEmployerLine() {
        let text = """
            Werkervaring
            Teamleider logistiek
            Vrachtlijn Oost, Deventer | 2019 - heden
            • Plannen van ritten voor twaalf chauffeurs
            Magazijnmedewerker
            Opslag Zuid | 2015 - 2019
            """
        let jobs = detect(text).career.experience
        #expect(jobs.map(\.title) == ["Teamleider logistiek", "Magazijnmedewerker"])
        #expect(jobs.map(\.employer) == ["Vrachtlijn Oost", "Opslag Zuid"])
    }

    @Test("entries written as list items are entries; descriptions stay out")
    func bulletedEntries() {
        let text = """
            Werkervaring:
            - Heftruckchauffeur bij Distributiecentrum Midden (2016-2023)
            - Laden en lossen van vrachtwagens
            Opleiding:
            - MBO Logistiek, Vakcollege Noord, 2012
            """
        let career = detect(text).career
        #expect(career.experience.map(\.title) == ["Heftruckchauffeur"])
        #expect(career.experience.map(\.employer) == ["Distributiecentrum Midden"])
        #expect(career.education.map(\.degree) == ["MBO Logistiek"])
        #expect(career.education.first?.institution.hasPrefix("Vakcollege Noord") == true)
    }

    @Test("a degree line with its year, then the school on the next line")
    func schoolOnNextLine() {
        let career = detect("Opleiding\nHBO Verpleegkunde 2016\nHogeschool Ergens").career
        #expect(career.education.map(\.degree) == ["HBO Verpleegkunde"])
        #expect(career.education.map(\.institution) == ["Hogeschool Ergens"])
    }

    @Test("`Employer, Place` above the title, then the period on its own line (JSON Resume themes)")
    func employerAboveTitle() {
        let text = """
            Experience
            Brightfield Analytics, Springfield, IL
            Senior Software Engineer
            04/2019 - Current
            Built a reporting pipeline for regional clients
            Teamleider zorg
            Zorgcentrum De Horst
            01/2015 - 03/2019
            """
        let jobs = detect(text).career.experience
        #expect(jobs.map(\.title) == ["Senior Software Engineer", "Teamleider zorg"])
        #expect(jobs.map(\.employer) == ["Brightfield Analytics", "Zorgcentrum De Horst"])
    }
}

/// Career facts outside their sections: a labelled list line, certificates in prose, the title
/// under the name (made-up entries).
@Suite struct CareerOutsideSectionsTests {
    @Test("`Talen: …` inside another section is read as languages; `Rijbewijs: B` is a certificate")
    func labelledLists() {
        let text = """
            Hobby's
            Wielrennen en bordspellen.
            Talen: Nederlands – moedertaal, Engels – vloeiend
            Rijbewijs: B
            """
        let career = detect(text).career
        #expect(career.languages.map(\.language) == ["Nederlands", "Engels"])
        #expect(career.certificates.contains("Rijbewijs B"))
    }

    @Test("certificates named in a sentence are found once each, the longest name first")
    func certificatesInProse() {
        let text = "Werkervaring\n- Laden en lossen; in bezit van Heftruckcertificaat, VCA Basis en Rijbewijs B."
        #expect(detect(text).career.certificates == ["Heftruckcertificaat", "VCA Basis", "Rijbewijs B"])
    }

    @Test("the title under the name is the headline")
    func headline() {
        let text =
            "Jorrit Veldkamp\nMedior Software Engineer\njorrit@voorbeeld.test\nWerkervaring\nTester bij Kade BV 2019 - 2020"
        #expect(detect(text).career.headline == "Medior Software Engineer")
    }
}

/// What an employer or school line says besides the name, and what a template left unfilled.
@Suite struct CareerCleanupTests {
    @Test("the town after an employer or school is not part of its name; a town inside the name is")
    func trailingPlace() {
        let text = """
            Work Experience
            Planner – Fictional Freight Inc., Dallas, TX | 2018 - 2022
            Assistant – Example Academy, New York, NY | 2015 - 2018
            Werkervaring
            Verpleegkundige bij UMC Utrecht (2016 - 2020)
            """
        let employers = detect(text).career.experience.map(\.employer)
        #expect(employers.contains("Fictional Freight Inc."))
        #expect(employers.contains("Example Academy"))
        #expect(employers.contains("UMC Utrecht"))
    }

    @Test("template placeholders are not career facts; generic real names stay")
    func placeholders() {
        #expect(TemplatePlaceholder.isPlaceholder("Job Title"))
        #expect(TemplatePlaceholder.isPlaceholder("Company Name"))
        #expect(TemplatePlaceholder.isPlaceholder("Functietitel"))
        #expect(TemplatePlaceholder.isPlaceholder("Lorem ipsum dolor sit amet, consectetur adipiscing elit"))
        #expect(!TemplatePlaceholder.isPlaceholder("State University"))
        #expect(!TemplatePlaceholder.isPlaceholder("University of Amsterdam"))
        #expect(!TemplatePlaceholder.isPlaceholder("Software Engineer"))
        let text = """
            Experience
            Job Title – Company Name | 2019 - 2021
            Planner – Fictional Freight Inc. | 2015 - 2018
            Education
            Degree Name – University Name, 2014
            """
        let career = detect(text).career
        #expect(career.experience.map(\.title) == ["Planner"])
        #expect(career.education.isEmpty)
    }

    @Test("the region never names the town: a province named like it becomes its part of the country")
    func region() throws {
        #expect(try Regions().region(ofResidence: "Utrecht") == "West-Nederland")
        #expect(try Regions().region(ofResidence: "Groningen") == "Noord-Nederland")
        #expect(try Regions().region(ofResidence: "Amersfoort") == "Utrecht")
        #expect(try Regions().region(ofResidence: "Tilburg") == "Noord-Brabant")
    }
}
