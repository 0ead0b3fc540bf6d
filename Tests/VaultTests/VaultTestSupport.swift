import CVModel
import Foundation
import Minimisation
import TestSupport
import Vault

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
    var result = fictionalResult(email: "kandidaat\(index)@voorbeeld.test", phone: "06-\(20_000_000 + index)")
    result.findings = result.findings.map { finding in
        var changed = finding
        if finding.category == .city { changed.text = city }
        return changed
    }
    if let career { result.career = career }
    let record = Minimiser().minimise(result, for: purpose)
    guard
        case .stored(let code, _, _) = try vault.store(
            record,
            document: DocumentInfo(
                sha256: "doc-\(index)-\(purpose.name)-\(received.timeIntervalSince1970)", channel: nil,
                receivedAt: received),
            actor: "t")
    else { throw VaultError.unknownCandidate(code: "?") }
    return code
}

func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text + "T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
}

/// A vault in a temporary folder with its own key file.
func withVault<Result>(_ body: (SQLVault, URL) throws -> Result) throws -> Result {
    try TestSupport.withTemporaryDirectory { folder in
        let vault = try SQLVault(
            path: folder.appendingPathComponent("vault.sqlite").path,
            keyPath: folder.appendingPathComponent("master.key").path, retention: RetentionCalculator.retainUntil)
        return try body(vault, folder)
    }
}

/// Every byte of the vault's files (database, WAL, shared memory).
func vaultBytes(_ folder: URL) throws -> Data {
    var data = Data()
    for name in ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm"] {
        if let part = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
            data.append(part)
        }
    }
    return data
}
