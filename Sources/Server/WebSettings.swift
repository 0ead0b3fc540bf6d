public import Pipeline

/// How `cvsieve serve` listens and how its sessions behave.
public struct WebSettings: Sendable {
    public var host: String
    public var port: Int
    /// Marks cookies `Secure`: set it when a TLS proxy is in front (the browser then sends them
    /// over HTTPS only); off by default because the app itself speaks plain HTTP on loopback.
    public var isBehindTLS: Bool
    public var sessions: SessionPolicy
    /// Rows per page on lists.
    public var pageSize: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, isBehindTLS: Bool = false,
        sessions: SessionPolicy = SessionPolicy(), pageSize: Int = 50
    ) {
        self.host = host
        self.port = port
        self.isBehindTLS = isBehindTLS
        self.sessions = sessions
        self.pageSize = pageSize
    }

    /// Parses `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`, `localhost:9000`); `nil` when malformed.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// Whether the address only accepts connections from this machine.
    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}
