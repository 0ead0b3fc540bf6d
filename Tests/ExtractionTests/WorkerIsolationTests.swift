import CVModel
import Extraction
import Foundation
import Glibc
import TestSupport
import Testing

/// A crash, a hang or a memory blow-up in a worker costs that one file; the next ones succeed.
/// The faults are triggered through test hooks that the worker honours only with
/// `CVSIEVE_TEST_HOOKS=1` in its environment.
@Suite(.serialized) struct WorkerIsolationTests {
    static var command: [String] { ["/usr/bin/env", "CVSIEVE_TEST_HOOKS=1"] + TestSupport.workerCommand }

    static func sample() throws -> String { try #require(TestSupport.sampleFiles().first).path }

    @Test("a crashing worker: the file fails with the signal, the next file succeeds on a new worker")
    func crash() throws {
        let worker = WorkerProcess(command: Self.command)
        defer { worker.stop() }
        let path = try Self.sample()
        #expect(try !worker.extract(path: path).blocks.isEmpty)
        let firstPid = worker.pid
        #expect(throws: ExtractionError.workerCrashed(signal: SIGSEGV)) {
            try worker.extract(path: path, testHook: "crash")
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
        #expect(worker.pid != firstPid)
    }

    @Test("a hanging worker is killed at the time limit")
    func hang() throws {
        let worker = WorkerProcess(command: Self.command, limits: ExtractionLimits(timeoutSeconds: 1))
        defer { worker.stop() }
        let path = try Self.sample()
        #expect(throws: ExtractionError.timeLimit(seconds: 1)) {
            try worker.extract(path: path, testHook: "hang")
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
    }

    @Test("a worker that blows its memory limit costs one file")
    func memory() throws {
        let command = [
            "/usr/bin/env", "CVSIEVE_TEST_HOOKS=1", TestSupport.cvsieveBinary, "worker", "--memory-limit-mib", "512",
        ]
        let worker = WorkerProcess(command: command)
        defer { worker.stop() }
        let path = try Self.sample()
        do {
            _ = try worker.extract(path: path, testHook: "allocate")
            Issue.record("the allocation hook returned a document")
        } catch {
            #expect(error.kind == "worker_crashed")
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
    }

    @Test("a worker killed from outside mid-file: that file fails, the next succeeds")
    func killedMidFile() throws {
        let worker = WorkerProcess(command: Self.command, limits: ExtractionLimits(timeoutSeconds: 20))
        defer { worker.stop() }
        let path = try Self.sample()
        _ = try worker.extract(path: path)
        let pid = try #require(worker.pid)
        let killer = Thread {
            usleep(300_000)
            kill(pid, SIGKILL)
        }
        killer.start()
        #expect(throws: ExtractionError.workerCrashed(signal: SIGKILL)) {
            try worker.extract(path: path, testHook: "hang")
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
    }

    @Test("a pool of workers extracts every sample once, in any order")
    func pool() throws {
        let paths = TestSupport.sampleFiles().map(\.path)
        let results = ResultBox(count: paths.count)
        WorkerPool(workers: 2, command: TestSupport.workerCommand).extractAll(paths) { index, result in
            results.set(index, (try? result.get()) != nil)
        }
        #expect(results.values == Array(repeating: true, count: paths.count))
    }
}

/// Collects results from the pool's threads.
final class ResultBox: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var storage: [Bool]
    init(count: Int) { storage = Array(repeating: false, count: count) }
    func set(_ index: Int, _ value: Bool) { lock.withLock { storage[index] = value } }
    var values: [Bool] { lock.withLock { storage } }
}
