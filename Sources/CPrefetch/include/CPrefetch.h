// The one compiler builtin Swift does not expose: a software prefetch. TextFeatures uses it
// to overlap the cache misses of a batch of hash-table lookups.
#ifndef STANCEKIT_CPREFETCH_H
#define STANCEKIT_CPREFETCH_H

// Asks the CPU to start loading the cache line holding `address` for reading; it never
// faults and has no other effect.
static inline __attribute__((__always_inline__)) void stancekit_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
