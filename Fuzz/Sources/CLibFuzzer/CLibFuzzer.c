#include "CLibFuzzer.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

// AddressSanitizer reads its options from this function, before main and before its
// interceptors are ready (hence raw system calls). An ordinary fuzzing process gets none (the
// environment's ASAN_OPTIONS apply). A PDF worker, started as `<binary> --cvsieve-worker LOG`,
// writes its reports to LOG.<pid> instead: its stderr is /dev/null, and the fuzzing process reads
// the report to tell a known crash from a new one. Leak checking is off there, since it needs
// ptrace, which the worker's seccomp filter refuses.
static int same(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

const char *__asan_default_options(void) {
    // No libc string functions: AddressSanitizer intercepts them and is not ready yet.
    static char options[4200] = "detect_leaks=0:log_path=";
    static char arguments[4096];
    long descriptor = syscall(SYS_openat, AT_FDCWD, "/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return "";
    long count = syscall(SYS_read, descriptor, arguments, sizeof arguments - 1);
    syscall(SYS_close, descriptor);
    if (count <= 0) return "";
    arguments[count] = 0;
    // NUL-separated: program, then the flag, then the log path.
    long at = 0;
    while (at < count && arguments[at]) at++;
    const char *flag = arguments + at + 1;
    if (at + 1 >= count || !same(flag, "--cvsieve-worker")) return "";
    at += sizeof "--cvsieve-worker";
    if (at + 1 >= count) return "";
    const char *log = arguments + at + 1;
    long end = 0;
    while (options[end]) end++;
    for (long index = 0; log[index] && end < (long)sizeof options - 1; index++) options[end++] = log[index];
    options[end] = 0;
    return options;
}
