import ArgumentParser
import CVModel
import Pipeline

/// `cvsieve config ropa [--json]`: the record of processing activities (GDPR art. 30) that
/// pipeline.yml declares.
struct ConfigRopa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ropa", abstract: "Print the record of processing activities that pipeline.yml declares.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let activities = config.recordOfProcessing
        if options.json {
            try Output.json(activities)
            return
        }
        print("Record of processing activities (GDPR art. 30), from \(config.file)")
        print(
            "Controller: \(config.export.agency). Special categories, BSN and ID copies: never stored unless a purpose")
        print("with legal_basis legal_obligation keeps them. No automated decisions about candidates.")
        for activity in activities {
            print("")
            print("purpose: \(activity.purpose) — \(activity.description)")
            print("  legal basis: \(activity.legalBasis)")
            print("  categories kept: \(activity.categories.joined(separator: ", "))")
            print("  channels: \(activity.channels.joined(separator: ", "))")
            print("  recipients: \(activity.recipients.isEmpty ? "none" : activity.recipients.joined(separator: "; "))")
            print(
                "  retention: \(activity.retention.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"
            )
        }
    }
}
