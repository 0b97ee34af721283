#if canImport(Glibc)
import Glibc
#endif

/// Maps in the pages of a large, freshly allocated buffer in one system call, before it is
/// filled.
///
/// The first write to each 4 KiB page of new memory otherwise traps into the kernel once per
/// page; for the hundreds of megabytes a large model loads into (its weights, its
/// vocabulary's lookup slots and term bytes), those traps cost more than the copying that
/// fills the pages. `madvise(MADV_POPULATE_WRITE)` (Linux 5.14) maps a whole range in one
/// call, about a third cheaper, and several threads may each prefault their own part:
///
/// ```swift
/// let weights = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
///   FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
///   …
/// }
/// ```
///
/// Not guaranteed: where the call is unknown (an older kernel, not Linux) nothing happens,
/// and the pages are mapped by the first writes as usual; only speed depends on it. The
/// memory's content is unchanged, so it still has to be initialized. Buffers shorter than
/// ``minimumLength`` are left alone.
public enum FreshPages {
  /// The shortest buffer worth a system call: 1 MiB.
  public static let minimumLength = 1 << 20

  /// Maps in every whole page of `buffer` for writing.
  ///
  /// - Parameter buffer: Memory about to be written.
  /// - Complexity: O(pages), one system call.
  public static func prefault(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let base = buffer.baseAddress, buffer.count >= minimumLength else { return }
    let page = UInt(getpagesize())
    let start = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
    let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(page - 1)
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(aligned, Int(end - start), MADV_POPULATE_WRITE)
    #endif
  }
}
