import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temperature scaling (Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern Neural
/// Networks", ICML 2017): one scalar `T > 0` that divides every decision value before the
/// softmax, fitted by minimising the log loss on data the model was not trained on.
///
/// With `β = 1/T`, scores `zᵢ` and true classes `yᵢ`, the fitted quantity is
///
/// ```
/// f(β)   = (1/n) Σᵢ [ logsumexp(β·zᵢ) − β·zᵢ,yᵢ ]            (mean log loss)
/// f′(β)  = (1/n) Σᵢ [ Σₖ pᵢₖ zᵢₖ − zᵢ,yᵢ ]                    pᵢ = softmax(β·zᵢ)
/// f″(β)  = (1/n) Σᵢ [ Σₖ pᵢₖ zᵢₖ² − (Σₖ pᵢₖ zᵢₖ)² ]  ≥ 0      (a variance)
/// ```
///
/// so `f` is convex in `β` and `f′` is non-decreasing. The minimiser is found by a
/// safeguarded Newton iteration on `β` (Newton–bisection, as `rtsafe` in Numerical
/// Recipes): a bracket `[β_lo, β_hi]` with `f′(β_lo) ≤ 0 ≤ f′(β_hi)` is kept, a Newton step
/// is taken when it stays inside the bracket and bisection (geometric, since `β` spans
/// orders of magnitude) otherwise. `T` is confined to ``temperatureRange``: when the log
/// loss still falls at an end of that range (for example perfectly separated scores, whose
/// loss falls towards `T → 0`), that end is returned.
///
/// Dividing all scores of a row by the same positive `T` keeps their order, so the most
/// probable class never changes; only confidences do.
public enum TemperatureScaling {
  /// Checks the input of a calibration fit (temperature or vector scaling): at least one
  /// row, one true class per row in `0..<K` with K ≥ 2, and finite scores.
  ///
  /// - Parameters:
  ///   - decisionValues: The uncalibrated scores, one row per example.
  ///   - truth: The true class index of each row.
  /// - Throws: ``TemperatureScalingError`` naming the first problem found.
  static func checkInput(decisionValues: DenseMatrix, truth: [Int])
    throws(TemperatureScalingError)
  {
    let rows = decisionValues.rows
    let classes = decisionValues.columns
    guard rows > 0 else { throw .noSamples }
    guard truth.count == rows, classes >= 2 else {
      throw .shapeMismatch(rows: rows, columns: classes, labels: truth.count)
    }
    if let sample = truth.firstIndex(where: { $0 < 0 || $0 >= classes }) {
      throw .classIndexOutOfRange(sample: sample, index: truth[sample], classCount: classes)
    }
    if let entry = decisionValues.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteScore(sample: entry / classes)
    }
  }

  /// The smallest and largest temperature returned: `10⁻⁴ ... 10⁴`.
  public static let temperatureRange: ClosedRange<Double> = 1e-4...1e4

  /// A fitted temperature with the log loss it achieved.
  public struct Fit: Equatable, Sendable, Codable {
    /// The temperature `T`.
    public var temperature: Double
    /// The mean log loss of the scores at `T = 1`.
    public var logLossBefore: Double
    /// The mean log loss at the fitted `T` (never above ``logLossBefore``).
    public var logLossAfter: Double
    /// The number of samples the temperature was fitted on.
    public var sampleCount: Int
    /// The Newton or bisection steps taken.
    public var iterations: Int

    /// Creates a fit.
    ///
    /// - Parameters:
    ///   - temperature: The temperature.
    ///   - logLossBefore: The log loss at `T = 1`.
    ///   - logLossAfter: The log loss at `temperature`.
    ///   - sampleCount: The number of samples.
    ///   - iterations: The steps taken.
    public init(
      temperature: Double, logLossBefore: Double, logLossAfter: Double, sampleCount: Int,
      iterations: Int
    ) {
      self.temperature = temperature
      self.logLossBefore = logLossBefore
      self.logLossAfter = logLossAfter
      self.sampleCount = sampleCount
      self.iterations = iterations
    }
  }

  /// Fits `T` on held-out decision values.
  ///
  /// - Parameters:
  ///   - decisionValues: `n × K` scores `z = x·W + b` of samples the model did not see.
  ///   - truth: The true class index of each row, in `0..<K`.
  /// - Returns: The temperature and the log loss before and after.
  /// - Throws: ``TemperatureScalingError`` when there are no rows, the shapes disagree, a
  ///   class index is out of range or a score is not finite.
  /// - Complexity: O(n·K) per iteration; typically under 20 iterations.
  public static func fit(decisionValues: DenseMatrix, truth: [Int])
    throws(TemperatureScalingError) -> Fit
  {
    try checkInput(decisionValues: decisionValues, truth: truth)
    let rows = decisionValues.rows

    let before = evaluate(decisionValues, truth, beta: 1).value
    var low = 1 / temperatureRange.upperBound
    var high = 1 / temperatureRange.lowerBound
    var iterations = 0
    let beta: Double
    if evaluate(decisionValues, truth, beta: high).slope <= 0 {
      beta = high
    } else if evaluate(decisionValues, truth, beta: low).slope >= 0 {
      beta = low
    } else {
      var current = 1.0
      while iterations < 200 {
        iterations += 1
        let (_, slope, curvature) = evaluate(decisionValues, truth, beta: current)
        if slope == 0 { break }
        if slope > 0 { high = current } else { low = current }
        if high / low < 1 + 1e-12 { break }
        let newton = current - slope / curvature
        let next =
          curvature > 0 && newton > low && newton < high ? newton : (low * high).squareRoot()
        if abs(next - current) <= 1e-12 * current {
          current = next
          break
        }
        current = next
      }
      beta = current
    }
    let after = evaluate(decisionValues, truth, beta: beta).value
    return Fit(
      temperature: 1 / beta, logLossBefore: before, logLossAfter: min(after, before),
      sampleCount: rows, iterations: iterations)
  }

  /// The class probabilities `softmax(z / T)` of every row (a stable, max-shifted softmax).
  ///
  /// - Parameters:
  ///   - decisionValues: `n × K` scores.
  ///   - temperature: `T`, finite and positive.
  /// - Returns: An `n × K` matrix whose rows sum to 1; the largest entry of each row is in
  ///   the same column as the largest score.
  /// - Complexity: O(n·K).
  public static func probabilities(decisionValues: DenseMatrix, temperature: Double)
    -> DenseMatrix
  {
    var result = decisionValues
    let classes = result.columns
    let rows = result.rows
    let beta = 1 / temperature
    result.withUnsafeMutableBufferPointer { z in
      for row in 0..<rows {
        let base = row * classes
        var largest = -Double.infinity
        for k in 0..<classes { largest = max(largest, z[base + k]) }
        var total = 0.0
        for k in 0..<classes {
          let e = exp(beta * (z[base + k] - largest))
          z[base + k] = e
          total += e
        }
        for k in 0..<classes { z[base + k] /= total }
      }
    }
    return result
  }

  /// `f(β)`, `f′(β)` and `f″(β)` as defined on the type.
  private static func evaluate(_ scores: DenseMatrix, _ truth: [Int], beta: Double)
    -> (value: Double, slope: Double, curvature: Double)
  {
    let classes = scores.columns
    var value = 0.0
    var slope = 0.0
    var curvature = 0.0
    scores.withUnsafeBufferPointer { z in
      for (row, label) in truth.enumerated() {
        let base = row * classes
        var largest = -Double.infinity
        for k in 0..<classes { largest = max(largest, beta * z[base + k]) }
        var total = 0.0
        var first = 0.0
        var second = 0.0
        for k in 0..<classes {
          let e = exp(beta * z[base + k] - largest)
          total += e
          first += e * z[base + k]
          second += e * z[base + k] * z[base + k]
        }
        let mean = first / total
        value += largest + log(total) - beta * z[base + label]
        slope += mean - z[base + label]
        curvature += max(second / total - mean * mean, 0)
      }
    }
    let n = Double(truth.count)
    return (value / n, slope / n, curvature / n)
  }
}

/// Why a temperature could not be fitted.
public enum TemperatureScalingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// There are no samples to fit on.
  case noSamples
  /// The scores are not `labels × (K ≥ 2)`.
  case shapeMismatch(rows: Int, columns: Int, labels: Int)
  /// A true class index is outside `0..<classCount`.
  case classIndexOutOfRange(sample: Int, index: Int, classCount: Int)
  /// A decision value is NaN or infinite.
  case nonFiniteScore(sample: Int)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .noSamples:
      return "no held-out samples to fit a temperature on; hold out more data"
    case .shapeMismatch(let rows, let columns, let labels):
      return "the scores are \(rows)×\(columns) but there are \(labels) labels; pass one row "
        + "per label and at least 2 classes"
    case .classIndexOutOfRange(let sample, let index, let classCount):
      return "sample \(sample) has class index \(index), outside 0..<\(classCount); map every "
        + "label to its position in the model's label list"
    case .nonFiniteScore(let sample):
      return "sample \(sample) has a non-finite decision value; the model diverged, retrain "
        + "it with a smaller C"
    }
  }
}
