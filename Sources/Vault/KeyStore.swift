import Crypto
import Foundation
import Glibc

/// The master key and what derives from it.
///
/// Personal values are sealed with AES-GCM under a per-candidate data key; each data key is
/// sealed under the master key. Erasing a candidate destroys their wrapped data key, after which
/// no copy of their values (in backups, free pages or the WAL) can be opened (crypto-shredding).
/// Identity look-ups (same e-mail, same phone) use HMAC-SHA256 under a key derived from the
/// master key, so the vault never holds a plain e-mail address to search.
struct KeyStore: Sendable {
    // Raw bytes: swift-crypto's SymmetricKey is not Sendable on this platform; keys are rebuilt per use.
    private let masterBytes: Data
    private let identityBytes: Data

    var master: SymmetricKey { SymmetricKey(data: masterBytes) }
    var identityKey: SymmetricKey { SymmetricKey(data: identityBytes) }

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
            guard data.count == 32 else { throw .keyFile(path: path, reason: "a key file must hold exactly 32 bytes") }
            return KeyStore(master: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .keyFile(path: folder, reason: "cannot create the data folder")
        }
        // O_EXCL: never overwrite a key another process just created. O_CLOEXEC: no child inherits it.
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .keyFile(path: path, reason: "cannot create the key file (errno \(errno))") }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == 32, fsync(descriptor) == 0 else {
            throw .keyFile(path: path, reason: "cannot write the key file")
        }
        return KeyStore(master: key)
    }

    init(master: SymmetricKey) {
        masterBytes = master.withUnsafeBytes { Data($0) }
        let identity = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("cvsieve identity lookup v1".utf8), outputByteCount: 32)
        identityBytes = identity.withUnsafeBytes { Data($0) }
    }

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

    // MARK: - Values

    /// A value sealed under a candidate's data key, bound to its row's meaning (code and category),
    /// so a ciphertext moved to another row does not open.
    static func seal(_ value: String, key: SymmetricKey, context: String) throws -> Data {
        try AES.GCM.seal(Data(value.utf8), using: key, authenticating: Data(context.utf8)).combined ?? Data()
    }

    static func open(_ sealed: Data, key: SymmetricKey, context: String) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return String(decoding: try AES.GCM.open(box, using: key, authenticating: Data(context.utf8)), as: UTF8.self)
    }

    /// HMAC of a normalised identifier (`email:…`, `phone:…`), hex.
    func identityHash(_ normalised: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: identityKey)).map {
            String(format: "%02x", $0)
        }.joined()
    }
}

/// Normalised forms of identifiers used to recognise a returning candidate.
enum IdentityKey {
    static func email(_ text: String) -> String { "email:" + text.lowercased().filter { !$0.isWhitespace } }

    /// The last nine digits: the Dutch national number whatever the writing (`+31 6 …`, `06-…`).
    static func phone(_ text: String) -> String { "phone:" + String(text.filter(\.isNumber).suffix(9)) }
}
