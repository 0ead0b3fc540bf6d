import ArgumentParser
import Foundation
import Intake
import Pipeline
import Vault

/// `cvsieve status [--json]`: counts per stage, quarantine reasons, oldest retention date.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Counts per stage, quarantine reasons, oldest retention date.")

    @OptionGroup var options: CommonOptions

    struct Status: Codable {
        var inbox: Int
        var inProgress: Int
        var quarantined: [String: Int]
        var quarantinedFiles: [Inbox.QuarantinedFile]
        var vault: [String: Int]
        var oldestRetention: Date?
    }

    func run() throws {
        let config = try options.loadConfig(requireFile: true)
        let vault = try config.openVault()
        let intake = Inbox(inbox: config.inbox, data: config.data)
        let status = Status(
            inbox: intake.scan().count,
            inProgress: ((try? FileManager.default.contentsOfDirectory(atPath: intake.workFolder)) ?? []).filter {
                !$0.contains(".")
            }.count, quarantined: intake.quarantineReasons(), quarantinedFiles: intake.quarantined(),
            vault: try vault.counts(),
            oldestRetention: try vault.oldestRetention())
        if options.json {
            try Output.json(status)
            return
        }
        print("inbox: \(status.inbox) waiting, \(status.inProgress) in progress")
        print("quarantine: \(status.quarantined.values.reduce(0, +)) files")
        for (reason, count) in status.quarantined.sorted(by: { $0.key < $1.key }) { print("  \(reason): \(count)") }
        for file in status.quarantinedFiles { print("  \(file.id)  \(file.file): \(file.reason)") }
        let vaultCounts = status.vault
        print(
            "vault: \(vaultCounts["candidate"] ?? 0) candidates, \(vaultCounts["value"] ?? 0) values, "
                + "\(vaultCounts["document"] ?? 0) documents, \(vaultCounts["disclosure"] ?? 0) disclosures, "
                + "\(vaultCounts["open_requests"] ?? 0) open requests, \(vaultCounts["legal_holds"] ?? 0) legal holds")
        print("oldest retention date: \(status.oldestRetention.map { day($0) } ?? "none")")
    }
}
