import CVModel
import Foundation
import GRDB
import Minimisation
import Testing

@testable import Vault

/// Storing: only what the purpose keeps, sealed, one candidate per person.
@Suite struct VaultStoreTests {
    @Test("only the purpose's fields are stored; BSN, references and special categories never")
    func minimal() throws {
        let record = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
        #expect(Set(record.values.map(\.category)) == [.name, .email, .phone, .city])
        #expect(record.droppedCategories[.bsn] == 1)
        #expect(record.droppedCategories[.address] == 1)
        #expect(record.specialCategories == [.health])
        #expect(!record.values.contains { $0.subject == .reference })
        // Even a purpose that lists bsn cannot store it without a legal obligation.
        var greedy = TestPurposes.application
        greedy.keep.insert(.personal(.bsn))
        #expect(!Minimiser().minimise(fictionalResult(), for: greedy).values.contains { $0.category == .bsn })
    }

    @Test("values round-trip, and the database files never hold them in plain text")
    func sealed() throws {
        try withVault { vault, folder in
            let record = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
            let outcome = try vault.store(
                record, document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: Date()), actor: "test")
            guard case .stored(let code, true, 4) = outcome else {
                Issue.record("unexpected outcome \(outcome)")
                return
            }
            #expect(
                Set(try vault.values(of: code).map(\.value)) == [
                    "Femke Voskuilen", "f.voskuilen@voorbeeld.test", "06-11223344", "Zwolle",
                ])
            #expect(try vault.career(of: code)["application"]?.experience.first?.title == "Planner")
            let bytes = try vaultBytes(vault, folder)
            for value in ["Voskuilen", "voorbeeld.test", "11223344", "Zwolle", "Planner", "Transport Noord"] {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "a value is in the database files in plain text")
            }
        }
    }

    @Test("a second CV with the same e-mail or phone updates the candidate; the same file twice is a duplicate")
    func sameCandidate() throws {
        try withVault { vault, _ in
            let first = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
            guard
                case .stored(let code, _, _) = try vault.store(
                    first, document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: Date()), actor: "t")
            else { return }
            let byPhone = Minimiser().minimise(
                fictionalResult(email: "other@voorbeeld.test", phone: "+31 6 11223344"), for: TestPurposes.application)
            let second = try vault.store(
                byPhone, document: DocumentInfo(sha256: "b2", channel: nil, receivedAt: Date()), actor: "t")
            #expect(second == .stored(code: code, isNewCandidate: false, values: 4))
            #expect(
                try vault.store(
                    byPhone, document: DocumentInfo(sha256: "b2", channel: nil, receivedAt: Date()), actor: "t")
                    == .duplicate(code: code))
            #expect(try vault.candidates().count == 1)
            #expect(try vault.candidate(email: "F.Voskuilen@voorbeeld.test") == code)
        }
    }

    @Test("a batch stored in one transaction ends as the same documents stored one after the other")
    func batch() throws {
        try withVault { vault, _ in
            let first = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
            let byPhone = Minimiser().minimise(
                fictionalResult(email: "other@voorbeeld.test", phone: "+31 6 11223344"), for: TestPurposes.application)
            let someoneElse = Minimiser().minimise(
                fictionalResult(name: "Joris Brakel", email: "j.brakel@voorbeeld.test", phone: "06-55667788"),
                for: TestPurposes.application)
            let at = Date()
            let outcomes = vault.store(
                batch: [
                    StoreRequest(record: first, document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: at)),
                    StoreRequest(record: byPhone, document: DocumentInfo(sha256: "b2", channel: nil, receivedAt: at)),
                    StoreRequest(record: byPhone, document: DocumentInfo(sha256: "b2", channel: nil, receivedAt: at)),
                    StoreRequest(
                        record: someoneElse, document: DocumentInfo(sha256: "c3", channel: nil, receivedAt: at)),
                ], actor: "t")
            let results = try outcomes.map { try $0.get() }
            guard case .stored(let code, true, 4) = results[0], case .stored(let other, true, 4) = results[3] else {
                Issue.record("unexpected outcomes \(results)")
                return
            }
            #expect(results[1] == .stored(code: code, isNewCandidate: false, values: 4))
            #expect(results[2] == .duplicate(code: code))
            #expect(code != other)
            #expect(try vault.candidates().count == 2)
            // Several candidates' contents in one read equal each one's, and an unknown code is left out.
            let contents = try vault.contents(of: [code, other, "k000000000000000"])
            #expect(Set(contents.keys) == [code, other])
            #expect(contents[code]?.values.map(\.value) == (try vault.values(of: code)).map(\.value))
            #expect(contents[other]?.career.keys.sorted() == (try vault.career(of: other)).keys.sorted())
            #expect(try vault.verifyAudit().isIntact)
            let stores = try vault.auditRecords().filter { ["ingest", "ingest-update"].contains($0.action) }
            #expect(stores.count == 3)
        }
    }

    @Test("a document the server refuses fails alone: the rest of its batch is stored each on its own")
    func batchWithOneRefused() throws {
        // PostgreSQL refuses a NUL character in a text column; SQLite stores it, so this failure
        // exists on one backend only.
        try withVault(on: [.postgres]) { vault, _ throws in
            let at = Date()
            let records = [
                Minimiser().minimise(fictionalResult(), for: TestPurposes.application),
                Minimiser().minimise(
                    fictionalResult(name: "Joris Brakel", email: "j.brakel@voorbeeld.test", phone: "06-55667788"),
                    for: TestPurposes.application),
            ]
            let outcomes = vault.store(
                batch: [
                    StoreRequest(
                        record: records[0], document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: at)),
                    StoreRequest(
                        record: records[1], document: DocumentInfo(sha256: "b2", channel: "bad\u{0}", receivedAt: at)),
                ], actor: "t")
            #expect((try? outcomes[0].get()) != nil)
            #expect((try? outcomes[1].get()) == nil)
            #expect(try vault.candidates().count == 1)
            #expect(try vault.verifyAudit().isIntact)
        }
    }

    @Test("erasure destroys the key and the rows, and the ciphertexts leave the files")
    func erasure() throws {
        try withVault { vault, folder in
            let record = Minimiser().minimise(fictionalResult(), for: TestPurposes.application)
            guard
                case .stored(let code, _, _) = try vault.store(
                    record, document: DocumentInfo(sha256: "a1", channel: nil, receivedAt: Date()), actor: "t")
            else { return }
            let sealed = try vault.read("test") { db in
                try db.fetchColumn(Data.self, sql: "SELECT sealed FROM value")
                    + db.fetchColumn(Data.self, sql: "SELECT wrapped_key FROM candidate")
            }
            #expect(sealed.count == 5)
            _ = try vault.erase(code, actor: "t", at: Date())
            #expect(throws: VaultError.unknownCandidate(code: code)) { try vault.values(of: code) }
            let bytes = try vaultBytes(vault, folder)
            for blob in sealed {
                #expect(bytes.range(of: blob.prefix(24)) == nil, "an erased ciphertext is still in the files")
            }
        }
    }

    @Test("the key file is created 0600; a vault whose key file is gone is refused, never given a new key")
    func missingKey() throws {
        try withVault { vault, folder in
            _ = vault
            let keyPath = folder.appendingPathComponent("master.key").path
            let permissions = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            try FileManager.default.removeItem(atPath: keyPath)
            #expect(throws: VaultError.self) {
                try reopen(vault, folder: folder, keyPath: keyPath)
            }
            #expect(!FileManager.default.fileExists(atPath: keyPath))
        }
    }
}

/// The narrative is stored only for purposes whose keep-list names it.
@Suite struct NarrativeKeepTests {
    static func result() -> DetectionResult {
        var result = fictionalResult()
        result.career.summary = "Nauwkeurige planner."
        result.career.experience[0].description = "Plannen van ritten"
        return result
    }

    @Test("without narrative in the keep-list the summary and descriptions are not stored")
    func dropped() {
        let record = Minimiser().minimise(Self.result(), for: TestPurposes.application)
        #expect(record.career?.summary == nil)
        #expect(record.career?.experience.first?.description == nil)
        #expect(record.career?.experience.first?.title == "Planner")
    }

    @Test("with narrative in the keep-list they are")
    func kept() {
        var purpose = TestPurposes.application
        purpose.keep.insert(.narrative)
        let record = Minimiser().minimise(Self.result(), for: purpose)
        #expect(record.career?.summary == "Nauwkeurige planner.")
        #expect(record.career?.experience.first?.description == "Plannen van ritten")
    }
}
