import LinearAlgebra

/// A line search that finds a step satisfying the strong Wolfe conditions, shared by the
/// optimizers (Nocedal & Wright, *Numerical Optimization*, 2nd ed., 2006, Algorithms 3.5
/// and 3.6: bracketing, then zoom by safeguarded cubic interpolation).
///
/// With `φ(α) = f(x + α·p)` and a descent direction (`φ′(0) < 0`), a step `α` is accepted
/// when
/// ```
/// φ(α) ≤ φ(0) + c₁·α·φ′(0)        (sufficient decrease)
/// |φ′(α)| ≤ c₂·|φ′(0)|             (strong curvature)
/// ```
/// The accepted point is always the last one evaluated, so the objective's cache belongs
/// to it. A non-finite trial value is treated as "too far" and the step is shortened.
struct WolfeLineSearch {
  /// `c₁`, the sufficient-decrease constant.
  var sufficientDecrease = 1e-4
  /// `c₂`, the curvature constant (0.9 is the usual choice for quasi-Newton methods).
  var curvature = 0.9
  /// The most function evaluations one search may spend.
  var maximumEvaluations = 30

  /// How a search ended.
  enum Status: Equatable {
    /// Both Wolfe conditions hold at the returned step.
    case satisfied
    /// No step satisfied them; `bestStep` (possibly 0) is the lowest sufficient-decrease
    /// point seen, which the last evaluation need not be.
    case failed
    /// Every trial value was NaN or infinite.
    case nonFinite
  }

  /// The outcome of a search.
  struct Result {
    var status: Status
    /// The accepted step (for `.satisfied`), whose point and gradient are in `trial` and
    /// `trialGradient`.
    var step: Double
    /// `φ(step)`.
    var value: Double
    /// The lowest step found that satisfies sufficient decrease, and its value (0 and
    /// `φ(0)` when there is none).
    var bestStep: Double
    var bestValue: Double
    /// Function evaluations spent.
    var evaluations: Int
  }

  /// Searches along `direction` from `point`.
  ///
  /// - Parameters:
  ///   - objective: The function; evaluated at trial points.
  ///   - point: `x`.
  ///   - value: `f(x)`.
  ///   - slope: `φ′(0) = ∇f(x)ᵀp`, negative.
  ///   - direction: `p`.
  ///   - initialStep: The first trial step, positive.
  ///   - trial: Receives the last evaluated point `x + α·p`.
  ///   - trialGradient: Receives `∇f` at `trial`.
  /// - Returns: The outcome.
  func search<O: Objective>(
    _ objective: inout O, from point: [Double], value: Double, slope: Double,
    direction: [Double], initialStep: Double, trial: inout [Double],
    trialGradient: inout [Double]
  ) -> Result {
    precondition(slope < 0, "line search needs a descent direction")
    var evaluations = 0
    var bestStep = 0.0
    var bestValue = value

    func evaluate(_ step: Double, _ objective: inout O) -> (value: Double, slope: Double) {
      trial = point
      BLAS.axpy(step, direction, &trial)
      let f = objective.valueAndGradient(at: trial, gradient: &trialGradient)
      evaluations += 1
      let d = BLAS.dot(trialGradient, direction)
      return (f, d)
    }
    func armijo(_ step: Double, _ f: Double) -> Bool {
      f <= value + sufficientDecrease * step * slope
    }
    func curvatureHolds(_ d: Double) -> Bool { abs(d) <= -curvature * slope }
    func result(_ status: Status, _ step: Double, _ f: Double) -> Result {
      Result(
        status: status, step: step, value: f, bestStep: bestStep, bestValue: bestValue,
        evaluations: evaluations)
    }

    // Bracketing phase: grow the step until the interval [previous, step] holds a Wolfe
    // point.
    var previousStep = 0.0
    var previousValue = value
    var previousSlope = slope
    var step = initialStep
    var sawFinite = false
    var low = (step: 0.0, value: value, slope: slope)
    var high = (step: 0.0, value: value, slope: slope)
    var bracketed = false
    while evaluations < maximumEvaluations {
      let (f, d) = evaluate(step, &objective)
      guard f.isFinite && d.isFinite else {
        // Too far: shorten towards the last good step.
        step = previousStep + 0.1 * (step - previousStep)
        continue
      }
      sawFinite = true
      if armijo(step, f) && f < bestValue {
        bestStep = step
        bestValue = f
      }
      if !armijo(step, f) || (previousStep > 0 && f >= previousValue) {
        low = (previousStep, previousValue, previousSlope)
        high = (step, f, d)
        bracketed = true
        break
      }
      if curvatureHolds(d) { return result(.satisfied, step, f) }
      if d >= 0 {
        low = (step, f, d)
        high = (previousStep, previousValue, previousSlope)
        bracketed = true
        break
      }
      previousStep = step
      previousValue = f
      previousSlope = d
      step *= 2
    }
    guard bracketed else { return result(sawFinite ? .failed : .nonFinite, step, value) }

    // Zoom phase: shrink [low, high] (in either order) keeping a Wolfe point inside.
    while evaluations < maximumEvaluations {
      let width = abs(high.step - low.step)
      if width <= 1e-16 * Swift.max(low.step, high.step) { break }
      var candidate = Self.cubicMinimizer(low, high)
      let lower = Swift.min(low.step, high.step)
      let upper = Swift.max(low.step, high.step)
      if !candidate.isFinite || candidate < lower + 0.1 * width
        || candidate > upper - 0.1 * width
      {
        candidate = 0.5 * (low.step + high.step)
      }
      let (f, d) = evaluate(candidate, &objective)
      guard f.isFinite && d.isFinite else {
        high = (candidate, .infinity, .infinity)
        continue
      }
      if armijo(candidate, f) && f < bestValue {
        bestStep = candidate
        bestValue = f
      }
      if !armijo(candidate, f) || f >= low.value {
        high = (candidate, f, d)
      } else {
        if curvatureHolds(d) { return result(.satisfied, candidate, f) }
        if d * (high.step - low.step) >= 0 { high = low }
        low = (candidate, f, d)
      }
    }
    return result(.failed, step, value)
  }

  /// The minimiser of the cubic that interpolates `φ` and `φ′` at two steps, or NaN when
  /// it does not exist (the caller then bisects).
  private static func cubicMinimizer(
    _ a: (step: Double, value: Double, slope: Double),
    _ b: (step: Double, value: Double, slope: Double)
  ) -> Double {
    guard a.value.isFinite && b.value.isFinite && b.slope.isFinite else { return .nan }
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
    let radicand = d1 * d1 - a.slope * b.slope
    guard radicand >= 0 else { return .nan }
    let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
    let denominator = b.slope - a.slope + 2 * d2
    guard denominator != 0 else { return .nan }
    return b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
  }
}
