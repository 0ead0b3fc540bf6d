import ArgumentParser
import Foundation
import Pipeline

/// Options every command takes (CLI contract: `--config FILE`, `--json`).
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The pipeline configuration.")
    var config: String = "./pipeline.yml"

    @Flag(name: .long, help: "Print one JSON document on stdout.")
    var json = false

    /// The configuration; a missing default `./pipeline.yml` gives the built-in defaults, a missing
    /// explicitly named file is an error.
    func loadConfig(requireFile: Bool = false) throws -> PipelineConfig {
        let isDefault = config == "./pipeline.yml"
        if isDefault && !requireFile && !FileManager.default.fileExists(atPath: config) {
            return try PipelineConfig.parse("{}", file: config)
        }
        return try PipelineConfig.load(path: config)
    }
}
