public import CVModel
import Glibc

/// Why intake could not start or could not finish a step. Cases name folders cvsieve owns and
/// quarantine ids, never a dropped file's name or a channel folder's name.
public enum IntakeError: ReportableError, Equatable {
    /// Another `run` or `watch` holds `data/intake.lock`.
    case locked(path: String)
    /// Neither a rename nor a copy could take a file out of the inbox into a work folder.
    case cannotClaim(inbox: String, reason: String)
    case noSuchQuarantineEntry(id: String)
    case malformedQuarantineEntry(id: String)
    case channelGone(id: String)
    case retryFailed(id: String, reason: String)
    case diskFull(path: String)

    public var exitCode: Int32 { 2 }

    public var kind: String {
        switch self {
        case .locked: "locked"
        case .cannotClaim: "cannot_claim"
        case .noSuchQuarantineEntry, .malformedQuarantineEntry, .channelGone: "usage"
        case .retryFailed: "retry_failed"
        case .diskFull: "disk_full"
        }
    }

    public var description: String {
        switch self {
        case .locked(let path):
            "\(path): another `cvsieve run` or `cvsieve watch` is taking files from this inbox; "
                + "wait for it to finish (or stop the daemon) and try again"
        case .cannotClaim(let inbox, let reason):
            "\(inbox): files cannot be claimed from the inbox (\(reason)); give cvsieve write access to the "
                + "inbox folder, or put `data` on the inbox's file system"
        case .noSuchQuarantineEntry(let id):
            "\(id): no such quarantine entry (see `cvsieve status`)"
        case .malformedQuarantineEntry(let id):
            "\(id): this quarantine entry has no readable reason.json (written by an older cvsieve or edited); "
                + "move its file back into the inbox by hand"
        case .channelGone(let id):
            "\(id): the channel folder this file came from no longer exists in the inbox; create it again, "
                + "or move the file by hand"
        case .retryFailed(let id, let reason):
            "\(id): the file could not be put back into the inbox (\(reason))"
        case .diskFull(let path):
            "\(path): the disk is full; nothing was lost: free space and run again"
        }
    }

    /// A short text for an errno, without any path or name in it.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "read-only file system"
        case EXDEV: "on another file system"
        default: "errno \(code)"
        }
    }
}
