import CVModel
import Foundation
import Glibc
import TestSupport
import Testing

/// Several `cvsieve run` processes, each with its own data folder, sharing one inbox and one
/// PostgreSQL vault (a schema of its own per test), as several machines of one agency would.
@Suite(.serialized) struct SharedVaultTests {
    /// Writes the configuration of process `index`: the shared inbox, its own data folder, the
    /// shared vault and audit anchor, a short lease; returns the path.
    static func config(_ index: Int, in folder: URL, schema: String, server: TestPostgres) throws -> String {
        let passwordFile = folder.appendingPathComponent("pg-password")
        if !FileManager.default.fileExists(atPath: passwordFile.path) {
            FileManager.default.createFile(
                atPath: passwordFile.path, contents: Data(server.password.utf8), attributes: [.posixPermissions: 0o600])
        }
        let path = folder.appendingPathComponent("pipeline-\(index).yml").path
        let yaml =
            try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("pipeline.yml"), encoding: .utf8)
            .replacingOccurrences(of: "inbox: ./var/inbox", with: "inbox: ./inbox")
            .replacingOccurrences(of: "data: ./var/data", with: "data: ./data-\(index)")
            .replacingOccurrences(of: "stable_for: 2s", with: "stable_for: 2s\n  lease: 3s")
                + """

                vault:
                  backend: postgres
                  url: \(server.url)?schema=\(schema)
                  password_file: ./pg-password
                  anchor: ./shared/audit.anchor

                """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ config: String, _ environment: [String: String]) throws -> Int {
        let result = try TestSupport.run(
            TestSupport.cvsieveBinary, ["status", "--config", config, "--json"], environment: environment)
        struct Status: Decodable { var vault: [String: Int] }
        return (try? JSONDecoder().decode(Status.self, from: Data(result.stdout.utf8)))?.vault["document"] ?? -1
    }

    @Test("three run processes on one PostgreSQL vault, 1,000 files, one killed with SIGKILL: each file stored once")
    func threeWorkersOneKilled() throws {
        let server = try TestPostgres.server()
        let schema = TestPostgres.schemaName()
        try TestSupport.withTemporaryDirectory { folder in
            let configs = try (0..<3).map { try Self.config($0, in: folder, schema: schema, server: server) }
            // One master key for every process (as every machine would have it), never a file here.
            var environment = ProcessInfo.processInfo.environment
            environment["CVSIEVE_MASTER_KEY"] = Data((0..<32).map { UInt8(($0 * 7 + 3) % 256) }).base64EncodedString()
            environment["CVSIEVE_PG_PASSWORD"] = nil
            defer {
                _ = try? TestSupport.run(
                    "/usr/bin/psql",
                    [server.url, "-qc", "DROP SCHEMA IF EXISTS \(schema) CASCADE"],
                    environment: ["PGPASSWORD": server.password, "PATH": "/usr/bin:/bin"])
            }
            let channel = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(at: channel, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("shared"), withIntermediateDirectories: true)
            let pdfs = try TestSupport.sampleFiles().filter { $0.pathExtension == "pdf" }.map {
                try Data(contentsOf: $0)
            }
            let files = 1_000
            for index in 0..<files {
                // Distinct files (a PDF comment after %%EOF), the same few people.
                try (pdfs[index % pdfs.count] + Data("\n% copy \(index)\n".utf8))
                    .write(to: channel.appendingPathComponent("cv-\(index).pdf"))
            }
            let processes = try configs.enumerated().map { index, config in
                try TestSupport.start(
                    TestSupport.cvsieveBinary, ["run", "--config", config], in: folder, environment: environment,
                    log: folder.appendingPathComponent("run-\(index).log"))
            }
            defer { for process in processes { TestSupport.endNow(process) } }
            // Kill the first once a third of the files are stored.
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(120))
            while clock.now < deadline, try Self.count(configs[1], environment) < files / 3 { usleep(200_000) }
            kill(processes[0].processIdentifier, SIGKILL)
            for process in processes { try TestSupport.waitForExit(process, timeout: .seconds(300)) }
            #expect(processes[0].terminatingSignal == SIGKILL)
            #expect(processes[1].exitStatus == 0 && processes[2].exitStatus == 0)
            // The killed process's lease runs out; the next run of another process takes its files over.
            usleep(3_500_000)
            let after = try TestSupport.run(
                TestSupport.cvsieveBinary, ["run", "--config", configs[2]], in: folder, environment: environment)
            #expect(after.status == 0, "\(after.stderr.suffix(300))")
            // The killed process held at least the file in its worker's hands.
            #expect(after.stderr.contains("took over the files of an intake process whose lease ran out"))
            #expect(try Self.count(configs[2], environment) == files)
            let left = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("inbox").path)
                .filter { $0.hasSuffix(".pdf") || $0.split(separator: "/").last?.hasPrefix("k") == true }
            #expect(left.isEmpty, "files left in the inbox or a work folder: \(left.count)")
            let quarantined = try (0..<3).flatMap { index in
                (try? FileManager.default.contentsOfDirectory(
                    atPath: folder.appendingPathComponent("data-\(index)/quarantine").path)) ?? []
            }
            #expect(quarantined.isEmpty)
            let verify = try TestSupport.run(
                TestSupport.cvsieveBinary, ["audit", "verify", "--config", configs[1]], in: folder,
                environment: environment)
            #expect(verify.status == 0, "\(verify.stdout.suffix(300))")
        }
    }
}
