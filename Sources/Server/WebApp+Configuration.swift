import CVModel
import Foundation
import Hummingbird
import Pipeline

// MARK: - Configuratie (admins): the configuration check and what the running app uses

extension WebApp {
    func addConfigurationRoutes(to router: Router<WebContext>) {
        router.get("/configuratie") { _, context in
            _ = try context.require(.admin)
            let config = service.config
            // The file as it is on disk now (it may have been edited since `serve` started).
            let check: String
            do throws(ConfigErrors) {
                _ = try PipelineConfig.load(path: config.file)
                check =
                    "<p class=\"notice\">\(Page.escape(config.file)): \(Page.t("in orde", "valid")).</p>"
            } catch {
                check = error.errors.map { "<p class=\"refusal\" role=\"alert\">\(Page.escape($0.description))</p>" }
                    .joined()
            }
            var warnings: [String] = []
            if config.notices.contact == nil {
                warnings.append(
                    Page.t(
                        "notices.contact ontbreekt: kennisgevingen kunnen niet zeggen hoe de kandidaat het bureau bereikt.",
                        "notices.contact is missing: notices cannot say how the candidate reaches the agency."))
            }
            if config.export.requireApproval && config.export.approvalURL == nil {
                warnings.append(
                    Page.t(
                        "export.require_approval staat aan zonder export.approval_url: kandidaten antwoorden per e-mail.",
                        "export.require_approval is on without export.approval_url: candidates answer by e-mail."))
            }
            let verification = try await service.verifyAudit()
            if !verification.isIntact {
                warnings.append(
                    Page.t("De auditketen is verbroken (zie Audit).", "The audit chain is broken (see Audit)."))
            }
            let channels = config.channels.sorted { $0.key < $1.key }.map {
                [Page.escape($0.key), Page.escape($0.value)]
            }
            let purposes = config.purposes.values.sorted { $0.name < $1.name }.map { purpose in
                [
                    Page.escape(purpose.name), Page.escape(purpose.legalBasis.rawValue),
                    Page.escape(purpose.keep.map(\.rawValue).sorted().joined(separator: ", ")),
                    purpose.allowsDisclosure ? Page.t("ja", "yes") : Page.t("nee", "no"),
                ]
            }
            let settings: [[String]] = [
                ["inbox", Page.escape(config.inbox)], ["data", Page.escape(config.data)],
                ["default_purpose", Page.escape(config.defaultPurpose ?? "–")],
                ["originals.keep", Page.escape(config.keepOriginals.description)],
                ["export.k", "\(config.export.kAnonymity)"],
                ["export.require_approval", config.export.requireApproval ? "true" : "false"],
                ["export.approval_url", Page.escape(config.export.approvalURL ?? "–")],
                ["notices.outbox", Page.escape(config.notices.outbox ?? "–")],
                ["workers", "\(config.workers)"],
            ]
            let body = """
                <h1>\(Page.t("Configuratie", "Configuration"))</h1>
                \(check)
                \(warnings.map { "<p class=\"warning\">\(Page.escape($0))</p>" }.joined())
                <p>\(Page.t("Wijzigingen in pipeline.yml gelden na een herstart van cvsieve serve; de controle hierboven leest het bestand zoals het nu is.", "Changes to pipeline.yml take effect when cvsieve serve restarts; the check above reads the file as it is now."))</p>
                <h2>\(Page.t("Instellingen in gebruik", "Settings in use"))</h2>
                \(Page.table([Page.t("Sleutel", "Key"), Page.t("Waarde", "Value")], settings, empty: ""))
                <h2>\(Page.t("Kanalen", "Channels"))</h2>
                \(Page.table([Page.t("Map", "Folder"), Page.t("Doel", "Purpose")], channels, empty: Page.t("Geen kanalen.", "No channels.")))
                <h2>\(Page.t("Doelen", "Purposes"))</h2>
                \(Page.table([Page.t("Doel", "Purpose"), Page.t("Grondslag", "Legal basis"), Page.t("Bewaart", "Keeps"), Page.t("Profielen aan klanten", "Profiles to clients")], purposes, empty: ""))
                """
            return Page.response(
                Page.layout(title: Page.t("Configuratie", "Configuration"), session: context.session, body: body))
        }
    }
}
