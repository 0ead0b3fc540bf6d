import ArgumentParser
import Pipeline

/// `cvsieve worker`: the isolated extraction worker the daemon and batch start. Not for people.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Serve extraction requests on stdin (started by cvsieve itself).",
        shouldDisplay: false)

    @Option(name: .customLong("memory-limit-mib"), help: "Address-space limit of this process.")
    var memoryLimitMiB: Int = 1024

    func run() throws {
        let status = Worker.serve(memoryLimitMiB: memoryLimitMiB)
        if status != 0 { throw ExitCode(status) }
    }
}
