import CVModel
import Detection
import Export
import Foundation
import Vault

/// Keeps each stored candidate's profile key current, so that the k-anonymity estimate is one
/// COUNT in the vault instead of a rebuilt profile per candidate.
///
/// A candidate's quasi-identifiers come from the profile a client would get of them
/// (``ExportService/storedProfile(code:values:career:regions:now:)``), which needs their
/// decrypted values and career facts; the vault keeps only a keyed hash of them. They are
/// computed right after a document is stored and after a rectification, and, before a count,
/// for every candidate whose key is missing (cleared by a change in the vault, a crash between
/// the store and the key, a vault from before the key) or stale.
///
/// Years of experience count to the year of `now`, so a key holds for the calendar year it was
/// computed in: its basis names the year, and the first count of a new year computes every key
/// again (decrypting every candidate once that year). Within the year a key computed at store
/// time is the key the export would compute.
struct QuasiKeys: Sendable {
    let service: ExportService
    let regions: Regions

    /// Candidates whose keys are computed and recorded in one vault transaction.
    static let batchSize = 200

    init(service: ExportService) throws(DetectionError) {
        self.service = service
        regions = try Regions()
    }

    init(config: PipelineConfig) throws(DetectionError) { try self.init(service: ExportService(config: config)) }

    func identifiers(of profile: Profile, at now: Date) -> QuasiIdentifiers {
        service.quasiIdentifiers(profile, at: now)
    }

    /// A stored candidate's identifiers, from the career facts of the purpose an export would use.
    func identifiers(code: String, values: [StoredValue], careers: [String: CareerFacts], at now: Date)
        -> QuasiIdentifiers
    {
        let purposes = Set(values.map(\.purpose)).union(careers.keys).sorted()
        let career =
            service.disclosablePurpose(among: purposes).flatMap { careers[$0.name] }
            ?? ExportService.firstCareer(careers)
        let profile = service.storedProfile(code: code, values: values, career: career, regions: regions, now: now)
        return identifiers(of: profile.profile, at: now)
    }

    /// Computes and records the keys of `codes` (decrypting each of them); codes erased meanwhile
    /// are passed over.
    func refresh(_ codes: [String], vault: any Vault, at now: Date) async throws(VaultError) {
        for start in stride(from: 0, to: codes.count, by: Self.batchSize) {
            let chunk = Array(codes[start..<min(start + Self.batchSize, codes.count)])
            let contents = try await vault.contents(of: chunk)
            // Codes erased meanwhile are not in `contents`, and get no key.
            try await vault.setQuasiKeys(
                contents.reduce(into: [:]) { keys, entry in
                    keys[entry.key] = identifiers(
                        code: entry.key, values: entry.value.values, careers: entry.value.career, at: now)
                })
        }
    }

    /// Computes the keys that are missing or stale at `now`; returns how many candidates that was.
    func backfill(vault: any Vault, at now: Date) async throws(VaultError) -> Int {
        let codes = try await vault.candidatesNeedingQuasiKey(basis: service.quasiBasis(at: now))
        try await refresh(codes, vault: vault, at: now)
        return codes.count
    }
}
