#ifndef CVSIEVE_CLIBFUZZER_H
#define CVSIEVE_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver for programs that bring their own `main` (compiler-rt
/// `lib/fuzzer/FuzzerInterface.h`, LLVM 12 and later; in the toolchain's libclang_rt.fuzzer).
/// SwiftPM links every executable with `main` renamed from `<module>_main` (so tests can link
/// executables), which leaves no room for libFuzzer's own `main`: each fuzz target has an `@main`
/// that calls this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// AddressSanitizer's options compiled into the binary (see CLibFuzzer.c): a PDF worker's
/// reports go to the log file named on its command line.
const char *__asan_default_options(void);

#endif
