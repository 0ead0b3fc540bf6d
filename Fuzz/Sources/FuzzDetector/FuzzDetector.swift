import CVModel
import Detection
import FuzzSupport

/// The whole of detection on a document made from the input text, one block per line. Every
/// finding must point into the document's plain text and quote it exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDetector(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let document = DetectionFuzzing.document(text: text)
    let plain = Array(document.plainText.unicodeScalars)
    let result = detector.detect(document)
    for finding in result.findings where finding.end > finding.start {
        precondition(finding.start >= 0 && finding.end <= plain.count, "a finding lies inside the text")
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: plain[finding.start..<finding.end])
        precondition(String(quoted) == finding.text, "a finding quotes the text it points at")
    }
    for special in result.special {
        precondition(special.start >= 0 && special.start <= special.end && special.end <= plain.count)
    }
    return 0
}

/// Built once: it reads the word lists from `cvsieve_Detection.resources` beside the fuzz target
/// (the build puts it there). Without them there is nothing worth fuzzing: stop with the reason.
private let detector: Detector = {
    do {
        return try Detector()
    } catch {
        fatalError("\(error)")
    }
}()

@main
enum FuzzDetector {
    static func main() { FuzzDriver.run(fuzzDetector) }
}
