import ArgumentParser
import Intake
import Pipeline

/// `cvsieve retry [ID|--all]`: put quarantined files back into the inbox folder they came from.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Put quarantined files back into the inbox (see `cvsieve status`).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The quarantine id (as `cvsieve status` lists it).")
    var id: String?

    @Flag(help: "Retry every quarantined file.")
    var all = false

    func validate() throws {
        if (id == nil) == !all { throw ValidationError("name one quarantine id, or --all") }
    }

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let inbox = config.makeInbox()
        let ids = all ? inbox.quarantined().entries.map(\.id) : [id].compactMap { $0 }
        var moved = 0
        var failed = 0
        for entry in ids {
            do {
                try inbox.retry(entry)
                moved += 1
            } catch {
                if !all { throw error }
                Output.errorLines(error.description)
                failed += 1
            }
        }
        print("retry: \(moved) file(s) back in the inbox" + (failed > 0 ? ", \(failed) could not be moved" : ""))
        if failed > 0 { throw ExitCode(1) }
    }
}
