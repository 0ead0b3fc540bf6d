import CVModel
import Extraction
import FuzzSupport

/// The DOCX path on arbitrary bytes: format sniffing, libzip, the part reader, the SAX handlers,
/// the limits. Inputs that sniff as PDF are left to FuzzPDFWorker, since poppler runs only in a
/// worker process.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOCX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let isPDF = bytes.withUnsafeBytes { raw in
        FormatSniffer.sniff(raw, isWordPackage: { _ in false }) == .supported(.pdf)
    }
    if isPDF { return -1 }
    do {
        let document = try Extractor().extract(bytes: bytes, fileName: "fuzz.docx")
        precondition(document.byteCount == size && document.format == .docx, "a DOCX document of these bytes")
    } catch {
        // Every refusal must describe itself (the description is what a recruiter reads).
        precondition(!error.description.isEmpty && !error.kind.isEmpty, "an extraction error has words")
    }
    return 0
}

@main
enum FuzzDOCX {
    static func main() { FuzzDriver.run(fuzzDOCX) }
}
