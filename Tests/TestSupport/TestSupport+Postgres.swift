public import Foundation

/// The PostgreSQL server the tests use: `CVSIEVE_PG_URL` and `CVSIEVE_PG_PASSWORD_FILE` when
/// set, else the private cluster `make postgres` starts (`var/pg/url`, `var/pg/password`).
/// `make test` starts that cluster first, so the PostgreSQL tests always run there; without a
/// server they fail with this error rather than pass without looking.
public struct TestPostgres: Sendable {
    public let url: String
    public let password: String

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String {
            "no PostgreSQL server for the tests: run `make postgres` (or set CVSIEVE_PG_URL and "
                + "CVSIEVE_PG_PASSWORD_FILE)"
        }
    }

    public static func server() throws -> TestPostgres {
        let environment = ProcessInfo.processInfo.environment
        let folder = TestSupport.packageRoot.appendingPathComponent("var/pg")
        let url =
            environment["CVSIEVE_PG_URL"]
            ?? (try? String(contentsOf: folder.appendingPathComponent("url"), encoding: .utf8))
        let passwordFile = environment["CVSIEVE_PG_PASSWORD_FILE"] ?? folder.appendingPathComponent("password").path
        guard let url = url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty,
            let password = try? String(contentsOfFile: passwordFile, encoding: .utf8)
        else { throw Unavailable() }
        return TestPostgres(url: url, password: password.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A fresh schema name for one test's vault.
    public static func schemaName() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }
}
