import ArgumentParser
import Dispatch
import Foundation
import Logging
import Pipeline

/// `cvsieve watch`: the intake daemon. SIGINT/SIGTERM finish the files in hand and exit 0.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Watch the inbox (inotify plus rescans) and process files as they arrive.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let service = try options.service(actor: "cvsieve-watch")
        let daemon = try service.daemon()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { daemon.stop() }
            source.resume()
            sources.append(source)
        }
        Output.standardError(
            "cvsieve watch: watching \(service.config.inbox) with \(service.config.workers) workers; "
                + "SIGTERM or Ctrl-C to stop\n")
        try daemon.run(logger: Logger(label: "cvsieve.watch"))
        Output.standardError("cvsieve watch: stopped after \(daemon.processedCount) files\n")
        withExtendedLifetime(sources) {}
    }
}
