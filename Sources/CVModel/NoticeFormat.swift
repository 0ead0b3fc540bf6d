/// The closed sets an information notice (GDPR art. 13/14) is written with: its language, its
/// format and where it went. The audit log records these three and the candidate code, never
/// the notice's text or a path.
public enum NoticeLanguage: String, Codable, Sendable, CaseIterable {
    case nl, en
}

/// The formats of an information notice: plain text, an HTML document, or an e-mail message
/// (RFC 5322, MIME multipart/alternative with both).
public enum NoticeFormat: String, Codable, Sendable, CaseIterable {
    case txt, html, eml

    public var fileExtension: String { rawValue }
}

/// Where a written notice went (a path is never recorded: a person may have typed a name into it).
public enum NoticeDestination: String, Codable, Sendable, CaseIterable {
    /// `notices.outbox`, written by `run` or `watch` for a new candidate.
    case outbox
    /// A file named with `cvsieve notice --out`, or by the web app.
    case file
}
