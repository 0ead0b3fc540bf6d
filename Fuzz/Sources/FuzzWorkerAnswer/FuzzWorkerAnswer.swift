import Extraction
import FuzzSupport

/// A worker's binary answer as the parent reads it (``DocumentWire/decode(_:)``): the input is
/// what follows the form's first two bytes, so the fuzzer need not find them. Besides not
/// crashing, a frame that decodes must encode again to a frame that decodes to the same bytes:
/// nothing the parent accepts is read differently the second time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkerAnswer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let body = [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    guard let (document, sandbox) = try? DocumentWire.decode([DocumentWire.magic, DocumentWire.version] + body)
    else { return 0 }
    let encoded = DocumentWire.encode(document, sandbox: sandbox)
    let again = try? DocumentWire.decode(encoded)
    precondition(again.map { DocumentWire.encode($0.0, sandbox: $0.1) } == encoded)
    return 0
}

@main
enum FuzzWorkerAnswer {
    static func main() { FuzzDriver.run(fuzzWorkerAnswer) }
}
