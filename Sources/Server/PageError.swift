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
            self.init(
                .notFound,
                Page.t(
                    "Deze kandidaat staat niet (meer) in de kluis.",
                    "This candidate is not (or no longer) in the vault."))
        case .unknownRequest: self.init(.notFound, Page.t("Dit verzoek bestaat niet.", "This request does not exist."))
        case .unknownAccount: self.init(.notFound, Page.t("Deze gebruiker bestaat niet.", "This user does not exist."))
        case .legalHold:
            self.init(
                .conflict,
                Page.t(
                    "Voor deze kandidaat geldt een bewaarplicht; hef die eerst op.",
                    "A legal hold applies to this candidate; release it first."))
        case .eventDate:
            self.init(
                .badRequest,
                Page.t(
                    "Die datum kan niet: niet in de toekomst en niet vóór de laatste cv.",
                    "That date is not possible: not in the future, not before the last CV."))
        case .unknownCategory:
            self.init(.badRequest, Page.t("Voor dit gegeven is niets opgeslagen.", "Nothing is stored for this field."))
        case .unknownPurpose:
            self.init(.badRequest, Page.t("Dit doel staat niet in pipeline.yml.", "pipeline.yml has no such purpose."))
        case .accountExists: self.init(.conflict, Page.t("Deze gebruikersnaam bestaat al.", "This user name exists."))
        case .busy:
            self.init(
                .serviceUnavailable,
                Page.t("De kluis is bezig; probeer het zo opnieuw.", "The vault is busy; try again shortly."))
        case .diskFull:
            self.init(
                .serviceUnavailable,
                Page.t(
                    "De schijf van de kluis is vol; waarschuw de beheerder.",
                    "The vault's disk is full; tell the administrator."))
        default:
            self.init(
                .internalServerError,
                Page.t("De kluis gaf een fout; waarschuw de beheerder.", "The vault failed; tell the administrator."))
        }
    }
}
