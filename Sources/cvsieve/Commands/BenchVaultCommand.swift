import ArgumentParser
import Foundation
import Pipeline

/// `cvsieve bench-vault --candidates N`: the vault's everyday operations at 1,000, 10,000 and
/// 100,000 candidates (up to N), in a throwaway data folder.
struct BenchVaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-vault",
        abstract: "Time candidates, subject access, export, purge, audit verify and requests as a vault grows.")

    @OptionGroup var options: CommonOptions

    @Option(help: "The largest vault measured (sizes 1,000, 10,000, 100,000 up to this).")
    var candidates: Int = 10_000

    @Option(help: "CVs the candidates are made from (PDF and DOCX, read once).")
    var corpus: String = "Samples"

    @Option(help: "The throwaway data folder (emptied first); never the configured one.")
    var data: String = "var/bench-vault"

    @Option(help: "Calls per timed operation; the median is reported.")
    var repeats: Int = 5

    @Option(
        help: ArgumentHelp(
            "A PostgreSQL server to measure instead of SQLite (postgres://USER@HOST:PORT/DATABASE); the vault "
                + "goes in a throwaway schema bench_vault, dropped first. The password from CVSIEVE_PG_PASSWORD "
                + "or --password-file."))
    var postgres: String?

    @Option(help: "The PostgreSQL password's file (with --postgres).")
    var passwordFile: String = "var/pg/password"

    func run() async throws {
        var config = try options.loadConfig()
        let standard = URL(fileURLWithPath: config.data).standardizedFileURL.path
        guard URL(fileURLWithPath: data).standardizedFileURL.path != standard else {
            throw ValidationError("--data must not be the configured data folder: bench-vault empties it")
        }
        guard candidates >= 1, candidates <= 1_000_000 else {
            throw ValidationError("--candidates must be between 1 and 1,000,000")
        }
        try? FileManager.default.removeItem(atPath: data)
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        config.data = data
        if let postgres {
            config.vault = try VaultBenchmark.throwawayPostgres(
                url: postgres, passwordFile: FileManager.default.fileExists(atPath: passwordFile) ? passwordFile : nil)
        }
        let report = try await VaultBenchmark(config: config, corpus: corpus, candidates: candidates, repeats: repeats)
            .run { Output.standardError("bench-vault: \($0)\n") }
        if options.json {
            try Output.json(report)
            return
        }
        print("vault (\(report.backend)) on \(report.machine); medians of \(repeats) calls")
        print("candidates  fill/s   first page  subject access  export PDF  purge 1,000       audit verify  requests")
        for figure in report.figures {
            print(
                [
                    String(figure.candidates).padding(11),
                    String(Int((Double(figure.candidates) / max(figure.fillSeconds, 0.001)).rounded())).padding(8),
                    String(format: "%.1f ms", figure.firstPage).padding(11),
                    String(format: "%.1f ms", figure.subjectAccess).padding(15),
                    String(format: "%.1f ms", figure.exportPDF).padding(11),
                    String(format: "%.2f s (%d)", figure.purgeSeconds, figure.purged).padding(17),
                    String(format: "%.2f s%@", figure.auditVerifySeconds, figure.auditIntact ? "" : " BROKEN")
                        .padding(13),
                    String(format: "%.1f ms", figure.requests),
                ].joined(separator: " "))
        }
    }
}
