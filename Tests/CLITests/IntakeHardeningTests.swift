import CVModel
import Foundation
import Glibc
import TestSupport
import Testing

/// Findings of the security review of intake, driven through the built `cvsieve` binary; each
/// test failed on the code before the fix.
@Suite(.serialized) struct IntakeHardeningTests {
    static func setUp(_ folder: URL, extra: String = "") throws -> String {
        try TestSupport.writeConfig(in: folder, extra: extra)
    }

    static func samplePDFs() -> [URL] { TestSupport.sampleFiles().filter { $0.pathExtension == "pdf" } }

    /// `count` distinct PDFs (each sample with a different trailing comment), dropped into `channel`.
    static func dropDistinctPDFs(_ count: Int, into folder: URL, channel: String = "sollicitatie") throws {
        let target = folder.appendingPathComponent("inbox/\(channel)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let samples = samplePDFs().filter { !$0.lastPathComponent.contains("password") }
        for index in 0..<count {
            var bytes = try Data(contentsOf: samples[index % samples.count])
            bytes.append(Data("\n% copy \(index)\n%%EOF\n".utf8))
            try bytes.write(to: target.appendingPathComponent("cv-\(index).pdf"))
        }
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test("retry never moves a file outside the inbox, whatever reason.json says; reasons are one line")
    func retryTraversal() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder).self
            try TestSupport.dropSamples([TestSupport.hostileFile("truncated.pdf")], into: folder)
            _ = try TestSupport.cvsieve(["run", "--config", config])
            let status = Self.json(try TestSupport.cvsieve(["status", "--json", "--config", config]).stdout)
            let entry = try #require((status["quarantinedFiles"] as? [[String: Any]])?.first)
            let id = try #require(entry["id"] as? String)
            let reasonFile = folder.appendingPathComponent("data/quarantine/\(id)/reason.json")
            var record = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: reasonFile)) as? [String: Any])
            #expect(!(record["detail"] as? String ?? "\n").contains("\n"))
            // An attacker (or a confused operator) edits the channel to climb out of the inbox.
            record["channel"] = ["configured": ["_0": "../escaped"]]
            try JSONSerialization.data(withJSONObject: record).write(to: reasonFile)
            let retry = try TestSupport.cvsieve(["retry", id, "--config", config])
            #expect(retry.status == 2)
            #expect(retry.stderr.contains("no longer exists"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escaped").path))
            for bad in ["../../etc", "20261130T000000Z-../..", "x/y"] {
                let refused = try TestSupport.cvsieve(["retry", bad, "--config", config])
                #expect(refused.status == 2)
                #expect(refused.stderr.contains("no such quarantine entry"))
            }
        }
    }

    @Test("a second run while one holds the intake lock exits 2 at once and touches nothing")
    func intakeLock() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            try Self.dropDistinctPDFs(30, into: folder)
            let first = Process()
            first.executableURL = URL(fileURLWithPath: TestSupport.cvsieveBinary)
            first.arguments = ["run", "--json", "--config", config]
            first.standardOutput = FileHandle.nullDevice
            first.standardError = FileHandle.nullDevice
            try first.run()
            // Wait until it holds the lock (it has claimed a file), then start the second.
            let deadline = Date().addingTimeInterval(20)
            let work = folder.appendingPathComponent("data/work")
            while Date() < deadline,
                ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).isEmpty
            {
                usleep(5_000)
            }
            let second = try TestSupport.cvsieve(["run", "--config", config])
            first.waitUntilExit()
            #expect(second.status == 2)
            #expect(second.stderr.contains("another `cvsieve run` or `cvsieve watch`"))
            let status = Self.json(try TestSupport.cvsieve(["status", "--json", "--config", config]).stdout)
            #expect((status["quarantined"] as? [String: Int])?.values.reduce(0, +) == 0)
            #expect((status["vault"] as? [String: Int])?["document"] == 30)
        }
    }

    @Test("nested folders and special files are reported by status and run, not invisible")
    func notTaken() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            let channel = folder.appendingPathComponent("inbox/sollicitatie")
            try FileManager.default.createDirectory(
                at: channel.appendingPathComponent("nested"), withIntermediateDirectories: true)
            #expect(mkfifo(channel.appendingPathComponent("pipe").path, 0o600) == 0)
            let status = Self.json(try TestSupport.cvsieve(["status", "--json", "--config", config]).stdout)
            #expect(status["notTaken"] as? [String: Int] == ["nested_folder": 1, "special_file": 1])
            let run = Self.json(try TestSupport.cvsieve(["run", "--json", "--config", config]).stdout)
            #expect(run["skipped"] as? [String: Int] == ["nested_folder": 1, "special_file": 1])
            let retry = try TestSupport.cvsieve(["retry", "pipe", "--config", config])
            #expect(retry.status == 2)
            #expect(!retry.stderr.contains("internal error"))
        }
    }

    @Test("a batch killed three times stores every CV except the few in hand at two kills in a row")
    func killedBatch() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            let total = 150
            try Self.dropDistinctPDFs(total, into: folder)
            var generator = SystemRandomNumberGenerator()
            let kills = 3
            for _ in 0..<kills {
                let run = Process()
                run.executableURL = URL(fileURLWithPath: TestSupport.cvsieveBinary)
                run.arguments = ["run", "--config", config]
                run.standardOutput = FileHandle.nullDevice
                run.standardError = FileHandle.nullDevice
                try run.run()
                usleep(UInt32.random(in: 80_000...400_000, using: &generator))
                kill(run.processIdentifier, SIGKILL)
                run.waitUntilExit()
            }
            let final = try TestSupport.cvsieve(["run", "--json", "--config", config])
            let summary = Self.json(final.stdout)
            let status = Self.json(try TestSupport.cvsieve(["status", "--json", "--config", config]).stdout)
            let quarantined = (status["quarantined"] as? [String: Int]) ?? [:]
            let stored = (status["vault"] as? [String: Int])?["document"] ?? 0
            #expect(Set(quarantined.keys).isSubset(of: ["interrupted_twice"]))
            #expect(quarantined.values.reduce(0, +) <= 2 * (kills - 1))
            #expect(stored + quarantined.values.reduce(0, +) == total)
            #expect(status["inbox"] as? Int == 0)
            #expect(status["inProgress"] as? Int == 0)
            #expect(summary["waiting"] as? Int == 0)
            let verify = try TestSupport.cvsieve(["audit", "verify", "--config", config])
            #expect(verify.status == 0, "\(verify.stdout.suffix(400)) \(verify.stderr.suffix(400))")
        }
    }

    @Test("an inbox on another file system than data is claimed and processed")
    func crossDevice() throws {
        try TestSupport.withTmpfs(kilobytes: 32 << 10) { mount in
            guard let mount else { return }
            try TestSupport.withTemporaryDirectory { folder in
                let config = try Self.setUp(folder)
                var yaml = try String(contentsOfFile: config, encoding: .utf8)
                yaml = yaml.replacingOccurrences(of: "inbox: ./inbox", with: "inbox: \(mount.path)/inbox")
                try yaml.write(toFile: config, atomically: true, encoding: .utf8)
                try Self.dropDistinctPDFs(6, into: mount)
                let run = try TestSupport.cvsieve(["run", "--json", "--config", config])
                #expect(run.status == 0)
                #expect(Self.json(run.stdout)["stored"] as? Int == 6)
                #expect(try FileManager.default.contentsOfDirectory(atPath: mount.path + "/inbox/sollicitatie").isEmpty)
            }
        }
    }

    @Test("a full disk stops the batch cleanly; after space is freed one run finishes the job")
    func diskFull() throws {
        try TestSupport.withTmpfs(kilobytes: 8192) { mount in
            guard let mount else { return }
            try TestSupport.withTemporaryDirectory { folder in
                let config = try Self.setUp(folder)
                var yaml = try String(contentsOfFile: config, encoding: .utf8)
                yaml = yaml.replacingOccurrences(of: "data: ./data", with: "data: \(mount.path)/data")
                try yaml.write(toFile: config, atomically: true, encoding: .utf8)
                #expect(try TestSupport.cvsieve(["run", "--config", config]).status == 0)
                // Fill the data disk, then free a little: a few files fit, then it is full mid-batch.
                let slack = mount.appendingPathComponent("slack")
                try Data(count: 256 << 10).write(to: slack)
                let filler = mount.appendingPathComponent("filler")
                FileManager.default.createFile(atPath: filler.path, contents: nil)
                let handle = try FileHandle(forWritingTo: filler)
                while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
                try? handle.close()
                try FileManager.default.removeItem(at: slack)
                let total = 40
                try Self.dropDistinctPDFs(total, into: folder)
                let full = try TestSupport.cvsieve(["run", "--json", "--config", config])
                let summary = Self.json(full.stdout)
                #expect(full.status == 1)
                #expect(full.stderr.contains("disk is full"))
                #expect(!full.stderr.contains("result code 13"))
                #expect(summary["quarantined"] as? Int == 0)
                let stored = summary["stored"] as? Int ?? -1
                #expect(stored >= 0 && stored < total)
                #expect(summary["waiting"] as? Int == total - stored)
                try FileManager.default.removeItem(at: filler)
                let finish = try TestSupport.cvsieve(["run", "--json", "--config", config])
                #expect(finish.status == 0)
                let status = Self.json(try TestSupport.cvsieve(["status", "--json", "--config", config]).stdout)
                #expect((status["vault"] as? [String: Int])?["document"] == total)
                #expect(status["inbox"] as? Int == 0)
                #expect(status["inProgress"] as? Int == 0)
                #expect((status["quarantined"] as? [String: Int])?.isEmpty == true)
                #expect(try TestSupport.cvsieve(["audit", "verify", "--config", config]).status == 0)
            }
        }
    }

    @Test("every date in JSON output is ISO 8601 with an offset")
    func isoDates() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            try TestSupport.dropSamples([try #require(Self.samplePDFs().first)], into: folder)
            let run = Self.json(try TestSupport.cvsieve(["run", "--json", "--config", config]).stdout)
            let code = try #require((run["files"] as? [[String: Any]])?.first?["code"] as? String)
            let access = try TestSupport.cvsieve(["subject", "access", code, "--config", config]).stdout
            let generated = try #require(Self.json(access)["generatedAt"] as? String)
            let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/#
            #expect(generated.wholeMatch(of: pattern) != nil)
            let candidates = try TestSupport.cvsieve(["candidates", "--json", "--config", config]).stdout
            #expect(candidates.contains("T") && !candidates.contains("retainUntil\" : 8"))
        }
    }
}
