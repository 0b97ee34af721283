#include "CStanceSupport.h"

#include <string.h>

#if defined(__x86_64__)

int stancekit_crc32c_hardware_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

// Compiled for SSE 4.2 alone; reached only after the check above.
__attribute__((target("sse4.2")))
uint32_t stancekit_crc32c_hardware(uint32_t state, const void *bytes, size_t count) {
  const unsigned char *next = (const unsigned char *)bytes;
  uint64_t crc = state;
  // One stream, eight bytes per instruction: several GB/s, far beyond the disk; callers
  // that want more split the input over threads and combine the checksums.
  while (count >= 8) {
    uint64_t word;
    memcpy(&word, next, 8);
    crc = __builtin_ia32_crc32di(crc, word);
    next += 8;
    count -= 8;
  }
  uint32_t crc32 = (uint32_t)crc;
  while (count > 0) {
    crc32 = __builtin_ia32_crc32qi(crc32, *next);
    next += 1;
    count -= 1;
  }
  return crc32;
}

#else

int stancekit_crc32c_hardware_available(void) { return 0; }

uint32_t stancekit_crc32c_hardware(uint32_t state, const void *bytes, size_t count) {
  (void)bytes;
  (void)count;
  return state;
}

#endif
