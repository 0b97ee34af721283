import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Vector scaling (Guo, Pleiss, Sun & Weinberger, ICML 2017; on log-probabilities it is
/// the diagonal case of Kull et al.'s Dirichlet calibration, NeurIPS 2019): a scale `aₖ`
/// and a bias `bₖ` per class on the model's log-probabilities, fitted by minimising the
/// log loss on data the model was not trained on.
///
/// With `ℓᵢ = log softmax(zᵢ)` (the model's own log-probabilities, so the map does not
/// depend on the arbitrary per-row shift of the scores `z`),
///
/// ```
/// P(k | xᵢ) = softmax(a ⊙ ℓᵢ + b)ₖ
/// f(a, b)   = (1/n) Σᵢ [ logsumexp(uᵢ) − uᵢ,yᵢ ] + (λ/2) (‖a − 1‖² + ‖b‖²),  uᵢ = a ⊙ ℓᵢ + b
/// ```
///
/// `f` is convex (a log loss of an affine map plus a ridge towards the identity map,
/// `λ = 10⁻⁴`, which also fixes the biases' common shift). Its minimiser is found by
/// Newton's method: the gradient and the `2K × 2K` Hessian
///
/// ```
/// ∂²f/∂uᵢ² = diag(pᵢ) − pᵢ pᵢᵀ,   ∂uᵢₖ/∂aₖ = ℓᵢₖ,   ∂uᵢₖ/∂bₖ = 1
/// ```
///
/// are summed over the rows, the Newton system is solved by a Cholesky factorisation
/// (LAPACK `dpotrf`/`dpotrs`: a small, dense, symmetric positive definite system, which is
/// what LAPACK is for), and the step is halved until the objective does not rise.
///
/// Unlike a temperature, the biases can change the most probable class.
public enum VectorScaling {
  /// The ridge weight `λ` towards the identity map `a = 1, b = 0`.
  public static let ridge = 1e-4

  /// A fitted map: one scale and one bias per class, in the model's label order.
  public struct Map: Equatable, Sendable, Codable {
    /// The scales `aₖ`.
    public var scales: [Double]
    /// The biases `bₖ`.
    public var biases: [Double]

    /// Creates a map.
    ///
    /// - Parameters:
    ///   - scales: One scale per class.
    ///   - biases: One bias per class.
    public init(scales: [Double], biases: [Double]) {
      self.scales = scales
      self.biases = biases
    }
  }

  /// A fitted map with the log loss it achieved.
  public struct Fit: Equatable, Sendable, Codable {
    /// The map.
    public var map: Map
    /// The mean log loss of the model's own probabilities.
    public var logLossBefore: Double
    /// The mean log loss after the map (the penalised optimum's, without the penalty).
    public var logLossAfter: Double
    /// The number of samples the map was fitted on.
    public var sampleCount: Int
    /// The Newton steps taken.
    public var iterations: Int
  }

  /// Fits the map on held-out decision values.
  ///
  /// - Parameters:
  ///   - decisionValues: `n × K` scores `z = x·W + b` of samples the model did not see.
  ///   - truth: The true class index of each row, in `0..<K`.
  /// - Returns: The map and the log loss before and after.
  /// - Throws: ``TemperatureScalingError`` when there are no rows, the shapes disagree, a
  ///   class index is out of range or a score is not finite.
  /// - Complexity: O(n·K²) per Newton step plus O(K³) for the solve; typically under 15
  ///   steps.
  public static func fit(decisionValues: DenseMatrix, truth: [Int])
    throws(TemperatureScalingError) -> Fit
  {
    try TemperatureScaling.checkInput(decisionValues: decisionValues, truth: truth)
    let rows = decisionValues.rows
    let classes = decisionValues.columns
    let logs = logSoftmax(decisionValues)
    let identity = Map(
      scales: [Double](repeating: 1, count: classes),
      biases: [Double](repeating: 0, count: classes))
    var map = identity
    var value = objective(logs, truth, map)
    var iterations = 0
    while iterations < 100 {
      iterations += 1
      let (gradient, hessian) = derivatives(logs, truth, map)
      guard let factor = try? CholeskyFactorization(hessian) else { break }
      let step = factor.solve(gradient)
      var length = 1.0
      var accepted: (map: Map, value: Double)?
      while length > 1e-10 {
        let trial = Map(
          scales: (0..<classes).map { map.scales[$0] - length * step[$0] },
          biases: (0..<classes).map { map.biases[$0] - length * step[classes + $0] })
        let trialValue = objective(logs, truth, trial)
        if trialValue <= value {
          accepted = (trial, trialValue)
          break
        }
        length /= 2
      }
      guard let accepted else { break }
      let moved = (step.map { abs($0) }.max() ?? 0) * length
      (map, value) = accepted
      if moved < 1e-10 { break }
    }
    let before = meanLogLoss(logs, truth, identity)
    return Fit(
      map: map, logLossBefore: before, logLossAfter: meanLogLoss(logs, truth, map),
      sampleCount: rows, iterations: iterations)
  }

  /// The class probabilities `softmax(a ⊙ log softmax(z) + b)` of every row.
  ///
  /// - Parameters:
  ///   - decisionValues: `n × K` scores.
  ///   - map: A map with `K` scales and biases.
  /// - Returns: An `n × K` matrix whose rows sum to 1.
  /// - Complexity: O(n·K).
  public static func probabilities(decisionValues: DenseMatrix, map: Map) -> DenseMatrix {
    var result = logSoftmax(decisionValues)
    let classes = result.columns
    let rows = result.rows
    result.withUnsafeMutableBufferPointer { u in
      for row in 0..<rows {
        let base = row * classes
        var largest = -Double.infinity
        for k in 0..<classes {
          u[base + k] = map.scales[k] * u[base + k] + map.biases[k]
          largest = max(largest, u[base + k])
        }
        var total = 0.0
        for k in 0..<classes {
          u[base + k] = exp(u[base + k] - largest)
          total += u[base + k]
        }
        for k in 0..<classes { u[base + k] /= total }
      }
    }
    return result
  }

  /// `log softmax` of every row (max-shifted).
  static func logSoftmax(_ scores: DenseMatrix) -> DenseMatrix {
    var result = scores
    let classes = result.columns
    let rows = result.rows
    result.withUnsafeMutableBufferPointer { z in
      for row in 0..<rows {
        let base = row * classes
        var largest = -Double.infinity
        for k in 0..<classes { largest = max(largest, z[base + k]) }
        var total = 0.0
        for k in 0..<classes { total += exp(z[base + k] - largest) }
        let shift = largest + log(total)
        for k in 0..<classes { z[base + k] -= shift }
      }
    }
    return result
  }

  /// The mapped probabilities of one row, `softmax(a ⊙ ℓ + b)`, into `p`; returns
  /// `logsumexp(a ⊙ ℓ + b)`.
  private static func rowProbabilities(
    _ logs: UnsafeBufferPointer<Double>, _ base: Int, _ map: Map, into p: inout [Double]
  ) -> Double {
    let classes = p.count
    var largest = -Double.infinity
    for k in 0..<classes { largest = max(largest, map.scales[k] * logs[base + k] + map.biases[k]) }
    var total = 0.0
    for k in 0..<classes {
      p[k] = exp(map.scales[k] * logs[base + k] + map.biases[k] - largest)
      total += p[k]
    }
    for k in 0..<classes { p[k] /= total }
    return largest + log(total)
  }

  /// The mean log loss under `map`, without the ridge.
  private static func meanLogLoss(_ logs: DenseMatrix, _ truth: [Int], _ map: Map) -> Double {
    var p = [Double](repeating: 0, count: logs.columns)
    var total = 0.0
    logs.withUnsafeBufferPointer { values in
      for (row, label) in truth.enumerated() {
        let base = row * logs.columns
        let logSumExp = rowProbabilities(values, base, map, into: &p)
        total += logSumExp - (map.scales[label] * values[base + label] + map.biases[label])
      }
    }
    return total / Double(truth.count)
  }

  /// `f(a, b)` as defined on the type.
  private static func objective(_ logs: DenseMatrix, _ truth: [Int], _ map: Map) -> Double {
    var penalty = 0.0
    for k in map.scales.indices {
      penalty += (map.scales[k] - 1) * (map.scales[k] - 1) + map.biases[k] * map.biases[k]
    }
    return meanLogLoss(logs, truth, map) + ridge / 2 * penalty
  }

  /// The gradient (scales first, then biases) and the `2K × 2K` Hessian of `f`.
  private static func derivatives(_ logs: DenseMatrix, _ truth: [Int], _ map: Map)
    -> (gradient: [Double], hessian: DenseMatrix)
  {
    let classes = logs.columns
    let size = 2 * classes
    var gradient = [Double](repeating: 0, count: size)
    var hessian = [Double](repeating: 0, count: size * size)
    var p = [Double](repeating: 0, count: classes)
    var d = [Double](repeating: 0, count: size)
    logs.withUnsafeBufferPointer { values in
      for (row, label) in truth.enumerated() {
        let base = row * classes
        _ = rowProbabilities(values, base, map, into: &p)
        // uₖ depends on aₖ through ℓₖ and on bₖ through 1.
        for k in 0..<classes {
          d[k] = values[base + k]
          d[classes + k] = 1
          let residual = p[k] - (k == label ? 1 : 0)
          gradient[k] += residual * values[base + k]
          gradient[classes + k] += residual
        }
        for i in 0..<size {
          let ki = i % classes
          for j in 0..<size {
            let kj = j % classes
            let curvature = (ki == kj ? p[ki] : 0) - p[ki] * p[kj]
            hessian[i * size + j] += d[i] * d[j] * curvature
          }
        }
      }
    }
    let n = Double(truth.count)
    for i in 0..<size {
      gradient[i] /= n
      for j in 0..<size { hessian[i * size + j] /= n }
      hessian[i * size + i] += ridge
    }
    for k in 0..<classes {
      gradient[k] += ridge * (map.scales[k] - 1)
      gradient[classes + k] += ridge * map.biases[k]
    }
    return (gradient, DenseMatrix(rows: size, columns: size, storage: hessian))
  }
}
