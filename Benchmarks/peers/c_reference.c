/* The plain C reference loop of issue 7: read a file's bytes, lowercase ASCII letters,
 * split into tokens at every byte that is not an ASCII letter or digit (bytes >= 0x80 count
 * as token bytes), and hash each token with 64-bit FNV-1a. It does no CSV parsing, no
 * n-grams, no vocabulary and no Unicode: it is the floor a tokenizer cannot beat.
 *
 * Usage: c_reference FILE [REPEATS]   prints the median MB/s (1 MB = 10^6 bytes).
 * The file is read with read(2) into a buffer each repeat (from the page cache). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE [REPEATS]\n", argv[0]);
    return 2;
  }
  int repeats = argc > 2 ? atoi(argv[2]) : 5;
  if (repeats < 1) repeats = 1;
  struct stat status;
  if (stat(argv[1], &status) != 0) {
    perror(argv[1]);
    return 1;
  }
  size_t size = (size_t)status.st_size;
  unsigned char *buffer = malloc(size + 1);
  double *seconds = malloc(sizeof(double) * (size_t)repeats);
  if (!buffer || !seconds) return 1;
  uint64_t checksum = 0, tokens = 0;
  for (int r = 0; r < repeats; r++) {
    double start = now();
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
      perror(argv[1]);
      return 1;
    }
    size_t done = 0;
    while (done < size) {
      ssize_t got = read(fd, buffer + done, size - done);
      if (got <= 0) break;
      done += (size_t)got;
    }
    close(fd);
    uint64_t hash = 0, sum = 0, count = 0;
    int inside = 0;
    for (size_t i = 0; i < done; i++) {
      unsigned char byte = buffer[i];
      if ((unsigned char)(byte - 'A') < 26) byte |= 0x20;
      int word = (unsigned char)(byte - 'a') < 26 || (unsigned char)(byte - '0') < 10 || byte >= 0x80;
      if (word) {
        if (!inside) {
          hash = 0xcbf29ce484222325ULL;
          inside = 1;
        }
        hash = (hash ^ byte) * 0x100000001b3ULL;
      } else if (inside) {
        sum += hash;
        count++;
        inside = 0;
      }
    }
    if (inside) {
      sum += hash;
      count++;
    }
    seconds[r] = now() - start;
    checksum = sum;
    tokens = count;
  }
  qsort(seconds, (size_t)repeats, sizeof(double), compare);
  double median = seconds[repeats / 2];
  printf("c_reference %s: %zu bytes, %llu tokens, checksum %016llx, median %.4f s, %.1f MB/s\n",
         argv[1], size, (unsigned long long)tokens, (unsigned long long)checksum, median,
         (double)size / median / 1e6);
  free(buffer);
  free(seconds);
  return 0;
}
