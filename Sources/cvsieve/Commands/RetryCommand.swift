import ArgumentParser
import Intake
import Pipeline

/// `cvsieve retry [ID|--all]`: put quarantined files back into their inbox folder.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Put quarantined files back into the inbox (see `cvsieve status`).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The quarantine entry (the folder name, as in reason.txt).")
    var id: String?

    @Flag(help: "Retry every quarantined file.")
    var all = false

    func validate() throws {
        if (id == nil) == !all { throw ValidationError("name one quarantine entry, or --all") }
    }

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let inbox = Inbox(inbox: config.inbox, data: config.data)
        let ids = all ? inbox.quarantined().map(\.id) : [id].compactMap { $0 }
        var moved = 0
        for entry in ids {
            if try inbox.retry(entry) {
                moved += 1
            } else {
                Output.errorLines("\(entry): no such quarantine entry (see `cvsieve status --json`)")
                throw ExitCode(2)
            }
        }
        print("retry: \(moved) file(s) back in the inbox")
    }
}
