import ArgumentParser
import Pipeline

/// `cvsieve config check [FILE]`: validate pipeline.yml, errors with line and column.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check the pipeline configuration and print what it declares.",
        subcommands: [Check.self, ConfigRopa.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate pipeline.yml.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The file to check (default: --config).")
        var file: String?

        func run() throws {
            let path = file ?? options.config
            let config = try PipelineConfig.load(path: path)
            if options.json {
                try Output.json(["file": path, "status": "ok", "inbox": config.inbox, "data": config.data])
            } else {
                print("\(path): ok")
            }
        }
    }
}
