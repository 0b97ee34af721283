import LinearAlgebra
import StanceTestSupport
import Testing

/// BLAS and LAPACK wrappers against naive loops, on seeded random inputs.
///
/// Tolerance: 1e-12 relative. Reference BLAS sums in order and OpenBLAS in vectorised
/// blocks; on these sizes (≤ 300 terms of magnitude ≤ 3) the two differ by a few ulps.
@Suite struct BLASTests {
  private static let tolerance = 1e-12

  private func randomVector(_ count: Int, _ rng: inout SplitMix64) -> [Double] {
    (0..<count).map { _ in rng.nextGaussian() }
  }

  private func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> DenseMatrix {
    DenseMatrix(rows: rows, columns: columns, storage: randomVector(rows * columns, &rng))
  }

  @Test(arguments: [0, 1, 7, 300])
  func levelOneRoutinesMatchLoops(count: Int) {
    var rng = SplitMix64(seed: UInt64(count) + 11)
    let x = randomVector(count, &rng)
    let y = randomVector(count, &rng)

    let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(isClose(BLAS.dot(x, y), dot, tolerance: Self.tolerance))

    var axpy = y
    BLAS.axpy(-2.5, x, &axpy)
    #expect(maxAbsoluteDifference(axpy, zip(x, y).map { -2.5 * $0.0 + $0.1 }) <= 1e-12)

    var scaled = x
    BLAS.scal(0.25, &scaled)
    #expect(scaled == x.map { 0.25 * $0 })  // multiplying by a power of two is exact

    let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(isClose(BLAS.nrm2(x), norm, tolerance: Self.tolerance))
  }

  @Test func nrm2DoesNotOverflow() {
    #expect(isClose(BLAS.nrm2([3e200, 4e200]), 5e200, tolerance: 1e-15))
  }

  @Test(arguments: [Transpose.none, .transposed])
  func gemvMatchesLoops(transpose: Transpose) {
    var rng = SplitMix64(seed: 3)
    let a = randomMatrix(5, 3, &rng)
    let (outCount, inCount) = transpose == .none ? (5, 3) : (3, 5)
    let x = randomVector(inCount, &rng)
    let y0 = randomVector(outCount, &rng)
    var y = y0
    BLAS.gemv(transpose, alpha: 2, a, x, beta: 0.5, &y)
    for i in 0..<outCount {
      var sum = 0.0
      for j in 0..<inCount { sum += (transpose == .none ? a[i, j] : a[j, i]) * x[j] }
      #expect(isClose(y[i], 2 * sum + 0.5 * y0[i], tolerance: Self.tolerance))
    }
  }

  @Test func gemvWithEmptyInnerDimensionScalesY() {
    var y = [1.0, -2.0]
    BLAS.gemv(.none, DenseMatrix(rows: 2, columns: 0), [], beta: 3, &y)
    #expect(y == [3, -6])
  }

  @Test(arguments: [(Transpose.none, Transpose.none), (.transposed, .none), (.none, .transposed)])
  func gemmMatchesLoops(transposeA: Transpose, transposeB: Transpose) {
    var rng = SplitMix64(seed: 5)
    let (m, k, n) = (4, 3, 2)
    let a = transposeA == .none ? randomMatrix(m, k, &rng) : randomMatrix(k, m, &rng)
    let b = transposeB == .none ? randomMatrix(k, n, &rng) : randomMatrix(n, k, &rng)
    let c0 = randomMatrix(m, n, &rng)
    var c = c0
    BLAS.gemm(transposeA, transposeB, alpha: -1, a, b, beta: 2, &c)
    for i in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for l in 0..<k {
          sum +=
            (transposeA == .none ? a[i, l] : a[l, i]) * (transposeB == .none ? b[l, j] : b[j, l])
        }
        #expect(isClose(c[i, j], -sum + 2 * c0[i, j], tolerance: Self.tolerance))
      }
    }
  }

  @Test func choleskySolvesASymmetricPositiveDefiniteSystem() throws {
    // A = Bᵀ·B + I is symmetric positive definite.
    var rng = SplitMix64(seed: 9)
    let b = randomMatrix(6, 4, &rng)
    var a = DenseMatrix(rows: 4, columns: 4)
    BLAS.gemm(.transposed, .none, b, b, &a)
    for i in 0..<4 { a[i, i] += 1 }
    let expected = randomVector(4, &rng)
    var rhs = [Double](repeating: 0, count: 4)
    BLAS.gemv(.none, a, expected, &rhs)

    let factorization = try CholeskyFactorization(a)
    #expect(maxAbsoluteDifference(factorization.solve(rhs), expected) <= 1e-10)

    // The lower triangle of the factor reproduces A = L·Lᵀ.
    for i in 0..<4 {
      for j in 0...i {
        var sum = 0.0
        for l in 0...j { sum += factorization.factor[i, l] * factorization.factor[j, l] }
        #expect(isClose(sum, a[i, j], tolerance: 1e-12))
      }
    }
  }

  @Test func choleskyReportsTheFailingMinor() {
    // The leading 1×1 minor is positive, the 2×2 one has determinant 1 − 4 < 0.
    let a = DenseMatrix(rows: 3, columns: 3, storage: [1, 2, 0, 2, 1, 0, 0, 0, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", order: 2)) {
      try CholeskyFactorization(a)
    }
    let error = LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", order: 2)
    #expect(error.description.contains("order 2"))
  }
}
