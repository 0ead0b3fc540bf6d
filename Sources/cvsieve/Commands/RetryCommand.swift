import ArgumentParser
import CVModel
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
        let result = Retry(config: config).run(all ? nil : [id].compactMap { $0 })
        if !all, let error = result.failed.first { throw error }
        for error in result.failed { Output.errorLines(String(describing: error)) }
        print(
            "retry: \(result.moved) file(s) back in the inbox"
                + (result.failed.isEmpty ? "" : ", \(result.failed.count) could not be moved"))
        if !result.failed.isEmpty { throw ExitCode(1) }
    }
}
