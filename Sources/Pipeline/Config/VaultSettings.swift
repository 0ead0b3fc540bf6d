import Foundation
import Glibc
public import Vault

/// `vault:` — where the vault lives. SQLite (the default, nothing to install) keeps it in
/// `data/vault.sqlite`; PostgreSQL shares one database among every cvsieve process of the
/// agency. The password is never in pipeline.yml: it comes from `CVSIEVE_PG_PASSWORD` or from
/// `password_file` (readable by its owner only).
public struct VaultSettings: Sendable, Equatable {
    static let keys: Set<String> = ["backend", "url", "password_file", "anchor"]

    public var backend: VaultBackend = .sqlite
    /// `postgres://USER@HOST:PORT/DATABASE[?sslmode=…&sslrootcert=…&schema=…&pool=…]`.
    public var url: String?
    /// A file holding the PostgreSQL password (resolved against pipeline.yml's folder).
    public var passwordFile: String?
    /// The audit anchor file; with PostgreSQL on several machines, a path every one of them
    /// shares (default: `data/audit.anchor`).
    public var anchor: String?

    public init() {}

    static func parse(_ section: ConfigReader.Mapping, reader: ConfigReader, resolve: (String) -> String)
        -> VaultSettings
    {
        var settings = VaultSettings()
        if let text = reader.string(section["backend"], path: "vault.backend") {
            if let backend = VaultBackend(rawValue: text) {
                settings.backend = backend
            } else {
                reader.error("vault.backend must be sqlite or postgres", at: section["backend"])
            }
        }
        settings.url = reader.string(section["url"], path: "vault.url")
        settings.passwordFile = reader.string(section["password_file"], path: "vault.password_file").map(resolve)
        settings.anchor = reader.string(section["anchor"], path: "vault.anchor").map(resolve)
        switch settings.backend {
        case .postgres:
            if let url = settings.url {
                do {
                    _ = try PostgresSettings(url: url, password: nil)
                } catch {
                    reader.error(
                        error.description.replacingOccurrences(of: "pipeline.yml: ", with: ""), at: section["url"])
                }
            } else {
                reader.error(
                    "vault.backend postgres needs vault.url (postgres://USER@HOST:PORT/DATABASE)", at: section.node)
            }
        case .sqlite:
            if settings.url != nil || settings.passwordFile != nil {
                reader.error("vault.url and vault.password_file are for backend: postgres", at: section["url"])
            }
        }
        return settings
    }

    /// The PostgreSQL settings with the password: `CVSIEVE_PG_PASSWORD`, else `password_file`
    /// (refused when others may read it), else none (a server that trusts this host).
    public func postgres() throws(VaultError) -> PostgresSettings {
        guard let url else { throw .settings("backend postgres needs url") }
        var password = ProcessInfo.processInfo.environment["CVSIEVE_PG_PASSWORD"]
        if password == nil, let passwordFile {
            var info = stat()
            guard stat(passwordFile, &info) == 0, let text = try? String(contentsOfFile: passwordFile, encoding: .utf8)
            else {
                throw .settings("password_file \(passwordFile) cannot be read")
            }
            guard info.st_mode & 0o077 == 0 else {
                throw .settings(
                    "password_file \(passwordFile) may be read by others; make it readable by its owner only "
                        + "(chmod 600)")
            }
            password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return try PostgresSettings(url: url, password: password)
    }
}
