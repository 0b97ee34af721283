// When a program is started with its standard input closed (`stance score <&-`), the
// lowest free descriptor is 0, so the first file the process opens afterwards (a model, a
// data file, or an event descriptor of the runtime) becomes "standard input", and reading
// stdin then reads that file or fails with an unrelated reason.
//
// Before main runs, this occupies a closed descriptor 0 with /dev/null opened write-only,
// the way gnulib's stdopen does: every later open gets another number, and a read of
// standard input fails with EBADF ("Bad file descriptor"), which is the truth about a
// closed stream. A descriptor 0 that is open is left alone.
#include "CStandardStreams.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

__attribute__((constructor)) static void stancekit_guard_standard_input(void) {
  if (fcntl(STDIN_FILENO, F_GETFD) != -1 || errno != EBADF) return;
  int placeholder = open("/dev/null", O_WRONLY);
  if (placeholder > STDIN_FILENO) {
    // Descriptor 0 was taken in between; nothing to guard.
    close(placeholder);
  }
}
