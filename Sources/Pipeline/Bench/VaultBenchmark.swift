public import CVModel
public import Foundation
import Vault

/// `cvsieve bench-vault`: what the vault's everyday operations cost as it grows (issue 19's
/// table): a vault in a throwaway data folder is filled with candidates made from a corpus's CVs
/// (``VaultFill``: real extraction, detection and minimisation once, stored many times with their
/// contact values varied), and at each size the operations a recruiter and the nightly batch run
/// are timed: the first page of `candidates`, `subject access`, the export of one profile as
/// PDF (k-anonymity count and leak gate included), a `purge` of 1,000 expired candidates,
/// `audit verify` and `requests`. Medians over `repeats` calls (the purge once per size).
public struct VaultBenchmark: Sendable {
    public var config: PipelineConfig
    public var corpus: String
    /// The sizes measured, ascending: 1,000, 10,000 and 100,000 up to the largest asked for.
    public var sizes: [Int]
    public var repeats: Int
    /// Expired candidates added before each purge (issue 19: a nightly purge of 1,000).
    public var expired: Int

    public init(config: PipelineConfig, corpus: String, candidates: Int, repeats: Int = 5, expired: Int = 1_000) {
        self.expired = max(1, expired)
        self.config = config
        self.corpus = corpus
        self.sizes = ([1_000, 10_000, 100_000].filter { $0 < candidates } + [candidates]).filter { $0 > 0 }
        self.repeats = max(1, repeats)
    }

    /// Milliseconds per operation at one vault size.
    public struct Figures: Codable, Sendable {
        public var candidates: Int
        public var firstPage: Double
        public var subjectAccess: Double
        public var exportPDF: Double
        /// Seconds for one purge that removes ``purged`` expired candidates.
        public var purgeSeconds: Double
        public var purged: Int
        public var auditVerifySeconds: Double
        public var auditIntact: Bool
        public var requests: Double
        /// Seconds to store the candidates added for this size, and per second.
        public var fillSeconds: Double
    }

    public struct Report: Codable, Sendable {
        public var machine: String
        public var backend: String
        public var figures: [Figures]
    }

    public func run(progress: (String) -> Void) async throws -> Report {
        let service = try Service(config: config, actor: "cvsieve-bench")
        let fill = VaultFill(config: config)
        progress("reading the corpus's CVs once")
        let records = try fill.records(corpus: corpus)
        var figures: [Figures] = []
        var stored = 0
        let now = Date()
        for size in sizes {
            progress("filling to \(size) candidates")
            var start = Date()
            // Received within the last 20 days: none of them expires in the purge below.
            _ = try await fill.fill(count: size - stored, records: records, at: now, offset: stored, spreadHours: 480)
            let fillSeconds = Date().timeIntervalSince(start)
            stored = size
            // 1,000 candidates whose application data expired a week ago, for the purge.
            progress("\(size): \(expired) expired candidates for the purge")
            _ = try await fill.fill(
                count: expired, records: records, at: now.addingTimeInterval(-35 * 86_400), offset: stored + 10_000_000,
                spreadHours: 1)
            let codes = try await service.candidatePage(CandidateQuery(sort: .code, limit: 200)).rows.map(\.code)
            guard !codes.isEmpty else { throw VaultError.unknownCandidate(code: "-") }
            progress("\(size): timing")
            let firstPage = try await median { _ in _ = try await service.candidatePage(CandidateQuery(limit: 50)) }
            let access = try await median { index in
                _ = try await service.access(.code(codes[index % codes.count]), at: now)
            }
            let export = try await median { index in
                _ = try await ExportService(config: config).disclose(
                    code: codes[(index * 7) % codes.count], client: "Bench Klant BV", format: .pdf, strict: false,
                    vault: service.vault, actor: "cvsieve-bench", at: now)
            }
            let requests = try await median { _ in _ = try await service.requests(includeCompleted: false, at: now) }
            start = Date()
            let audit = try await service.verifyAudit()
            let auditSeconds = Date().timeIntervalSince(start)
            start = Date()
            let purge = try await service.vault.purge(at: now, dryRun: false, actor: "cvsieve-bench")
            let purgeSeconds = Date().timeIntervalSince(start)
            figures.append(
                Figures(
                    candidates: size, firstPage: firstPage, subjectAccess: access, exportPDF: export,
                    purgeSeconds: purgeSeconds, purged: Set(purge.purged.filter(\.erasesCandidate).map(\.code)).count,
                    auditVerifySeconds: auditSeconds, auditIntact: audit.isIntact, requests: requests,
                    fillSeconds: fillSeconds))
        }
        return Report(
            machine: ExtractionBenchmark.machineDescription(), backend: config.vault.backend.rawValue, figures: figures)
    }

    /// A vault in the schema `bench_vault` of the PostgreSQL database `url` names, emptied
    /// (dropped) first.
    public static func throwawayPostgres(url: String, passwordFile: String?) throws -> VaultSettings {
        var settings = VaultSettings()
        settings.backend = .postgres
        settings.url = url + (url.contains("?") ? "&" : "?") + "schema=bench_vault"
        settings.passwordFile = passwordFile
        try SQLVault.dropPostgresSchema(try settings.postgres())
        return settings
    }

    /// The median of `repeats` runs of `body`, in milliseconds; `body` gets the run's index.
    private func median(_ body: (Int) async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for index in 0..<repeats {
            let start = Date()
            try await body(index)
            times.append(Date().timeIntervalSince(start) * 1000)
        }
        return times.sorted()[times.count / 2]
    }
}
