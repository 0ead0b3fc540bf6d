import CVModel
import Detection
import Testing

/// The narrative (profile summary and job descriptions) is kept redacted: values, name variants
/// and third parties replaced by placeholders, special categories left out (fictional people).
@Suite struct NarrativeTests {
    static let cv = """
        Noor Testelinck
        Kerkstraat 12, 8011 AB Zwolle
        noor.testelinck@voorbeeld.test | 06-12345678
        Profiel
        Noor is een nauwkeurige planner uit Zwolle. Bereikbaar op 06 1234 5678.
        Werkervaring
        2019 - heden
        Planner
        Transport Noord BV
        - Plannen van ritten voor dertig chauffeurs; Testelinck werkte nauw samen met Sanne Referent.
        - Invoeren van orders in SAP en Excel
        2015 - 2019
        Medewerker binnendienst
        Fictief Vervoer BV
        - Afhandelen van klantvragen per telefoon en e-mail
        Referenties
        Sanne Referent, teamleider, 06-99887766
        """

    @Test("the summary and descriptions are kept with every value and name variant replaced")
    func redacted() throws {
        let career = detect(Self.cv).career
        let summary = try #require(career.summary)
        #expect(summary.contains("De kandidaat is een nauwkeurige planner uit [plaats]"))
        #expect(summary.contains("[telefoonnummer]"))
        let jobs = career.experience
        try #require(jobs.count == 2)
        let first = try #require(jobs[0].description)
        #expect(first.contains("Plannen van ritten voor dertig chauffeurs"))
        #expect(first.contains("de kandidaat werkte nauw samen met [referent]"))
        #expect(first.contains("Invoeren van orders in SAP en Excel"))
        #expect(jobs[1].description == "Afhandelen van klantvragen per telefoon en e-mail")
        let narrative = [summary, first, jobs[1].description ?? ""].joined(separator: "\n")
        for value in ["Noor", "Testelinck", "Zwolle", "12345678", "1234 5678", "Sanne", "Referent"] {
            #expect(!narrative.contains(value), "a personal value is left in the narrative")
        }
    }

    @Test("an item that reveals a special category is left out whole")
    func specialCategory() throws {
        let text = """
            Profiel
            Ervaren magazijnmedewerker. Vanwege mijn hernia kan ik niet zwaar tillen.
            Werkervaring
            2019 - 2022
            Magazijnmedewerker
            Voorbeeld Logistiek BV
            - Orderpicken met een handscanner voor de webwinkel
            """
        let career = detect(text).career
        #expect(career.summary == nil || !(career.summary ?? "").contains("hernia"))
    }
}

/// A third-person summary names the candidate by first name even where detection missed it:
/// the e-mail address's words still redact it (fictional values).
@Suite struct NarrativeEvidenceTests {
    @Test("the e-mail address's words are redacted from the narrative")
    func emailWords() throws {
        let text = """
            Profile
            Liang is a careful planner with six years of experience.
            Contact
            liang.vandermeer@voorbeeldmail.test
            """
        let summary = try #require(detect(text).career.summary)
        #expect(summary.hasPrefix("The candidate is a careful planner"), "\(summary)")
    }
}
