#define _GNU_SOURCE
#include "CSandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int cvsieve_set_no_new_privs(void) {
    // > PR_SET_NO_NEW_PRIVS: Set the calling thread's no_new_privs attribute to the value in
    // > arg2. [...] Since Linux 3.5. (prctl(2); arg3..arg5 must be zero.)
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

#if defined(__x86_64__)
#define CVSIEVE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define CVSIEVE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#ifdef CVSIEVE_AUDIT_ARCH

/// The low 32 bits of system-call argument `n` (`args` are 64-bit; `CLONE_THREAD` is in the low half).
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CVSIEVE_ARG_LOW(n) (offsetof(struct seccomp_data, args[n]))
#else
#define CVSIEVE_ARG_LOW(n) (offsetof(struct seccomp_data, args[n]) + sizeof(__u32))
#endif

#define CVSIEVE_REFUSE(error) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((error) & SECCOMP_RET_DATA))

/// Two instructions: if the system call number is `nr`, fail it with `error`; else go on.
#define CVSIEVE_DENY(nr, error) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), CVSIEVE_REFUSE(error)

cvsieve_filter_result cvsieve_install_syscall_filter(void) {
    struct sock_filter program[] = {
        // > struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }
        // A system call of another ABI has other numbers: refuse them all.
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CVSIEVE_AUDIT_ARCH, 1, 0),
        CVSIEVE_REFUSE(EPERM),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
        // > __X32_SYSCALL_BIT 0x40000000: x32 calls share AUDIT_ARCH_X86_64 and set this bit.
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
        CVSIEVE_REFUSE(EPERM),
#endif
        CVSIEVE_DENY(__NR_socket, EPERM),
        CVSIEVE_DENY(__NR_connect, EPERM),
#ifdef __NR_fork
        CVSIEVE_DENY(__NR_fork, EPERM),
#endif
#ifdef __NR_vfork
        CVSIEVE_DENY(__NR_vfork, EPERM),
#endif
        CVSIEVE_DENY(__NR_execve, EPERM),
        CVSIEVE_DENY(__NR_execveat, EPERM),
        CVSIEVE_DENY(__NR_ptrace, EPERM),
        // > clone3(struct clone_args *cl_args, size_t size): the flags are behind a pointer.
        // glibc (2.34+) retries with clone(2) when clone3 fails with ENOSYS.
        CVSIEVE_DENY(__NR_clone3, ENOSYS),
        // > clone(unsigned long flags, ...): flags is the first argument on both architectures.
        // A thread (CLONE_THREAD) is allowed; anything else is a new process.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, CVSIEVE_ARG_LOW(0)),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        CVSIEVE_REFUSE(EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog filter = {
        .len = (unsigned short)(sizeof(program) / sizeof(program[0])),
        .filter = program,
    };
    // > seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &filter): on success returns 0;
    // > if another thread cannot be synchronized, returns that thread's ID; on error -1 and errno.
    // > The caller must have CAP_SYS_ADMIN or have set no_new_privs.
    long result = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &filter);
    if (result == 0) return CVSIEVE_FILTER_INSTALLED;
    if (result > 0) errno = ESRCH;
    return CVSIEVE_FILTER_REFUSED;
}

#else

cvsieve_filter_result cvsieve_install_syscall_filter(void) { return CVSIEVE_FILTER_UNSUPPORTED_ARCHITECTURE; }

#endif

int cvsieve_pipe2(int descriptors[2], int flags) {
    // > pipe2(): if flags is 0, then pipe2() is the same as pipe(). O_CLOEXEC sets the
    // > close-on-exec flag on the two new file descriptors. Returns 0, or -1 with errno set.
    return pipe2(descriptors, flags);
}

int cvsieve_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    // > posix_spawn_file_actions_addclosefrom_np: adds a close action that closes all file
    // > descriptors greater than or equal to fd. Returns 0 or an error number (EBADF, ENOMEM).
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
