import CStanceSupport

/// A software prefetch, the one compiler builtin Swift does not expose.
///
/// The vocabulary's hash table uses it to overlap the cache misses of a batch of lookups:
/// ask for the lines of the next few slots, then work on the current one while they load.
public enum CacheLine {
  /// Asks the CPU to start loading the cache line holding `address` for reading
  /// (`__builtin_prefetch(address, 0, 3)`).
  ///
  /// It never faults, whatever the address, and has no effect other than speed.
  ///
  /// - Parameter address: Any address; nothing is read from it.
  @inlinable @inline(__always)
  public static func prefetch(_ address: UnsafeRawPointer) {
    stancekit_prefetch(address)
  }
}
