import LinearAlgebra

/// Prior-shift adaptation (Saerens, Latinne & Decaestecker, "Adjusting the Outputs of a
/// Classifier to New a Priori Probabilities: A Simple Procedure", Neural Computation 14,
/// 2002): the class shares of a new, unlabelled corpus estimated by EM from a model's
/// probabilities, and the probabilities adjusted to those shares.
///
/// The model's probabilities `pₜ(k | x)` hold for the class shares `pₜ(k)` it was trained
/// under. If a new corpus differs only in its shares `π(k)` (the texts of each class look
/// the same), Bayes' rule gives its probabilities as
///
/// ```
/// p(k | x) = [π(k)/pₜ(k)] · pₜ(k | x)  /  Σⱼ [π(j)/pₜ(j)] · pₜ(j | x)
/// ```
///
/// and the shares are found by EM from `π⁽⁰⁾ = pₜ`:
///
/// ```
/// E step:  p⁽ˢ⁾(k | xᵢ) = the adjusted probabilities above with π = π⁽ˢ⁾
/// M step:  π⁽ˢ⁺¹⁾(k)   = (1/n) Σᵢ p⁽ˢ⁾(k | xᵢ)
/// ```
///
/// which never lowers the likelihood of the unlabelled texts, and stops when no share
/// moves by more than the tolerance. It needs calibrated probabilities: with
/// over-confident ones the estimate is pushed towards the extremes.
public enum PriorShift {
  /// An estimate of a corpus's class shares.
  public struct Estimate: Equatable, Sendable, Codable {
    /// The estimated shares `π(k)`, in the model's label order; they sum to 1.
    public var priors: [Double]
    /// The shares the model was trained under, `pₜ(k)`.
    public var trainingPriors: [Double]
    /// The mean of the unadjusted probabilities (the M step of the first iteration), a
    /// cruder estimate shown for comparison.
    public var meanProbabilities: [Double]
    /// The EM iterations run.
    public var iterations: Int
    /// Whether the largest change of a share fell below the tolerance.
    public var converged: Bool
    /// The number of texts the estimate is from.
    public var sampleCount: Int

    /// The per-class factors `π(k)/pₜ(k)` that ``PriorShift/adjust(_:factors:)`` applies.
    public var factors: [Double] {
      zip(priors, trainingPriors).map { $0 / $1 }
    }
  }

  /// The default tolerance on the largest change of a share: `10⁻⁸`.
  public static let defaultTolerance = 1e-8
  /// The default iteration limit: 10,000 (EM converges linearly; far fewer are typical).
  public static let defaultMaximumIterations = 10_000

  /// Estimates the class shares of the rows of `probabilities` by EM.
  ///
  /// - Parameters:
  ///   - probabilities: `n × K` probabilities from the model, one row per text.
  ///   - trainingPriors: The `K` shares the model was trained under; positive, normalised
  ///     here to sum to 1.
  ///   - tolerance: Stop when no share changes by more than this.
  ///   - maximumIterations: The most EM iterations.
  /// - Returns: The estimate.
  /// - Throws: ``PriorShiftError`` for no rows, mismatched widths, or a prior or
  ///   probability that is not finite and positive (priors) or non-negative
  ///   (probabilities).
  /// - Complexity: O(n·K) per iteration.
  public static func estimate(
    probabilities: DenseMatrix, trainingPriors: [Double], tolerance: Double = defaultTolerance,
    maximumIterations: Int = defaultMaximumIterations
  ) throws(PriorShiftError) -> Estimate {
    let training = try normalisedPriors(trainingPriors, columns: probabilities.columns)
    let rows = probabilities.rows
    guard rows > 0 else { throw .noSamples }
    if let entry = probabilities.storage.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
      throw .invalidProbability(row: entry / probabilities.columns)
    }
    var priors = training
    var mean: [Double] = []
    var iterations = 0
    var converged = false
    while iterations < maximumIterations {
      iterations += 1
      let next = meanAdjusted(probabilities, factors: zip(priors, training).map { $0 / $1 })
      if mean.isEmpty { mean = next }
      let change = zip(next, priors).map { abs($0 - $1) }.max() ?? 0
      priors = next
      if change <= tolerance {
        converged = true
        break
      }
    }
    return Estimate(
      priors: priors, trainingPriors: training, meanProbabilities: mean,
      iterations: iterations, converged: converged, sampleCount: rows)
  }

  /// The rows of `probabilities` adjusted by per-class factors `π(k)/pₜ(k)`.
  ///
  /// Each row is multiplied by the factors and renormalised, as defined on the type; a row
  /// whose adjusted sum is 0 is kept as it was.
  ///
  /// - Parameters:
  ///   - probabilities: `n × K` probabilities.
  ///   - factors: `K` finite, non-negative factors (``Estimate/factors``).
  /// - Returns: The adjusted `n × K` probabilities; equal to the input when every factor is
  ///   the same.
  /// - Complexity: O(n·K).
  public static func adjust(_ probabilities: DenseMatrix, factors: [Double]) -> DenseMatrix {
    var result = probabilities
    let classes = result.columns
    let rows = result.rows
    guard factors.count == classes else { return result }
    result.withUnsafeMutableBufferPointer { values in
      for row in 0..<rows {
        let base = row * classes
        var total = 0.0
        for k in 0..<classes { total += factors[k] * values[base + k] }
        guard total > 0, total.isFinite else { continue }
        for k in 0..<classes { values[base + k] = factors[k] * values[base + k] / total }
      }
    }
    return result
  }

  /// The column means of the adjusted probabilities (one EM iteration).
  private static func meanAdjusted(_ probabilities: DenseMatrix, factors: [Double]) -> [Double] {
    let classes = probabilities.columns
    var sums = [Double](repeating: 0, count: classes)
    probabilities.withUnsafeBufferPointer { values in
      for row in 0..<probabilities.rows {
        let base = row * classes
        var total = 0.0
        for k in 0..<classes { total += factors[k] * values[base + k] }
        if total > 0 && total.isFinite {
          for k in 0..<classes { sums[k] += factors[k] * values[base + k] / total }
        } else {
          for k in 0..<classes { sums[k] += values[base + k] }
        }
      }
    }
    // The rows sum to 1, so the sums add up to n; dividing by their total keeps the shares
    // summing to 1 under rounding too.
    let mass = sums.reduce(0, +)
    guard mass > 0 else { return [Double](repeating: 1 / Double(classes), count: classes) }
    return sums.map { $0 / mass }
  }

  /// The training priors checked and scaled to sum to 1.
  private static func normalisedPriors(_ priors: [Double], columns: Int)
    throws(PriorShiftError) -> [Double]
  {
    guard priors.count == columns, columns >= 2 else {
      throw .shapeMismatch(priors: priors.count, columns: columns)
    }
    guard priors.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw .invalidPrior(priors) }
    let total = priors.reduce(0, +)
    return priors.map { $0 / total }
  }
}

/// Why class shares could not be estimated.
public enum PriorShiftError: Error, Equatable, Sendable, CustomStringConvertible {
  /// There are no texts to estimate from.
  case noSamples
  /// The priors and the probability columns differ in number (or there are fewer than 2).
  case shapeMismatch(priors: Int, columns: Int)
  /// A training prior is not finite and positive.
  case invalidPrior([Double])
  /// A probability is NaN, infinite or negative.
  case invalidProbability(row: Int)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .noSamples:
      return "no texts to estimate class shares from; give at least one text"
    case .shapeMismatch(let priors, let columns):
      return "\(priors) training priors for \(columns) classes; give one prior per class "
        + "(at least 2)"
    case .invalidPrior(let priors):
      return "the training priors \(priors) must all be finite and greater than 0; a model "
        + "trained without examples of a class cannot adapt its prior"
    case .invalidProbability(let row):
      return "row \(row) has a probability that is not a finite number from 0 to 1"
    }
  }
}
