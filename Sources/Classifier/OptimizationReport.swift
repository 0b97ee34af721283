/// Why an optimizer stopped.
public enum StopReason: String, Codable, Sendable, CaseIterable {
  /// The gradient norm fell to the tolerance: `‖g‖ ≤ tolerance · ‖g₀‖`.
  case converged
  /// The iteration limit was reached before convergence; the solution is the last iterate.
  case maximumIterations
  /// L-BFGS: no step along the search direction satisfied the Wolfe conditions or even
  /// decreased the objective, also after discarding the curvature history and trying
  /// steepest descent. Usually the gradient is already at the level of rounding noise; the
  /// solution is the last accepted iterate.
  case lineSearchFailed
  /// Trust-region Newton: both the actual and the predicted reduction became negligible
  /// relative to the objective (or the model predicted no decrease), so no further step
  /// can make measurable progress.
  case noProgress
  /// The objective or its gradient became NaN or infinite.
  case nonFiniteValue
}

/// One line of progress, handed to the optional progress callback after every iteration.
public struct OptimizationProgress: Equatable, Sendable {
  /// The iteration just completed, counting from 1.
  public let iteration: Int
  /// The objective at the current iterate.
  public let objective: Double
  /// The Euclidean norm of the gradient at the current iterate.
  public let gradientNorm: Double

  /// Creates a progress record.
  ///
  /// - Parameters:
  ///   - iteration: The iteration just completed.
  ///   - objective: The objective value.
  ///   - gradientNorm: The gradient norm.
  public init(iteration: Int, objective: Double, gradientNorm: Double) {
    self.iteration = iteration
    self.objective = objective
    self.gradientNorm = gradientNorm
  }
}

/// A callback an optimizer calls once per iteration, synchronously on the calling thread.
///
/// Optimizers never print; a command-line tool can render these records (to stderr).
public typealias ProgressHandler = (OptimizationProgress) -> Void

/// What an optimizer did: how long it ran, where it ended and why it stopped.
///
/// The report is data; nothing is printed. `finalObjective` and `finalGradientNorm`
/// describe the returned solution.
public struct OptimizationReport: Codable, Equatable, Sendable {
  /// Outer iterations performed: accepted steps for L-BFGS; trust-region iterations,
  /// accepted or rejected, for Newton.
  public var iterations: Int
  /// Inner iterations: conjugate-gradient steps for Newton, 0 for L-BFGS.
  public var innerIterations: Int
  /// Calls to `valueAndGradient`.
  public var functionEvaluations: Int
  /// The objective at the returned solution.
  public var finalObjective: Double
  /// `‖∇f‖` at the returned solution.
  public var finalGradientNorm: Double
  /// `‖∇f‖` at the starting point; the stopping rule is relative to it.
  public var initialGradientNorm: Double
  /// Why the optimizer stopped.
  public var stopReason: StopReason

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - iterations: Outer iterations.
  ///   - innerIterations: Inner (conjugate-gradient) iterations.
  ///   - functionEvaluations: Calls to `valueAndGradient`.
  ///   - finalObjective: The final objective value.
  ///   - finalGradientNorm: The final gradient norm.
  ///   - initialGradientNorm: The gradient norm at the start.
  ///   - stopReason: Why the optimizer stopped.
  public init(
    iterations: Int, innerIterations: Int, functionEvaluations: Int, finalObjective: Double,
    finalGradientNorm: Double, initialGradientNorm: Double, stopReason: StopReason
  ) {
    self.iterations = iterations
    self.innerIterations = innerIterations
    self.functionEvaluations = functionEvaluations
    self.finalObjective = finalObjective
    self.finalGradientNorm = finalGradientNorm
    self.initialGradientNorm = initialGradientNorm
    self.stopReason = stopReason
  }

  /// `finalGradientNorm / initialGradientNorm`, the quantity the tolerance bounds; 0 when
  /// the start was already stationary.
  public var relativeGradientNorm: Double {
    initialGradientNorm > 0 ? finalGradientNorm / initialGradientNorm : 0
  }
}

/// A minimiser of an ``Objective`` from a given starting point.
///
/// Both optimizers stop when `‖∇f(x)‖ ≤ tolerance · ‖∇f(x₀)‖` (LIBLINEAR's relative rule,
/// independent of the scale of the objective), after a maximum number of iterations, when
/// they can make no further progress, or on a non-finite value.
public protocol Optimizer {
  /// Minimises `objective` starting from `start`.
  ///
  /// - Parameters:
  ///   - objective: The function; its cache is left at some evaluated point.
  ///   - start: The starting point, `objective.dimension` values; handed over, its storage
  ///     may become the iterate.
  ///   - progress: Called once per iteration, if given.
  /// - Returns: The last accepted iterate and a report of the run.
  func minimize<O: Objective>(
    _ objective: inout O, from start: consuming [Double], progress: ProgressHandler?
  ) -> (solution: [Double], report: OptimizationReport)
}
