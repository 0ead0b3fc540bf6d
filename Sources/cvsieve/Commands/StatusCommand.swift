import ArgumentParser
import Foundation
import Intake
import Pipeline
import Vault

/// `cvsieve status [--json]`: counts per stage, quarantine reasons, oldest retention date.
/// Quarantined files are listed by quarantine id and reason, never by name.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Counts per stage, quarantine reasons, oldest retention date.")

    @OptionGroup var options: CommonOptions

    struct Status: Codable {
        var inbox: Int
        var inProgress: Int
        /// What the inbox holds that intake never takes (nested folders, special files).
        var notTaken: [String: Int]
        var quarantined: [String: Int]
        var quarantinedFiles: [QuarantineEntry]
        /// Quarantine folders without a readable reason.json.
        var malformedQuarantine: [String]
        var vault: [String: Int]
        var oldestRetention: Date?
    }

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let vault = try config.openVault()
        let intake = config.makeInbox()
        let scan = intake.scan()
        let quarantine = intake.quarantined()
        let status = Status(
            inbox: scan.entries.count, inProgress: intake.inProgressCount(),
            notTaken: Dictionary(uniqueKeysWithValues: scan.skipped.map { ($0.key.rawValue, $0.value) }),
            quarantined: Dictionary(
                uniqueKeysWithValues: intake.quarantineReasons().map { ($0.key.rawValue, $0.value) }),
            quarantinedFiles: quarantine.entries, malformedQuarantine: quarantine.malformed,
            vault: try vault.counts(), oldestRetention: try vault.oldestRetention())
        if options.json {
            try Output.json(status)
            return
        }
        print("inbox: \(status.inbox) waiting, \(status.inProgress) in progress")
        for (kind, count) in status.notTaken.sorted(by: { $0.key < $1.key }) {
            print("  not taken: \(count) \(kind.replacingOccurrences(of: "_", with: " "))(s) (move files out of them)")
        }
        print("quarantine: \(status.quarantinedFiles.count) files")
        for (reason, count) in status.quarantined.sorted(by: { $0.key < $1.key }) { print("  \(reason): \(count)") }
        for entry in status.quarantinedFiles {
            print("  \(entry.id)  \(entry.channel.display)  \(entry.reason.rawValue): \(entry.detail)")
        }
        for id in status.malformedQuarantine { print("  \(id)  (no readable reason.json)") }
        let vaultCounts = status.vault
        print(
            "vault: \(vaultCounts["candidate"] ?? 0) candidates, \(vaultCounts["value"] ?? 0) values, "
                + "\(vaultCounts["document"] ?? 0) documents, \(vaultCounts["disclosure"] ?? 0) disclosures, "
                + "\(vaultCounts["open_requests"] ?? 0) open requests, \(vaultCounts["legal_holds"] ?? 0) legal holds")
        print("oldest retention date: \(status.oldestRetention.map { day($0) } ?? "none")")
    }
}
