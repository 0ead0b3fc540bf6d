import ArgumentParser
import CVModel
import Foundation
import Logging
import Pipeline

/// `cvsieve run [--now DATE] [--json]`: one pass over the inbox, then the retention purge.
/// Output names files by claim id only; a terminal's live progress line shows the dropped name
/// (overwritten by the next, never logged).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Process every file in the inbox once (nightly batch), then apply retention.")

    @OptionGroup var options: CommonOptions
    @OptionGroup var now: NowOption

    func run() async throws {
        let service = try options.service(actor: "cvsieve-run")
        let date = try now.date()
        let showsProgress = Output.isTerminal && !options.json
        let started = Date()
        let summary = try await service.runBatch(at: date, logger: Logger(label: "cvsieve.run")) { step in
            if showsProgress {
                Output.progress(
                    done: step.done, total: step.total, elapsed: Date().timeIntervalSince(started),
                    label: step.droppedName)
            }
        }
        if options.json {
            try Output.json(summary)
        } else {
            if showsProgress { Output.clearProgress() }
            for file in summary.files {
                let detail = file.code ?? file.quarantineID.map { "quarantine \($0)" } ?? file.detail ?? ""
                let notice = file.notice.map { "  notice \($0.rawValue)" } ?? ""
                print("  \(file.status.rawValue.padding(12)) \(file.claim)  \(file.channel)  \(detail)\(notice)")
            }
            let skipped = summary.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            print(
                "run: \(summary.files.count) files: \(summary.stored) stored, \(summary.duplicates) duplicates, "
                    + "\(summary.quarantined) quarantined (\(service.config.quarantineFolder)), "
                    + "\(summary.deferred) given back; \(summary.waiting) waiting"
                    + (skipped.isEmpty ? "" : "; not taken: \(skipped.joined(separator: ", "))")
                    + "; purge removed \(summary.purge?.purged.count ?? 0) records"
                    + (service.config.notices.outbox.map { "; \(summary.notices) notices in \($0)" } ?? ""))
            if let audit = summary.audit { print("audit head: \(audit.records) records, \(audit.mac.prefix(16))") }
        }
        for file in summary.files {
            switch file.notice {
            case .failed?:
                Output.warning("\(file.code ?? file.claim): the information notice could not be written to the outbox")
            case .writtenWithoutAddress?:
                Output.warning(
                    "\(file.code ?? file.claim): no e-mail address is held: its notice has no To header; send it "
                        + "another way")
            case .written?, nil: break
            }
        }
        for file in summary.files where file.status == .quarantined {
            Output.errorLines("\(file.claim): \(file.reason?.rawValue ?? "failed"): \(file.detail ?? "")")
        }
        if let stopped = summary.stopped {
            Output.errorLines("run stopped early: \(stopped); \(summary.waiting) files wait for the next run")
        }
        if summary.quarantined > 0 || summary.stopped != nil { throw ExitCode(1) }
    }
}
