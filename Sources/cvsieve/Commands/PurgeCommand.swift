import ArgumentParser
import CVModel
import Pipeline

/// `cvsieve purge [--dry-run] [--now DATE] [--json]`: apply the retention rules.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Delete what retention no longer allows (crypto-shredding erased candidates).")

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    @Flag(name: .long, help: "Only show what would be purged.")
    var dryRun = false

    func run() async throws {
        let report = try await options.service().purge(at: try now.date(), dryRun: dryRun)
        if options.json {
            try Output.json(report)
            return
        }
        let verb = dryRun ? "would purge" : "purged"
        for item in report.purged {
            print(
                "  \(verb) \(item.code) \(item.purpose): \(item.values) values (retain until \(day(item.retainUntil)))"
                    + (item.erasesCandidate ? ", candidate erased" : ""))
        }
        for code in report.askForConsent { print("  ask for consent: \(code) (application data ends within 2 weeks)") }
        for code in report.held { print("  legal hold, not purged: \(code)") }
        print(
            "purge \(day(report.now)): \(report.purged.count) records \(verb), \(report.originalsDeleted) originals deleted"
        )
    }
}
