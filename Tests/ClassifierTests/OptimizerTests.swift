import Classifier
import LinearAlgebra
import StanceTestSupport
import Testing

/// `f(x) = ½·xᵀAx − bᵀx` with `A` symmetric positive definite: minimiser `A⁻¹b`.
struct Quadratic: Objective {
  let matrix: DenseMatrix
  var linear: [Double]
  var dimension: Int { linear.count }

  /// `A = diag(0.5 … 50) + u·uᵀ` (condition number ≈ 100+), `b` random, both seeded.
  init(dimension: Int, seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let u = (0..<dimension).map { _ in generator.nextGaussian() }
    var a = DenseMatrix(rows: dimension, columns: dimension)
    for i in 0..<dimension {
      for j in 0..<dimension { a[i, j] = u[i] * u[j] }
      a[i, i] += 0.5 + 49.5 * Double(i) / Double(dimension - 1)
    }
    matrix = a
    linear = (0..<dimension).map { _ in generator.nextGaussian() }
  }

  var minimizer: [Double] {
    get throws { try CholeskyFactorization(matrix).solve(linear) }
  }

  mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double {
    BLAS.gemv(.none, matrix, point, &gradient)
    let value = 0.5 * BLAS.dot(point, gradient) - BLAS.dot(linear, point)
    BLAS.axpy(-1, linear, &gradient)
    return value
  }

  mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double]) {
    BLAS.gemv(.none, matrix, direction, &result)
  }

  mutating func diagonalPreconditioner() -> [Double] {
    (0..<dimension).map { matrix[$0, $0] }
  }
}

/// Rosenbrock's function `(1 − x)² + 100·(y − x²)²`: minimum 0 at (1, 1); not convex, so
/// the trust region meets negative curvature and L-BFGS meets a curved valley.
struct Rosenbrock: Objective {
  var dimension: Int { 2 }
  private var point = [0.0, 0.0]

  mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double {
    self.point = point
    let (x, y) = (point[0], point[1])
    gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x)
    gradient[1] = 200 * (y - x * x)
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double]) {
    let (x, y) = (point[0], point[1])
    let hxx = 2 - 400 * (y - x * x) + 800 * x * x
    let hxy = -400 * x
    result[0] = hxx * direction[0] + hxy * direction[1]
    result[1] = hxy * direction[0] + 200 * direction[1]
  }

  mutating func diagonalPreconditioner() -> [Double] {
    let (x, y) = (point[0], point[1])
    return [2 - 400 * (y - x * x) + 800 * x * x, 200]
  }
}

/// Returns NaN everywhere.
struct Broken: Objective {
  var dimension: Int { 3 }
  mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double {
    for i in gradient.indices { gradient[i] = .nan }
    return .nan
  }
  mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double]) {}
  mutating func diagonalPreconditioner() -> [Double] { [1, 1, 1] }
}

enum SolverChoice: String, CaseIterable, CustomTestStringConvertible {
  case lbfgs
  case newton

  var testDescription: String { rawValue }

  func optimizer(tolerance: Double, maximumIterations: Int = 1000) -> any Optimizer {
    switch self {
    case .lbfgs: return LBFGS(tolerance: tolerance, maximumIterations: maximumIterations)
    case .newton:
      return TrustRegionNewton(tolerance: tolerance, maximumIterations: maximumIterations)
    }
  }
}

@Suite("Optimizers")
struct OptimizerTests {
  @Test("reach the minimiser of a strictly convex quadratic", arguments: SolverChoice.allCases)
  func quadratic(solver: SolverChoice) throws {
    var objective = Quadratic(dimension: 30, seed: 42)
    let expected = try objective.minimizer
    let start = [Double](repeating: 0, count: 30)
    let (solution, report) = solver.optimizer(tolerance: 1e-10).minimize(
      &objective, from: start, progress: nil)
    #expect(report.stopReason == .converged)
    #expect(report.finalGradientNorm <= 1e-10 * report.initialGradientNorm)
    // ‖x − x*‖ ≤ ‖g‖ / λ_min(A) ≤ 1e-10·‖b‖ / 0.5 ≈ 1e-9.
    #expect(maxAbsoluteDifference(solution, expected) <= 1e-8)
    // The optimum value is −½·bᵀx*.
    #expect(
      isClose(
        report.finalObjective, -0.5 * BLAS.dot(objective.linear, expected), tolerance: 1e-12))
  }

  @Test("find the minimum of Rosenbrock's function", arguments: SolverChoice.allCases)
  func rosenbrock(solver: SolverChoice) {
    var objective = Rosenbrock()
    let (solution, report) = solver.optimizer(tolerance: 1e-10).minimize(
      &objective, from: [-1.2, 1], progress: nil)
    #expect(report.stopReason == .converged)
    // Near the minimum f ≈ ½ eᵀHe, so ‖g‖ ≈ 1e-9 means e ≈ 1e-8/λ_min(H) ≈ 1e-8.
    #expect(maxAbsoluteDifference(solution, [1, 1]) <= 1e-6)
    #expect(report.finalObjective <= 1e-12)
  }

  @Test("call the progress handler once per iteration", arguments: SolverChoice.allCases)
  func progress(solver: SolverChoice) {
    var objective = Quadratic(dimension: 10, seed: 3)
    var seen: [OptimizationProgress] = []
    let (_, report) = solver.optimizer(tolerance: 1e-8).minimize(
      &objective, from: [Double](repeating: 0, count: 10)
    ) { seen.append($0) }
    #expect(seen.map(\.iteration) == Array(1...report.iterations))
    #expect(seen.last?.objective == report.finalObjective)
    #expect(seen.last?.gradientNorm == report.finalGradientNorm)
    // Both methods only accept decreasing steps until the decrease is lost in rounding;
    // then a step may raise f by at most the line search's noise level (relative 1e-10,
    // LineSearch.swift), and only once the strict search has failed.
    for (earlier, later) in zip(seen, seen.dropFirst()) {
      #expect(later.objective <= earlier.objective + 1e-10 * abs(earlier.objective))
      if later.objective > earlier.objective {
        #expect(earlier.gradientNorm <= 1e-6 * (seen.first?.gradientNorm ?? 0))
      }
    }
  }

  @Test("stop at the iteration limit", arguments: SolverChoice.allCases)
  func iterationLimit(solver: SolverChoice) {
    var objective = Quadratic(dimension: 30, seed: 5)
    let (_, report) = solver.optimizer(tolerance: 1e-14, maximumIterations: 2).minimize(
      &objective, from: [Double](repeating: 0, count: 30), progress: nil)
    #expect(report.stopReason == .maximumIterations)
    #expect(report.iterations == 2)
  }

  @Test("do nothing at a stationary start", arguments: SolverChoice.allCases)
  func stationaryStart(solver: SolverChoice) {
    var objective = Quadratic(dimension: 8, seed: 9)
    objective.linear = [Double](repeating: 0, count: 8)
    let start = [Double](repeating: 0, count: 8)
    let (solution, report) = solver.optimizer(tolerance: 0.5).minimize(
      &objective, from: start, progress: nil)
    #expect(report.stopReason == .converged)
    #expect(report.iterations == 0)
    #expect(report.functionEvaluations == 1)
    #expect(solution == start)
  }

  @Test("report a non-finite objective instead of looping", arguments: SolverChoice.allCases)
  func nonFinite(solver: SolverChoice) {
    var objective = Broken()
    let (_, report) = solver.optimizer(tolerance: 1e-4).minimize(
      &objective, from: [0, 0, 0], progress: nil)
    #expect(report.stopReason == .nonFiniteValue)
    #expect(report.iterations == 0)
  }
}
