import CVModel
import Crypto
import Foundation
import Glibc

/// The master key and what derives from it.
///
/// Personal values, career facts, client names and kept originals are sealed with AES-GCM under
/// a per-candidate data key; each data key is sealed under the master key. Erasing a candidate
/// destroys their wrapped data key, after which no copy of their data (in backups, free pages or
/// the WAL) can be opened (crypto-shredding).
///
/// Keys derived from the master key (HKDF-SHA256, one `info` string each):
/// - the identity key: HMAC of a normalised e-mail or phone, to recognise a returning candidate;
/// - the value key: HMAC of candidate, category and value, to keep one row per distinct value
///   without letting a stolen file show which candidates share a value;
/// - the audit key: the MAC chaining the audit log, so a chain cannot be recomputed without it;
/// - the recipient key: the HMAC under which a client's name reaches the audit log;
/// - the quasi-identifier key: the HMAC of a candidate's profile quasi-identifiers, so that
///   candidates who look alike to a client can be counted without storing what they share.
struct KeyStore: Sendable {
    // Raw bytes: swift-crypto's SymmetricKey is not Sendable on this platform; keys are rebuilt per use.
    private let masterBytes: Data
    private let identityBytes: Data
    private let valueBytes: Data
    private let auditBytes: Data
    private let recipientBytes: Data
    private let quasiBytes: Data

    var master: SymmetricKey { SymmetricKey(data: masterBytes) }
    var identityKey: SymmetricKey { SymmetricKey(data: identityBytes) }
    var auditKey: SymmetricKey { SymmetricKey(data: auditBytes) }

    /// Reads the key from `CVSIEVE_MASTER_KEY` (base64, 32 bytes) or from `path`, creating the file
    /// with mode 0600 on first use.
    static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(VaultError)
        -> KeyStore
    {
        if let encoded = environment["CVSIEVE_MASTER_KEY"] {
            guard let data = Data(base64Encoded: encoded), data.count == 32 else {
                throw .keyFile(path: "CVSIEVE_MASTER_KEY", reason: "must be 32 bytes in base64")
            }
            return KeyStore(master: SymmetricKey(data: data))
        }
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count == 32 else {
                throw .keyFile(
                    path: path,
                    reason: "a key file must hold exactly 32 bytes (it holds \(data.count)); restore it from backup")
            }
            return KeyStore(master: SymmetricKey(data: data))
        }
        return KeyStore(master: try create(at: path))
    }

    /// Writes a new random key to a temporary file, syncs it, and links it into place: a full disk
    /// or a crash leaves either no key file or a whole one, never an empty one, and a key another
    /// process created first is never overwritten (link fails with EEXIST; that key is used).
    private static func create(at path: String) throws(VaultError) -> SymmetricKey {
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFile(path: folder, reason: "cannot create the data folder")
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .keyFile(path: path, reason: "cannot create the key file (\(VaultError.describe(errno: errno)))")
        }
        defer { unlink(temporary) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = written == 32 && fsync(descriptor) == 0
        let writeError = errno
        close(descriptor)
        guard synced else {
            throw .keyFile(
                path: path,
                reason: "cannot write the key file (\(VaultError.describe(errno: writeError))); nothing was written")
        }
        if link(temporary, path) != 0 {
            let linkError = errno
            if linkError == EEXIST, let existing = FileManager.default.contents(atPath: path), existing.count == 32 {
                return SymmetricKey(data: existing)
            }
            throw .keyFile(path: path, reason: "cannot create the key file (\(VaultError.describe(errno: linkError)))")
        }
        let directory = Glibc.open(folder, O_RDONLY | O_DIRECTORY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return key
    }

    init(master: SymmetricKey) {
        masterBytes = master.withUnsafeBytes { Data($0) }
        func derive(_ info: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(info.utf8), outputByteCount: 32)
                .withUnsafeBytes { Data($0) }
        }
        identityBytes = derive("cvsieve identity lookup v1")
        valueBytes = derive("cvsieve value hash v2")
        auditBytes = derive("cvsieve audit chain v2")
        recipientBytes = derive("cvsieve recipient v1")
        quasiBytes = derive("cvsieve quasi identifiers v1")
        check = Self.hex("cvsieve master key check", key: SymmetricKey(data: auditBytes))
    }

    /// The key's check value: an HMAC of a fixed text, kept in the vault (`vault_meta`) so a
    /// process with another key is refused before it seals anything.
    let check: String

    // MARK: - Data keys

    func newDataKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// The data key sealed under the master key, bound to the candidate code.
    func wrap(_ dataKey: SymmetricKey, for code: String) throws -> Data {
        let plain = dataKey.withUnsafeBytes { Data($0) }
        return try AES.GCM.seal(plain, using: master, authenticating: Data("dek:\(code)".utf8)).combined ?? Data()
    }

    func unwrap(_ wrapped: Data, for code: String) throws -> SymmetricKey {
        let box = try AES.GCM.SealedBox(combined: wrapped)
        return SymmetricKey(data: try AES.GCM.open(box, using: master, authenticating: Data("dek:\(code)".utf8)))
    }

    // MARK: - Sealing

    /// Bytes sealed under a candidate's data key, bound to their row's meaning (`context`: code
    /// and category), so a ciphertext moved to another row does not open. The plaintext is padded
    /// to a size bucket first (``Padding``): the sealed length no longer tells a value's length.
    static func seal(_ bytes: Data, key: SymmetricKey, context: String) throws -> Data {
        try AES.GCM.seal(Padding.pad(bytes), using: key, authenticating: Data("v2|\(context)".utf8)).combined ?? Data()
    }

    static func seal(_ value: String, key: SymmetricKey, context: String) throws -> Data {
        try seal(Data(value.utf8), key: key, context: context)
    }

    static func openBytes(_ sealed: Data, key: SymmetricKey, context: String) throws -> Data {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return try Padding.unpad(try AES.GCM.open(box, using: key, authenticating: Data("v2|\(context)".utf8)))
    }

    static func open(_ sealed: Data, key: SymmetricKey, context: String) throws -> String {
        String(decoding: try openBytes(sealed, key: key, context: context), as: UTF8.self)
    }

    /// Opens a value sealed by the first vault format (no padding, context without `v2|`); only
    /// the migration to the current format uses it.
    static func openLegacy(_ sealed: Data, key: SymmetricKey, context: String) throws -> Data {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
    }

    // MARK: - Keyed hashes

    /// HMAC of a normalised identifier (`email:…`, `phone:…`), hex: the one hash meant to link
    /// documents of one person across the vault.
    func identityHash(_ normalised: String) -> String { Self.hex(normalised, key: identityKey) }

    /// HMAC of one stored value, bound to its candidate: equal values of two candidates hash apart.
    func valueHash(code: String, category: String, value: String) -> String {
        Self.hex("\(code)\u{1F}\(category)\u{1F}\(value.lowercased())", key: SymmetricKey(data: valueBytes))
    }

    /// The name a client is known by in the audit log: an HMAC, the same for every disclosure to
    /// that client, that says nothing without the master key.
    func recipientHash(_ client: String) -> String {
        String(Self.hex(client.lowercased(), key: SymmetricKey(data: recipientBytes)).prefix(16))
    }

    /// The key under which candidates sharing quasi-identifiers are counted: equal for equal
    /// ``CVModel/QuasiIdentifiers`` across the vault (unlike a value hash, which is per candidate),
    /// and useless without the master key to anyone guessing regions and job titles.
    func quasiKey(_ identifiers: QuasiIdentifiers) -> String {
        Self.hex(identifiers.canonical, key: SymmetricKey(data: quasiBytes))
    }

    static func hex(_ text: String, key: SymmetricKey) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).lowercaseHex
    }
}

/// Size buckets for sealed plaintexts (ISO/IEC 7816-4 padding: 0x80, then zeros): at least 32
/// bytes, the next power of two up to 4 KiB, then whole 4 KiB pages.
enum Padding {
    static func bucket(for count: Int) -> Int {
        let needed = count + 1
        if needed <= 32 { return 32 }
        if needed <= 4096 { return 1 << (Int.bitWidth - (needed - 1).leadingZeroBitCount) }
        return (needed + 4095) / 4096 * 4096
    }

    static func pad(_ bytes: Data) -> Data {
        var padded = bytes
        padded.append(0x80)
        padded.append(Data(count: bucket(for: bytes.count) - padded.count))
        return padded
    }

    struct Malformed: Error {}

    static func unpad(_ padded: Data) throws -> Data {
        guard let marker = padded.lastIndex(where: { $0 != 0 }), padded[marker] == 0x80 else { throw Malformed() }
        return padded.prefix(upTo: marker)
    }
}

/// Normalised forms of identifiers used to recognise a returning candidate.
enum IdentityKey {
    static func email(_ text: String) -> String { "email:" + text.lowercased().filter { !$0.isWhitespace } }

    /// ``CVModel/PhoneKey``: the Dutch national number whatever the writing (`+31 6 …`, `06-…`).
    static func phone(_ text: String) -> String { "phone:" + PhoneKey.of(text) }
}
