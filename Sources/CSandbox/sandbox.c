#define _GNU_SOURCE
#include "CSandbox.h"

#include <fcntl.h>
#include <unistd.h>

int cvsieve_pipe2(int descriptors[2], int flags) {
    // > pipe2(): if flags is 0, then pipe2() is the same as pipe(). O_CLOEXEC sets the
    // > close-on-exec flag on the two new file descriptors. Returns 0, or -1 with errno set.
    return pipe2(descriptors, flags);
}
