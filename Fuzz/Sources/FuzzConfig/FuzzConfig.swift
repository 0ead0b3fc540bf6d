import Extraction
import FuzzSupport
import Pipeline

/// pipeline.yml parsing and validation (Yams, then our reader) on arbitrary text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let config = try PipelineConfig.parse(text, file: "fuzz/pipeline.yml")
        precondition(config.workers >= 1 && config.extraction.maxFileBytes >= 0, "a parsed config is usable")
    } catch {
        precondition(!error.errors.isEmpty && !error.description.isEmpty, "a refused config says why")
    }
    return 0
}

@main
enum FuzzConfig {
    static func main() { FuzzDriver.run(fuzzConfig) }
}
