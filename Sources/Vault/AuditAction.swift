/// What an audit record says happened: a closed set, so the log never carries free text that
/// could hold a value, and a typo does not compile.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case ingest
    case ingestUpdate = "ingest-update"
    case duplicate
    case purge
    case disclose
    case exportRefused = "export-refused"
    case access
    case rectify
    case erase
    case restrict
    case object
    case consent
    case withdraw
    case contact
    case agreementStart = "agreement-start"
    case agreementEnd = "agreement-end"
    case hold
    case holdRelease = "hold-release"
    case request
    case requestExtended = "request-extended"
    case migration
}

/// The kinds of data-subject request (GDPR art. 15–21) a request record can be.
public enum RequestKind: String, Codable, Sendable, CaseIterable {
    case access
    case portability
    case rectify
    case erase
    case restrict
    case object
    case consent
    case withdraw

    /// The audit action that answers a request of this kind.
    var action: AuditAction {
        switch self {
        case .access, .portability: .access
        case .rectify: .rectify
        case .erase: .erase
        case .restrict: .restrict
        case .object: .object
        case .consent: .consent
        case .withdraw: .withdraw
        }
    }
}
