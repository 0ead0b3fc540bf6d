import ArgumentParser
import Foundation
import Logging
import Pipeline
import Vault

/// `cvsieve run [--now DATE] [--json]`: one pass over the inbox, then the retention purge.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Process every file in the inbox once (nightly batch), then apply retention.")

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let date = try now.date()
        let vault = try config.openVault()
        let logger = Logger(label: "cvsieve.run")
        let runner = BatchRunner(config: config, ingestor: Ingestor(config: config, vault: vault, actor: "cvsieve-run"))
        let showsProgress = Output.isTerminal && !options.json
        let started = Date()
        var summary = runner.run(at: date, logger: logger) { done, total in
            if showsProgress { Output.progress(done: done, total: total, elapsed: Date().timeIntervalSince(started)) }
        }
        summary.purge = try vault.purge(at: date, dryRun: false, actor: "cvsieve-run")
        if options.json {
            try Output.json(summary)
        } else {
            if showsProgress { print("") }
            for file in summary.files {
                let detail = file.code ?? file.reason ?? ""
                print("  \(file.status.padding(12)) \(file.file)  \(detail)")
            }
            print(
                "run: \(summary.files.count) files: \(summary.stored) stored, \(summary.duplicates) duplicates, "
                    + "\(summary.quarantined) quarantined (\(config.quarantineFolder)); "
                    + "purge removed \(summary.purge?.purged.count ?? 0) records")
        }
        for file in summary.files where file.status == "quarantined" {
            Output.errorLines("\(file.file): \(file.reason ?? "failed")")
        }
        if summary.quarantined > 0 { throw ExitCode(1) }
    }
}
