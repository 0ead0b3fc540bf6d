import CVModel
import Detection
import Testing

/// Once a value is found, its other occurrences and writings are found too.
@Suite struct PropagationTests {
    @Test("a value found by its label is found again without one, in other sources")
    func exactValues() {
        let result = detect(
            "Telefoon: 06-12345678\nBSN: 111222333",
            more: [
                TextBlock(text: "mobiel 0612345678", source: .footer),
                TextBlock(text: "nummer 111222333 in bijlage", source: .attachment),
            ])
        #expect(result.findings.filter { $0.category == .phone }.map(\.source).contains(.footer))
        #expect(result.findings.filter { $0.category == .bsn }.map(\.source).contains(.attachment))
    }

    @Test("the same phone in another writing, the same birth date in another format")
    func otherWritings() {
        let result = detect(
            "Mobiel: +31 6 12345678\nGeboortedatum: 14 april 1989",
            more: [TextBlock(text: "contact 06 12 34 56 78, 1989-04-14", source: .metadata, label: "keywords")])
        #expect(result.findings.contains { $0.category == .phone && $0.source == .metadata })
        #expect(
            result.findings.contains { $0.category == .birthDate && $0.source == .metadata && $0.text == "1989-04-14" })
    }

    @Test("special categories are flagged by position, never as values")
    func specialCategories() {
        let result = detect("Profiel\nIk ben lid van de FNV.\nIn 2019 had ik een burn-out.\nGeen bijzonderheden.")
        #expect(Set(result.special.map(\.category)) == [.unionMembership, .health])
        let text = "Opleiding\n2015 Christelijke Hogeschool Ede"
        #expect(detect(text).special.isEmpty)
    }
}
