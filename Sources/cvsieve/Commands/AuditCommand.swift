import ArgumentParser
import CVModel
import Foundation
import Pipeline

/// `cvsieve audit verify|show`: check and read the audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and read the audit log.", subcommands: [Verify.self, Show.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain: edits, insertions and deletions show.")
        @OptionGroup var options: CommonOptions
        func run() async throws {
            let result = try await options.service().verifyAudit()
            if options.json {
                try Output.json(result)
            } else if result.isIntact {
                print(
                    "audit: \(result.records) records, chain intact"
                        + (result.anchoredRecords.map { ", anchored at \($0)" } ?? ""))
            } else {
                print("audit: chain broken at record \(result.firstBreak ?? 0): \(result.problem ?? "")")
            }
            if !result.isIntact { throw ExitCode(1) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List processing steps and disclosures.")
        @OptionGroup var options: CommonOptions
        @Option(help: "Only this candidate.") var candidate: String?
        @Option(help: "Only from this date (YYYY-MM-DD).") var since: String?
        func run() async throws {
            let sinceDate = try since.map { try NowOption(now: $0).date() }
            let records = try await options.service().auditRecords(code: candidate, since: sinceDate)
            if options.json {
                try Output.json(records)
                return
            }
            let formatter = ISO8601DateFormatter()
            for record in records {
                print(
                    "\(record.seq) \(formatter.string(from: record.at)) \(record.actor) \(record.action) "
                        + "\(record.code ?? "-") \(record.purpose ?? "-") \(record.detail)")
            }
        }
    }
}
