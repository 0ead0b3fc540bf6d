import CVModel
import Foundation
import Pipeline
import TestSupport
import Testing

/// `cvsieve bench-vault` on a small vault: every operation runs against real SQLite, the purge
/// removes the expired candidates it added, the audit chain holds; and the listing's `after`
/// cursor pages through every candidate once.
@Suite(.serialized) struct VaultBenchmarkTests {
    @Test("bench-vault measures every operation on a vault it fills, the purge takes the expired ones")
    func smallVault() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try PipelineConfig.load(path: try TestSupport.writeConfig(in: folder))
            let report = try await VaultBenchmark(
                config: config, corpus: TestSupport.samplesFolder.path, candidates: 60, repeats: 1, expired: 15
            ).run { _ in }
            let figures = try #require(report.figures.first)
            #expect(report.figures.count == 1 && figures.candidates == 60)
            #expect(figures.purged >= 10 && figures.purged <= 15)
            #expect(figures.auditIntact)
            #expect(
                [figures.firstPage, figures.subjectAccess, figures.exportPDF, figures.requests].allSatisfy { $0 > 0 })
        }
    }

    @Test("the fill adds a candidate per store, also from a CV whose address is written without @")
    func fillMakesDistinctCandidates() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try PipelineConfig.load(path: try TestSupport.writeConfig(in: folder))
            let purpose = try #require(config.purposes.values.sorted { $0.name < $1.name }.first)
            let identifiers = [
                KeptValue(category: .email, value: "fictief punt persoon at voorbeeld punt test", subject: .candidate),
                KeptValue(category: .phone, value: "06-12345678", subject: .candidate),
            ]
            let record = MinimalRecord(
                purpose: purpose, values: identifiers, droppedCategories: [:], specialCategories: [],
                identifiers: identifiers)
            let stored = try await VaultFill(config: config).fill(count: 8, records: [record], at: Date())
            #expect(stored.count == 8 && Set(stored).count == 8)
        }
    }

    @Test("candidates --limit/--after: pages in code order, each candidate once, the last page short")
    func cursor() async throws {
        try await TestSupport.withTemporaryDirectory { folder in
            let config = try PipelineConfig.load(path: try TestSupport.writeConfig(in: folder))
            let stored = try await VaultFill(config: config).fill(
                count: 23, corpus: TestSupport.samplesFolder.path, at: Date())
            let service = try Service(config: config, actor: "test")
            var seen: [String] = []
            var after: String?
            repeat {
                let page = try await service.candidatePage(CandidateQuery(sort: .code, limit: 10, after: after))
                seen += page.rows.map(\.code)
                after = page.rows.count == 10 ? page.rows.last?.code : nil
            } while after != nil
            #expect(seen == Set(stored).sorted())
        }
    }
}
