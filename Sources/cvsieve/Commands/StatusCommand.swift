import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve status [--json]`: counts per stage, quarantine reasons, oldest retention date.
/// Quarantined files are listed by quarantine id and reason, never by name.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Counts per stage, quarantine reasons, oldest retention date.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let status = try await options.service().status()
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
