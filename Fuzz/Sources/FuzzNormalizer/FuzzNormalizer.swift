import CVModel
import Detection
import FuzzSupport

/// The detection normaliser (`NormalizedText`) and the line layout built on it, with its
/// invariants checked (``DetectionFuzzing/checkNormalization(_:)``).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    DetectionFuzzing.checkNormalization(DetectionFuzzing.document(text: text))
    return 0
}

@main
enum FuzzNormalizer {
    static func main() { FuzzDriver.run(fuzzNormalizer) }
}
