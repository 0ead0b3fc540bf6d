public import CVModel

extension RequestKind {
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
