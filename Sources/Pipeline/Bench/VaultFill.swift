public import CVModel
import Detection
import Extraction
public import Foundation
import Minimisation
import Vault

/// Fills a vault with `count` candidates for the web app's benchmark: the CVs of a corpus go
/// through the real extraction, detection and minimisation once, then each record is stored as
/// many candidates as needed, its e-mail addresses and phone numbers varied so intake does not
/// match them to one person, each under its own document hash. Only for a benchmark's own vault.
public struct VaultFill: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// Stores `count` candidates made from `corpus`'s CVs; returns the codes stored. Candidate
    /// `index` is varied as number `offset + index` (so fills in several steps stay distinct),
    /// received `spreadHours` or less before `now`.
    public func fill(
        count: Int, corpus: String, at now: Date, offset: Int = 0, spreadHours: Int = 700,
        progress: (Int) -> Void = { _ in }
    ) async throws -> [String] {
        try await fill(
            count: count, records: try records(corpus: corpus), at: now, offset: offset, spreadHours: spreadHours,
            progress: progress)
    }

    /// The corpus's CVs extracted, detected and minimised for the default purpose, once.
    public func records(corpus: String) throws -> [MinimalRecord] {
        let files = try ExtractionBenchmark.corpusFiles(in: corpus).sorted()
        guard !files.isEmpty else { throw CocoaError(.fileReadNoSuchFile) }
        let extractor = Extractor(limits: config.extraction)
        let detector = try Detector()
        guard let purpose = config.purposes[config.defaultPurpose ?? ""] ?? config.purposes.values.first else {
            throw VaultError.unknownPurpose(config.defaultPurpose ?? "")
        }
        var records: [MinimalRecord] = []
        for file in files {
            guard let document = try? extractor.extract(path: file) else { continue }
            records.append(Minimiser().minimise(detector.detect(document), for: purpose))
        }
        guard !records.isEmpty else { throw CocoaError(.fileReadNoSuchFile) }
        return records
    }

    /// Stores `count` candidates made from `records` (see ``fill(count:corpus:at:offset:spreadHours:progress:)``).
    public func fill(
        count: Int, records: [MinimalRecord], at now: Date, offset: Int = 0, spreadHours: Int = 700,
        progress: (Int) -> Void = { _ in }
    ) async throws -> [String] {
        let vault = try config.openVault()
        var codes: [String] = []
        for index in 0..<count {
            let record = Self.varied(records[index % records.count], index: offset + index)
            var generator = SystemRandomNumberGenerator()
            let hash = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
            let collected = now.addingTimeInterval(-Double(index % max(1, spreadHours)) * 3600)
            let outcome = try await vault.store(
                record, document: DocumentInfo(sha256: hash, channel: nil, receivedAt: collected),
                actor: "cvsieve-bench")
            if case .stored(let code, _, _) = outcome { codes.append(code) }
            if index % 500 == 499 { progress(index + 1) }
        }
        // As intake does after each store: the profile keys the re-identification count reads.
        try await QuasiKeys(config: config).refresh(codes, vault: vault, at: now)
        return codes
    }

    /// The record with its identifying contact values made unique to `index`.
    static func varied(_ record: MinimalRecord, index: Int) -> MinimalRecord {
        func vary(_ value: KeptValue) -> KeptValue {
            var value = value
            switch value.category {
            case .email:
                // An address written without "@" (obfuscated in the CV) is varied too: left as it
                // was, every CV made from that record would name one person, and the fill would
                // grow one candidate by a phone number per CV instead of adding candidates.
                if let at = value.value.firstIndex(of: "@") {
                    value.value = value.value[..<at] + "+\(index)" + value.value[at...]
                } else {
                    value.value = "bench\(index)." + value.value
                }
            case .phone:
                let digits = String(format: "%06d", index % 1_000_000)
                value.value = String(value.value.filter(\.isNumber).dropLast(6)) + digits
            default: break
            }
            return value
        }
        var record = record
        record.values = record.values.map(vary)
        record.identifiers = record.identifiers.map(vary)
        if record.identifiers.isEmpty {
            record.identifiers = [
                KeptValue(category: .email, value: "bench+\(index)@example.invalid", subject: .candidate)
            ]
        }
        return record
    }
}
