/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): the generator behind every random choice in the package (the folds and
/// hold-outs of Evaluation, the speaker bootstrap, the tests' data).
///
/// ```
/// state ← state + 0x9E3779B97F4A7C15           (mod 2⁶⁴)
/// z ← (state ⊕ (state ≫ 30)) · 0xBF58476D1CE4E5B9
/// z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
/// output z ⊕ (z ≫ 31)
/// ```
/// It is specified here, not taken from the standard library, so a seed gives the same
/// folds on every machine, process and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose sequence is determined by `seed`.
  ///
  /// - Parameter seed: Any 64-bit value.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 pseudo-random bits (one step of the recurrence above).
  ///
  /// - Returns: A value uniformly distributed over `UInt64`.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// An integer uniform in `0..<bound` (bound ≥ 1), by Lemire's multiply-and-reject method
  /// ("Fast random integer generation in an interval", ACM TOMACS 2019), which has no
  /// modulo bias.
  ///
  /// - Parameter bound: The exclusive upper bound, at least 1.
  /// - Returns: The value.
  public mutating func next(below bound: Int) -> Int {
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// Shuffles `values` in place by Fisher–Yates, drawing from the end of the array down.
  ///
  /// - Parameter values: The values to permute.
  public mutating func shuffle(_ values: inout [Int]) {
    guard values.count > 1 else { return }
    for last in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(last, next(below: last + 1))
    }
  }

  /// A value drawn uniformly from `[0, 1)`: the next 53 random bits, scaled.
  ///
  /// - Returns: The value.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}
