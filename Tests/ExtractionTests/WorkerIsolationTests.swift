import CVModel
import Extraction
import Foundation
import Glibc
import TestSupport
import Testing

/// A crash, a hang or a memory blow-up in a worker costs that one file; the next ones succeed.
/// The faults are triggered through test hooks, which a worker honours only when its parent
/// asks for them (`testHooks: true`).
@Suite(.serialized) struct WorkerIsolationTests {
    static func sample() throws -> String { try #require(TestSupport.sampleFiles().first).path }

    static func hookedWorker(limits: ExtractionLimits = .default) -> WorkerProcess {
        WorkerProcess(command: TestSupport.workerCommand, limits: limits, testHooks: true)
    }

    @Test("a crashing worker: the file fails with the signal, the next file succeeds on a new worker")
    func crash() throws {
        let worker = Self.hookedWorker()
        defer { worker.stop() }
        let path = try Self.sample()
        #expect(try !worker.extract(path: path).blocks.isEmpty)
        let firstPid = worker.pid
        #expect(throws: ExtractionError.workerCrashed(signal: SIGSEGV)) {
            try worker.extract(path: path, testHook: .crash)
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
        #expect(worker.pid != firstPid)
    }

    @Test("a hanging worker is killed at the time limit")
    func hang() throws {
        let worker = Self.hookedWorker(limits: ExtractionLimits(timeoutSeconds: 1))
        defer { worker.stop() }
        let path = try Self.sample()
        #expect(throws: ExtractionError.timeLimit(seconds: 1)) {
            try worker.extract(path: path, testHook: .hang)
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
    }

    @Test("a worker that blows its memory limit costs one file")
    func memory() throws {
        let command = [TestSupport.cvsieveBinary, "worker", "--memory-limit-mib", "512"]
        let worker = WorkerProcess(command: command, testHooks: true)
        defer { worker.stop() }
        let path = try Self.sample()
        do {
            _ = try worker.extract(path: path, testHook: .allocate)
            Issue.record("the allocation hook returned a document")
        } catch {
            #expect(error.kind == "worker_crashed")
        }
        #expect(try !worker.extract(path: path).blocks.isEmpty)
    }

    @Test("a worker killed from outside mid-file: that file fails, the next succeeds")
    func killedMidFile() throws {
        let worker = Self.hookedWorker(limits: ExtractionLimits(timeoutSeconds: 20))
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
            try worker.extract(path: path, testHook: .hang)
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

    // MARK: - Confinement

    /// Whether this kernel can filter system calls with seccomp-BPF and fail them with an errno.
    static let kernelFiltersSystemCalls: Bool = {
        let actions = (try? String(contentsOfFile: "/proc/sys/kernel/seccomp/actions_avail", encoding: .utf8)) ?? ""
        return actions.split(separator: " ").contains { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "errno" }
    }()

    /// The value of `field` in `/proc/<pid>/status` (`NoNewPrivs`, `Seccomp`).
    static func status(_ field: String, of pid: Int32) throws -> String? {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        return status.split(separator: "\n").first { $0.hasPrefix("\(field):") }
            .map { $0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    @Test("a worker gets a built environment, its pipes and stderr only, no new privileges and the filter")
    func confinement() throws {
        // The parent holds a secret in its environment and a descriptor without close-on-exec.
        // The variable is one nothing in the process reads: the environment is shared by the
        // tests running beside this one, and one of them opening a vault must not see a
        // malformed CVSIEVE_MASTER_KEY (the worker builds its environment from nothing, so any
        // name tests the same thing).
        setenv("CVSIEVE_TEST_PARENT_SECRET", "not-for-workers", 1)
        defer { unsetenv("CVSIEVE_TEST_PARENT_SECRET") }
        let stray = open("/dev/null", O_RDONLY)
        try #require(stray >= 0)
        defer { close(stray) }
        #expect(fcntl(stray, F_GETFD) & FD_CLOEXEC == 0)

        let worker = Self.hookedWorker()
        defer { worker.stop() }
        #expect(try !worker.extract(path: Self.sample()).blocks.isEmpty)
        let pid = try #require(worker.pid)

        #expect(try Self.status("NoNewPrivs", of: pid) == "1")
        let sandbox = try #require(worker.sandbox)
        #expect(sandbox.hasNoNewPrivileges)
        if Self.kernelFiltersSystemCalls {
            #expect(try Self.status("Seccomp", of: pid) == "2")
            #expect(sandbox.filter == .installed)
        }
        // Else: this kernel has no seccomp filters; no_new_privs, the environment and the
        // descriptors are still checked.

        let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        let variables = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.sorted()
        #expect(variables == ["CVSIEVE_TEST_HOOKS=1", "LANG=C.UTF-8", "OMP_THREAD_LIMIT=1", "PATH=/usr/bin:/bin"])

        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").sorted()
        #expect(descriptors == ["0", "1", "2"])
        let stderrTarget = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/2")
        #expect(stderrTarget == "/dev/null")
    }

    @Test(
        "under the filter a worker cannot open a socket, fork or spawn, and can still start a thread",
        .enabled(if: kernelFiltersSystemCalls, "this kernel has no seccomp filters"))
    func filterRefuses() throws {
        let worker = Self.hookedWorker()
        defer { worker.stop() }
        #expect(try !worker.extract(path: Self.sample(), testHook: .probeSandbox).blocks.isEmpty)
        let probe = try #require(worker.sandbox?.probe)
        #expect(probe.socketErrno == EPERM)
        #expect(probe.forkErrno == EPERM)
        #expect(probe.spawnErrno == EPERM)
        #expect(probe.threadRan)
    }

    @Test("test hooks in the parent's environment do not reach a worker")
    func hooksNeedTheParameter() throws {
        setenv("CVSIEVE_TEST_HOOKS", "1", 1)
        defer { unsetenv("CVSIEVE_TEST_HOOKS") }
        let worker = WorkerProcess(command: TestSupport.workerCommand)
        defer { worker.stop() }
        let path = try Self.sample()
        #expect(try !worker.extract(path: path, testHook: .crash).blocks.isEmpty)
        #expect(try worker.extract(path: path, testHook: .probeSandbox).blocks.count > 0)
        #expect(worker.sandbox?.probe == nil)
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
