/// FNV-1a, 64-bit (Fowler, Noll & Vo; the IETF draft "The FNV Non-Cryptographic Hash
/// Algorithm"): the byte hash under the feature hash, the training-data fingerprint and the
/// speaker bootstrap's seed.
///
/// ```
/// h = 0xcbf29ce484222325                            (offset basis)
/// for b in bytes: h = (h XOR b) · 0x100000001b3      (mod 2⁶⁴; the prime)
/// ```
/// FNV-1a reads bytes one after another, so the state of some bytes continued over more
/// bytes is the state of all of them: ``extend(_:_:_:)`` carries a state on.
///
/// It is specified here, not taken from `Hasher` (seeded per process), so a text hashes to
/// the same value on every machine and in every process. Not a cryptographic hash.
public enum FNV1a64 {
  /// The offset basis: the state of no bytes.
  @inlinable public static var offsetBasis: UInt64 { 0xCBF2_9CE4_8422_2325 }
  /// The FNV 64-bit prime.
  @inlinable public static var prime: UInt64 { 0x0000_0100_0000_01B3 }

  /// The state after hashing `buffer[range]` on from `state`.
  ///
  /// - Parameters:
  ///   - state: The state so far (``offsetBasis`` for a fresh hash).
  ///   - buffer: The bytes.
  ///   - range: The positions of `buffer` to hash, in order.
  /// - Returns: The new state.
  /// - Complexity: O(`range.count`).
  @inlinable @inline(__always)
  public static func extend(
    _ state: UInt64, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
  ) -> UInt64 {
    var state = state
    for index in range {
      state = (state ^ UInt64(buffer[index])) &* prime
    }
    return state
  }

  /// The state after hashing `bytes` on from `state`.
  ///
  /// - Parameters:
  ///   - state: The state so far (``offsetBasis`` for a fresh hash).
  ///   - bytes: The bytes, in order.
  /// - Returns: The new state.
  /// - Complexity: O(number of bytes).
  @inlinable
  public static func extend(_ state: UInt64, _ bytes: some Sequence<UInt8>) -> UInt64 {
    var state = state
    for byte in bytes { state = (state ^ UInt64(byte)) &* prime }
    return state
  }

  /// The hash of `bytes`: ``extend(_:_:)`` from ``offsetBasis``.
  ///
  /// - Parameter bytes: The bytes, in order.
  /// - Returns: Their FNV-1a 64 hash.
  /// - Complexity: O(number of bytes).
  @inlinable
  public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    extend(offsetBasis, bytes)
  }

  /// The finished hash of a state: MurmurHash3's 64-bit finaliser (`fmix64`), which spreads
  /// every input bit over every output bit, so the low bits of nearby states differ (the
  /// feature hash takes its bucket from the low bits).
  ///
  /// - Parameter state: An FNV-1a state.
  /// - Returns: The mixed value.
  /// - Complexity: O(1).
  @inlinable @inline(__always)
  public static func finish(_ state: UInt64) -> UInt64 {
    var state = state
    state ^= state >> 33
    state = state &* 0xFF51_AFD7_ED55_8CCD
    state ^= state >> 33
    state = state &* 0xC4CE_B9FE_1A85_EC53
    state ^= state >> 33
    return state
  }
}
