import Extraction
import FuzzSupport

/// The SAX stream parser with each DOCX part handler. The input's length picks the handler and
/// the chunk size, so the same XML is also fed in pieces, as inflated zip data arrives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let handlers = ExtractionFuzzing.PartHandler.allCases
    let handler = handlers[size % handlers.count]
    let chunkSizes = [0, 1, 3, 64, 4096]
    let result = ExtractionFuzzing.parseXML(bytes, handler: handler, chunkSize: chunkSizes[size % chunkSizes.count])
    precondition(result.outcome == "ok" || result.outcome == "doctype" || result.outcome == "malformed")
    return 0
}

@main
enum FuzzXML {
    static func main() { FuzzDriver.run(fuzzXML) }
}
