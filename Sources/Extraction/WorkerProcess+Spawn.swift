import CSandbox
import Glibc

/// Starting and ending the worker process.
extension WorkerProcess {
    /// The worker's whole environment, built here and never inherited: the parent's may hold
    /// `CVSIEVE_MASTER_KEY`, credentials or proxy settings, none of which a parser of hostile
    /// files has any use for. `OMP_THREAD_LIMIT=1` keeps an OpenMP library (tesseract) to one
    /// thread per worker: the pool already uses every core.
    static func environment(testHooks: Bool) -> [String] {
        ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "OMP_THREAD_LIMIT=1"] + (testHooks ? ["CVSIEVE_TEST_HOOKS=1"] : [])
    }

    /// The running worker, or a new one. The child gets the request pipe as stdin, the response
    /// pipe as stdout, /dev/null as stderr, and nothing else: every other descriptor is closed in
    /// the child (`posix_spawn_file_actions_addclosefrom_np`), whether or not whoever opened it
    /// remembered `O_CLOEXEC`.
    func running() throws(ExtractionError) -> Child {
        if let child { return child }
        var requestPipe: [Int32] = [0, 0]
        var responsePipe: [Int32] = [0, 0]
        guard cvsieve_pipe2(&requestPipe, O_CLOEXEC) == 0 else { throw .workerUnavailable(.pipe(errno: errno)) }
        guard cvsieve_pipe2(&responsePipe, O_CLOEXEC) == 0 else {
            let error = errno
            close(requestPipe[0])
            close(requestPipe[1])
            throw .workerUnavailable(.pipe(errno: error))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // > The actions are performed in the order they were added, in the child, before exec.
        // > dup2 clears FD_CLOEXEC on the new descriptor.
        var setup = posix_spawn_file_actions_adddup2(&actions, requestPipe[0], STDIN_FILENO)
        if setup == 0 { setup = posix_spawn_file_actions_adddup2(&actions, responsePipe[1], STDOUT_FILENO) }
        if setup == 0 {
            setup = posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }
        if setup == 0 { setup = cvsieve_spawn_file_actions_addclosefrom(&actions, STDERR_FILENO + 1) }
        var pid: pid_t = 0
        var status = setup
        if setup == 0 {
            let arguments = command.map { strdup($0) } + [nil]
            let environment = Self.environment(testHooks: testHooks).map { strdup($0) } + [nil]
            defer { for string in arguments + environment { free(string) } }
            status = posix_spawn(&pid, command[0], &actions, nil, arguments, environment)
        }
        close(requestPipe[0])
        close(responsePipe[1])
        guard status == 0 else {
            close(requestPipe[1])
            close(responsePipe[0])
            throw .workerUnavailable(.spawn(errno: status))
        }
        // This side's end only (the child's is another open file description): a worker that
        // stops reading must not block a large request's write past the time limit (``send(_:to:before:)``).
        _ = fcntl(requestPipe[1], F_SETFL, fcntl(requestPipe[1], F_GETFL) | O_NONBLOCK)
        let started = Child(pid: pid, requestPipe: requestPipe[1], responsePipe: responsePipe[0])
        child = started
        return started
    }

    /// Ends the worker (SIGKILL when `force`), collects it, and returns the signal that ended
    /// it (0 when it exited normally).
    func reap(force: Bool) -> Int32 {
        guard let worker = child else { return 0 }
        child = nil
        if force { kill(worker.pid, SIGKILL) }
        close(worker.requestPipe)
        close(worker.responsePipe)
        var status: Int32 = 0
        while waitpid(worker.pid, &status, 0) < 0 && errno == EINTR {}
        let termination = status & 0x7F
        return termination != 0 && termination != 0x7F ? termination : 0
    }
}
