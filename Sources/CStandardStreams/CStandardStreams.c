// When a program is started with a standard stream closed (`stance score <&-`,
// `stance predict >&-`), the lowest free descriptor is that stream's number, so the first
// file the process opens afterwards (a model, a data file, an output's temporary file, or
// an event descriptor of the runtime) takes it: reading "standard input" then reads that
// file, and writing "standard output" writes into it.
//
// Before main runs, this occupies each closed descriptor 0, 1 and 2 with /dev/null opened
// the wrong way round (0 write-only, 1 and 2 read-only), the way gnulib's stdopen does:
// every later open gets another number, and a read of standard input or a write of
// standard output or error fails with EBADF ("Bad file descriptor"), which is the truth
// about a closed stream. A descriptor that is open is left alone.
#include "CStandardStreams.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static void stancekit_occupy_if_closed(int descriptor, int mode) {
  if (fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) return;
  int placeholder = open("/dev/null", mode);
  if (placeholder >= 0 && placeholder != descriptor) {
    // A lower descriptor was free too and took the placeholder; move it into place.
    dup2(placeholder, descriptor);
    close(placeholder);
  }
}

__attribute__((constructor)) static void stancekit_guard_standard_streams(void) {
  stancekit_occupy_if_closed(STDIN_FILENO, O_WRONLY);
  stancekit_occupy_if_closed(STDOUT_FILENO, O_RDONLY);
  stancekit_occupy_if_closed(STDERR_FILENO, O_RDONLY);
}
