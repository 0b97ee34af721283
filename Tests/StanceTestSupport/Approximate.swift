/// Whether `a` and `b` agree within `tolerance`, absolutely or relative to the larger one.
///
/// ```
/// |a − b| ≤ tolerance · max(1, |a|, |b|)
/// ```
/// so small values are compared absolutely and large ones relatively. NaN never agrees.
///
/// - Parameters:
///   - a: The first value.
///   - b: The second value.
///   - tolerance: The allowed difference.
/// - Returns: `true` when the two agree.
public func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
  guard a.isFinite && b.isFinite else { return a == b }
  return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// The largest elementwise absolute difference between two equally long arrays.
///
/// - Parameters:
///   - a: The first array.
///   - b: The second array.
/// - Returns: `max |aᵢ − bᵢ|`, or infinity if the lengths differ or a value is not finite.
public func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
  guard a.count == b.count else { return .infinity }
  var worst = 0.0
  for index in a.indices {
    let difference = abs(a[index] - b[index])
    guard difference.isFinite else { return .infinity }
    worst = max(worst, difference)
  }
  return worst
}
