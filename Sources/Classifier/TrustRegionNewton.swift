import LinearAlgebra

/// A trust-region Newton method with preconditioned conjugate gradients on Hessian-vector
/// products, after LIBLINEAR's TRON.
///
/// Written from the papers' description: Lin, Weng & Keerthi, "Trust region Newton method
/// for large-scale logistic regression", *JMLR* 9, 2008; Lin & Moré, "Newton's method for
/// large bound-constrained optimization problems", *SIAM J. Optim.* 9, 1999.
///
/// Each iteration approximately minimises the quadratic model
/// ```
/// q(s) = gᵀs + ½·sᵀHs   subject to   ‖s‖_M ≤ Δ,   ‖s‖²_M = sᵀMs
/// ```
/// by Steihaug–Toint conjugate gradients preconditioned with the diagonal
/// `M = (1 − α)·I + α·diag(H)`, `α = 0.01` (Hsia, Chiang & Lin, "Preconditioned conjugate
/// gradient methods in truncated Newton frameworks for large-scale linear classification",
/// ACML 2018). CG stops when `‖r‖ ≤ ξ·‖g‖` (`ξ = 0.1`), when it reaches the boundary, or at
/// negative curvature. The step is accepted when the actual reduction exceeds `η₀ = 10⁻⁴`
/// of the predicted one; the radius is updated from the ratio of the two, with an
/// interpolated factor, as in TRON (`η₁ = 0.25`, `η₂ = 0.75`, `σ₁ = 0.25`, `σ₂ = 0.5`,
/// `σ₃ = 4`). A rejected trial point is evaluated again at the current iterate to restore
/// the objective's cache (the ``Objective`` call-order rule).
///
/// Deviation from TRON: when both the actual and the predicted reduction are below
/// `10⁻¹²·|f|`, their ratio is rounding noise; such a step is accepted if it lowers the
/// gradient norm (which stays accurate) and otherwise the method stops with
/// ``StopReason/noProgress``. This lets tight tolerances be met instead of stalling.
///
/// Stopping: `‖g‖ ≤ tolerance · ‖g₀‖`, `maximumIterations` outer iterations (accepted or
/// not), no progress (above, or a non-positive predicted reduction), or a non-finite value.
/// Vector operations are plain loops over ``VectorChunks`` (no BLAS), so the result is the
/// same for any thread count and any BLAS.
///
/// Precision and memory: the iterate is `Double`; the gradient and CG's five work vectors
/// (step, residual, direction, Hessian product, preconditioner) are `Float`, with every
/// inner product and gradient sum formed in `Double` and rounded once (``Objective``'s
/// single-precision calls; the loss's Hessian products keep their per-row intermediates in
/// `Float`, see ``MultinomialLogisticLoss``). Rounding is relative to each element, so the
/// gradient norm stays accurate to about 10⁻⁷ of itself however small it gets; CG only has
/// to reduce the residual tenfold, which single precision does with room to spare; and
/// each outer step is judged with the `Double` objective, so the optimum reached is the
/// same to the tolerance. The memory is `4` vectors of `Double` instead of `7`, and CG's
/// memory traffic halves. The trial point `x + s` is
/// formed in place and its gradient overwrites the current one (a rejected step subtracts
/// `s` again, which can change the last bit of a weight, and re-evaluates).
public struct TrustRegionNewton: Optimizer, Sendable {
  /// The relative gradient-norm tolerance, in `(0, 1)`.
  public var tolerance: Double
  /// The most outer iterations.
  public var maximumIterations: Int
  /// `ξ`: conjugate gradients stop when the residual falls below `ξ·‖g‖`.
  public var conjugateGradientTolerance: Double
  /// Threads for the vector work (``VectorChunks``); the result does not depend on it.
  public var threads: Int

  /// Creates the optimizer.
  ///
  /// - Parameters:
  ///   - tolerance: Stop when `‖g‖ ≤ tolerance · ‖g₀‖`.
  ///   - maximumIterations: The most outer iterations.
  ///   - conjugateGradientTolerance: `ξ`, in `(0, 1)`.
  ///   - threads: Threads for the vector work between Hessian products, at least 1; it
  ///     changes the speed, never the result.
  public init(
    tolerance: Double, maximumIterations: Int, conjugateGradientTolerance: Double = 0.1,
    threads: Int = 1
  ) {
    precondition(tolerance >= 0 && maximumIterations >= 0)
    precondition(conjugateGradientTolerance > 0 && conjugateGradientTolerance < 1)
    precondition(threads >= 1)
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
    self.conjugateGradientTolerance = conjugateGradientTolerance
    self.threads = threads
  }

  /// Minimises `objective` from `start`.
  ///
  /// - Parameters:
  ///   - objective: The function to minimise.
  ///   - start: The starting point.
  ///   - progress: Called after every outer iteration.
  /// - Returns: The last accepted iterate and the report.
  /// - Complexity: Per iteration, one evaluation plus one Hessian-vector product per CG step;
  ///   memory for one `Double` and six `Float` vectors of the objective's dimension.
  public func minimize<O: Objective>(
    _ objective: inout O, from start: consuming [Double], progress: ProgressHandler? = nil
  ) -> (solution: [Double], report: OptimizationReport) {
    let n = objective.dimension
    precondition(start.count == n, "TrustRegionNewton: start has \(start.count) values, need \(n)")
    var x = consume start
    var gradient = [Float](repeating: 0, count: n)
    let chunks = VectorChunks(count: n, threads: threads)
    // f(x) and its gradient, returning f and ‖∇f‖.
    func evaluate() -> (Double, Double) {
      gradient.withUnsafeMutableBufferPointer { g in
        let value = objective.valueAndGradient(at: x, gradient: g)
        let norm = chunks.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(g)).squareRoot()
        return (value, norm)
      }
    }
    var (value, gradientNorm) = evaluate()
    var evaluations = 1
    let initialNorm = gradientNorm
    var iterations = 0
    var innerIterations = 0

    func report(_ reason: StopReason) -> (solution: [Double], report: OptimizationReport) {
      (
        x,
        OptimizationReport(
          iterations: iterations, innerIterations: innerIterations,
          functionEvaluations: evaluations, finalObjective: value,
          finalGradientNorm: gradientNorm, initialGradientNorm: initialNorm, stopReason: reason)
      )
    }

    guard value.isFinite && gradientNorm.isFinite else { return report(.nonFiniteValue) }
    if gradientNorm <= tolerance * initialNorm { return report(.converged) }

    var radius = gradientNorm
    var solver = SteihaugSolver(dimension: n, threads: threads)
    while iterations < maximumIterations {
      iterations += 1
      solver.preparePreconditioner(&objective, mixing: Self.mixing)
      let steps = solver.solve(
        &objective, gradient: gradient, gradientNorm: gradientNorm, radius: radius,
        relativeTolerance: conjugateGradientTolerance)
      innerIterations += steps
      let stepNorm = solver.stepNorm
      // q(s) = gᵀs + ½sᵀHs and, with r = −g − Hs, sᵀHs = −sᵀ(g + r).
      let (gs, sr) = solver.stepProducts(gradient)
      let predicted = -0.5 * (gs - sr)
      if iterations == 1 { radius = Swift.min(radius, stepNorm) }

      // The trial point x + s is formed in place and its gradient overwrites g: two vectors
      // fewer at the peak. g is not needed again before the next evaluation (a rejected
      // step re-evaluates at x).
      solver.move(&x, by: 1)
      let (trialValue, trialNorm) = evaluate()
      evaluations += 1
      let verdict = Self.judge(
        value: value, trialValue: trialValue, trialNorm: trialNorm, gradientNorm: gradientNorm,
        predicted: predicted, gs: gs, stepNorm: stepNorm, radius: radius)
      radius = verdict.radius
      if verdict.accept {
        value = trialValue
        gradientNorm = trialNorm
      } else {
        // Step back and restore g and the cache at x before the next Hessian products.
        solver.move(&x, by: -1)
        (value, gradientNorm) = evaluate()
        evaluations += 1
      }
      progress?(
        OptimizationProgress(iteration: iterations, objective: value, gradientNorm: gradientNorm))
      if gradientNorm <= tolerance * initialNorm { return report(.converged) }
      if verdict.stalled || !(predicted > 0) || !(radius > 0) { return report(.noProgress) }
    }
    return report(.maximumIterations)
  }

  /// `η₀`: a step is accepted when the actual reduction exceeds this share of the predicted.
  private static let eta0 = 1e-4
  /// `η₁`, `η₂`: the reduction ratios that separate shrinking, keeping and growing the radius.
  private static let eta1 = 0.25
  private static let eta2 = 0.75
  /// `σ₁`, `σ₂`, `σ₃`: the radius factors.
  private static let sigma1 = 0.25
  private static let sigma2 = 0.5
  private static let sigma3 = 4.0
  /// `α`, the preconditioner's mix of the identity and the Hessian's diagonal.
  private static let mixing = 0.01
  /// Reductions below this share of `|f|` are rounding noise.
  private static let noise = 1e-12

  /// Judges a trial step `x + s`: whether to accept it, the next trust-region radius, and
  /// whether the method has stalled (a step in the rounding noise of `f` that does not
  /// lower the gradient norm).
  ///
  /// - Parameters:
  ///   - value: `f(x)`.
  ///   - trialValue: `f(x + s)`.
  ///   - trialNorm: `‖∇f(x + s)‖`.
  ///   - gradientNorm: `‖∇f(x)‖`.
  ///   - predicted: The reduction the quadratic model predicts, `−q(s)`.
  ///   - gs: `gᵀs`.
  ///   - stepNorm: `‖s‖_M`.
  ///   - radius: The current radius `Δ`.
  /// - Returns: The verdict, the radius for the next iteration (unchanged for a step in the
  ///   noise) and whether the method stalled.
  @inline(__always)
  private static func judge(
    value: Double, trialValue: Double, trialNorm: Double, gradientNorm: Double,
    predicted: Double, gs: Double, stepNorm: Double, radius: Double
  ) -> (accept: Bool, radius: Double, stalled: Bool) {
    var radius = radius
    var stalled = false
    let actual = value - trialValue
    let accept: Bool
    // Near the optimum both reductions fall below the rounding error of f and their ratio
    // is noise; there the step is judged by the gradient norm, which stays accurate.
    let negligible = noise * abs(value)
    let inNoise = abs(actual) <= negligible && abs(predicted) <= negligible
    if inNoise {
      accept = trialValue.isFinite && trialNorm.isFinite && trialNorm < gradientNorm
      if !accept { stalled = true }
    } else {
      accept = trialValue.isFinite && trialNorm.isFinite && actual > eta0 * predicted
      // Radius update (Lin & Moré 1999): interpolate the step factor from a quadratic
      // fit of f along s.
      let curvatureTerm = trialValue - value - gs
      let factor =
        curvatureTerm <= 0 ? sigma3 : Swift.max(sigma1, -0.5 * (gs / curvatureTerm))
      if !trialValue.isFinite || actual < eta0 * predicted {
        radius = Swift.min(
          trialValue.isFinite ? factor * stepNorm : sigma1 * stepNorm, sigma2 * radius)
      } else if actual < eta1 * predicted {
        radius = Swift.max(sigma1 * radius, Swift.min(factor * stepNorm, sigma2 * radius))
      } else if actual < eta2 * predicted {
        radius = Swift.max(sigma1 * radius, Swift.min(factor * stepNorm, sigma3 * radius))
      } else {
        radius = Swift.max(radius, Swift.min(factor * stepNorm, sigma3 * radius))
      }
    }

    return (accept, radius, stalled)
  }
}

/// Steihaug–Toint preconditioned conjugate gradients for the trust-region subproblem, with
/// its vectors allocated once per optimisation.
///
/// The five work vectors are `Float`; every inner product is summed in `Double`. The vector
/// work of each CG step is fused into three passes over ``VectorChunks`` (the curvature
/// `dᵀHd`; the step, residual and their inner products; the new direction), so a step
/// streams about a dozen single-precision vector lengths, on all threads, with the same bits
/// for any thread count. The `M`-norms of the trust-region test follow from scalar
/// recurrences. `z = M⁻¹r` is never stored: it is recomputed where it is read.
private struct SteihaugSolver {
  /// `‖s‖_M` of the final step.
  private(set) var stepNorm = 0.0
  /// The step `s`.
  private var step: [Float]
  /// The residual `r = −g − H·s`.
  private var residual: [Float]
  private var direction: [Float]
  private var product: [Float]
  /// The diagonal preconditioner `M`.
  private var preconditioner: [Float]
  private let chunks: VectorChunks

  init(dimension: Int, threads: Int) {
    step = [Float](repeating: 0, count: dimension)
    residual = step
    direction = step
    product = step
    preconditioner = step
    chunks = VectorChunks(count: dimension, threads: threads)
  }

  /// Sets `M = (1 − α)·I + α·diag(H)` at the objective's current point; negative or
  /// non-finite diagonals (non-convex objectives) count as 0, so `M ≥ 1 − α`.
  mutating func preparePreconditioner<O: Objective>(_ objective: inout O, mixing: Double) {
    let chunks = self.chunks
    preconditioner.withUnsafeMutableBufferPointer { m in
      objective.diagonalPreconditioner(into: m)
      chunks.forEachChunk { range in
        for i in range {
          let diagonal = Double(m[i])
          m[i] = Float((1 - mixing) + mixing * (diagonal.isFinite && diagonal > 0 ? diagonal : 0))
        }
      }
    }
  }

  /// `x += sign·s`, in `Double`.
  func move(_ x: inout [Double], by sign: Double) {
    let chunks = self.chunks
    step.withUnsafeBufferPointer { s in
      x.withUnsafeMutableBufferPointer { x in
        chunks.forEachChunk { range in
          for i in range { x[i] += sign * Double(s[i]) }
        }
      }
    }
  }

  /// `(gᵀs, sᵀr)` of the final step, in one pass.
  func stepProducts(_ gradient: [Float]) -> (Double, Double) {
    let chunks = self.chunks
    return gradient.withUnsafeBufferPointer { g in
      step.withUnsafeBufferPointer { s in
        residual.withUnsafeBufferPointer { r in
          let (gs, sr, _, _) = chunks.sums { range in
            var (gs, sr) = (0.0, 0.0)
            for i in range {
              let si = Double(s[i])
              gs += Double(g[i]) * si
              sr += si * Double(r[i])
            }
            return (gs, sr, 0, 0)
          }
          return (gs, sr)
        }
      }
    }
  }

  /// Approximately minimises `gᵀs + ½sᵀHs` over `‖s‖_M ≤ radius`, with the preconditioner
  /// of the last ``preparePreconditioner(_:mixing:)``.
  ///
  /// - Returns: The number of CG iterations (Hessian-vector products).
  mutating func solve<O: Objective>(
    _ objective: inout O, gradient: [Float], gradientNorm: Double, radius: Double,
    relativeTolerance: Double
  ) -> Int {
    let n = step.count
    let chunks = self.chunks
    let preconditioner = self.preconditioner
    // s = 0, r = −g, d = M⁻¹r.
    var (rz, rr) = (0.0, 0.0)
    step.withUnsafeMutableBufferPointer { s in
      residual.withUnsafeMutableBufferPointer { r in
        direction.withUnsafeMutableBufferPointer { d in
          gradient.withUnsafeBufferPointer { g in
            preconditioner.withUnsafeBufferPointer { m in
              (rz, rr, _, _) = chunks.sums { range in
                var (rz, rr) = (0.0, 0.0)
                for i in range {
                  s[i] = 0
                  let ri = -g[i]
                  r[i] = ri
                  let zi = Double(ri) / Double(m[i])
                  d[i] = Float(zi)
                  rz += Double(ri) * zi
                  rr += Double(ri) * Double(ri)
                }
                return (rz, rr, 0, 0)
              }
            }
          }
        }
      }
    }
    let threshold = relativeTolerance * gradientNorm
    // ‖s‖²_M, sᵀMd and dᵀMd follow from scalars (Conn, Gould & Toint, Trust-Region Methods,
    // §7.5): with s₀ = 0 and d₀ = z₀, sᵀMd starts at 0 and dᵀMd at r₀ᵀz₀, and after each
    // step sᵀMd ← β(sᵀMd + α·dᵀMd), dᵀMd ← rᵀz + β²·dᵀMd, because the new residual is
    // orthogonal to every earlier direction. So a CG step reads only d and Hd for its
    // curvature, not s and M as well.
    var stepMStep = 0.0
    var stepMDirection = 0.0
    var directionMDirection = rz
    var iterations = 0
    // At most n steps in exact arithmetic; the residual test normally stops far earlier.
    while iterations < Swift.max(n, 1) {
      if rr.squareRoot() <= threshold { break }
      iterations += 1
      direction.withUnsafeBufferPointer { d in
        product.withUnsafeMutableBufferPointer { hd in
          objective.hessianVectorProduct(d, into: hd)
        }
      }
      let curvature = self.curvature()
      let alpha = rz / curvature
      let newStepM =
        stepMStep + 2 * alpha * stepMDirection + alpha * alpha * directionMDirection
      if !(curvature > 0) || !(newStepM < radius * radius) {
        // Negative curvature or the boundary: go to ‖s + τd‖_M = radius.
        let tau = Self.boundaryStep(
          stepMStep: stepMStep, stepMDirection: stepMDirection,
          directionMDirection: directionMDirection, radius: radius)
        _ = advance(by: tau)
        stepMStep = radius * radius
        break
      }
      let rzNew: Double
      (rzNew, rr) = advance(by: alpha)
      stepMStep = newStepM
      let beta = rzNew / rz
      stepMDirection = beta * (stepMDirection + alpha * directionMDirection)
      directionMDirection = rzNew + beta * beta * directionMDirection
      rz = rzNew
      turnDirection(beta: beta)
    }
    stepNorm = stepMStep.squareRoot()
    return iterations
  }

  /// `dᵀHd`, summed in `Double`.
  private func curvature() -> Double {
    direction.withUnsafeBufferPointer { d in
      product.withUnsafeBufferPointer { hd in chunks.dot(d, hd) }
    }
  }

  /// `s += t·d`, `r −= t·Hd`, returning `(rᵀM⁻¹r, rᵀr)` of the new residual.
  private mutating func advance(by t: Double) -> (Double, Double) {
    let chunks = self.chunks
    let direction = self.direction
    let product = self.product
    let preconditioner = self.preconditioner
    return step.withUnsafeMutableBufferPointer { s in
      residual.withUnsafeMutableBufferPointer { r in
        direction.withUnsafeBufferPointer { d in
          product.withUnsafeBufferPointer { hd in
            preconditioner.withUnsafeBufferPointer { m in
              let (rz, rr, _, _) = chunks.sums { range in
                var (rz, rr) = (0.0, 0.0)
                for i in range {
                  s[i] = Float(Double(s[i]) + t * Double(d[i]))
                  let ri = Double(Float(Double(r[i]) - t * Double(hd[i])))
                  r[i] = Float(ri)
                  rz += ri * (ri / Double(m[i]))
                  rr += ri * ri
                }
                return (rz, rr, 0, 0)
              }
              return (rz, rr)
            }
          }
        }
      }
    }
  }

  /// `d = M⁻¹r + β·d`.
  private mutating func turnDirection(beta: Double) {
    let chunks = self.chunks
    let residual = self.residual
    let preconditioner = self.preconditioner
    direction.withUnsafeMutableBufferPointer { d in
      residual.withUnsafeBufferPointer { r in
        preconditioner.withUnsafeBufferPointer { m in
          chunks.forEachChunk { range in
            for i in range {
              d[i] = Float(Double(r[i]) / Double(m[i]) + beta * Double(d[i]))
            }
          }
        }
      }
    }
  }

  /// The `τ ≥ 0` with `‖s + τd‖²_M = radius²`, in the cancellation-free form.
  private static func boundaryStep(
    stepMStep: Double, stepMDirection: Double, directionMDirection: Double, radius: Double
  ) -> Double {
    let gap = Swift.max(radius * radius - stepMStep, 0)
    let root =
      (stepMDirection * stepMDirection + directionMDirection * gap).squareRoot()
    if stepMDirection >= 0 {
      let denominator = stepMDirection + root
      return denominator > 0 ? gap / denominator : 0
    }
    return (root - stepMDirection) / directionMDirection
  }
}
