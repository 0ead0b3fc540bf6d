import CVModel
import Detection
import Foundation
import Minimisation
import Pipeline
import TestSupport
import Testing
import Vault

/// Not a test: a measurement of the candidate listing and the k-anonymity count at scale, run
/// only when asked, and asserting nothing about time (tests never do).
///
///     CVSIEVE_VAULT_SCALE=10000 swift test --skip-build --filter VaultScaleMeasurement
///
/// Fills a vault through the store API with that many fictional candidates in mixed states, then
/// prints the median and 95th percentile of each operation.
@Suite struct VaultScaleMeasurement {
    static let count = ProcessInfo.processInfo.environment["CVSIEVE_VAULT_SCALE"].flatMap(Int.init)

    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    static func report(_ label: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2]
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        print(
            "vault-scale: \(label.padding(toLength: 64, withPad: " ", startingAt: 0)) median "
                + String(format: "%8.2f ms  p95 %8.2f ms  (n=%d)", median, p95, samples.count))
    }

    @Test("listing and counting at CVSIEVE_VAULT_SCALE candidates (prints figures)", .enabled(if: count != nil))
    func measure() async throws {
        let total = try #require(Self.count)
        try await TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("pipeline.yml")
            try """
            inbox: ./inbox
            data: ./data
            channels: {sollicitatie: application, bemiddeling: mediation}
            purposes:
              application:
                legal_basis: consent
                keep: [name, email, phone, city, career]
                retention: {no_agreement: 4w, with_consent: 1y}
                disclose: true
              mediation:
                legal_basis: contract
                keep: [name, email, phone, city, career]
                retention: {after_last_contact: 2y, after_agreement_end: 2y}
                disclose: true
            export: {fields: [career, region, years_of_experience], k: 3}
            """.write(to: path, atomically: true, encoding: .utf8)
            let config = try PipelineConfig.load(path: path.path)
            let vault = try openTestVault(config)
            let application = try config.purpose(named: "application")
            let mediation = try config.purpose(named: "mediation")
            let titles = [
                "Planner", "Ontwikkelaar", "Monteur", "Verpleegkundige", "Boekhouder", "Chauffeur",
                "Docent", "Kok", "Analist", "Magazijnmedewerker",
            ]
            let cities = ["Zwolle", "Maastricht", "Groningen", "Utrecht", "Leiden", "Breda", "Arnhem", "Middelburg"]
            let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            var codes: [String] = []
            let fill = try Self.milliseconds {
                for index in 0..<total {
                    func finding(_ category: Category, _ text: String) -> Finding {
                        Finding(
                            category: category, text: text, start: 0, end: text.count, confidence: 0.99, source: .body)
                    }
                    let career = CareerFacts(
                        experience: [
                            CareerFacts.Experience(
                                title: titles[index % titles.count], employer: "Werkgever \(index % 37)",
                                start: String(2000 + index % 25), end: "heden")
                        ],
                        education: [
                            CareerFacts.Education(degree: index % 3 == 0 ? "HBO" : "MBO", institution: "", year: "")
                        ])
                    let result = DetectionResult(
                        file: "cv.pdf", language: "nl",
                        findings: [
                            finding(.name, "Kandidaat Nummer"), finding(.email, "kandidaat\(index)@voorbeeld.test"),
                            finding(.phone, "06-\(40_000_000 + index)"), finding(.city, cities[index % cities.count]),
                        ],
                        special: [], career: career)
                    let received = start.addingTimeInterval(Double(index % 300) * 86_400)
                    let purpose = index % 4 < 2 ? application : mediation
                    guard
                        case .stored(let code, _, _) = try vault.store(
                            Minimiser().minimise(result, for: purpose),
                            document: DocumentInfo(sha256: "scale-\(index)", channel: nil, receivedAt: received),
                            actor: "scale")
                    else { continue }
                    codes.append(code)
                    switch index % 4 {
                    case 1:
                        try vault.consent(code, purpose: application, granted: true, actor: "scale", at: received)
                    case 3:
                        try vault.recordAgreement(
                            code, starts: true, purposes: [mediation], actor: "scale", at: received)
                    default: break
                    }
                    if index % 50 == 0 { try vault.hold(code, reason: "dispute", actor: "scale", at: received) }
                }
            }
            print("vault-scale: filled \(codes.count) candidates in \(Int(fill / 1000)) s through the store API")

            let queries: [(String, CandidateQuery)] = [
                ("page: first (created, 50)", CandidateQuery()),
                ("page: first by retention date", CandidateQuery(sort: .retention)),
                (
                    "page: filtered (state, purpose, retention)",
                    CandidateQuery(
                        state: .applicant, purpose: "application", retentionEndsBefore: start + 200 * 86_400,
                        sort: .retention, isDescending: true)
                ),
                ("page: filtered (on hold, by state)", CandidateQuery(flag: .onHold, sort: .state)),
                (
                    "page: late (offset total-50, by code desc)",
                    CandidateQuery(
                        sort: .code, isDescending: true, offset: max(0, total - 50))
                ),
                ("page: late (offset total-50, by state)", CandidateQuery(sort: .state, offset: max(0, total - 50))),
            ]
            for (label, query) in queries {
                var samples: [Double] = []
                var page = CandidatePage(rows: [], total: 0)
                for _ in 0..<40 { samples.append(try Self.milliseconds { page = try vault.candidatePage(query) }) }
                Self.report(label + " [\(page.rows.count) of \(page.total)]", samples)
            }
            Self.report(
                "candidates() (the whole list)",
                try (0..<5).map { _ in try Self.milliseconds { _ = try vault.candidates() } })

            // The count: the first one computes every key (a vault from before the column), then one COUNT.
            let export = ExportService(config: config)
            // The profile of candidate 0 (and of every 120th whose first job started in a year that
            // gives the same band).
            let profile = Profile(
                code: "P", headline: "Planner", yearsOfExperience: 26, region: "Overijssel", experience: [],
                education: [Profile.Study(degree: "HBO", institution: "", year: "")], certificates: [],
                languages: [], skills: [], agency: "", footer: "")
            let now = start.addingTimeInterval(150 * 86_400)
            var similar = 0
            let backfill = try await Self.asyncMilliseconds {
                similar = try await export.similarCandidates(to: profile, vault: vault, now: now)
            }
            print(
                "vault-scale: first count, computing \(codes.count) keys (decrypting each candidate once): \(Int(backfill)) ms"
            )
            var counts: [Double] = []
            for _ in 0..<40 {
                counts.append(
                    try await Self.asyncMilliseconds {
                        similar = try await export.similarCandidates(to: profile, vault: vault, now: now)
                    })
            }
            Self.report("similarCandidates (stale check + COUNT) [\(similar)]", counts)
            let identifiers = QuasiIdentifiers(
                region: "Overijssel", headline: "planner", experienceBand: "11+", educationLevel: "hbo",
                basis: "2026;career,region,years_of_experience")
            Self.report(
                "countCandidates (the COUNT alone)",
                try (0..<40).map { _ in
                    try Self.milliseconds { _ = try vault.countCandidates(sharing: identifiers, excluding: nil) }
                })
        }
    }

    static func asyncMilliseconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}
