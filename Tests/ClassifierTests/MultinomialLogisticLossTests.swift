import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@Suite("MultinomialLogisticLoss")
struct MultinomialLogisticLossTests {
  /// A loss on random data with non-uniform sample weights, an empty row, and a random
  /// point with O(1) entries (so the probabilities are far from uniform).
  static func setUp(classes: Int, threads: Int = 1) -> (MultinomialLogisticLoss, [Double]) {
    var generator = SplitMix64(seed: 0xC1A5_5000 + UInt64(classes))
    let features = matrix(&generator)
    let labels = (0..<40).map { ($0 * 7 + 3) % classes }
    let weights = SyntheticData.weights(count: 40, seed: 99)
    let loss = MultinomialLogisticLoss(
      features: features, labels: labels, sampleWeights: weights, c: 0.7, classCount: classes,
      threads: threads)
    let point = (0..<loss.dimension).map { _ in generator.nextGaussian() }
    return (loss, point)
  }

  /// The design matrix of ``setUp(classes:threads:)`` (the loss keeps only its transpose).
  static func matrix(_ generator: inout SplitMix64) -> SparseMatrix {
    SyntheticData.sparseMatrix(
      rows: 40, columns: 7, density: 0.4, emptyRows: [3], generator: &generator)
  }

  /// The value computed naively, straight from the formula, for comparison.
  static func naiveValue(_ loss: MultinomialLogisticLoss, at point: [Double]) -> Double {
    var generator = SplitMix64(seed: 0xC1A5_5000 + UInt64(loss.classCount))
    let features = matrix(&generator)
    let k = loss.classCount
    let weightCount = loss.featureCount * k
    var total = 0.0
    for j in 0..<weightCount { total += 0.5 * point[j] * point[j] }
    for row in 0..<features.rowCount {
      var z = Array(point[weightCount...])
      for (column, value) in features.entries(ofRow: row) {
        for c in 0..<k { z[c] += Double(value) * point[column * k + c] }
      }
      let probabilities = z.map { exp($0) }
      let sum = probabilities.reduce(0, +)
      total += loss.c * loss.sampleWeights[row] * (log(sum) - z[loss.labels[row]])
    }
    return total
  }

  @Test("value matches the formula", arguments: [2, 4])
  func valueMatchesFormula(classes: Int) {
    var (loss, point) = Self.setUp(classes: classes)
    var gradient = [Double](repeating: 0, count: loss.dimension)
    let value = loss.valueAndGradient(at: point, gradient: &gradient)
    // Tolerance: both are sums of ~300 O(1) terms in double precision.
    #expect(isClose(value, Self.naiveValue(loss, at: point), tolerance: 1e-12))
  }

  @Test("gradient matches central differences in every coordinate", arguments: [2, 4])
  func gradientByFiniteDifferences(classes: Int) {
    var (loss, point) = Self.setUp(classes: classes)
    var gradient = [Double](repeating: 0, count: loss.dimension)
    _ = loss.valueAndGradient(at: point, gradient: &gradient)
    var scratch = gradient
    let h = 1e-5
    for index in 0..<loss.dimension {
      var plus = point
      plus[index] += h
      var minus = point
      minus[index] -= h
      let difference =
        (loss.valueAndGradient(at: plus, gradient: &scratch)
          - loss.valueAndGradient(at: minus, gradient: &scratch)) / (2 * h)
      // Central differences: truncation O(h²·f‴) ≈ 1e-10, rounding O(ε·f/h) ≈ 1e-10 for
      // f ≈ 30; 1e-6 absolute (relative to max(1, |g|)) leaves a wide margin.
      #expect(
        isClose(gradient[index], difference, tolerance: 1e-6),
        "coordinate \(index): analytic \(gradient[index]), numeric \(difference)")
    }
  }

  @Test("Hessian-vector product matches central differences of the gradient", arguments: [2, 4])
  func hessianVectorProductByFiniteDifferences(classes: Int) {
    var (loss, point) = Self.setUp(classes: classes)
    var generator = SplitMix64(seed: 7)
    let n = loss.dimension
    var gradientPlus = [Double](repeating: 0, count: n)
    var gradientMinus = gradientPlus
    var product = gradientPlus
    for trial in 0..<3 {
      let direction = (0..<n).map { _ in generator.nextGaussian() }
      let h = 1e-5
      var plus = point
      BLAS.axpy(h, direction, &plus)
      var minus = point
      BLAS.axpy(-h, direction, &minus)
      _ = loss.valueAndGradient(at: plus, gradient: &gradientPlus)
      _ = loss.valueAndGradient(at: minus, gradient: &gradientMinus)
      // Evaluate at the point last, so the cache belongs to it.
      _ = loss.valueAndGradient(at: point, gradient: &product)
      loss.hessianVectorProduct(direction, into: &product)
      let numeric = (0..<n).map { (gradientPlus[$0] - gradientMinus[$0]) / (2 * h) }
      // Same error analysis as the gradient check; entries are O(10).
      #expect(
        maxAbsoluteDifference(product, numeric) <= 1e-6,
        "trial \(trial): max difference \(maxAbsoluteDifference(product, numeric))")
    }
  }

  @Test("the Hessian is symmetric: uᵀ(Hv) = vᵀ(Hu)", arguments: [2, 4])
  func hessianIsSymmetric(classes: Int) {
    var (loss, point) = Self.setUp(classes: classes)
    var generator = SplitMix64(seed: 11)
    let n = loss.dimension
    var gradient = [Double](repeating: 0, count: n)
    _ = loss.valueAndGradient(at: point, gradient: &gradient)
    let u = (0..<n).map { _ in generator.nextGaussian() }
    let v = (0..<n).map { _ in generator.nextGaussian() }
    var hu = gradient
    var hv = gradient
    loss.hessianVectorProduct(u, into: &hu)
    loss.hessianVectorProduct(v, into: &hv)
    // Exact in real arithmetic; rounding of O(100)-sized sums.
    #expect(isClose(BLAS.dot(u, hv), BLAS.dot(v, hu), tolerance: 1e-12))
  }

  @Test("the diagonal preconditioner is the Hessian's diagonal", arguments: [2, 4])
  func diagonalMatchesHessian(classes: Int) {
    var (loss, point) = Self.setUp(classes: classes)
    let n = loss.dimension
    var gradient = [Double](repeating: 0, count: n)
    _ = loss.valueAndGradient(at: point, gradient: &gradient)
    let diagonal = loss.diagonalPreconditioner()
    var unit = [Double](repeating: 0, count: n)
    var column = unit
    for index in 0..<n {
      unit[index] = 1
      loss.hessianVectorProduct(unit, into: &column)
      unit[index] = 0
      // The preconditioner squares X in Float; relative error ~1e-7.
      #expect(
        isClose(diagonal[index], column[index], tolerance: 1e-6),
        "index \(index): \(diagonal[index]) vs \(column[index])")
    }
  }

  @Test("every thread count gives bit-identical values, gradients and Hessian products")
  func threadCountsAgree() {
    var (single, point) = Self.setUp(classes: 4, threads: 1)
    let n = single.dimension
    var g1 = [Double](repeating: 0, count: n)
    let f1 = single.valueAndGradient(at: point, gradient: &g1)
    let direction = (0..<n).map { Double($0 % 7) - 3 }
    var h1 = g1
    single.hessianVectorProduct(direction, into: &h1)
    let d1 = single.diagonalPreconditioner()
    for threads in [2, 3, 5] {
      var (parallel, _) = Self.setUp(classes: 4, threads: threads)
      #expect(parallel.partition.blocks.count == threads)
      var g = [Double](repeating: 0, count: n)
      let f = parallel.valueAndGradient(at: point, gradient: &g)
      var h = g
      parallel.hessianVectorProduct(direction, into: &h)
      // Every sum runs over the same entries in the same order whatever the split.
      #expect(f == f1)
      #expect(g == g1)
      #expect(h == h1)
      #expect(parallel.diagonalPreconditioner() == d1)
    }
  }

  @Test("copies keep independent caches")
  func copiesAreIndependent() {
    var (loss, point) = Self.setUp(classes: 2)
    let n = loss.dimension
    var gradient = [Double](repeating: 0, count: n)
    _ = loss.valueAndGradient(at: point, gradient: &gradient)
    var copy = loss
    _ = copy.valueAndGradient(at: [Double](repeating: 0, count: n), gradient: &gradient)
    // Not a constant vector: those lie in the loss's null space (softmax shift invariance).
    let direction = (0..<n).map { Double($0 % 5) - 2 }
    var fromOriginal = gradient
    var fromCopy = gradient
    loss.hessianVectorProduct(direction, into: &fromOriginal)
    copy.hessianVectorProduct(direction, into: &fromCopy)
    #expect(maxAbsoluteDifference(fromOriginal, fromCopy) > 1e-3)
  }
}
