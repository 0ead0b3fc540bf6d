import CVModel
import Foundation
import TestSupport
import Testing

/// The vault commands end to end on the built binary, in a temporary data folder.
@Suite(.serialized) struct VaultCommandTests {
    static func setUp(_ folder: URL) throws -> String {
        let config = try TestSupport.writeConfig(in: folder)
        try TestSupport.dropSamples(Array(TestSupport.sampleFiles().prefix(3)), into: folder)
        return config
    }

    struct Candidate: Decodable {
        var code: String
        var state: String
        var values: Int
    }

    @Test("key rotate: the new key replaces data/master.key, everything opens, the chain verifies")
    func keyRotation() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            #expect(try TestSupport.cvsieve(["run", "--config", config]).status == 0)
            let before = try TestSupport.cvsieve(["candidates", "--config", config, "--json"]).stdout
            let code = try #require(try JSONDecoder().decode([Candidate].self, from: Data(before.utf8)).first?.code)
            let access = try TestSupport.cvsieve(["subject", "access", code, "--config", config, "--json"]).stdout
            let newKey = folder.appendingPathComponent("new.key")
            let key = Data((0..<32).map { UInt8(($0 * 31 + 7) % 256) })
            FileManager.default.createFile(atPath: newKey.path, contents: key, attributes: [.posixPermissions: 0o600])

            let rotate = try TestSupport.cvsieve(["key", "rotate", "--new-key", newKey.path, "--config", config])
            #expect(rotate.status == 0, "\(rotate.stderr)")
            #expect(rotate.stdout.contains("3 candidates"))
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("data/master.key").path) == key)
            let after = try TestSupport.cvsieve(["candidates", "--config", config, "--json"]).stdout
            #expect(after == before)
            let again = try TestSupport.cvsieve(["subject", "access", code, "--config", config, "--json"]).stdout
            #expect(again.contains("\"values\"") && again.count > access.count / 2)
            #expect(try TestSupport.cvsieve(["audit", "verify", "--config", config]).status == 0)
            // The same key twice is refused with what to do.
            let twice = try TestSupport.cvsieve(["key", "rotate", "--new-key", newKey.path, "--config", config])
            #expect(twice.status == 2 && twice.stderr.contains("current master key"))
        }
    }

    @Test("run, candidates, access, purge, audit and requests")
    func lifecycle() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            let run = try TestSupport.cvsieve(["run", "--config", config, "--json"])
            #expect(run.status == 0)
            let list = try TestSupport.cvsieve(["candidates", "--config", config, "--json"])
            let candidates = try JSONDecoder().decode([Candidate].self, from: Data(list.stdout.utf8))
            #expect(candidates.count == 3)
            #expect(candidates.allSatisfy { $0.state == "applicant" && $0.values > 0 })
            let code = try #require(candidates.first?.code)

            let access = try TestSupport.cvsieve(["subject", "access", code, "--config", config])
            #expect(access.status == 0)
            #expect(access.stdout.contains("\"automatedDecisions\""))
            #expect(access.stdout.contains("\"legalBasis\" : \"consent\""))

            let dryRun = try TestSupport.cvsieve([
                "purge", "--dry-run", "--now", "2099-01-01", "--config", config, "--json",
            ])
            #expect(dryRun.status == 0)
            #expect(dryRun.stdout.contains("\"isDryRun\" : true"))
            let purge = try TestSupport.cvsieve(["purge", "--now", "2099-01-01", "--config", config])
            #expect(purge.stdout.contains("3 records purged"))
            let after = try TestSupport.cvsieve(["candidates", "--config", config, "--json"])
            #expect(try JSONDecoder().decode([Candidate].self, from: Data(after.stdout.utf8)).isEmpty)

            let verify = try TestSupport.cvsieve(["audit", "verify", "--config", config])
            #expect(verify.status == 0)
            #expect(verify.stdout.contains("chain intact"))
            let show = try TestSupport.cvsieve(["audit", "show", "--candidate", code, "--config", config])
            #expect(show.stdout.contains(" ingest "))
            #expect(show.stdout.contains(" purge "))
        }
    }

    struct PurgeOutput: Decodable {
        struct Item: Decodable {
            var code: String
            var erasesCandidate: Bool
        }
        var purged: [Item]
    }

    @Test("purge --now: 4 weeks after a CV received before the clock change, the values go at the second, not before")
    func purgeBoundary() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            try TestSupport.dropSamples(Array(TestSupport.sampleFiles().prefix(1)), into: folder)
            // Received 15 March 2026 10:00 Amsterdam (CET); application data is kept 4 weeks: until
            // 12 April 10:00 Amsterdam (CEST), which is 08:00 UTC.
            let run = try TestSupport.cvsieve(["run", "--now", "2026-03-15T09:00:00Z", "--config", config, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let stored = try JSONDecoder().decode(
                [Candidate].self,
                from: Data(try TestSupport.cvsieve(["candidates", "--config", config, "--json"]).stdout.utf8))
            let code = try #require(stored.first?.code)
            #expect(stored.count == 1 && stored[0].values > 0)

            let before = try TestSupport.cvsieve([
                "purge", "--now", "2026-04-12T07:59:59Z", "--config", config, "--json",
            ])
            #expect(before.status == 0, "\(before.stderr)")
            #expect(try JSONDecoder().decode(PurgeOutput.self, from: Data(before.stdout.utf8)).purged.isEmpty)
            let kept = try JSONDecoder().decode(
                [Candidate].self,
                from: Data(try TestSupport.cvsieve(["candidates", "--config", config, "--json"]).stdout.utf8))
            #expect(kept.map(\.code) == [code])
            #expect(kept.first?.values == stored[0].values)

            let at = try TestSupport.cvsieve(["purge", "--now", "2026-04-12T08:00:00Z", "--config", config, "--json"])
            #expect(at.status == 0, "\(at.stderr)")
            let purged = try JSONDecoder().decode(PurgeOutput.self, from: Data(at.stdout.utf8)).purged
            #expect(purged.map(\.code) == [code])
            #expect(purged.first?.erasesCandidate == true)
            let after = try TestSupport.cvsieve(["candidates", "--config", config, "--json"])
            #expect(try JSONDecoder().decode([Candidate].self, from: Data(after.stdout.utf8)).isEmpty)
        }
    }

    @Test("a request received long ago is overdue; an unknown candidate is a clear error")
    func requests() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try Self.setUp(folder)
            _ = try TestSupport.cvsieve(["run", "--config", config])
            let list = try TestSupport.cvsieve(["candidates", "--config", config, "--json"])
            let code = try #require(
                try JSONDecoder().decode([Candidate].self, from: Data(list.stdout.utf8)).first?.code)
            let receive = try TestSupport.cvsieve([
                "subject", "receive", "erase", code, "--now", "2020-01-01", "--config", config,
            ])
            #expect(receive.status == 0)
            let requests = try TestSupport.cvsieve(["requests", "--config", config])
            #expect(requests.stdout.contains("OVERDUE"))
            let unknown = try TestSupport.cvsieve(["subject", "erase", "C-ZZZZ-ZZZZ", "--config", config])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.hasPrefix("error: C-ZZZZ-ZZZZ: no such candidate"))
            let ropa = try TestSupport.cvsieve(["config", "ropa", "--config", config])
            #expect(ropa.stdout.contains("purpose: application"))
            #expect(ropa.stdout.contains("legal basis: consent"))
        }
    }

    struct Dated: Decodable {
        var code: String
        var retainUntil: Date?
    }

    static func dated(_ config: String) throws -> [Dated] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let list = try TestSupport.cvsieve(["candidates", "--config", config, "--json"])
        return try decoder.decode([Dated].self, from: Data(list.stdout.utf8))
    }

    @Test("subject application-end: the data goes 4 weeks after that day, audited; a bad or future day exits 2")
    func applicationEnd() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            try TestSupport.dropSamples(Array(TestSupport.sampleFiles().prefix(1)), into: folder)
            let run = try TestSupport.cvsieve(["run", "--now", "2026-03-02T09:00:00Z", "--config", config, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let code = try #require(try Self.dated(config).first?.code)

            let ended = try TestSupport.cvsieve([
                "subject", "application-end", code, "--on", "2026-03-10", "--config", config,
            ])
            #expect(ended.status == 0, "\(ended.stderr)")
            #expect(ended.stdout == "\(code): application end on 2026-03-10 recorded; retention recomputed\n")
            // 10 March 00:00 in Amsterdam (CET) plus 4 weeks: 7 April 00:00 (CEST), 22:00 UTC the day before.
            let until = try #require(ISO8601DateFormatter().date(from: "2026-04-06T22:00:00Z"))
            #expect(try Self.dated(config).map(\.retainUntil) == [until])
            let show = try TestSupport.cvsieve(["audit", "show", "--candidate", code, "--config", config])
            #expect(show.stdout.contains(" application-end \(code) - application procedure ended on 2026-03-10"))

            let badDay = try TestSupport.cvsieve([
                "subject", "application-end", code, "--on", "gisteren", "--config", config,
            ])
            #expect(badDay.status == 2)
            #expect(badDay.stderr.contains("--on must be a date such as 2026-12-31 (got 'gisteren')"))
            let future = try TestSupport.cvsieve([
                "subject", "application-end", code, "--on", "2099-01-01", "--config", config,
            ])
            #expect(future.status == 2)
            #expect(
                future.stderr == "error: \(code): the application procedure cannot have ended on a day still to come\n")
            let early = try TestSupport.cvsieve([
                "subject", "application-end", code, "--on", "2026-03-01", "--config", config,
            ])
            #expect(early.status == 2)
            #expect(early.stderr.hasPrefix("error: \(code): the candidate's last CV arrived after that day"))
            let unknown = try TestSupport.cvsieve(["subject", "application-end", "C-ZZZZ-ZZZZ", "--config", config])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.hasPrefix("error: C-ZZZZ-ZZZZ: no such candidate"))
            #expect(try Self.dated(config).map(\.retainUntil) == [until])

            let before = try TestSupport.cvsieve([
                "purge", "--now", "2026-04-06T21:59:59Z", "--config", config, "--json",
            ])
            #expect(try JSONDecoder().decode(PurgeOutput.self, from: Data(before.stdout.utf8)).purged.isEmpty)

            // Without --on: today, in the agency's calendar.
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
            formatter.dateFormat = "yyyy-MM-dd"
            let today = try TestSupport.cvsieve(["subject", "application-end", code, "--config", config])
            #expect(today.status == 0, "\(today.stderr)")
            #expect(
                today.stdout
                    == "\(code): application end on \(formatter.string(from: Date())) recorded; retention recomputed\n")
            let moved = try #require(try Self.dated(config).first?.retainUntil)
            #expect(moved > Date().addingTimeInterval(26 * 86_400) && moved <= Date().addingTimeInterval(28 * 86_400))
        }
    }
}
