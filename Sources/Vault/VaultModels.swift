public import CVModel
public import Foundation

/// A pseudonymous candidate code: random, never derived from the person or the file.
public enum CandidateCode {
    /// Letters and digits that cannot spell words or be misread (no vowels, no 0/1/O/I/L).
    static let alphabet = Array("BCDFGHJKMNPQRSTVWXZ23456789")

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return "C-" + String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    /// Whether `text` has a code's shape (`C-XXXX-XXXX` from ``alphabet``): only such a text
    /// becomes part of a file name.
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "C" && parts[1].count == 4 && parts[2].count == 4
            && (parts[1] + parts[2]).allSatisfy { alphabet.contains($0) }
    }
}

/// What `store` did with one document.
public enum StoreOutcome: Sendable, Equatable {
    case stored(code: String, isNewCandidate: Bool, values: Int)
    /// The same content was stored before (SHA-256): nothing changed.
    case duplicate(code: String)
}

/// One document's identity as the vault records it.
/// A candidate's decrypted values and career facts (by purpose).
public struct CandidateContents: Sendable {
    public var values: [StoredValue]
    public var career: [String: CareerFacts]
}

/// One processed document to store, in a batch stored in one transaction
/// (``Vault/store(batch:actor:)``).
public struct StoreRequest: Sendable {
    public var record: MinimalRecord
    public var document: DocumentInfo

    public init(record: MinimalRecord, document: DocumentInfo) {
        self.record = record
        self.document = document
    }
}

public struct DocumentInfo: Sendable {
    public var sha256: String
    public var channel: String?
    public var receivedAt: Date
    /// The original file, when the policy keeps it (`originals.keep` > 0): stored sealed under the
    /// candidate's data key in the same transaction, so it goes with an erasure.
    public var original: KeptOriginal?

    public init(sha256: String, channel: String?, receivedAt: Date, original: KeptOriginal? = nil) {
        self.sha256 = sha256
        self.channel = channel
        self.receivedAt = receivedAt
        self.original = original
    }
}

/// An original file kept until a date.
public struct KeptOriginal: Sendable {
    public var bytes: Data
    public var retainUntil: Date

    public init(bytes: Data, retainUntil: Date) {
        self.bytes = bytes
        self.retainUntil = retainUntil
    }
}
