import CVModel
import Detection
import Foundation
import GRDB
import Logging
import Minimisation
import Pipeline
import TestSupport
import Testing
import Vault

/// The k-anonymity estimate from the vault's profile-key column: equal profiles share a key, the
/// exported candidate counts itself, missing and stale keys are computed before a count, and
/// intake and rectification keep keys current. Fictional candidates only.
@Suite(.serialized) struct SimilarCandidatesTests {
    static let now = date("2026-06-01")

    static func config(in folder: URL) throws -> PipelineConfig {
        let yaml = """
            inbox: ./inbox
            data: ./data
            channels: {sollicitatie: application}
            purposes:
              application:
                legal_basis: consent
                keep: [name, email, phone, city, career]
                retention: {no_agreement: 4w, with_consent: 1y}
                disclose: true
            export: {fields: [career, region, years_of_experience], k: 3}
            """
        let path = folder.appendingPathComponent("pipeline.yml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path.path)
    }

    static let planner = CareerFacts(
        experience: [
            CareerFacts.Experience(title: "Planner", employer: "Transport Noord", start: "2019", end: "heden")
        ],
        education: [CareerFacts.Education(degree: "HBO Logistiek", institution: "Hogeschool Oost", year: "2018")])
    static let developer = CareerFacts(
        experience: [
            CareerFacts.Experience(title: "Ontwikkelaar", employer: "Bouwbedrijf Zuid", start: "2010", end: "heden")
        ])

    /// A fictional candidate stored straight into the vault (no key yet, as in a vault from
    /// before the key column); `index` keeps their e-mail and phone apart.
    static func store(_ vault: SQLVault, config: PipelineConfig, index: Int, city: String, career: CareerFacts)
        throws -> String
    {
        func finding(_ category: Category, _ text: String) -> Finding {
            Finding(category: category, text: text, start: 0, end: text.count, confidence: 0.99, source: .body)
        }
        let result = DetectionResult(
            file: "cv.pdf", language: "nl",
            findings: [
                finding(.name, "Femke Voskuilen"), finding(.email, "kandidaat\(index)@voorbeeld.test"),
                finding(.phone, "06-\(30_000_000 + index)"), finding(.city, city),
            ],
            special: [], career: career)
        let purpose = try config.purpose(named: "application")
        guard
            case .stored(let code, _, _) = try vault.store(
                Minimiser().minimise(result, for: purpose),
                document: DocumentInfo(sha256: "doc-\(index)", channel: nil, receivedAt: now - 7 * 86_400),
                actor: "t")
        else { throw VaultError.unknownCandidate(code: "?") }
        return code
    }

    static func keys(_ config: PipelineConfig) throws -> [String: String?] {
        try DatabaseQueue(path: config.vaultPath).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, quasi_key FROM candidate").map {
                    ($0["code"] as String, $0["quasi_key"] as String?)
                })
        }
    }

    /// Replaces a key under the current basis, or clears key and basis together (as the vault
    /// does, and as a vault from before the column has them).
    static func setKey(_ config: PipelineConfig, _ code: String, to key: String?) throws {
        try DatabaseQueue(path: config.vaultPath).write { db in
            try db.execute(
                sql: key == nil
                    ? "UPDATE candidate SET quasi_key = NULL, quasi_basis = NULL WHERE code = ?"
                    : "UPDATE candidate SET quasi_key = ? WHERE code = ?",
                arguments: key == nil ? [code] : [key, code])
        }
    }

    static func export(_ service: Service, _ code: String, folder: URL, strict: Bool = false, at now: Date = now)
        async throws -> ExportService.ExportResult
    {
        try await service.export(
            code: code, client: "Klant BV", format: .json, out: folder.appendingPathComponent("\(code).json").path,
            strict: strict, at: now)
    }

    /// A profile that matches no stored candidate: a count with it only brings keys up to date.
    static let emptyProfile = Profile(
        code: "PREVIEW", headline: "", yearsOfExperience: nil, region: nil, experience: [], education: [],
        certificates: [], languages: [], skills: [], agency: "", footer: "")

    @Test("candidates with one profile share a key, others do not; the exported candidate counts itself")
    func sharedProfile() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder)
            let vault = try openTestVault(config)
            let first = try Self.store(vault, config: config, index: 1, city: "Zwolle", career: Self.planner)
            let second = try Self.store(vault, config: config, index: 2, city: "Zwolle", career: Self.planner)
            let other = try Self.store(vault, config: config, index: 3, city: "Maastricht", career: Self.developer)
            let service = try Service(config: config, actor: "test")

            let exported = try await Self.export(service, first, folder: folder)
            #expect(exported.similarCandidates == 2)
            #expect(exported.belowK)
            let keys = try Self.keys(config)
            let shared = try #require(keys[first] ?? nil)
            #expect(keys[second] == shared)
            #expect(keys[other] != shared && keys[other] != nil)
            #expect(try await Self.export(service, other, folder: folder).similarCandidates == 1)
            await #expect(throws: ExportService.Failure.self) {
                try await Self.export(service, other, folder: folder, strict: true)
            }

            // A third with the same profile in another town of the same province: k is reached.
            _ = try Self.store(vault, config: config, index: 4, city: "Deventer", career: Self.planner)
            let again = try await Self.export(service, second, folder: folder)
            #expect(again.similarCandidates == 3)
            #expect(!again.belowK)
        }
    }

    @Test("missing keys are computed on the next count, and only those; a new year computes every key again")
    func backfill() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder)
            let vault = try openTestVault(config)
            let first = try Self.store(vault, config: config, index: 1, city: "Zwolle", career: Self.planner)
            let second = try Self.store(vault, config: config, index: 2, city: "Zwolle", career: Self.planner)
            let other = try Self.store(vault, config: config, index: 3, city: "Maastricht", career: Self.developer)
            #expect(try Self.keys(config).values.allSatisfy { $0 == nil })
            let export = ExportService(config: config)
            #expect(try await export.similarCandidates(to: Self.emptyProfile, vault: vault, now: Self.now) == 0)
            let computed = try Self.keys(config)
            #expect(computed.values.allSatisfy { $0 != nil })

            // One key lost, one replaced by a marker under the current basis: the next count
            // computes the lost one again and leaves the marker, which it takes at its word.
            try Self.setKey(config, other, to: nil)
            try Self.setKey(config, first, to: "marker")
            #expect(try await export.similarCandidates(to: Self.emptyProfile, vault: vault, now: Self.now) == 0)
            let afterBackfill = try Self.keys(config)
            #expect(afterBackfill[other] == computed[other])
            #expect(afterBackfill[first] == "marker")
            let service = try Service(config: config, actor: "test")
            #expect(try await Self.export(service, second, folder: folder).similarCandidates == 1)

            // The next year's first count: years of experience moved on, every key is computed again.
            let nextYear = date("2027-01-04")
            #expect(try await Self.export(service, second, folder: folder, at: nextYear).similarCandidates == 2)
            let renewed = try Self.keys(config)
            #expect(renewed[first] != "marker" && renewed[first] == renewed[second])
            #expect(renewed[other] != computed[other])
        }
    }

    @Test("intake records the key with the document; a rectified city changes it at once")
    func keptCurrent() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try Self.config(in: folder)
            let vault = try openTestVault(config)
            let text = """
                Naam: Femke Voskuilen
                Woonplaats: Zwolle
                E-mail: f.voskuilen@voorbeeld.test

                Werkervaring
                Planner, Transport Noord, 2019 - heden
                """
            let document = Document(
                fileName: "cv.docx", format: .docx, sha256: String(repeating: "9", count: 64),
                byteCount: text.utf8.count, pageCount: nil, blocks: [TextBlock(text: text, source: .body)])
            let ingestor = try Ingestor(config: config, vault: vault, actor: "test")
            // Intake runs on a lane thread, which blocks while the vault answers: so here too.
            let outcome = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(
                        with: Result {
                            try ingestor.ingest(
                                document, channel: .configured("sollicitatie"), at: Self.now,
                                logger: Logger(label: "test"))
                        })
                }.start()
            }
            guard case .stored(let ingested, true, _) = outcome else {
                Issue.record("not stored: \(outcome)")
                return
            }
            let atIntake = try #require(try Self.keys(config)[ingested] ?? nil)
            #expect(try vault.candidatesNeedingQuasiKey(basis: "2026;career,region,years_of_experience").isEmpty)
            // The key a later count would compute is the one intake recorded.
            try Self.setKey(config, ingested, to: nil)
            _ = try await ExportService(config: config).similarCandidates(
                to: Self.emptyProfile, vault: vault, now: Self.now)
            #expect(try Self.keys(config)[ingested] == atIntake)

            let twin = try Self.store(vault, config: config, index: 1, city: "Zwolle", career: Self.planner)
            let moving = try Self.store(vault, config: config, index: 2, city: "Zwolle", career: Self.planner)
            _ = try await ExportService(config: config).similarCandidates(
                to: Self.emptyProfile, vault: vault, now: Self.now)
            #expect(try Self.keys(config)[moving] == Self.keys(config)[twin])
            let service = try Service(config: config, actor: "test")
            _ = try await service.rectify(moving, field: "city", value: "Maastricht", at: Self.now)
            let keys = try Self.keys(config)
            #expect(keys[moving] != nil && keys[moving] != keys[twin])
            #expect(try vault.candidatesNeedingQuasiKey(basis: "2026;career,region,years_of_experience").isEmpty)
        }
    }
}

private func date(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text + "T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
}
