// CRC-32C with the processor's own instruction (SSE 4.2's crc32 on x86-64), which Swift
// cannot emit without building the whole package for a newer CPU. StanceKit's CRC32C uses
// it when stancekit_crc32c_hardware_available() says the running CPU has it, and its
// table-driven code otherwise.
#ifndef STANCEKIT_CCHECKSUM_H
#define STANCEKIT_CCHECKSUM_H

#include <stddef.h>
#include <stdint.h>

// 1 when this CPU has a CRC-32C instruction that stancekit_crc32c_hardware uses, else 0.
int stancekit_crc32c_hardware_available(void);

// Feeds `count` bytes at `bytes` into the running CRC-32C state `state` (the state as kept
// between calls: not inverted) and returns the new state. Call only when
// stancekit_crc32c_hardware_available() returned 1.
uint32_t stancekit_crc32c_hardware(uint32_t state, const void *bytes, size_t count);

#endif
