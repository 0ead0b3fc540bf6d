import Foundation
import Pipeline
import TestSupport
import Testing
import Vault

/// `vault:` in pipeline.yml: where the PostgreSQL password may come from, and what is refused.
@Suite struct VaultSettingsTests {
    /// A configuration naming a PostgreSQL server and `passwordFile`.
    static func config(passwordFile: String) throws -> PipelineConfig {
        try PipelineConfig.parse(
            """
            vault:
              backend: postgres
              url: postgres://cvsieve@127.0.0.1:5432/cvsieve?sslmode=disable
              password_file: \(passwordFile)
            """, file: "/srv/cvsieve/pipeline.yml")
    }

    /// The password file's settings error, or `nil` when the settings were accepted.
    static func refusal(_ config: PipelineConfig) -> String? {
        do {
            _ = try config.vault.postgres()
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a password file others may read is refused, saying how to fix it and not what it holds")
    func readableByOthers() throws {
        // The environment's password wins over the file; with it set the file is never read.
        guard ProcessInfo.processInfo.environment["CVSIEVE_PG_PASSWORD"] == nil else { return }
        try TestSupport.withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("pg-password")
            let password = "fictional-secret-\(UUID().uuidString.prefix(8))"
            FileManager.default.createFile(
                atPath: file.path, contents: Data((password + "\n").utf8), attributes: [.posixPermissions: 0o644])
            let refusal = try #require(Self.refusal(try Self.config(passwordFile: file.path)))
            #expect(refusal.contains("may be read by others"))
            #expect(refusal.contains("chmod 600"))
            #expect(!refusal.contains(password))

            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            let settings = try Self.config(passwordFile: file.path).vault.postgres()
            #expect(settings.password == password)
            #expect(!settings.description.contains(password))
        }
    }

    @Test("a password file that is not there is named in the error")
    func missing() throws {
        guard ProcessInfo.processInfo.environment["CVSIEVE_PG_PASSWORD"] == nil else { return }
        let refusal = try #require(Self.refusal(try Self.config(passwordFile: "/nonexistent/pg-password")))
        #expect(refusal.contains("/nonexistent/pg-password cannot be read"))
    }

    @Test("url without backend postgres is an error that says what it is for")
    func onlyForPostgres() {
        do {
            _ = try PipelineConfig.parse(
                """
                vault:
                  backend: sqlite
                  url: postgres://cvsieve@127.0.0.1/cvsieve
                """, file: "pipeline.yml")
            Issue.record("a url with backend sqlite was accepted")
        } catch {
            #expect("\(error)".contains("are for backend: postgres"))
        }
    }
}
