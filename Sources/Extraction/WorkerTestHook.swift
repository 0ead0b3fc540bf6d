/// Faults a worker stages on request, so the tests can prove that a crash, a hang or a memory
/// blow-up costs one file, and that the sandbox refuses what it should. A worker honours them
/// only when its parent started it with ``WorkerProcess/testHooks`` set: the switch is in the
/// environment the parent builds, never inherited from the parent's own.
public enum WorkerTestHook: String, Codable, Sendable {
    /// SIGSEGV.
    case crash
    /// Sleeps forever (the parent's time limit ends it).
    case hang
    /// Allocates until the address-space limit refuses, then aborts.
    case allocate
    /// Tries to open a socket, fork, spawn a program and start a thread, and reports each
    /// outcome in ``WorkerSandbox/probe``; then extracts the file as usual.
    case probeSandbox = "probe-sandbox"
}
