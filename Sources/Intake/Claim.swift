public import CVModel
import Crypto
public import Foundation

extension ChannelRef {
    /// The SHA-256 (hex) of a folder's name: how an unconfigured folder is known.
    static func nameHash(_ name: String) -> String {
        SHA256.hash(data: Data(name.utf8)).lowercaseHex
    }
}

/// A file taken from the inbox: known everywhere by its claim id.
public struct Claim: Sendable, Hashable {
    /// The claim id, the only name intake output ever shows.
    public var id: String
    public var channel: ChannelRef
    /// The name the recruiter dropped, in memory only: detection may use it as evidence and a
    /// terminal may show it in `run`'s live progress line; it is never written anywhere. `nil`
    /// for a file a crashed run left behind.
    public var droppedName: String?
    /// Where the file is while it is processed.
    public var workPath: String
    /// Where it came from, in memory only, to put it back when the batch stops (a full disk).
    var sourcePath: String?
    /// How many times a worker had this file in hand before (a crash or kill while in hand).
    public var attempts: Int
    /// Claimed straight into a worker's hands: the journal counts this attempt already, and the
    /// next ``Inbox/markInHand(_:)`` only notes that it began.
    var isClaimedInHand = false

    /// The journal beside the claimed file: no name, only what a restart needs.
    struct Record: Codable {
        var channel: ChannelRef
        var attempts: Int
        var isInHand: Bool
        var `extension`: String?
    }

    var recordPath: String { workPath + ".claim" }

    /// A lower-case extension of at most five letters or digits (`pdf`, `docx`), kept so a retried
    /// file keeps its type; anything else is dropped rather than written.
    static func safeExtension(of name: String?) -> String? {
        guard let name, let dot = name.lastIndex(of: ".") else { return nil }
        let candidate = name[name.index(after: dot)...].lowercased()
        guard (1...5).contains(candidate.count), candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return candidate
    }

    static func newID() -> String {
        "k" + UUID().uuidString.lowercased().filter { $0 != "-" }.prefix(15)
    }
}
