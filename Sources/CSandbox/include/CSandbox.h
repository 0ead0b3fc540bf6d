#ifndef CVSIEVE_CSANDBOX_H
#define CVSIEVE_CSANDBOX_H

/// Process confinement, in C because Swift cannot call these directly: `pipe2` is a GNU
/// extension that Glibc's Swift module hides (it is built without `_GNU_SOURCE`).

/// `pipe2(descriptors, flags)` (flags such as `O_CLOEXEC | O_NONBLOCK`): both ends are created
/// close-on-exec in one step, so a process spawned by another thread in between cannot inherit
/// them. Returns 0, or -1 with `errno` set.
int cvsieve_pipe2(int descriptors[2], int flags);

#endif
