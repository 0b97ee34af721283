@_exported import struct StanceSupport.SplitMix64

/// The tests draw from the package's own generator (StanceSupport's SplitMix64, a tiny,
/// fully specified generator), so a literal seed gives the same sequence on every machine
/// and in every process (unlike `SystemRandomNumberGenerator` or anything seeded from
/// `hashValue`). Only the normal draw is the tests' own.
extension SplitMix64 {
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
