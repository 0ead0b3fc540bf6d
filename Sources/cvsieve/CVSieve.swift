import ArgumentParser
import CVModel
import Foundation
import Logging

/// The root command. Its own `main` keeps the exit-code contract: 0 ok, 1 some inputs failed,
/// 2 usage or configuration error, 3 the leak gate refused (ArgumentParser alone exits 64 on
/// usage errors on Linux).
@main
struct CVSieve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvsieve",
        abstract: "Take in CVs without hoarding personal data.",
        discussion: """
            Extracts text from PDF and DOCX CVs, finds the personal data in it, keeps only what a
            declared purpose needs, and produces redacted client profiles behind a leak gate.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, WatchCommand.self, RetryCommand.self, ExtractCommand.self, DetectCommand.self,
            PreviewCommand.self, ExportCommand.self,
            CandidatesCommand.self, PurgeCommand.self,
            SubjectCommand.self, RequestsCommand.self, AuditCommand.self, StatusCommand.self, EvalCommand.self,
            NoticeCommand.self, ApprovalCommand.self, BenchCommand.self, BenchVaultCommand.self, ConfigCommand.self,
            ServeCommand.self,
            UserCommand.self, KeyCommand.self,
            WorkerCommand.self,
        ])

    static func main() async {
        // Everything cvsieve creates (vault, key, work, quarantine, exports) is private to the
        // account running it, whatever umask the shell or service manager set.
        umask(0o077)
        // Warnings and errors on stderr by default; CVSIEVE_LOG_LEVEL=info shows each file's step.
        let level =
            ProcessInfo.processInfo.environment["CVSIEVE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(report(error))
        }
    }

    /// Prints `error` the way the CLI contract says and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        if let reportable = error as? any ReportableError {
            Output.errorLines(reportable.description)
            return reportable.exitCode
        }
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if code == .validationFailure {
            Output.standardError(message + "\n")
            return 2
        }
        Output.errorLines("internal error (\(type(of: error)))")
        return 1
    }
}
