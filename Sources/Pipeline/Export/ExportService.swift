public import CVModel
public import Detection
public import Export
public import Extraction
public import Foundation
public import Vault

/// Builds, renders and gates client profiles: `cvsieve preview` (from a file, nothing stored)
/// and `cvsieve export` (from the vault, disclosure recorded).
public struct ExportService: Sendable {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// The exporter with the leak gate's read-back through the project's own extractor.
    public var exporter: ProfileExporter {
        let limits = config.extraction
        return ProfileExporter { bytes, format in
            let document = try Extractor(limits: limits).extract(
                bytes: [UInt8](bytes), fileName: "profile.\(format.rawValue)")
            return document.plainText
        }
    }

    var options: ProfileOptions {
        ProfileOptions(fields: config.export.fields, agency: config.export.agency, footer: config.export.footer)
    }

    /// Errors of the export commands; the leak gate's exits with 3.
    public enum Failure: ReportableError {
        case leak(code: String, categories: [String])
        case render(String)
        case notDisclosable(code: String, purposes: [String])
        case blocked(code: String)
        case belowK(code: String, count: Int, k: Int)
        /// `export.require_approval`: the candidate has not approved this exact profile.
        case notApproved(code: String)
        case write(path: String)
        /// The detector's word lists did not come along with the binary.
        case detection(DetectionError)

        public var exitCode: Int32 {
            switch self {
            case .leak: 3
            case .render, .write: 1
            case .notDisclosable, .blocked, .belowK, .notApproved: 2
            case .detection(let error): error.exitCode
            }
        }

        public var kind: String {
            switch self {
            case .leak: "leak"
            case .render: "render"
            case .notDisclosable: "not_disclosable"
            case .blocked: "restricted"
            case .belowK: "k_anonymity"
            case .notApproved: "not_approved"
            case .write: "write"
            case .detection(let error): error.kind
            }
        }

        public var description: String {
            switch self {
            case .leak(let code, let categories):
                "\(code): the leak gate refused the export: the rendered profile contains stored personal data "
                    + "(\(categories.joined(separator: ", "))); nothing was written or sent. Rectify the career facts "
                    + "(`cvsieve subject rectify`) or choose other fields"
            case .render(let reason): "profile: \(reason)"
            case .notDisclosable(let code, let purposes):
                "\(code): none of its purposes (\(purposes.joined(separator: ", "))) allows disclosure to clients "
                    + "(set disclose: true in pipeline.yml)"
            case .blocked(let code): "\(code): processing is restricted or objected to; no export"
            case .belowK(let code, let count, let k):
                "\(code): only \(count) stored candidate(s) share this profile's region, headline, experience band and "
                    + "education (k = \(k)); refused because of --strict"
            case .write(let path): "\(path): cannot write the profile"
            case .notApproved(let code):
                "\(code): export.require_approval is on and the candidate has not approved this profile; ask with "
                    + "`cvsieve approval request \(code)` (or the web app) and record the answer"
            case .detection(let error): error.description
            }
        }
    }

    // MARK: - Preview

    /// The profile one extracted document would give, rendered and gated against everything
    /// detected in it. Nothing is stored.
    public func preview(_ document: Document, format: ExportFormat) throws(Failure)
        -> (bytes: Data, profile: Profile, leftOut: [ProfileScreen.LeftOut])
    {
        let detector: Detector
        let regions: Regions
        do {
            (detector, regions) = (try Detector(), try Regions())
        } catch {
            throw .detection(error)
        }
        let result = detector.detect(document)
        let city = result.findings.first { $0.category == .city && $0.subject == .candidate }?.text
        let built = ProfileBuilder(options: options).build(
            code: "PREVIEW", career: result.career, region: city.flatMap(regions.region(ofResidence:)))
        let gate = LeakGate(values: result.findings.map { ($0.category.rawValue, $0.text) })
        let (profile, leftOut) = ProfileScreen(gate: gate).screen(built)
        do {
            return (try exporter.export(profile, as: format, gate: gate), profile, leftOut)
        } catch .leak(let categories) {
            throw .leak(code: "preview", categories: categories)
        } catch {
            throw .render(error.description)
        }
    }

    // MARK: - Export

    public struct ExportResult: Codable, Sendable {
        public var code: String
        public var client: String
        public var format: String
        public var path: String
        public var sha256: String
        /// Stored candidates sharing the profile's quasi-identifiers (including this one).
        public var similarCandidates: Int
        public var belowK: Bool
        /// Career items the profile left out because they hold a stored value (field, categories).
        public var leftOut: [ProfileScreen.LeftOut]
    }

    /// A candidate's client profile as built from the vault and screened by the leak gate, before
    /// rendering: what the web app's profile page shows and what every export renders.
    public struct GatedProfile: Sendable {
        public var profile: Profile
        /// Career items left out because they hold a stored value (field, categories).
        public var leftOut: [ProfileScreen.LeftOut]
        /// The purpose whose disclosure rule allows the profile.
        public var purpose: String
        /// Stored candidates sharing the profile's quasi-identifiers (including this one).
        public var similarCandidates: Int
        public var belowK: Bool
        let gate: LeakGate

        /// SHA-256 of the profile's canonical JSON: what a candidate's approval is for, whatever
        /// format the client receives.
        public var sha256: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let bytes = (try? encoder.encode(profile)) ?? Data()
            return Extractor.sha256Hex([UInt8](bytes))
        }
    }

    /// Builds and screens the candidate's profile; refuses a restricted candidate and one whose
    /// purposes allow no disclosure. Nothing is recorded.
    public func profile(code: String, vault: any Vault, at now: Date) async throws -> GatedProfile {
        let regions = try Regions()
        if try await vault.isBlocked(code) { throw Failure.blocked(code: code) }
        // Values and career in one read (one round trip on PostgreSQL).
        guard let contents = try await vault.contents(of: [code])[code] else {
            throw VaultError.unknownCandidate(code: code)
        }
        let values = contents.values
        let careers = contents.career
        let purposes = Set(values.map(\.purpose)).union(careers.keys).sorted()
        guard let purpose = disclosablePurpose(among: purposes) else {
            throw Failure.notDisclosable(code: code, purposes: purposes)
        }
        let (profile, leftOut, gate) = storedProfile(
            code: code, values: values, career: careers[purpose.name] ?? Self.firstCareer(careers), regions: regions,
            now: now)
        let similar = try await similarCandidates(to: profile, excluding: code, vault: vault, now: now)
        return GatedProfile(
            profile: profile, leftOut: leftOut, purpose: purpose.name, similarCandidates: similar,
            belowK: similar < config.export.kAnonymity, gate: gate)
    }

    /// Renders a screened profile through the leak gate (the read-back of the rendered file).
    /// Nothing is recorded: a refusal here is a look, not an attempt to disclose.
    public func render(_ gated: GatedProfile, as format: ExportFormat) throws(Failure) -> Data {
        do {
            return try exporter.export(gated.profile, as: format, gate: gated.gate)
        } catch .leak(let categories) {
            throw .leak(code: gated.profile.code, categories: categories)
        } catch {
            throw .render(error.description)
        }
    }

    /// The export's bytes for `client`, gated; a refusal is audited, a success is not yet a
    /// disclosure (see ``recordDisclosure``).
    func gatedBytes(
        code: String, client: String, format: ExportFormat, strict: Bool, vault: any Vault, actor: String,
        at now: Date
    ) async throws -> (GatedProfile, Data) {
        let gated = try await profile(code: code, vault: vault, at: now)
        if gated.belowK && strict {
            throw Failure.belowK(code: code, count: gated.similarCandidates, k: config.export.kAnonymity)
        }
        if config.export.requireApproval, try await !vault.isApproved(code, profileSHA256: gated.sha256) {
            throw Failure.notApproved(code: code)
        }
        let bytes: Data
        do throws(Failure) {
            bytes = try render(gated, as: format)
        } catch {
            if case .leak(_, let categories) = error {
                try? await vault.recordRefusedExport(
                    code: code, purpose: gated.purpose, format: format.rawValue, categories: categories,
                    client: client, actor: actor, at: now)
            }
            throw error
        }
        return (gated, bytes)
    }

    func recordDisclosure(
        _ gated: GatedProfile, bytes: Data, client: String, format: ExportFormat, path: String, vault: any Vault,
        actor: String, at now: Date
    ) async throws -> ExportResult {
        let sha = Extractor.sha256Hex([UInt8](bytes))
        try await vault.recordDisclosure(
            Disclosure(
                client: client, disclosedAt: now, purpose: gated.purpose,
                fields: config.export.fields.sorted().map(\.rawValue),
                format: format.rawValue, profileSHA256: sha), code: gated.profile.code, actor: actor)
        return ExportResult(
            code: gated.profile.code, client: client, format: format.rawValue, path: path, sha256: sha,
            similarCandidates: gated.similarCandidates, belowK: gated.belowK, leftOut: gated.leftOut)
    }

    /// Builds the candidate's profile from the vault, renders it, gates it against every stored
    /// value, writes it atomically and records the disclosure.
    public func export(
        code: String, client: String, format: ExportFormat, out: String?, strict: Bool, vault: any Vault,
        actor: String,
        at now: Date
    ) async throws -> ExportResult {
        let (gated, bytes) = try await gatedBytes(
            code: code, client: client, format: format, strict: strict, vault: vault, actor: actor, at: now)
        let path =
            out
            ?? (config.exportsFolder as NSString).appendingPathComponent(
                "\(code)-\(Self.slug(client)).\(format.fileExtension)")
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure.write(path: path)
        }
        return try await recordDisclosure(
            gated, bytes: bytes, client: client, format: format, path: path, vault: vault, actor: actor, at: now)
    }

    /// The same export handed back instead of written (the web app's download): gated, the
    /// disclosure recorded once the bytes passed the gate.
    public func disclose(
        code: String, client: String, format: ExportFormat, strict: Bool, vault: any Vault, actor: String,
        at now: Date
    ) async throws -> (bytes: Data, result: ExportResult) {
        let (gated, bytes) = try await gatedBytes(
            code: code, client: client, format: format, strict: strict, vault: vault, actor: actor, at: now)
        let result = try await recordDisclosure(
            gated, bytes: bytes, client: client, format: format, path: "", vault: vault, actor: actor, at: now)
        return (bytes, result)
    }

    /// The first purpose, by name, under which profiles may go to clients: the one whose career
    /// facts a client profile shows.
    func disclosablePurpose(among purposes: [String]) -> Purpose? {
        purposes.compactMap { config.purposes[$0] }.first(where: \.allowsDisclosure)
    }

    /// The career facts of the first purpose by name, when the disclosable purpose has none.
    static func firstCareer(_ careers: [String: CareerFacts]) -> CareerFacts {
        careers.min { $0.key < $1.key }?.value ?? CareerFacts()
    }

    /// A stored candidate's profile as a client gets it: built from the career facts and the
    /// region of the stored city, then screened against every stored value.
    func storedProfile(code: String, values: [StoredValue], career: CareerFacts, regions: Regions, now: Date)
        -> (profile: Profile, leftOut: [ProfileScreen.LeftOut], gate: LeakGate)
    {
        let city = values.first { $0.category == Category.city.rawValue }?.value
        let built = ProfileBuilder(options: options).build(
            code: code, career: career, region: city.flatMap(regions.region(ofResidence:)), now: now)
        let gate = LeakGate(values: values.map { ($0.category, $0.value) })
        let (profile, leftOut) = ProfileScreen(gate: gate).screen(built)
        return (profile, leftOut, gate)
    }

    /// Stored candidates whose profile shares region, headline, years-of-experience band and
    /// highest education level with `profile` (a k-anonymity estimate over the vault), counting
    /// the candidate `code` (the one exported) whatever its stored key says.
    ///
    /// One COUNT on the vault's key column, after computing the keys that are missing or stale
    /// (``QuasiKeys``): on a vault from before the column, the first count decrypts every
    /// candidate once; after that, only those changed since.
    public func similarCandidates(to profile: Profile, excluding code: String? = nil, vault: any Vault, now: Date)
        async throws -> Int
    {
        let keys = try QuasiKeys(service: self)
        _ = try await keys.backfill(vault: vault, at: now)
        let others = try await vault.countCandidates(sharing: keys.identifiers(of: profile, at: now), excluding: code)
        return others + (code == nil ? 0 : 1)
    }

    /// The profile's quasi-identifiers under the basis of `now`.
    func quasiIdentifiers(_ profile: Profile, at now: Date) -> QuasiIdentifiers {
        let years = profile.yearsOfExperience ?? 0
        let band = years < 3 ? "0-2" : years < 6 ? "3-5" : years < 11 ? "6-10" : "11+"
        let degrees = profile.education.map { $0.degree.lowercased() }
        let level =
            degrees.contains { $0.contains("wo") || $0.contains("master") || $0.contains("msc") }
            ? "wo"
            : degrees.contains { $0.contains("hbo") || $0.contains("bachelor") || $0.contains("bsc") }
                ? "hbo"
                : degrees.contains { $0.contains("mbo") } ? "mbo" : "other"
        return QuasiIdentifiers(
            region: profile.region ?? "-", headline: profile.headline.lowercased(), experienceBand: band,
            educationLevel: level, basis: quasiBasis(at: now))
    }

    /// What quasi-identifiers computed at `now` hold under: years of experience count to the
    /// calendar year (as ``ProfileBuilder`` counts them), and the exported fields decide what a
    /// profile shows.
    func quasiBasis(at now: Date) -> String {
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        return "\(year);" + config.export.fields.map(\.rawValue).sorted().joined(separator: ",")
    }

    static func slug(_ text: String) -> String {
        let allowed = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(allowed).split(separator: "-").joined(separator: "-").prefix(40).description
    }
}
