public import Foundation
public import Glibc

/// A child process started by a test, spawned with `posix_spawn(3)` rather than Foundation's
/// `Process`, for two reasons found on Linux:
/// - `Process` hands the calling thread's signal mask to the child, and a Dispatch or test
///   thread blocks SIGTERM, so the child cannot be asked to stop
///   (swift-corelibs-foundation#4772);
/// - `Process` notices the exit through a socket the child inherits, so a grandchild that keeps
///   the socket keeps the child "running" (swift-corelibs-foundation#4795).
///
/// Here the child gets an empty signal mask and default dispositions, leads its own process
/// group (so that a timeout can end it and everything it started with one `kill(-pid, …)`),
/// and is reaped with `waitpid(2)`. See <https://man7.org/linux/man-pages/man3/posix_spawn.3.html>.
public final class ChildProcess {
    public let processIdentifier: pid_t
    /// The program's file name and its first argument when that is a word (a cvsieve
    /// subcommand): for messages, which never show the other arguments (paths and values).
    public let label: String
    private var waitStatus: Int32?

    /// Spawns `executable` with `arguments`. `output` and `error` are descriptors for the child's
    /// stdout and stderr (`nil`: /dev/null); stdin is /dev/null.
    init(
        _ executable: String, _ arguments: [String], in directory: URL?, environment: [String: String]?,
        output: Int32?, error: Int32?
    ) throws {
        label = Self.label(executable, arguments)
        // posix_spawn_file_actions_addchdir_np is declared only under _GNU_SOURCE, which Swift's
        // Glibc module does not set; coreutils' `env --chdir` changes directory and execs the
        // program in the same process.
        let command =
            directory.map { ["/usr/bin/env", "--chdir=\($0.path)", executable] + arguments }
            ?? [executable] + arguments

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        for (descriptor, target) in [(output, STDOUT_FILENO), (error, STDERR_FILENO)] {
            if let descriptor {
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let variables = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { $1 }
        let argv = command.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        // > Upon successful completion, posix_spawn() returns the process ID of the child process
        // > to the parent process; on error, no child process is created, and an error number is returned.
        let status = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        processIdentifier = pid
    }

    /// Whether the child is still running; reaps it once it has exited.
    public var isRunning: Bool {
        if waitStatus != nil { return false }
        var status: Int32 = 0
        let result = waitpid(processIdentifier, &status, WNOHANG)
        if result == processIdentifier {
            waitStatus = status
            return false
        }
        return result == 0 || (result < 0 && errno == EINTR)
    }

    /// The exit code, once the child has exited normally.
    public var exitStatus: Int32? {
        guard let status = waitStatus, status & 0x7F == 0 else { return nil }
        return (status >> 8) & 0xFF
    }

    /// The signal that ended the child, once a signal has.
    public var terminatingSignal: Int32? {
        guard let status = waitStatus, status & 0x7F != 0, status & 0x7F != 0x7F else { return nil }
        return status & 0x7F
    }

    /// Sends `signal` to the child alone.
    public func send(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }

    /// Sends `signal` to the child's process group: the child and whatever it started.
    public func sendToGroup(_ signal: Int32) {
        kill(-processIdentifier, signal)
    }

    /// Waits up to `duration` for the child to exit; whether it did.
    public func waitForExit(within duration: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while isRunning {
            if clock.now >= deadline { return false }
            usleep(5_000)
        }
        return true
    }

    private static func label(_ executable: String, _ arguments: [String]) -> String {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        guard let first = arguments.first, let initial = first.first, initial.isLetter,
            first.allSatisfy({ $0.isLetter || $0 == "-" })
        else { return "`\(name)`" }
        return "`\(name) \(first)`"
    }
}

@available(*, unavailable)
extension ChildProcess: Sendable {}
