import HTTPTypes
import Hummingbird
import Testing

@testable import Server

/// Which address the per-client log-in limit counts against.
@Suite struct ClientAddressTests {
    static func request(forwardedFor: String?) -> Request {
        var fields = HTTPFields()
        if let forwardedFor, let name = HTTPField.Name("X-Forwarded-For") { fields[name] = forwardedFor }
        return Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "localhost", path: "/login", headerFields: fields),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test("a direct peer counts as itself; behind a local proxy, the last forwarded address or none")
    func clientAddress() {
        let direct = Self.request(forwardedFor: "192.0.2.9")
        #expect(WebApp.rateLimitedClient(peer: "198.51.100.7", request: direct) == "198.51.100.7")
        let proxied = Self.request(forwardedFor: "203.0.113.1, 192.0.2.44")
        #expect(WebApp.rateLimitedClient(peer: "127.0.0.1", request: proxied) == "192.0.2.44")
        #expect(WebApp.rateLimitedClient(peer: "::1", request: Self.request(forwardedFor: nil)) == nil)
        #expect(WebApp.rateLimitedClient(peer: nil, request: proxied) == nil)
    }
}
