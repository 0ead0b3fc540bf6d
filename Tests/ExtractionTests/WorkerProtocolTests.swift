import CVModel
import Foundation
import Testing

@testable import Extraction

/// The worker protocol only grew: an extraction request is the JSON it always was, and one in the
/// old shape still decodes.
@Suite struct WorkerProtocolTests {
    static func keys(_ data: Data) throws -> Set<String> {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return Set(object.keys)
    }

    @Test("an extraction request encodes as before: a path and the limits, nothing else")
    func extractionRequestUnchanged() throws {
        let request = WorkerRequest(path: "/inbox/work/claim-1", limits: .default)
        #expect(try Self.keys(JSONEncoder().encode(request)) == ["path", "limits"])
        let render = WorkerRequest(
            path: "", limits: .default, attachedBytes: 10,
            render: RenderJob(page: 1, scale: 1.5, marks: [PageMark(text: "x", category: .name)]))
        #expect(try Self.keys(JSONEncoder().encode(render)) == ["path", "limits", "attachedBytes", "render"])
    }

    @Test("a request and a response in the old shape decode, as extraction")
    func oldShapesDecode() throws {
        let limits = String(decoding: try JSONEncoder().encode(ExtractionLimits.default), as: UTF8.self)
        let old = #"{"path":"/inbox/work/claim-1","limits":\#(limits)}"#
        let request = try JSONDecoder().decode(WorkerRequest.self, from: Data(old.utf8))
        #expect(request.path == "/inbox/work/claim-1" && request.limits == .default)
        #expect(request.render == nil && request.attachedBytes == nil && request.testHook == nil)
        let answer = #"{"error":{"emptyFile":{}},"sandbox":{"hasNoNewPrivileges":true,"filter":{"installed":{}}}}"#
        let response = try JSONDecoder().decode(WorkerResponse.self, from: Data(answer.utf8))
        #expect(response.error == .emptyFile && response.page == nil && response.document == nil)
    }

    @Test("a request with its limits encoded beforehand decodes to the same request as one encoded whole")
    func limitsEncodedOnce() throws {
        let limits = ExtractionLimits(maxTextCharacters: 1_234)
        let limitsJSON = [UInt8](try JSONEncoder().encode(limits))
        let requests = [
            WorkerRequest(path: "/inbox/work/claim \"1\"\n", limits: limits, binaryAnswer: true),
            WorkerRequest(
                path: "", limits: limits, testHook: .probeSandbox, attachedBytes: 10,
                render: RenderJob(page: 2, scale: 1.5, marks: [PageMark(text: "x", category: .name)])),
        ]
        for request in requests {
            let spliced = try JSONDecoder().decode(WorkerRequest.self, from: Data(request.json(limitsJSON: limitsJSON)))
            let whole = try JSONDecoder().decode(WorkerRequest.self, from: JSONEncoder().encode(request))
            #expect(spliced.path == whole.path && spliced.limits == whole.limits && spliced.limits == limits)
            #expect(spliced.testHook == whole.testHook && spliced.attachedBytes == whole.attachedBytes)
            #expect(spliced.binaryAnswer == whole.binaryAnswer && spliced.render?.page == whole.render?.page)
            #expect(
                try Self.keys(Data(request.json(limitsJSON: limitsJSON))) == Self.keys(JSONEncoder().encode(request)))
        }
    }

    @Test("the largest render request fits the frame a worker reads")
    func largestRequestFits() throws {
        // Every mark as long as may be sent, of characters JSON escapes to six bytes.
        let text = String(repeating: "\u{1}", count: PageRenderer.maxMarkLength)
        let marks = Array(repeating: PageMark(text: text, category: .maritalStatus), count: PageRenderer.maxMarks)
        let request = WorkerRequest(
            path: String(repeating: "p", count: 4096), limits: .default,
            render: RenderJob(page: 1, scale: 1.5, marks: marks))
        #expect(try WorkerFraming.encode(request).count - 4 <= WorkerFraming.maxRequestBytes)
    }
}
