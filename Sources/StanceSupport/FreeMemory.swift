#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free pages back to the operating system.
///
/// Featurising a large corpus frees millions of small allocations (the texts, the
/// counting tables); glibc keeps such memory mapped for reuse, yet the solver's large
/// vectors come from fresh `mmap`s and never reuse it, so without this it would stay in the
/// process's resident set for the whole solve (how much is measured in
/// `Benchmarks/results/2026-12-07-doc-comment-figures.md`).
/// Elsewhere (another C library, another system) it does nothing.
///
/// - Complexity: O(heap size), a few milliseconds.
public enum FreeMemory {
  /// Returns unused heap pages to the system (glibc `malloc_trim`).
  public static func returnToSystem() {
    #if canImport(Glibc)
    // `malloc_trim` is glibc's own (malloc.h, which the Glibc module leaves out), so it is
    // looked up at run time rather than declared.
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else {
      return
    }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }
}
