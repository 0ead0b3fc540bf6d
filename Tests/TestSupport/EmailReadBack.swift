public import Foundation

/// An `.eml` file as Python's `email` package reads it (`policy.default`): a real RFC 5322 and
/// MIME parser, not ours, so a message that only looks right to us fails here.
public struct ParsedEmail: Decodable, Sendable {
    public struct Part: Decodable, Sendable {
        public var type: String
        public var charset: String?
        public var transferEncoding: String?
        /// The decoded body (a binary part: its first bytes as Latin-1).
        public var text: String
        public var defects: [String]
        /// An attachment's file name and decoded size.
        public var filename: String?
        public var size: Int
    }

    /// Every header as Python decodes it (RFC 2047 words decoded), in order.
    public var headers: [[String]]
    public var from: [String]
    public var fromName: String
    /// The addresses of `To:`; empty when there is no `To:` header.
    public var to: [String]
    public var hasTo: Bool
    public var subject: String
    /// `Subject:` as written in the file, before decoding.
    public var rawSubject: String
    /// `Date:` as ISO 8601 with its offset.
    public var date: String
    public var messageID: String
    public var contentType: String
    public var contentLanguage: String?
    public var parts: [Part]
    public var defects: [String]
    /// Whether every line ends in CRLF.
    public var isCRLF: Bool
    public var longestLine: Int

    /// The header named `name` (case-insensitive), decoded.
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
}

extension TestSupport {
    static let emailReader = """
        import email, json, sys
        from email import policy
        raw = open(sys.argv[1], 'rb').read()
        msg = email.message_from_bytes(raw, policy=policy.default)
        parts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            content = part.get_content()
            text = content if isinstance(content, str) else content[:16].decode("latin-1")
            parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                          "transferEncoding": part.get("Content-Transfer-Encoding"), "text": text,
                          "defects": [type(d).__name__ for d in part.defects], "filename": part.get_filename(),
                          "size": len(content)})
        to = msg["To"]
        sender = msg["From"]
        raw_subject = [v for k, v in email.message_from_bytes(raw, policy=policy.compat32).items()
                       if k.lower() == "subject"]
        lines = raw.split(b"\\r\\n")
        print(json.dumps({
            "headers": [[k, str(v)] for k, v in msg.items()],
            "from": [a.addr_spec for a in sender.addresses], "fromName": sender.addresses[0].display_name,
            "to": [a.addr_spec for a in to.addresses] if to is not None else [], "hasTo": to is not None,
            "subject": str(msg["Subject"]), "rawSubject": raw_subject[0] if raw_subject else "",
            "date": msg["Date"].datetime.isoformat(), "messageID": str(msg["Message-ID"]),
            "contentType": msg.get_content_type(), "contentLanguage": msg["Content-Language"],
            "parts": parts, "defects": [type(d).__name__ for d in msg.defects],
            "isCRLF": raw.count(b"\\n") == raw.count(b"\\r\\n"), "longestLine": max(len(l) for l in lines),
        }))
        """

    /// Parses the message at `path` with Python's `email` package.
    public static func parseEmail(at path: String) throws -> ParsedEmail {
        let result = try run("/usr/bin/env", ["python3", "-c", emailReader, path])
        guard result.status == 0 else {
            throw EmailReadBackFailure(status: result.status, stderr: result.stderr)
        }
        return try JSONDecoder().decode(ParsedEmail.self, from: Data(result.stdout.utf8))
    }
}

/// Python could not read the message.
public struct EmailReadBackFailure: Error, CustomStringConvertible {
    public var status: Int32
    public var stderr: String
    public var description: String { "python3's email package could not read the message (exit \(status)): \(stderr)" }
}
