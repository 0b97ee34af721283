/// A tiny, fully specified pseudo-random generator for reproducible tests.
///
/// SplitMix64 (Steele, Lea & Flood 2014): the state advances by the golden-ratio constant
/// and each output is a fixed mix of the state, so a literal seed gives the same sequence
/// on every machine and in every process (unlike `SystemRandomNumberGenerator` or
/// anything seeded from `hashValue`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose sequence is determined by `seed`.
  ///
  /// - Parameter seed: Any 64-bit value.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 pseudo-random bits.
  ///
  /// - Returns: A value uniformly distributed over `UInt64`.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value drawn uniformly from `[0, 1)` with 53 random bits.
  ///
  /// - Returns: The value.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A value drawn from the standard normal distribution (Box–Muller).
  ///
  /// - Returns: The value.
  public mutating func nextGaussian() -> Double {
    let u = 1 - nextUnit()
    let v = nextUnit()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
