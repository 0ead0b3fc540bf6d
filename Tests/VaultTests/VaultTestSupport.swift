import CVModel
import Foundation
import Minimisation
import TestSupport

@testable import Vault

/// Purposes like the default pipeline.yml's.
enum TestPurposes {
    static let application = Purpose(
        name: "application", legalBasis: .consent,
        keep: [.personal(.name), .personal(.email), .personal(.phone), .personal(.city), .career],
        retention: RetentionRule(noAgreement: TimeSpan("4w"), withConsent: TimeSpan("1y")), allowsDisclosure: true)
    static let mediation = Purpose(
        name: "mediation", legalBasis: .contract,
        keep: [
            .personal(.name), .personal(.email), .personal(.phone), .personal(.address), .personal(.postcode),
            .personal(.city), .career,
        ],
        retention: RetentionRule(afterLastContact: TimeSpan("2y"), afterAgreementEnd: TimeSpan("2y")),
        allowsDisclosure: true)
}

/// A detection result for a fictional candidate (invented values only).
func fictionalResult(
    name: String = "Femke Voskuilen", email: String = "f.voskuilen@voorbeeld.test", phone: String = "06-11223344"
)
    -> DetectionResult
{
    func finding(_ category: Category, _ text: String, subject: DataSubject = .candidate) -> Finding {
        Finding(
            category: category, text: text, start: 0, end: text.count, confidence: 0.99, source: .body, subject: subject
        )
    }
    return DetectionResult(
        file: "cv.pdf", language: "nl",
        findings: [
            finding(.name, name), finding(.email, email), finding(.phone, phone), finding(.city, "Zwolle"),
            finding(.address, "Kerkstraat 12a"), finding(.bsn, "111222333"), finding(.birthDate, "14-04-1989"),
            finding(.name, "Sanne Referent", subject: .reference),
        ],
        special: [SpecialFinding(category: .health, start: 0, end: 5, source: .body)],
        career: CareerFacts(
            experience: [
                CareerFacts.Experience(title: "Planner", employer: "Transport Noord", start: "2019", end: "heden")
            ],
            skills: ["SAP"]))
}

let day: TimeInterval = 86_400

/// Stores one fictional candidate under `purpose`; `index` gives a distinct e-mail and phone (the
/// same index again is the same candidate), `city` and `career` their profile.
func storeFictional(
    _ vault: SQLVault, index: Int, purpose: Purpose, at received: Date, city: String = "Zwolle",
    career: CareerFacts? = nil
) throws -> String {
    guard
        case .stored(let code, _, _) = try storeFictionalDocument(
            vault, index: index, purpose: purpose, at: received, city: city, career: career)
    else { throw VaultError.unknownCandidate(code: "?") }
    return code
}

/// What storing the document ``storeFictional(_:index:purpose:at:city:career:)`` makes gave
/// (the same index, purpose and time is the same file).
func storeFictionalDocument(
    _ vault: SQLVault, index: Int, purpose: Purpose, at received: Date, city: String = "Zwolle",
    career: CareerFacts? = nil
) throws -> StoreOutcome {
    var result = fictionalResult(email: "kandidaat\(index)@voorbeeld.test", phone: "06-\(20_000_000 + index)")
    result.findings = result.findings.map { finding in
        var changed = finding
        if finding.category == .city { changed.text = city }
        return changed
    }
    if let career { result.career = career }
    return try vault.store(
        Minimiser().minimise(result, for: purpose),
        document: DocumentInfo(
            sha256: "doc-\(index)-\(purpose.name)-\(received.timeIntervalSince1970)", channel: nil,
            receivedAt: received),
        actor: "t")
}

func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text + "T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
}

/// A vault in a temporary folder with its own key file, on each backend in turn: SQLite, then
/// PostgreSQL in a schema of its own (dropped afterwards). Returns the last body's result.
@discardableResult
func withVault<Result>(on backends: [VaultBackend] = VaultBackend.allCases, _ body: (SQLVault, URL) throws -> Result)
    throws -> Result
{
    var result: Result?
    for backend in backends {
        result = try TestSupport.withTemporaryDirectory { folder in
            let keyPath = folder.appendingPathComponent("master.key").path
            switch backend {
            case .sqlite:
                let vault = try SQLVault(
                    path: folder.appendingPathComponent("vault.sqlite").path, keyPath: keyPath,
                    retention: RetentionCalculator.retainUntil)
                return try body(vault, folder)
            case .postgres:
                let server = try TestPostgres.server()
                var settings = try PostgresSettings(url: server.url, password: server.password)
                settings.schema = TestPostgres.schemaName()
                let vault = try SQLVault(
                    postgres: settings, keyPath: keyPath,
                    anchorPath: folder.appendingPathComponent("audit.anchor").path,
                    retention: RetentionCalculator.retainUntil)
                defer { try? dropSchema(vault) }
                return try body(vault, folder)
            }
        }
    }
    guard let result else { throw VaultError.settings("withVault: no backend named") }
    return result
}

/// The same vault opened again with the key at `keyPath`.
func reopen(_ vault: SQLVault, folder: URL, keyPath: String) throws -> SQLVault {
    if let engine = vault.engine as? PostgresEngine {
        return try SQLVault(
            postgres: engine.settings, keyPath: keyPath, anchorPath: folder.appendingPathComponent("audit.anchor").path,
            retention: RetentionCalculator.retainUntil)
    }
    return try SQLVault(path: vault.path, keyPath: keyPath, retention: RetentionCalculator.retainUntil)
}

func dropSchema(_ vault: SQLVault) throws {
    guard let engine = vault.engine as? PostgresEngine, let schema = engine.settings.schema else { return }
    try engine.write("dropping a test schema") { db in try db.execute(sql: "DROP SCHEMA \(schema) CASCADE") }
}

/// Every byte the vault holds: the SQLite files (database, WAL, shared memory), or every
/// column of every row of the PostgreSQL schema (BYTEA as its bytes, the rest as text).
func vaultBytes(_ vault: SQLVault, _ folder: URL) throws -> Data {
    var data = Data()
    guard let engine = vault.engine as? PostgresEngine else {
        for name in ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm"] {
            if let part = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
                data.append(part)
            }
        }
        return data
    }
    try engine.read("reading every row") { db in
        let columns = try db.fetchAll(
            sql: """
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                """)
        for column in columns {
            let table: String = column["table_name"]
            let name: String = column["column_name"]
            let isBytes = (column["data_type"] as String) == "bytea"
            for row in try db.fetchAll(sql: "SELECT \"\(name)\"\(isBytes ? "" : "::text") AS v FROM \"\(table)\"") {
                if isBytes {
                    if let bytes = row["v"] as Data? { data.append(bytes) }
                } else if let text = row["v"] as String? {
                    data.append(Data(text.utf8))
                }
            }
        }
    }
    return data
}

/// Changes the vault's database the way someone holding it (but not the master key) would: the
/// audit log's append-only triggers switched off first, no anchor moved.
func tamperWith(_ vault: SQLVault, _ change: (any SQLSession) throws -> Void) throws {
    try vault.engine.write("tampering") { db in
        try AuditLog.suspendAppendOnly(db)
        try change(db)
    }
}
