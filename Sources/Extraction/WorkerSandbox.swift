/// How a worker process is confined, as it reports with every answer (``WorkerProcess/sandbox``).
///
/// The report is the worker's own word, good for logs and tests; the proof is in the kernel's
/// `/proc/<pid>/status` (`NoNewPrivs: 1`, `Seccomp: 2`), which the tests read.
public struct WorkerSandbox: Codable, Sendable, Equatable {
    /// What became of the seccomp filter (`cvsieve_install_syscall_filter`).
    public enum Filter: Codable, Sendable, Equatable {
        /// Refuses sockets, new processes, exec and ptrace on every thread.
        case installed
        /// No filter is written for this CPU architecture (x86_64 and aarch64 have one).
        case unsupportedArchitecture
        /// The kernel refused it (no seccomp support, or no_new_privs unset), with this errno.
        case refused(errno: Int32)
    }

    /// What the ``WorkerTestHook/probeSandbox`` hook saw: each errno is 0 when the call worked.
    public struct Probe: Codable, Sendable, Equatable {
        /// `socket(AF_INET, SOCK_STREAM, 0)`.
        public var socketErrno: Int32
        /// `fork()`.
        public var forkErrno: Int32
        /// `posix_spawn` of `/bin/true` (a new process, then exec).
        public var spawnErrno: Int32
        /// Whether a new thread ran: threads must keep working under the filter.
        public var threadRan: Bool
    }

    /// `prctl(PR_SET_NO_NEW_PRIVS)` succeeded: no exec can gain privileges.
    public var hasNoNewPrivileges: Bool
    public var filter: Filter
    /// Only set by the ``WorkerTestHook/probeSandbox`` hook.
    public var probe: Probe?

    public init(hasNoNewPrivileges: Bool, filter: Filter, probe: Probe? = nil) {
        self.hasNoNewPrivileges = hasNoNewPrivileges
        self.filter = filter
        self.probe = probe
    }
}
