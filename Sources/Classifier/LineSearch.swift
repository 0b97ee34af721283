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
/// Deviation from the textbook, as a fallback only: close to a minimiser the decrease
/// `φ(0) − φ(α)` falls below the rounding error of `f` itself, and the sufficient-decrease
/// test becomes a coin toss. A search with ``acceptsRoundingNoise`` set (L-BFGS runs one
/// only after a strict search has failed) therefore also accepts, as in Hager & Zhang's
/// approximate Wolfe conditions (*SIAM J. Optim.* 16, 2005), a step with
/// `φ(α) ≤ φ(0) + ε·|φ(0)|` (`ε = 10⁻¹⁰`, far above rounding) where the strong curvature
/// condition holds (which implies their `φ′(α) ≤ (2c₁ − 1)·φ′(0)`), and narrows the bracket
/// by the sign of `φ′`, which stays accurate. This lets the optimizers reach gradient
/// tolerances far below `√ε_machine`.
///
/// The accepted point is always the last one evaluated, so the objective's cache belongs
/// to it. A non-finite trial value is treated as "too far" and the step is shortened.
struct WolfeLineSearch {
  /// `c₁`, the sufficient-decrease constant.
  var sufficientDecrease = 1e-4
  /// `c₂`, the curvature constant (0.9 is the usual choice for quasi-Newton methods).
  var curvature = 0.9
  /// `ε`, the relative change in `f` treated as rounding noise.
  var noise = 1e-10
  /// Whether steps within `ε·|φ(0)|` of `φ(0)` count as decreasing (the fallback above);
  /// off for the strict search.
  var acceptsRoundingNoise = false
  /// The most function evaluations one search may spend.
  var maximumEvaluations = 30

  /// How a search ended.
  enum Status: Equatable {
    /// The (possibly approximate) Wolfe conditions hold at the returned step.
    case satisfied
    /// No step satisfied them; `bestStep` (possibly 0) is the lowest sufficient-decrease
    /// point seen, which the last evaluation need not be.
    case failed
    /// Every trial value was NaN or infinite.
    case nonFinite
  }

  /// The outcome of a search.
  struct Result {
    /// How the search ended.
    var status: Status
    /// The accepted step (for `.satisfied`), whose point and gradient are in `trial` and
    /// `trialGradient`.
    var step: Double
    /// `φ(step)`.
    var value: Double
    /// The step with the lowest value that satisfies sufficient decrease (0 if none).
    var bestStep: Double
    /// `φ(bestStep)`.
    var bestValue: Double
    /// Function evaluations spent.
    var evaluations: Int
  }

  fileprivate typealias Sample = (step: Double, value: Double, slope: Double)

  /// Searches along `direction` from `point`: bracketing, then zoom.
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
    var line = Line(
      search: self, point: point, direction: direction, value: value, slope: slope,
      trial: trial, trialGradient: trialGradient)
    // The line holds the trial arrays while it runs, so they stay uniquely referenced.
    trial = []
    trialGradient = []
    defer {
      trial = line.trial
      trialGradient = line.trialGradient
    }
    switch line.bracket(&objective, initialStep: initialStep) {
    case .finished(let result):
      return result
    case .bracketed(let low, let high, let step):
      return line.zoom(&objective, low: low, high: high, lastBracketingStep: step)
    }
  }

  /// The minimiser of the cubic that interpolates `φ` and `φ′` at two steps, or NaN when
  /// it does not exist (the caller then bisects).
  fileprivate static func cubicMinimizer(
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

/// One search of ``WolfeLineSearch`` along one line: the samples it evaluates, the best
/// sufficient-decrease point seen and the evaluations spent.
private struct Line {
  /// The settings.
  let search: WolfeLineSearch
  /// `x`.
  let point: [Double]
  /// `p`.
  let direction: [Double]
  /// `φ(0) = f(x)`.
  let value: Double
  /// `φ′(0)`, negative.
  let slope: Double
  /// The last evaluated point `x + α·p`.
  var trial: [Double]
  /// `∇f` at ``trial``.
  var trialGradient: [Double]
  /// Function evaluations spent.
  var evaluations = 0
  /// The step with the lowest value that satisfies sufficient decrease (0 if none).
  var bestStep = 0.0
  /// `φ(bestStep)`.
  var bestValue: Double
  /// `ε·|φ(0)|` when steps within rounding noise count as decreasing, else 0.
  let tolerance: Double

  init(
    search: WolfeLineSearch, point: [Double], direction: [Double], value: Double, slope: Double,
    trial: [Double], trialGradient: [Double]
  ) {
    self.search = search
    self.point = point
    self.direction = direction
    self.value = value
    self.slope = slope
    self.trial = trial
    self.trialGradient = trialGradient
    bestValue = value
    tolerance = search.acceptsRoundingNoise ? search.noise * abs(value) : 0
  }

  /// How bracketing ended: with the search's result, or with an interval to zoom into.
  enum Bracketing {
    case finished(WolfeLineSearch.Result)
    case bracketed(low: WolfeLineSearch.Sample, high: WolfeLineSearch.Sample, step: Double)
  }

  /// Evaluates `φ` and `φ′` at `step`, remembering the best sufficient-decrease point.
  mutating func evaluate<O: Objective>(_ step: Double, _ objective: inout O)
    -> WolfeLineSearch.Sample
  {
    BLAS.copy(point, into: &trial)
    BLAS.axpy(step, direction, &trial)
    let f = objective.valueAndGradient(at: trial, gradient: &trialGradient)
    evaluations += 1
    let d = BLAS.dot(trialGradient, direction)
    if f.isFinite && d.isFinite && f <= value + search.sufficientDecrease * step * slope
      && f < bestValue
    {
      bestStep = step
      bestValue = f
    }
    return (step, f, d)
  }

  /// Sufficient decrease, or a value within rounding noise of φ(0).
  func decreases(_ sample: WolfeLineSearch.Sample) -> Bool {
    sample.value <= value + search.sufficientDecrease * sample.step * slope
      || sample.value <= value + tolerance
  }

  /// The strong curvature condition.
  func flat(_ sample: WolfeLineSearch.Sample) -> Bool {
    abs(sample.slope) <= -search.curvature * slope
  }

  /// The outcome, ending at `sample`.
  func result(_ status: WolfeLineSearch.Status, _ sample: WolfeLineSearch.Sample)
    -> WolfeLineSearch.Result
  {
    WolfeLineSearch.Result(
      status: status, step: sample.step, value: sample.value, bestStep: bestStep,
      bestValue: bestValue, evaluations: evaluations)
  }

  /// Bracketing: grows the step until [low, high] holds a Wolfe point.
  ///
  /// Invariant for the zoom: φ′(low) < 0, low decreases f, and high went too far (f rose,
  /// or φ′ ≥ 0).
  mutating func bracket<O: Objective>(_ objective: inout O, initialStep: Double) -> Bracketing {
    var low: WolfeLineSearch.Sample = (0, value, slope)
    var step = initialStep
    var sawFinite = false
    while evaluations < search.maximumEvaluations {
      let sample = evaluate(step, &objective)
      guard sample.value.isFinite && sample.slope.isFinite else {
        step = low.step + 0.1 * (step - low.step)
        continue
      }
      sawFinite = true
      if !decreases(sample) || sample.value > low.value + tolerance || sample.slope >= 0 {
        if decreases(sample) && flat(sample) { return .finished(result(.satisfied, sample)) }
        return .bracketed(low: low, high: sample, step: step)
      }
      if flat(sample) { return .finished(result(.satisfied, sample)) }
      low = sample
      step *= 2
    }
    return .finished(result(sawFinite ? .failed : .nonFinite, (step, value, slope)))
  }

  /// Zoom: shrinks [low, high] keeping the invariant of ``bracket(_:initialStep:)``.
  mutating func zoom<O: Objective>(
    _ objective: inout O, low: WolfeLineSearch.Sample, high: WolfeLineSearch.Sample,
    lastBracketingStep step: Double
  ) -> WolfeLineSearch.Result {
    var low = low
    var high = high
    while evaluations < search.maximumEvaluations {
      let width = high.step - low.step
      if width <= 1e-16 * high.step { break }
      var candidate = WolfeLineSearch.cubicMinimizer(low, high)
      if !candidate.isFinite || candidate < low.step + 0.1 * width
        || candidate > high.step - 0.1 * width
      {
        candidate = low.step + 0.5 * width
      }
      let sample = evaluate(candidate, &objective)
      guard sample.value.isFinite && sample.slope.isFinite else {
        high = (candidate, .infinity, .infinity)
        continue
      }
      if !decreases(sample) || sample.value > low.value + tolerance {
        high = sample
      } else if flat(sample) {
        return result(.satisfied, sample)
      } else if sample.slope >= 0 {
        high = sample
      } else {
        low = sample
      }
    }
    return result(.failed, (step, value, slope))
  }
}
