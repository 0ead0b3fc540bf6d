public import CVModel
import Glibc

/// Why a vault operation failed. Cases carry codes, tables and paths, never a personal value;
/// GRDB's own errors (which can print row values) are caught and reduced to their result code.
public enum VaultError: ReportableError, Equatable {
    case unknownCandidate(code: String)
    case noCandidateForEmail
    case keyFile(path: String, reason: String)
    case wrongKey(path: String)
    case database(path: String, operation: String, resultCode: Int32)
    /// PostgreSQL refused a statement: its SQLSTATE, never the statement's arguments.
    case server(location: String, operation: String, sqlState: String)
    /// The PostgreSQL server could not be reached or dropped the connection: try again.
    case unreachable(location: String, operation: String, reason: String)
    /// `vault:` in pipeline.yml (backend, url, password) cannot be used as written.
    case settings(String)
    /// SQLITE_FULL or ENOSPC: nothing was written; free space and run again.
    case diskFull(path: String, operation: String)
    /// Another process holds the database (SQLITE_BUSY/LOCKED past the busy timeout).
    case busy(path: String, operation: String)
    case legalHold(code: String)
    case unknownPurpose(String)
    case unknownCategory(String)
    case unknownRequest(Int64)
    /// Account names are the agency's staff's log-in names, typed by an admin: not candidate data.
    case unknownAccount(String)
    case accountExists(String)
    /// A recorded event's day that cannot be: still to come, or before what it ends.
    case eventDate(code: String, reason: String)
    /// The server's answer to several reads sent as one statement (JSON rows) did not parse.
    case malformedAnswer(location: String, operation: String)

    public var exitCode: Int32 { 2 }

    public var kind: String {
        switch self {
        case .unknownCandidate, .noCandidateForEmail: "unknown_candidate"
        case .keyFile, .wrongKey: "key"
        case .database, .server, .malformedAnswer: "database"
        case .unreachable: "unreachable"
        case .settings: "config"
        case .diskFull: "disk_full"
        case .busy: "busy"
        case .legalHold: "legal_hold"
        case .unknownPurpose, .unknownCategory, .unknownRequest, .unknownAccount, .accountExists, .eventDate: "usage"
        }
    }

    /// Whether the failure is the machine's, not the document's: the file should wait and be
    /// tried again rather than be quarantined.
    public var isTransient: Bool {
        switch self {
        case .diskFull, .busy, .database, .server, .unreachable: true
        default: false
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
        case .server(let location, let operation, let state):
            "\(location): \(operation) failed (PostgreSQL SQLSTATE \(state)); the transaction was rolled back"
        case .malformedAnswer(let location, let operation):
            "\(location): \(operation) failed: the server's answer could not be read (not the JSON rows asked "
                + "for; is something between cvsieve and PostgreSQL altering answers?); the transaction was rolled back"
        case .unreachable(let location, let operation, let reason):
            "\(location): \(operation) failed: \(reason); check that the server runs (`make postgres` for the "
                + "private one) and try again"
        case .settings(let reason): "pipeline.yml: vault: \(reason)"
        case .diskFull(let path, let operation):
            "\(path): \(operation) failed: the disk is full; nothing was written: free space and run again"
        case .busy(let path, let operation):
            "\(path): \(operation) failed: another cvsieve process kept the vault busy; try again"
        case .legalHold(let code): "\(code): under a legal hold; release it first (`cvsieve subject release`)"
        case .unknownPurpose(let name): "pipeline.yml: no purpose named '\(name)'"
        case .unknownCategory(let name): "vault: '\(name)' is not a category (name, email, phone, …)"
        case .unknownRequest(let id): "vault: no open request #\(id) (see `cvsieve requests`)"
        case .unknownAccount(let name): "\(name): no such account (see `cvsieve user list`)"
        case .accountExists(let name): "\(name): an account with this name exists already"
        case .eventDate(let code, let reason): "\(code): \(reason)"
        }
    }

    /// A short text for an errno, without any path or value in it.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "read-only file system"
        default: "errno \(code)"
        }
    }
}
