public import CVModel

/// Why a vault operation failed. Cases carry codes, tables and paths, never a personal value;
/// GRDB's own errors (which can print row values) are caught and reduced to their result code.
public enum VaultError: ReportableError, Equatable {
    case unknownCandidate(code: String)
    case noCandidateForEmail
    case keyFile(path: String, reason: String)
    case wrongKey(path: String)
    case database(path: String, operation: String, resultCode: Int32)
    case legalHold(code: String)
    case unknownPurpose(String)
    case unknownCategory(String)
    case unknownRequest(Int64)

    public var exitCode: Int32 { 2 }

    public var kind: String {
        switch self {
        case .unknownCandidate, .noCandidateForEmail: "unknown_candidate"
        case .keyFile, .wrongKey: "key"
        case .database: "database"
        case .legalHold: "legal_hold"
        case .unknownPurpose, .unknownCategory, .unknownRequest: "usage"
        }
    }

    public var description: String {
        switch self {
        case .unknownCandidate(let code): "\(code): no such candidate in the vault (see `cvsieve candidates`)"
        case .noCandidateForEmail: "vault: no candidate has that e-mail address"
        case .keyFile(let path, let reason): "\(path): \(reason)"
        case .wrongKey(let path):
            "\(path): this key does not open the vault's data keys (was the key file replaced? restore it from backup)"
        case .database(let path, let operation, let code):
            "\(path): \(operation) failed (SQLite result code \(code)); the vault was left unchanged"
        case .legalHold(let code): "\(code): under a legal hold; release it first (`cvsieve subject release`)"
        case .unknownPurpose(let name): "pipeline.yml: no purpose named '\(name)'"
        case .unknownCategory(let name): "vault: '\(name)' is not a category (name, email, phone, …)"
        case .unknownRequest(let id): "vault: no open request #\(id) (see `cvsieve requests`)"
        }
    }
}
