import LinearAlgebra

/// The limited-memory BFGS quasi-Newton method (Liu & Nocedal, "On the limited memory BFGS
/// method for large scale optimization", *Mathematical Programming* 45, 1989), the default
/// solver.
///
/// Each iteration computes the direction `p = −H·g` by the two-loop recursion over the last
/// `m` pairs `sᵢ = xᵢ₊₁ − xᵢ`, `yᵢ = gᵢ₊₁ − gᵢ`, with the initial matrix `H₀ = γ·I`,
/// `γ = sᵀy / yᵀy` of the newest pair, then a strong-Wolfe line search (`LineSearch.swift`:
/// Nocedal & Wright's bracketing and zoom, with Hager & Zhang's approximate-Wolfe fallback
/// once changes in `f` reach rounding level), trying the step 1 first (`min(1, 1/‖g‖)` on
/// the first iteration and after a reset). The history lives in two
/// `m × n` ``DenseMatrix`` ring buffers; every dot product, `axpy` and norm goes through
/// ``BLAS``.
///
/// Stopping: `‖g‖ ≤ tolerance · ‖g₀‖`, or `maximumIterations` accepted steps, or a non-finite
/// value. When the line search fails, a step that still decreases `f` is accepted; if none
/// does, the history is discarded and steepest descent is tried once before stopping with
/// ``StopReason/lineSearchFailed``. Pairs with `sᵀy ≤ ε·yᵀy` are skipped (they would break
/// positive definiteness).
public struct LBFGS: Optimizer, Sendable {
  /// The relative gradient-norm tolerance, in `(0, 1)`.
  public var tolerance: Double
  /// The most iterations (accepted steps).
  public var maximumIterations: Int
  /// `m`, the number of correction pairs kept, at least 1.
  public var memory: Int

  /// Creates the optimizer.
  ///
  /// - Parameters:
  ///   - tolerance: Stop when `‖g‖ ≤ tolerance · ‖g₀‖`.
  ///   - maximumIterations: The most iterations, at least 1.
  ///   - memory: The number of correction pairs, at least 1.
  public init(tolerance: Double, maximumIterations: Int, memory: Int = 10) {
    precondition(tolerance >= 0 && maximumIterations >= 0 && memory >= 1)
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
    self.memory = memory
  }

  /// Minimises `objective` from `start`.
  ///
  /// - Parameters:
  ///   - objective: The function to minimise.
  ///   - start: The starting point.
  ///   - progress: Called after every accepted step.
  /// - Returns: The last accepted iterate and the report.
  /// - Complexity: Per iteration, O(m·n) vector work plus the line search's evaluations.
  public func minimize<O: Objective>(
    _ objective: inout O, from start: consuming [Double], progress: ProgressHandler? = nil
  ) -> (solution: [Double], report: OptimizationReport) {
    let n = objective.dimension
    precondition(start.count == n, "LBFGS: start has \(start.count) values, need \(n)")
    var x = consume start
    var gradient = [Double](repeating: 0, count: n)
    var value = objective.valueAndGradient(at: x, gradient: &gradient)
    var evaluations = 1
    var gradientNorm = BLAS.nrm2(gradient)
    let initialNorm = gradientNorm
    var iterations = 0

    func report(_ reason: StopReason) -> (solution: [Double], report: OptimizationReport) {
      (
        x,
        OptimizationReport(
          iterations: iterations, innerIterations: 0, functionEvaluations: evaluations,
          finalObjective: value, finalGradientNorm: gradientNorm, initialGradientNorm: initialNorm,
          stopReason: reason)
      )
    }

    guard value.isFinite && gradientNorm.isFinite else { return report(.nonFiniteValue) }
    if gradientNorm <= tolerance * initialNorm { return report(.converged) }

    var history = History(memory: memory, dimension: n)
    var direction = [Double](repeating: 0, count: n)
    var trial = x
    var trialGradient = gradient
    var steepest = false
    while iterations < maximumIterations {
      let slope = Self.searchDirection(
        gradient, gradientNorm: gradientNorm, steepest: steepest, history: &history,
        into: &direction)
      let firstStep = history.count == 0 ? Swift.min(1, 1 / BLAS.nrm2(direction)) : 1
      let search = Self.lineSearch(
        &objective, from: x, value: value, slope: slope, direction: direction,
        initialStep: firstStep, trial: &trial, trialGradient: &trialGradient,
        evaluations: &evaluations)
      var accepted = search.status == .satisfied
      var newValue = search.value
      if search.status == .failed && search.bestStep > 0 && search.bestValue < value {
        // No Wolfe point, but a point that decreases f: take it (it is re-evaluated so that
        // the gradient and cache belong to it).
        BLAS.copy(x, into: &trial)
        BLAS.axpy(search.bestStep, direction, &trial)
        newValue = objective.valueAndGradient(at: trial, gradient: &trialGradient)
        evaluations += 1
        accepted = newValue.isFinite && newValue < value
      }
      if search.status == .nonFinite && history.count == 0 { return report(.nonFiniteValue) }
      guard accepted else {
        if history.count == 0 || steepest { return report(.lineSearchFailed) }
        history.removeAll()
        steepest = true
        continue
      }
      steepest = false
      history.append(step: trial, minus: x, gradient: trialGradient, minus: gradient)
      swap(&x, &trial)
      swap(&gradient, &trialGradient)
      value = newValue
      gradientNorm = BLAS.nrm2(gradient)
      iterations += 1
      guard value.isFinite && gradientNorm.isFinite else { return report(.nonFiniteValue) }
      progress?(
        OptimizationProgress(iteration: iterations, objective: value, gradientNorm: gradientNorm))
      if gradientNorm <= tolerance * initialNorm { return report(.converged) }
    }
    return report(.maximumIterations)
  }

  /// A strict Wolfe line search along `direction` and, when it fails, a second one that
  /// also accepts steps within rounding noise: near the optimum the decrease may be lost in
  /// the rounding of f (see ``WolfeLineSearch``).
  ///
  /// - Returns: The outcome of the last search; `evaluations` grows by both searches'.
  private static func lineSearch<O: Objective>(
    _ objective: inout O, from x: [Double], value: Double, slope: Double, direction: [Double],
    initialStep: Double, trial: inout [Double], trialGradient: inout [Double],
    evaluations: inout Int
  ) -> WolfeLineSearch.Result {
    var search = WolfeLineSearch().search(
      &objective, from: x, value: value, slope: slope, direction: direction,
      initialStep: initialStep, trial: &trial, trialGradient: &trialGradient)
    evaluations += search.evaluations
    if search.status == .failed {
      var relaxed = WolfeLineSearch()
      relaxed.acceptsRoundingNoise = true
      search = relaxed.search(
        &objective, from: x, value: value, slope: slope, direction: direction,
        initialStep: initialStep, trial: &trial, trialGradient: &trialGradient)
      evaluations += search.evaluations
    }
    return search
  }

  /// Writes the search direction into `direction` and returns its slope `gᵀd`: the
  /// two-loop direction, or steepest descent `−g` when `steepest` is asked for or there is
  /// no history; when the two-loop direction does not descend, the history is dropped and
  /// steepest descent used instead.
  private static func searchDirection(
    _ gradient: [Double], gradientNorm: Double, steepest: Bool, history: inout History,
    into direction: inout [Double]
  ) -> Double {
    if steepest || history.count == 0 {
      BLAS.copy(gradient, into: &direction)
      BLAS.scal(-1, &direction)
    } else {
      history.direction(for: gradient, into: &direction)
    }
    var slope = BLAS.dot(gradient, direction)
    if !(slope < 0) {
      history.removeAll()
      BLAS.copy(gradient, into: &direction)
      BLAS.scal(-1, &direction)
      slope = -gradientNorm * gradientNorm
    }
    return slope
  }
}

/// The L-BFGS correction pairs, a ring buffer of the newest `memory` pairs.
private struct History {
  let memory: Int
  let dimension: Int
  /// Row `i` is `sᵢ`.
  var steps: DenseMatrix
  /// Row `i` is `yᵢ`.
  var changes: DenseMatrix
  /// `1 / (yᵢᵀsᵢ)` per slot.
  var inverseCurvatures: [Double]
  /// The slot of the oldest pair.
  var oldest = 0
  /// The number of stored pairs.
  var count = 0
  /// `γ = sᵀy / yᵀy` of the newest pair.
  var scale = 1.0
  private var alphas: [Double]
  /// Scratch for the newest pair before it is accepted into the history.
  private var pendingStep: [Double]
  private var pendingChange: [Double]

  init(memory: Int, dimension: Int) {
    self.memory = memory
    self.dimension = dimension
    steps = DenseMatrix(rows: memory, columns: dimension)
    changes = DenseMatrix(rows: memory, columns: dimension)
    inverseCurvatures = [Double](repeating: 0, count: memory)
    alphas = [Double](repeating: 0, count: memory)
    pendingStep = [Double](repeating: 0, count: dimension)
    pendingChange = [Double](repeating: 0, count: dimension)
  }

  mutating func removeAll() {
    count = 0
    oldest = 0
  }

  /// Stores `s = next − current`, `y = nextGradient − gradient` unless `sᵀy` is not
  /// safely positive.
  mutating func append(
    step next: [Double], minus current: [Double], gradient nextGradient: [Double],
    minus gradient: [Double]
  ) {
    BLAS.copy(next, into: &pendingStep)
    BLAS.axpy(-1, current, &pendingStep)
    BLAS.copy(nextGradient, into: &pendingChange)
    BLAS.axpy(-1, gradient, &pendingChange)
    let sy = BLAS.dot(pendingStep, pendingChange)
    let yy = BLAS.dot(pendingChange, pendingChange)
    guard sy > Double.ulpOfOne * yy, yy > 0 else { return }
    let slot = (oldest + count) % memory
    steps.setRow(slot, to: pendingStep)
    changes.setRow(slot, to: pendingChange)
    inverseCurvatures[slot] = 1 / sy
    if count < memory {
      count += 1
    } else {
      oldest = (oldest + 1) % memory
    }
    scale = sy / yy
  }

  /// The two-loop recursion: `direction = −H·gradient`.
  mutating func direction(for gradient: [Double], into direction: inout [Double]) {
    BLAS.copy(gradient, into: &direction)
    let n = dimension
    let memory = self.memory
    let oldest = self.oldest
    let count = self.count
    let rho = inverseCurvatures
    var alphas = self.alphas
    let scale = self.scale
    steps.withUnsafeBufferPointer { s in
      changes.withUnsafeBufferPointer { y in
        direction.withUnsafeMutableBufferPointer { q in
          let query = UnsafeBufferPointer(q)
          for offset in stride(from: count - 1, through: 0, by: -1) {
            let slot = (oldest + offset) % memory
            let si = UnsafeBufferPointer(rebasing: s[(slot * n)..<((slot + 1) * n)])
            let yi = UnsafeBufferPointer(rebasing: y[(slot * n)..<((slot + 1) * n)])
            let alpha = rho[slot] * BLAS.dot(si, query)
            alphas[slot] = alpha
            BLAS.axpy(-alpha, yi, q)
          }
          BLAS.scal(scale, q)
          for offset in 0..<count {
            let slot = (oldest + offset) % memory
            let si = UnsafeBufferPointer(rebasing: s[(slot * n)..<((slot + 1) * n)])
            let yi = UnsafeBufferPointer(rebasing: y[(slot * n)..<((slot + 1) * n)])
            let beta = rho[slot] * BLAS.dot(yi, query)
            BLAS.axpy(alphas[slot] - beta, si, q)
          }
          BLAS.scal(-1, q)
        }
      }
    }
    self.alphas = alphas
  }
}
