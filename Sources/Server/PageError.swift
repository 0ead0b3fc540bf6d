import HTTPTypes
import Vault

/// A refusal the page explains in its own words: the message is ours, never an error's text (an
/// error's text can hold a value), and names no personal value.
struct PageError: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The vault's errors as pages: unknown things are 404, a legal hold 409, the rest 500.
    init(_ error: VaultError) {
        switch error {
        case .unknownCandidate, .noCandidateForEmail:
            self.init(.notFound, "Deze kandidaat staat niet (meer) in de kluis.")
        case .unknownRequest: self.init(.notFound, "Dit verzoek bestaat niet.")
        case .unknownAccount: self.init(.notFound, "Deze gebruiker bestaat niet.")
        case .legalHold:
            self.init(.conflict, "Voor deze kandidaat geldt een bewaarplicht; hef die eerst op.")
        case .unknownCategory: self.init(.badRequest, "Voor dit gegeven is niets opgeslagen.")
        case .unknownPurpose: self.init(.badRequest, "Dit doel staat niet in pipeline.yml.")
        case .accountExists: self.init(.conflict, "Deze gebruikersnaam bestaat al.")
        case .busy: self.init(.serviceUnavailable, "De kluis is bezig; probeer het zo opnieuw.")
        case .diskFull: self.init(.serviceUnavailable, "De schijf van de kluis is vol; waarschuw de beheerder.")
        default: self.init(.internalServerError, "De kluis gaf een fout; waarschuw de beheerder.")
        }
    }
}
