import CVModel
import Foundation

/// A notice's content as lines, shared by the text, HTML and e-mail renderers, so the three say
/// the same thing.
struct NoticeOutline {
    enum Line: Equatable {
        case title(String)
        case heading(String)
        /// A heading inside a section (one purpose).
        case subheading(String)
        case paragraph(String)
        case item(String)
        /// A web address with its visible text.
        case link(text: String, url: String)
    }

    /// The Dutch data protection authority, where a candidate may lodge a complaint (GDPR art. 77).
    static let authorityURL = "https://autoriteitpersoonsgegevens.nl"

    let lines: [Line]
    let title: String

    init(_ notice: Notice) {
        let words = NoticeWording(notice.language)
        let say = words.say
        let agency = notice.controller
        title = say("Informatie aan de kandidaat", "Information for the candidate")
        var lines: [Line] = [.title(title)]
        lines.append(
            .paragraph(
                say(
                    "Hoe \(agency) met uw persoonsgegevens omgaat (AVG artikel 13 en 14).",
                    "How \(agency) handles your personal data (GDPR articles 13 and 14).")))
        lines.append(
            .paragraph(
                say(
                    "Kandidaatcode: \(notice.code). Datum: \(words.date(notice.generatedAt)).",
                    "Candidate code: \(notice.code). Date: \(words.date(notice.generatedAt)).")))
        lines.append(
            .paragraph(
                say(
                    "U ontvangt dit bericht omdat wij uw cv hebben ontvangen. Hieronder leest u welke gegevens wij "
                        + "van u bewaren, waarvoor, op welke grondslag en hoe lang, wie ze ontvangt en welke rechten "
                        + "u heeft. Dit bericht noemt soorten gegevens, niet de gegevens zelf.",
                    "You receive this message because we received your CV. Below you can read which data we keep "
                        + "about you, what for, on which legal basis and for how long, who receives it, and what "
                        + "your rights are. This message names kinds of data, not the data itself.")))

        lines.append(.heading(say("Wie is verantwoordelijk", "Who is responsible")))
        lines.append(
            .paragraph(
                say(
                    "\(agency) is de verwerkingsverantwoordelijke voor uw persoonsgegevens.",
                    "\(agency) is the controller of your personal data.")))
        if let contact = notice.contact {
            lines.append(.paragraph(say("Contact: \(contact)", "Contact: \(contact)")))
        }

        lines += Self.sources(notice, words)
        lines += Self.purposes(notice, words)
        lines += Self.recipients(notice, words)

        if notice.isRestricted || notice.hasObjected {
            lines.append(.heading(say("Uw verzoek", "Your request")))
            if notice.isRestricted {
                lines.append(
                    .paragraph(
                        say(
                            "Op uw verzoek is de verwerking beperkt: wij bewaren uw gegevens, maar gebruiken ze niet "
                                + "en sturen geen profiel naar opdrachtgevers.",
                            "At your request processing is restricted: we keep your data but do not use it and send "
                                + "no profile to clients.")))
            }
            if notice.hasObjected {
                lines.append(
                    .paragraph(
                        say(
                            "U heeft bezwaar gemaakt: wij gebruiken uw gegevens niet meer en sturen geen profiel "
                                + "naar opdrachtgevers.",
                            "You objected: we no longer use your data and send no profile to clients.")))
            }
        }

        lines.append(.heading(say("Geautomatiseerde besluiten", "Automated decisions")))
        lines.append(
            .paragraph(
                say(
                    "Wij nemen geen besluiten over u die alleen op geautomatiseerde verwerking berusten, en maken "
                        + "geen profiel van u voor zulke besluiten: een recruiter beslist.",
                    "We take no decisions about you based solely on automated processing, and do not profile you "
                        + "for such decisions: a recruiter decides.")))

        lines += Self.rights(notice, words)
        self.lines = lines
    }

    // MARK: - Sections

    /// Where the data came from (art. 14(2)(f)).
    private static func sources(_ notice: Notice, _ words: NoticeWording) -> [Line] {
        let say = words.say
        var lines: [Line] = [.heading(say("Waar uw gegevens vandaan komen", "Where your data came from"))]
        lines.append(
            .paragraph(
                say(
                    "Uw gegevens komen uit het cv dat u zelf of een wervingskanaal ons stuurde:",
                    "Your data comes from the CV that you or a recruitment channel sent us:")))
        for source in notice.sources {
            let received = words.date(source.receivedAt)
            if let channel = source.channel {
                lines.append(
                    .item(
                        say(
                            "cv ontvangen op \(received) via het kanaal ‘\(channel)’",
                            "CV received on \(received) through the channel ‘\(channel)’")))
            } else {
                lines.append(.item(say("cv ontvangen op \(received)", "CV received on \(received)")))
            }
        }
        if notice.hasRectifiedValues {
            lines.append(
                .item(
                    say(
                        "gegevens die u ons zelf gaf om onjuiste gegevens te verbeteren",
                        "details you gave us yourself to correct inaccurate ones")))
        }
        lines.append(
            .paragraph(
                say(
                    "Van een cv bewaren wij alleen de gegevens die hieronder staan; de rest van de inhoud slaan wij "
                        + "niet op. Bijzondere persoonsgegevens (zoals over gezondheid, godsdienst of afkomst) "
                        + "bewaren wij niet.",
                    "Of a CV we keep only the data listed below; the rest of its content is not stored. We do not "
                        + "keep special categories of data (such as health, religion or ethnic origin).")))
        let originals = notice.sources.compactMap(\.originalRetainUntil)
        if let until = originals.max() {
            lines.append(
                .paragraph(
                    say(
                        "Het oorspronkelijke bestand bewaren wij versleuteld tot \(words.date(until)).",
                        "We keep the original file encrypted until \(words.date(until)).")))
        } else {
            lines.append(
                .paragraph(
                    say(
                        "Het oorspronkelijke bestand hebben wij na verwerking verwijderd.",
                        "We deleted the original file after processing it.")))
        }
        return lines
    }

    /// What is held, why, on which basis, until when (art. 13(1)(c), 13(2)(a)).
    private static func purposes(_ notice: Notice, _ words: NoticeWording) -> [Line] {
        let say = words.say
        var lines: [Line] = [
            .heading(
                say(
                    "Welke gegevens wij bewaren, waarvoor en hoe lang",
                    "What data we keep, what for and for how long"))
        ]
        if notice.purposes.isEmpty {
            lines.append(
                .paragraph(say("Wij bewaren geen gegevens meer van u.", "We no longer keep any data about you.")))
        }
        for section in notice.purposes {
            lines.append(.subheading(section.description))
            lines.append(
                .item(say("Gegevens: ", "Data: ") + words.list(section.categories.map(words.category))))
            if let basis = section.legalBasis {
                lines.append(.item(say("Grondslag: ", "Legal basis: ") + words.legalBasis(basis)))
            }
            switch section.consent {
            case true?:
                lines.append(
                    .item(
                        say(
                            "Toestemming: u heeft toestemming gegeven; u kunt die altijd intrekken.",
                            "Consent: you gave your consent; you can withdraw it at any time.")))
            case false?:
                lines.append(
                    .item(
                        say("Toestemming: u heeft uw toestemming ingetrokken.", "Consent: you withdrew your consent.")))
            case nil: break
            }
            if section.isKeptWhileAgreementRuns {
                lines.append(
                    .item(
                        say(
                            "Bewaard: zolang uw overeenkomst met ons loopt.",
                            "Kept: for as long as your agreement with us runs.")))
            } else if let until = section.retainUntil {
                lines.append(.item(say("Bewaard tot: ", "Kept until: ") + words.date(until)))
            }
            if let rule = section.retention {
                let phrases = words.retention(rule)
                if !phrases.isEmpty {
                    lines.append(.item(say("Bewaartermijn: ", "Retention period: ") + phrases.joined(separator: "; ")))
                }
            }
            let recipients =
                section.recipients.isEmpty
                ? say("niemand buiten \(notice.controller)", "no one outside \(notice.controller)")
                : section.recipients.joined(separator: "; ")
            lines.append(.item(say("Ontvangers: ", "Recipients: ") + recipients))
        }
        return lines
    }

    /// Who received the data (art. 13(1)(e), 15(1)(c)).
    private static func recipients(_ notice: Notice, _ words: NoticeWording) -> [Line] {
        let say = words.say
        var lines: [Line] = [.heading(say("Aan wie wij uw gegevens gaven", "Who we gave your data to"))]
        if notice.recipients.isEmpty {
            lines.append(
                .paragraph(
                    say(
                        "Wij hebben nog geen gegevens van u aan een opdrachtgever gegeven.",
                        "We have not given any of your data to a client yet.")))
        } else {
            lines.append(
                .paragraph(
                    say(
                        "Deze opdrachtgevers ontvingen een profiel van u zonder uw naam, contactgegevens en adres:",
                        "These clients received a profile of you without your name, contact details and address:")))
            for recipient in notice.recipients {
                lines.append(
                    .item(
                        say(
                            "\(recipient.client), op \(words.date(recipient.disclosedAt))",
                            "\(recipient.client), on \(words.date(recipient.disclosedAt))")))
            }
        }
        if notice.purposes.contains(where: \.mayDiscloseProfiles) {
            lines.append(
                .paragraph(
                    say(
                        "Een opdrachtgever aan wie wij u voorstellen, krijgt alleen een profiel zonder uw naam, "
                            + "contactgegevens en adres: uw loopbaan en regio, niet wie u bent.",
                        "A client we put you forward to receives only a profile without your name, contact details "
                            + "and address: your career and region, not who you are.")))
        }
        return lines
    }

    /// The rights and how to use them (art. 13(2)(b)–(d)).
    private static func rights(_ notice: Notice, _ words: NoticeWording) -> [Line] {
        let say = words.say
        var lines: [Line] = [.heading(say("Uw rechten", "Your rights"))]
        lines.append(.paragraph(say("U heeft het recht op:", "You have the right to:")))
        lines += [
            say(
                "inzage: weten welke gegevens wij van u hebben (AVG artikel 15);",
                "access: know which data we hold about you (GDPR article 15);"),
            say(
                "rectificatie: onjuiste gegevens laten verbeteren (artikel 16);",
                "rectification: have inaccurate data corrected (article 16);"),
            say(
                "verwijdering: uw gegevens laten wissen (artikel 17);", "erasure: have your data deleted (article 17);"),
            say(
                "beperking: de verwerking laten beperken (artikel 18);",
                "restriction: have processing restricted (article 18);"),
            say(
                "bezwaar: bezwaar maken tegen de verwerking (artikel 21);",
                "objection: object to the processing (article 21);"),
            say(
                "overdraagbaarheid: uw gegevens in een gangbaar, machineleesbaar formaat ontvangen (artikel 20);",
                "portability: receive your data in a common, machine-readable format (article 20);"),
            say(
                "toestemming intrekken: gebruiken wij uw gegevens op grond van uw toestemming, dan kunt u die altijd "
                    + "intrekken; dat doet niets af aan wat wij daarvoor met uw toestemming deden (artikel 7 lid 3);",
                "withdraw consent: where we use your data on the basis of your consent, you can withdraw it at any "
                    + "time; this does not affect what we did with your consent before (article 7(3));"),
            say(
                "klagen: een klacht indienen bij de Autoriteit Persoonsgegevens (artikel 77).",
                "complain: lodge a complaint with the Dutch Data Protection Authority, the Autoriteit "
                    + "Persoonsgegevens (article 77)."),
        ].map(Line.item)
        lines.append(.heading(say("Zo gebruikt u uw rechten", "How to use your rights")))
        if let contact = notice.contact {
            lines.append(
                .paragraph(
                    say(
                        "Stuur uw verzoek naar \(contact) en noem uw kandidaatcode \(notice.code).",
                        "Send your request to \(contact) and quote your candidate code \(notice.code).")))
        } else {
            lines.append(
                .paragraph(
                    say(
                        "Neem contact op met \(notice.controller) en noem uw kandidaatcode \(notice.code).",
                        "Contact \(notice.controller) and quote your candidate code \(notice.code).")))
        }
        lines.append(
            .paragraph(
                say(
                    "Wij antwoorden binnen 4 weken. Kost een verzoek meer tijd, dan laten wij u binnen die 4 weken "
                        + "weten waarom.",
                    "We answer within 4 weeks. If a request takes longer, we tell you why within those 4 weeks.")))
        lines.append(.heading(say("Klacht bij de Autoriteit Persoonsgegevens", "Complaints")))
        lines.append(
            .paragraph(
                say(
                    "Bent u het niet eens met hoe wij met uw gegevens omgaan, dan heeft u het recht een klacht in te "
                        + "dienen bij de Autoriteit Persoonsgegevens, de Nederlandse toezichthouder:",
                    "If you disagree with how we handle your data, you have the right to lodge a complaint with the "
                        + "Autoriteit Persoonsgegevens, the Dutch Data Protection Authority:")))
        lines.append(.link(text: "autoriteitpersoonsgegevens.nl", url: authorityURL))
        return lines
    }
}
