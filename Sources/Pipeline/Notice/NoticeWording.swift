public import CVModel
public import Foundation

/// The words of a notice in one language: categories, legal bases, spans, retention rules and
/// dates. Dutch dates are `dd-mm-jjjj`, English ones `31 December 2026`, both in
/// Europe/Amsterdam, the agency's time zone (the one retention is counted in).
public struct NoticeWording: Sendable {
    public let language: NoticeLanguage

    public init(_ language: NoticeLanguage) { self.language = language }

    /// `dutch` or `english`, by the notice's language.
    public func say(_ dutch: String, _ english: String) -> String {
        switch language {
        case .nl: dutch
        case .en: english
        }
    }

    /// A calendar date in Europe/Amsterdam.
    public func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeSpan.agencyTimeZone
        formatter.calendar = TimeSpan.agencyCalendar
        formatter.dateFormat = say("dd-MM-yyyy", "d MMMM yyyy")
        return formatter.string(from: date)
    }

    /// A keep-list name (`email`, `career`, …) in words.
    public func category(_ name: String) -> String {
        guard let field = KeptField(rawValue: name) else { return name }
        switch field {
        case .career:
            return say(
                "loopbaangegevens (werkervaring, opleiding, certificaten, talen, vaardigheden)",
                "career details (work experience, education, certificates, languages, skills)")
        case .narrative:
            return say(
                "uw profieltekst en functieomschrijvingen, zonder persoonsgegevens",
                "your profile summary and job descriptions, without personal details")
        case .personal(let category): return self.category(category)
        }
    }

    private func category(_ category: CVModel.Category) -> String {
        switch category {
        case .name: say("naam", "name")
        case .email: say("e-mailadres", "e-mail address")
        case .phone: say("telefoonnummer", "phone number")
        case .address: say("adres", "address")
        case .postcode: say("postcode", "postcode")
        case .city: say("woonplaats", "place of residence")
        case .birthDate: say("geboortedatum", "date of birth")
        case .birthPlace: say("geboorteplaats", "place of birth")
        case .gender: say("geslacht", "gender")
        case .nationality: say("nationaliteit", "nationality")
        case .maritalStatus: say("burgerlijke staat", "marital status")
        case .bsn: say("burgerservicenummer (BSN)", "citizen service number (BSN)")
        case .iban: say("bankrekeningnummer (IBAN)", "bank account number (IBAN)")
        case .url: say("webadres (zoals LinkedIn)", "web address (such as LinkedIn)")
        case .photo: say("foto", "photo")
        case .otherID: say("ander identificatienummer", "other identification number")
        case .idCopy: say("kopie van uw identiteitsbewijs", "copy of your identity document")
        }
    }

    /// A legal basis with its GDPR article.
    public func legalBasis(_ basis: LegalBasis) -> String {
        switch basis {
        case .consent: say("uw toestemming (AVG artikel 6 lid 1 onder a)", "your consent (GDPR article 6(1)(a))")
        case .contract:
            say(
                "de uitvoering van een overeenkomst met u (AVG artikel 6 lid 1 onder b)",
                "performance of a contract with you (GDPR article 6(1)(b))")
        case .legalObligation:
            say(
                "een wettelijke verplichting (AVG artikel 6 lid 1 onder c)", "a legal obligation (GDPR article 6(1)(c))"
            )
        case .legitimateInterest:
            say(
                "ons gerechtvaardigd belang (AVG artikel 6 lid 1 onder f)",
                "our legitimate interests (GDPR article 6(1)(f))")
        }
    }

    /// `4 weken`, `1 jaar`, `6 months`.
    public func span(_ span: TimeSpan) -> String {
        let one = span.amount == 1
        let unit: String
        switch span.unit {
        case .seconds: unit = say(one ? "seconde" : "seconden", one ? "second" : "seconds")
        case .minutes: unit = say(one ? "minuut" : "minuten", one ? "minute" : "minutes")
        case .hours: unit = say("uur", one ? "hour" : "hours")
        case .days: unit = say(one ? "dag" : "dagen", one ? "day" : "days")
        case .weeks: unit = say(one ? "week" : "weken", one ? "week" : "weeks")
        case .months: unit = say(one ? "maand" : "maanden", one ? "month" : "months")
        case .years: unit = say("jaar", one ? "year" : "years")
        }
        return "\(span.amount) \(unit)"
    }

    /// A purpose's retention rules in words, one phrase per situation it declares.
    public func retention(_ rule: RetentionRule) -> [String] {
        var phrases: [String] = []
        if let span = rule.noAgreement {
            phrases.append(
                say(
                    "\(self.span(span)) na ontvangst van uw laatste cv, als er geen overeenkomst volgt",
                    "\(self.span(span)) after we received your latest CV, if no agreement follows"))
        }
        if let span = rule.withConsent {
            phrases.append(
                say(
                    "\(self.span(span)) na uw toestemming om langer bij ons ingeschreven te blijven",
                    "\(self.span(span)) after you consent to staying on our books longer"))
        }
        if let span = rule.afterLastContact {
            phrases.append(
                say("\(self.span(span)) na ons laatste contact", "\(self.span(span)) after our last contact"))
        }
        if let span = rule.afterAgreementEnd {
            phrases.append(
                say(
                    "\(self.span(span)) na het einde van uw overeenkomst met ons",
                    "\(self.span(span)) after your agreement with us ends"))
        }
        return phrases
    }

    /// A list in running text: `a, b en c` / `a, b and c`.
    public func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + say(" en ", " and ") + last
    }
}
