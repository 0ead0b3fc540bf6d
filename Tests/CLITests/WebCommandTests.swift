import Foundation
import Glibc
import TestSupport
import Testing

/// `cvsieve user …` and `cvsieve serve` as real processes (fictional log-in names only).
@Suite(.serialized) struct WebCommandTests {
    static let password = "a fictional passphrase"

    /// Runs the built `cvsieve` with `input` on standard input (through the shell: the helper's
    /// stdin is /dev/null).
    static func cvsieve(_ arguments: [String], input: String, in folder: URL) throws -> ProcessResult {
        let quoted = ([TestSupport.cvsieveBinary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        return try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' '\(input)' | \(quoted)"], in: folder)
    }

    @Test("user add reads the password from stdin, refuses weak ones and bad names; list and disable; audit by id")
    func userCommands() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            let added = try Self.cvsieve(
                ["user", "add", "recruiter1", "--role", "recruiter", "--config", config], input: Self.password,
                in: folder)
            #expect(added.status == 0)
            #expect(added.stdout == "account 1 recruiter1 (recruiter) added\n")
            for (arguments, input, message) in [
                (["user", "add", "r2", "--role", "recruiter"], "short", "error: password: at least 12 characters"),
                (["user", "add", "Jan Smit", "--role", "admin"], Self.password, "error: account name:"),
                (["user", "add", "recruiter1", "--role", "admin"], Self.password, "exists already"),
                (["user", "add", "r3", "--role", "boss"], Self.password, "--role must be"),
            ] {
                let refused = try Self.cvsieve(arguments + ["--config", config], input: input, in: folder)
                #expect(refused.status == 2, "\(arguments[2])")
                #expect(refused.stderr.contains(message), "\(arguments[2])")
            }
            let list = try TestSupport.cvsieve(["user", "list", "--json", "--config", config])
            #expect(list.status == 0)
            #expect(list.stdout.contains("\"name\" : \"recruiter1\"") && !list.stdout.contains("$2"))
            let disabled = try TestSupport.cvsieve(["user", "disable", "recruiter1", "--config", config])
            #expect(disabled.status == 0)
            #expect(try TestSupport.cvsieve(["user", "list", "--config", config]).stdout.contains("disabled"))
            #expect(try TestSupport.cvsieve(["user", "disable", "nobody", "--config", config]).status == 2)
            let audit = try TestSupport.cvsieve(["audit", "show", "--config", config])
            #expect(audit.stdout.contains("account-add") && audit.stdout.contains("account-disable"))
            #expect(!audit.stdout.contains("recruiter1"))
        }
    }

    @Test("serve listens on loopback, answers with the security headers, and stops cleanly on SIGTERM")
    func serveStopsOnSIGTERM() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            let port = 18_000 + Int(getpid() % 2000)
            let log = folder.appendingPathComponent("serve.log")
            let server = try TestSupport.start(
                TestSupport.cvsieveBinary, ["serve", "--listen", "127.0.0.1:\(port)", "--config", config], in: folder,
                log: log)
            defer { TestSupport.endNow(server) }
            var response: ProcessResult?
            for _ in 0..<100 {
                let attempt = try TestSupport.run(
                    "/usr/bin/curl", ["-s", "-i", "http://127.0.0.1:\(port)/kandidaten"], timeout: .seconds(10))
                if attempt.status == 0 {
                    response = attempt
                    break
                }
                usleep(100_000)
            }
            let head = try #require(response).stdout
            #expect(head.hasPrefix("HTTP/1.1 303"))
            #expect(head.contains("Location: /login"))
            #expect(head.contains("Cache-Control: no-store"))
            #expect(head.contains("Content-Security-Policy: default-src 'none'"))
            kill(server.processIdentifier, SIGTERM)
            try TestSupport.waitForExit(server, timeout: .seconds(30))
            #expect(server.exitStatus == 0)
            let output = try String(contentsOf: log, encoding: .utf8)
            #expect(output.contains("listening on http://127.0.0.1:\(port)"))
            #expect(output.contains("cvsieve serve: stopped"))
        }
    }
}
