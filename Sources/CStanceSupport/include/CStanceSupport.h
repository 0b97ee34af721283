// The two things StanceSupport needs that Swift cannot express: the CPU's CRC-32C
// instruction (SSE 4.2's crc32 on x86-64), which Swift cannot emit without building the
// whole package for a newer CPU, and a software prefetch (__builtin_prefetch). Only
// StanceSupport imports this module; its CRC32C and CacheLine types are the Swift faces.
#ifndef STANCEKIT_CSTANCESUPPORT_H
#define STANCEKIT_CSTANCESUPPORT_H

#include <stddef.h>
#include <stdint.h>

// 1 when this CPU has a CRC-32C instruction that stancekit_crc32c_hardware uses, else 0.
int stancekit_crc32c_hardware_available(void);

// Feeds `count` bytes at `bytes` into the running CRC-32C state `state` (the state as kept
// between calls: not inverted) and returns the new state. Call only when
// stancekit_crc32c_hardware_available() returned 1.
uint32_t stancekit_crc32c_hardware(uint32_t state, const void *bytes, size_t count);

// Asks the CPU to start loading the cache line holding `address` for reading; it never
// faults and has no other effect.
static inline __attribute__((__always_inline__)) void stancekit_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
