import Foundation

/// Where a PostgreSQL vault lives and how to reach it: `postgres://USER@HOST:PORT/DATABASE`
/// with optional `?sslmode=disable|require|verify-ca|verify-full&sslrootcert=FILE&schema=NAME`.
/// The password never comes from the URL (pipeline.yml is not a secret): it is handed in from
/// the environment or a file by the caller.
public struct PostgresSettings: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP (a private server on loopback).
        case disable
        /// Encrypted, the server's certificate not checked (libpq's `require`).
        case require
        /// Encrypted, the certificate checked against `sslrootcert` (or the system's roots).
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// The schema the vault's tables live in (one server, several vaults); `public` if unset.
    public var schema: String?
    public var tls: TLSMode
    public var rootCertificate: String?
    public var password: String?
    /// Connections this process opens at most (the web app's concurrent requests share them).
    public var maxConnections: Int

    public init(
        host: String, port: Int = 5432, user: String, database: String, schema: String? = nil,
        tls: TLSMode = .disable, rootCertificate: String? = nil, password: String? = nil, maxConnections: Int = 4
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.schema = schema
        self.tls = tls
        self.rootCertificate = rootCertificate
        self.password = password
        self.maxConnections = maxConnections
    }

    /// Reads `url`; `password` comes from elsewhere (the environment or `password_file`).
    public init(url: String, password: String?) throws(VaultError) {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
            let host = components.host, !host.isEmpty
        else {
            throw .settings("url must look like postgres://USER@HOST:PORT/DATABASE")
        }
        if components.password != nil {
            throw .settings(
                "the url holds a password; remove it and give it in CVSIEVE_PG_PASSWORD or vault.password_file")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .settings("the url names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .settings("the url names no database (postgres://USER@HOST/DATABASE)")
        }
        self.init(host: host, port: components.port ?? 5432, user: user, database: database, password: password)
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                if value == "prefer" || value == "allow" {
                    throw .settings("sslmode=\(value) may fall back to plain text; use disable, require or verify-full")
                }
                guard let mode = TLSMode(rawValue: value) else {
                    throw .settings("sslmode must be disable, require, verify-ca or verify-full, not '\(value)'")
                }
                tls = mode
            case "sslrootcert": rootCertificate = value
            case "schema":
                guard value.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
                    throw .settings("schema must be a lower-case SQL name (letters, digits, _), not '\(value)'")
                }
                schema = value
            case "pool":
                guard let size = Int(value), (1...64).contains(size) else {
                    throw .settings("pool must be a number of connections from 1 to 64")
                }
                maxConnections = size
            default:
                throw .settings("unknown url parameter '\(item.name)' (sslmode, sslrootcert, schema, pool)")
            }
        }
    }

    /// The url without a password, for messages and the log.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }
}
