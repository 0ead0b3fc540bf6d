#ifndef CVSIEVE_CSANDBOX_H
#define CVSIEVE_CSANDBOX_H

/// Process confinement for extraction workers, in C because Swift cannot call these directly:
/// `pipe2` and `posix_spawn_file_actions_addclosefrom_np` are GNU extensions that Glibc's Swift
/// module hides (it is built without `_GNU_SOURCE`), and a seccomp program is an array of
/// `struct sock_filter` built with the `BPF_STMT`/`BPF_JUMP` macros, which Swift does not import.

#include <spawn.h>

/// What `cvsieve_install_syscall_filter` did.
typedef enum {
    /// The filter is in place on every thread of the process.
    CVSIEVE_FILTER_INSTALLED = 0,
    /// This build's architecture has no filter (only x86_64 and aarch64 have one); nothing done.
    CVSIEVE_FILTER_UNSUPPORTED_ARCHITECTURE = 1,
    /// The kernel refused it (no seccomp, or `no_new_privs` not set); `errno` says why.
    CVSIEVE_FILTER_REFUSED = 2,
} cvsieve_filter_result;

/// `prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)`: no later `execve` can gain privileges (set-uid,
/// file capabilities). Returns 0, or -1 with `errno` set. Required before an unprivileged
/// process may install a seccomp filter.
int cvsieve_set_no_new_privs(void);

/// Installs the worker's seccomp-BPF filter on every thread (`SECCOMP_FILTER_FLAG_TSYNC`).
///
/// Refused with EPERM (the call fails, the process lives, so a library that tries degrades
/// instead of crashing): `socket`, `connect`, `fork`, `vfork`, `clone` without `CLONE_THREAD`
/// (a new process; new threads still work), `execve`, `execveat`, `ptrace`, and any system call
/// of another ABI (i386 `int 0x80`, x32). `clone3` fails with ENOSYS, since its flags sit in
/// memory a filter cannot read: glibc then falls back to `clone`, whose flags it can.
cvsieve_filter_result cvsieve_install_syscall_filter(void);

/// `pipe2(descriptors, flags)` (flags such as `O_CLOEXEC | O_NONBLOCK`): both ends are created
/// close-on-exec in one step, so a process spawned by another thread in between cannot inherit
/// them. Returns 0, or -1 with `errno` set.
int cvsieve_pipe2(int descriptors[2], int flags);

/// `posix_spawn_file_actions_addclosefrom_np(actions, from)` (glibc 2.34): the child closes
/// every descriptor from `from` up, whoever opened it and whether or not it is close-on-exec.
/// Returns 0 or an error number.
int cvsieve_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from);

#endif
