import CVModel
import Dispatch
import Foundation
import Minimisation
import TestSupport
import Testing

@testable import Vault

/// What only the shared backend has: its URL rules, TLS, passwords, and several processes (here:
/// several vault instances, each with its own connections) writing one database at once.
@Suite struct PostgresVaultTests {
    static func settings(_ query: String = "") throws -> PostgresSettings {
        let server = try TestPostgres.server()
        var settings = try PostgresSettings(url: server.url + query, password: server.password)
        settings.schema = TestPostgres.schemaName()
        return settings
    }

    static func open(_ settings: PostgresSettings, _ folder: URL) throws -> SQLVault {
        try SQLVault(
            postgres: settings, keyPath: folder.appendingPathComponent("master.key").path,
            anchorPath: folder.appendingPathComponent("audit.anchor").path, retention: RetentionCalculator.retainUntil)
    }

    /// A new vault in a schema of its own, dropped afterwards; `another()` opens one more instance
    /// of it (its own pool of connections, as another process on another machine).
    static func withNewVault(_ body: (SQLVault, _ another: () throws -> SQLVault) throws -> Void) throws {
        let settings = try settings()
        try TestSupport.withTemporaryDirectory { folder in
            let vault = try open(settings, folder)
            defer { try? dropSchema(vault) }
            try body(vault) { try open(settings, folder) }
        }
    }

    @Test("the url: a password, an unknown parameter, a plain-text fallback or a bad schema name is refused")
    func urlRules() throws {
        let good = try PostgresSettings(
            url: "postgres://cvsieve@db.example:6432/vault?sslmode=verify-full&sslrootcert=/etc/ca.pem&schema=branch_2",
            password: "not-in-the-url")
        #expect(good.host == "db.example" && good.port == 6432 && good.database == "vault")
        #expect(good.tls == .verifyFull && good.rootCertificate == "/etc/ca.pem" && good.schema == "branch_2")
        #expect(!good.description.contains("not-in-the-url"))
        for bad in [
            "postgres://cvsieve:secret@db.example/vault", "postgres://db.example/vault",
            "postgres://cvsieve@db.example/",
            "mysql://cvsieve@db.example/vault", "postgres://cvsieve@db.example/vault?sslmode=prefer",
            "postgres://cvsieve@db.example/vault?schema=Robert');DROP", "postgres://cvsieve@db.example/vault?timeout=3",
        ] {
            #expect(throws: VaultError.self, "\(bad.prefix(40))") { try PostgresSettings(url: bad, password: nil) }
        }
    }

    @Test("TLS: verify-full against the server's certificate works; without that root it is refused")
    func tls() throws {
        let certificate = TestSupport.packageRoot.appendingPathComponent("var/pg/server.crt").path
        try TestSupport.withTemporaryDirectory { folder in
            let verified = try Self.settings("?sslmode=verify-full&sslrootcert=\(certificate)")
            let vault = try Self.open(verified, folder)
            defer { try? dropSchema(vault) }
            let code = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: Date())
            #expect(try vault.values(of: code).count == 4)
            let session = try vault.read("test") { db in
                try db.fetchScalar(Bool.self, sql: "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            }
            #expect(session == true)
            // The system's roots do not know a self-signed certificate.
            var unverified = verified
            unverified.rootCertificate = nil
            #expect {
                _ = try Self.open(unverified, folder)
            } throws: { error in
                guard case .unreachable = error as? VaultError else { return false }
                return true
            }
        }
    }

    @Test("a wrong password is refused with what to check, and no password in the message")
    func wrongPassword() throws {
        var settings = try Self.settings()
        settings.password = "wrong-password-for-the-test"
        try TestSupport.withTemporaryDirectory { folder in
            #expect {
                _ = try Self.open(settings, folder)
            } throws: { error in
                let text = (error as? VaultError)?.description ?? ""
                return text.contains("password") && !text.contains("wrong-password-for-the-test")
            }
        }
    }

    @Test("a connection the server ends mid-statement fails that call (transient), and the next call reconnects")
    func connectionLost() throws {
        try Self.withNewVault { vault, _ in
            // On a thread of its own with a deadline: a wait that never ends fails the test, not CI.
            let outcome = Locked<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            // Both ways a statement goes out: unnamed (a write whose row count is read) and
            // prepared (a read), the second one on a connection that has it prepared already.
            let ways: [(String, @Sendable (any SQLSession) throws -> Void)] = [
                ("unnamed", { db in try db.execute(sql: "SELECT pg_terminate_backend(pg_backend_pid())") }),
                ("prepared", { db in _ = try db.fetchAll(sql: "SELECT pg_terminate_backend(pg_backend_pid())") }),
                ("prepared again", { db in _ = try db.fetchAll(sql: "SELECT pg_terminate_backend(pg_backend_pid())") }),
            ]
            for (index, (way, statement)) in ways.enumerated() {
                outcome.mutate { $0 = nil }
                Thread {
                    do {
                        try vault.engine.write("test") { db in try statement(db) }
                        outcome.mutate { $0 = "no error" }
                    } catch {
                        outcome.mutate { $0 = (error as? VaultError)?.kind ?? "\(type(of: error))" }
                    }
                    done.signal()
                }.start()
                #expect(done.wait(timeout: .now() + 30) == .success, "the \(way) call still waits after 30 s")
                #expect(outcome.value == "unreachable", "\(way)")
                _ = try storeFictional(vault, index: index, purpose: TestPurposes.application, at: Date())
                #expect(try vault.candidates().count == index + 1)
            }
        }
    }

    @Test(
        "a table that gains a column under a running process: its prepared statements are made again, the call succeeds"
    )
    func preparedStatementsAfterMigration() throws {
        try Self.withNewVault { vault, _ in
            let code = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: date("2026-01-01"))
            let before = try vault.access(code, actor: "t", at: date("2026-01-02"))
            // One of an access's reads prepared on each of the pool's four connections at once
            // (more stale connections than a transaction has attempts).
            let arrived = DispatchSemaphore(value: 0)
            let go = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            for _ in 0..<4 {
                done.enter()
                Thread {
                    _ = try? vault.engine.read("test") { db in
                        _ = try db.fetchAll(sql: "SELECT * FROM value WHERE code = ? ORDER BY id", arguments: [code])
                        arrived.signal()
                        go.wait()
                    }
                    done.leave()
                }.start()
            }
            for _ in 0..<4 { #expect(arrived.wait(timeout: .now() + 30) == .success) }
            for _ in 0..<4 { go.signal() }
            #expect(done.wait(timeout: .now() + 30) == .success)
            // Another process's migration, on a connection of the pool.
            try vault.engine.write("test") { db in try db.execute(sql: "ALTER TABLE value ADD COLUMN later TEXT") }
            for day in 3...6 {
                let after = try vault.access(code, actor: "t", at: date("2026-01-0\(day)"))
                #expect(after.values.count == before.values.count)
            }
            #expect(try vault.requests(includeCompleted: true, at: date("2026-01-07")).count == 5)
            #expect(try vault.verifyAudit().isIntact)
        }
    }

    @Test("two processes storing at once: one candidate per person, each file once, one intact audit chain")
    func concurrentStores() throws {
        // Two vault instances: two pools of connections, as two processes on two machines.
        try Self.withNewVault { first, another in
            let second = try another()
            let day0 = Date(timeIntervalSince1970: 1_790_000_000)
            // 20 people, each sending two CVs (different files), one through each instance, at
            // the same moment; and every file once more through the other instance (a duplicate).
            let failures = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 40) { job in
                let person = job / 2
                let vault = job % 2 == 0 ? first : second
                let other = job % 2 == 0 ? second : first
                let received = day0.addingTimeInterval(Double(job % 2) * 3_600)
                do {
                    _ = try storeFictional(vault, index: person, purpose: TestPurposes.application, at: received)
                    let again = try storeFictionalDocument(
                        other, index: person, purpose: TestPurposes.application, at: received)
                    guard case .duplicate = again else { throw VaultError.settings("the same file stored twice") }
                } catch {
                    failures.mutate { $0.append("\(error)") }
                }
            }
            #expect(failures.value.isEmpty, "\(failures.value.first ?? "")")
            #expect(try first.candidates().count == 20)
            // The kept count (a trigger at each commit) agrees, from either process.
            #expect(try first.candidatePage(CandidateQuery(limit: 5)).total == 20)
            #expect(try second.candidatePage(CandidateQuery(limit: 5)).total == 20)
            #expect(
                try second.read("test") { db in try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM document") }
                    == 40)
            let audit = try second.verifyAudit()
            #expect(audit.isIntact)
            // 40 files stored, 40 duplicates recorded, one record each.
            #expect(audit.records == 80)
        }
    }

    @Test("two purges at once: every expired candidate is purged once")
    func concurrentPurges() throws {
        try Self.withNewVault { first, another in
            let second = try another()
            let received = Date(timeIntervalSince1970: 1_790_000_000)
            for index in 0..<30 {
                _ = try storeFictional(first, index: index, purpose: TestPurposes.application, at: received)
            }
            let later = received.addingTimeInterval(40 * 86_400)
            let reports = Locked<[PurgeReport]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { job in
                if let report = try? (job == 0 ? first : second).purge(at: later, dryRun: false, actor: "t") {
                    reports.mutate { $0.append(report) }
                }
            }
            #expect(reports.value.count == 2)
            let erased = reports.value.flatMap { $0.purged.filter(\.erasesCandidate).map(\.code) }
            #expect(erased.count == 30 && Set(erased).count == 30)
            #expect(try first.candidates().isEmpty)
            #expect(try first.candidatePage(CandidateQuery(limit: 5)).total == 0)
            #expect(try second.verifyAudit().isIntact)
        }
    }

    @Test("the kept candidate count starts exact on a vault that had candidates, and follows stores and erasures")
    func keptCount() throws {
        try Self.withNewVault { vault, another in
            let received = Date(timeIntervalSince1970: 1_790_000_000)
            var codes: [String] = []
            for index in 0..<12 {
                codes.append(try storeFictional(vault, index: index, purpose: TestPurposes.application, at: received))
            }
            // As a vault made before the count: its step undone, then the vault opened again.
            try vault.engine.write("test") { db in
                try db.execute(sql: "DROP TABLE candidate_count")
                try db.execute(sql: "DROP FUNCTION candidate_counted() CASCADE")
                try db.execute(sql: "DELETE FROM cvsieve_schema WHERE step = 3")
            }
            let reopened = try another()
            #expect(try reopened.candidatePage(CandidateQuery(limit: 5)).total == 12)
            for code in codes.prefix(4) { _ = try reopened.erase(code, actor: "t", at: received) }
            _ = try storeFictional(reopened, index: 40, purpose: TestPurposes.application, at: received)
            // The same person again is no new candidate; a failed write counts nothing.
            _ = try storeFictional(reopened, index: 40, purpose: TestPurposes.mediation, at: received)
            let page = try reopened.candidatePage(CandidateQuery(limit: 5))
            #expect(page.total == 9)
            #expect(try reopened.candidates().count == 9)
            // A filter counts the rows themselves and agrees.
            #expect(try reopened.candidatePage(CandidateQuery(purpose: "application", limit: 5)).total == 9)
            // The unfiltered total is the kept count, not a count of the rows.
            try reopened.engine.write("test") { db in try db.execute(sql: "UPDATE candidate_count SET n = 999") }
            #expect(try reopened.candidatePage(CandidateQuery(limit: 5)).total == 999)
            #expect(try reopened.candidatePage(CandidateQuery(purpose: "application", limit: 5)).total == 9)
        }
    }

    @Test("several processes opening a new vault at once create its tables once")
    func concurrentCreation() throws {
        let settings = try Self.settings()
        try TestSupport.withTemporaryDirectory { folder in
            let opened = Locked<[SQLVault]>([])
            let errors = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                do {
                    let vault = try Self.open(settings, folder)
                    opened.mutate { $0.append(vault) }
                } catch {
                    errors.mutate { $0.append("\(error)") }
                }
            }
            #expect(opened.value.count == 3, "\(errors.value)")
            if let vault = opened.value.first {
                defer { try? dropSchema(vault) }
                let steps = try vault.read("test") { db in
                    try db.fetchScalar(Int.self, sql: "SELECT COUNT(*) FROM cvsieve_schema")
                }
                #expect(steps == PostgresSchema.steps.count)
            }
        }
    }
}

/// A value several threads change under a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
