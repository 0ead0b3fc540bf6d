import CVModel
import Foundation
import GRDB
import Minimisation
import Testing

@testable import Vault

/// The profile-key column behind the k-anonymity count: keyed, shared by equal identifiers,
/// cleared by every change to what a profile is built from.
@Suite struct QuasiKeyTests {
    static func identifiers(headline: String = "planner", basis: String = "2026;career,region") -> QuasiIdentifiers {
        QuasiIdentifiers(
            region: "Overijssel", headline: headline, experienceBand: "6-10", educationLevel: "hbo", basis: basis)
    }

    static func storedKeys(_ vault: SQLVault) throws -> [String: String?] {
        try vault.read("test") { db in
            Dictionary(
                uniqueKeysWithValues: try db.fetchAll(sql: "SELECT code, quasi_key FROM candidate").map {
                    ($0["code"] as String, $0["quasi_key"] as String?)
                })
        }
    }

    @Test("equal identifiers share one key, which is an HMAC and not the identifiers; the count is one COUNT")
    func sharedKey() throws {
        try withVault { vault, folder in
            let first = try storeFictional(vault, index: 1, purpose: TestPurposes.application, at: date("2026-01-05"))
            let second = try storeFictional(vault, index: 2, purpose: TestPurposes.application, at: date("2026-01-06"))
            let third = try storeFictional(vault, index: 3, purpose: TestPurposes.application, at: date("2026-01-07"))
            #expect(
                try vault.candidatesNeedingQuasiKey(basis: "2026;career,region") == [first, second, third].sorted())
            try vault.setQuasiKeys([first: Self.identifiers(), second: Self.identifiers()])
            try vault.setQuasiKeys([third: Self.identifiers(headline: "ontwikkelaar")])

            let keys = try Self.storedKeys(vault)
            let firstKey = try #require(keys[first] ?? nil)
            #expect(keys[second] == firstKey)
            #expect(keys[third] != firstKey && keys[third] != nil)
            #expect(firstKey.count == 64 && firstKey.allSatisfy(\.isHexDigit))
            let bytes = try vaultBytes(vault, folder)
            for identifier in ["Overijssel", "planner", "ontwikkelaar"] {
                #expect(bytes.range(of: Data(identifier.utf8)) == nil, "an identifier is in the vault in plain text")
            }

            #expect(try vault.countCandidates(sharing: Self.identifiers(), excluding: nil) == 2)
            #expect(try vault.countCandidates(sharing: Self.identifiers(), excluding: first) == 1)
            #expect(try vault.countCandidates(sharing: Self.identifiers(headline: "ontwikkelaar"), excluding: nil) == 1)
            #expect(try vault.countCandidates(sharing: Self.identifiers(headline: "monteur"), excluding: nil) == 0)
            // The same identifiers under another basis (next year) are another key.
            #expect(
                try vault.countCandidates(sharing: Self.identifiers(basis: "2027;career,region"), excluding: nil) == 0)
            #expect(try vault.candidatesNeedingQuasiKey(basis: "2026;career,region").isEmpty)
            #expect(
                try vault.candidatesNeedingQuasiKey(basis: "2027;career,region") == [first, second, third].sorted())
        }
    }

    @Test("a new document, a rectification, a partial purge and an objection clear the key; erasure takes it along")
    func clearedByChanges() throws {
        try withVault { vault, folder in
            let start = date("2026-01-05")
            var codes: [String] = []
            for index in 0..<5 {
                codes.append(try storeFictional(vault, index: index, purpose: TestPurposes.application, at: start))
            }
            // The third also registered for mediation: a purge of the application data leaves them.
            _ = try storeFictional(vault, index: 2, purpose: TestPurposes.mediation, at: start)
            try vault.setQuasiKeys(Dictionary(uniqueKeysWithValues: codes.map { ($0, Self.identifiers()) }))
            #expect(try vault.candidatesNeedingQuasiKey(basis: "2026;career,region").isEmpty)

            _ = try storeFictional(vault, index: 0, purpose: TestPurposes.application, at: start + day)
            _ = try vault.rectify(codes[1], category: .city, value: "Deventer", actor: "t", at: start + day)
            _ = try vault.restrict(codes[3], isObjection: true, actor: "t", at: start + day)
            _ = try vault.erase(codes[4], actor: "t", at: start + day)
            #expect(
                try vault.candidatesNeedingQuasiKey(basis: "2026;career,region")
                    == [codes[0], codes[1], codes[3]].sorted())

            try vault.setQuasiKeys(Dictionary(uniqueKeysWithValues: codes.prefix(4).map { ($0, Self.identifiers()) }))
            // Six weeks on: the application data of 0, 1 and 3 goes with them; 2 keeps mediation data.
            let report = try vault.purge(at: start + 42 * day, dryRun: false, actor: "t")
            #expect(report.purged.contains { $0.code == codes[2] && !$0.erasesCandidate })
            #expect(try vault.candidatesNeedingQuasiKey(basis: "2026;career,region") == [codes[2]])
            #expect(try Self.storedKeys(vault).keys.sorted() == [codes[2]])
            // A key for a candidate erased meanwhile is passed over.
            try vault.setQuasiKeys([codes[4]: Self.identifiers(), codes[2]: Self.identifiers()])
            #expect(try vault.countCandidates(sharing: Self.identifiers(), excluding: nil) == 1)
        }
    }

    @Test("a vault from before v4 is migrated on open: listed from the new indexes, every candidate awaiting a key")
    func migratedFromV3() throws {
        try withVault(on: [.sqlite]) { vault, folder in
            var codes: [String] = []
            for index in 0..<6 {
                codes.append(
                    try storeFictional(vault, index: index, purpose: TestPurposes.application, at: date("2026-01-05")))
            }
            try vault.setQuasiKeys(Dictionary(uniqueKeysWithValues: codes.map { ($0, Self.identifiers()) }))
            // Take the vault back to v3: without what v4 added, and without v4 recorded.
            let path = folder.appendingPathComponent("vault.sqlite").path
            try DatabaseQueue(path: path).write { db in
                try db.execute(
                    sql: """
                        DROP INDEX value_code_retain; DROP INDEX value_code_basis; DROP INDEX candidate_created;
                        DROP INDEX candidate_quasi_key; DROP INDEX candidate_quasi_basis;
                        ALTER TABLE candidate DROP COLUMN quasi_key; ALTER TABLE candidate DROP COLUMN quasi_basis;
                        ALTER TABLE candidate DROP COLUMN application_ended_at;
                        DELETE FROM grdb_migrations WHERE identifier = 'v4';
                        """)
            }
            let reopened = try SQLVault(
                path: path, keyPath: folder.appendingPathComponent("master.key").path,
                retention: RetentionCalculator.retainUntil)
            let page = try reopened.candidatePage(CandidateQuery(sort: .code, limit: 4))
            #expect(page.total == 6 && page.rows.map(\.code) == Array(codes.sorted().prefix(4)))
            #expect(try reopened.candidatesNeedingQuasiKey(basis: "2026;career,region") == codes.sorted())
            let indexes = try DatabaseQueue(path: path).read { db in
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
            }
            for name in ["value_code_retain", "value_code_basis", "candidate_created", "candidate_quasi_key"] {
                #expect(indexes.contains(name), "index \(name) after the migration")
            }
            #expect(try reopened.verifyAudit().isIntact)
        }
    }
}
