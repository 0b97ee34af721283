import LinearAlgebra
import StanceTestSupport
import Testing

@testable import Classifier

@Suite("Singleton column folding")
struct SingletonColumnFoldingTests {
  /// A problem in which most columns occur in one row only, as n-grams do.
  ///
  /// `shared` columns have density `0.3`; each row has up to three private columns, with
  /// values in [0.1, 1.1). Row 0 gets one private column stored as an explicit zero, and the last column is empty.
  static func ngramLike(
    rows: Int, shared: Int, classes: Int, seed: UInt64
  ) -> (features: SparseMatrix, labels: [Int]) {
    var generator = SplitMix64(seed: seed)
    var privateColumns: [[Int32]] = []
    var next = Int32(shared)
    for row in 0..<rows {
      let count = row == 0 ? 2 : Int(generator.next() % 4)
      privateColumns.append((0..<count).map { next + Int32($0) })
      next += Int32(count)
    }
    var builder = SparseMatrix.Builder(columnCount: Int(next) + 1)
    var labels: [Int] = []
    for row in 0..<rows {
      var columns: [Int32] = []
      var values: [Float] = []
      var score = [Double](repeating: 0, count: classes)
      for column in 0..<shared where generator.nextUnit() < 0.3 {
        columns.append(Int32(column))
        values.append(Float(0.1 + generator.nextUnit()))
        score[column % classes] += Double(values[values.count - 1])
      }
      for (position, column) in privateColumns[row].enumerated() {
        columns.append(column)
        values.append(row == 0 && position == 0 ? 0 : Float(0.1 + generator.nextUnit()))
      }
      builder.appendRow(columns: columns, values: values)
      for k in 0..<classes { score[k] += generator.nextGaussian() }
      labels.append(score.indices.max { score[$0] < score[$1] } ?? 0)
    }
    for k in 0..<classes { labels[k] = k }
    return (builder.build(), labels)
  }

  @Test("folds each row's singleton columns into one column of their L2 norm")
  func foldsByHand() {
    // Columns: 0 in rows 0 and 2; 1 only in row 0; 2 and 3 only in row 1; 4 empty;
    // 5 in rows 1 and 2; 6 only in row 2, stored as an explicit zero.
    let matrix = SparseMatrix(
      rowCount: 3, columnCount: 7, rowStarts: [0, 2, 5, 8],
      columnIndices: [0, 1, 2, 3, 5, 0, 5, 6],
      values: [1, 2, 3, 4, 5, 6, 7, 0])
    let (folded, folding) = SingletonColumnFolding.fold(matrix, threads: 2)
    #expect(folding.keptColumnCount == 2)
    #expect(folding.foldedColumnCount == 2)
    #expect(folded.columnCount == 4)
    // Kept columns 0 and 5 become 0 and 1; row 0's singleton (column 1, value 2) becomes
    // column 2 with value 2, row 1's singletons (columns 2 and 3, values 3 and 4) column 3
    // with value 5; row 2's explicit zero folds nowhere.
    #expect(folded.rowStarts == [0, 2, 4, 6])
    #expect(folded.columnIndices == [0, 2, 1, 3, 0, 1])
    #expect(folded.values == [1, 2, 5, 5, 6, 7])

    // Unfolding: kept rows copied, singletons scaled by v / a, the rest 0.
    let classes = 2
    let solution: [Double] = [1, -1, 2, -2, 10, 20, 30, 40]
    let full = folding.unfold(weights: solution[...], classes: classes)
    let expected: [Double] = [
      1, -1,  // column 0
      10, 20,  // column 1: 2/2 · (10, 20)
      0.6 * 30, 0.6 * 40,  // column 2: 3/5 · (30, 40)
      0.8 * 30, 0.8 * 40,  // column 3: 4/5 · (30, 40)
      0, 0,  // column 4: empty
      2, -2,  // column 5
      0, 0,  // column 6: a stored zero
    ]
    #expect(full == expected)
    // Folding the unfolded weights gives the folded ones back (the fit is exact on the
    // folded parametrisation).
    let refolded = folding.fold(weights: full, classes: classes)
    #expect(maxAbsoluteDifference(refolded, solution) <= 1e-12)
  }

  @Test("a matrix without singleton or empty columns is used as it is")
  func identity() {
    let matrix = SparseMatrix(
      rowCount: 2, columnCount: 2, rowStarts: [0, 2, 4], columnIndices: [0, 1, 0, 1],
      values: [1, 2, 3, 4])
    let (folded, folding) = SingletonColumnFolding.fold(matrix, threads: 1)
    #expect(folding.isIdentity)
    #expect(folded == matrix)
    #expect(folding.unfold(weights: [1, 2, 3, 4][...], classes: 2) == [1, 2, 3, 4])
  }

  @Test("the folded matrix and folding do not depend on the thread count")
  func threadIndependent() {
    let (features, _) = Self.ngramLike(rows: 400, shared: 30, classes: 3, seed: 5)
    let (one, foldingOne) = SingletonColumnFolding.fold(features, threads: 1)
    for threads in [2, 3, 7] {
      let (many, foldingMany) = SingletonColumnFolding.fold(features, threads: threads)
      #expect(many == one)
      let weights = (0..<(one.columnCount * 3)).map { Double($0 % 17) - 8 }
      #expect(
        foldingMany.unfold(weights: weights[...], classes: 3)
          == foldingOne.unfold(weights: weights[...], classes: 3))
    }
  }

  @Test("a folded point has the full problem's value and gradient norm")
  func isometry() {
    let (features, labels) = Self.ngramLike(rows: 200, shared: 12, classes: 3, seed: 7)
    let (folded, folding) = SingletonColumnFolding.fold(features, threads: 1)
    #expect(folding.foldedColumnCount > 100)
    let weights = [Double](repeating: 1, count: labels.count)
    var full = MultinomialLogisticLoss(
      features: features, labels: labels, sampleWeights: weights, c: 2, classCount: 3,
      threads: 1)
    var small = MultinomialLogisticLoss(
      features: folded, labels: labels, sampleWeights: weights, c: 2, classCount: 3,
      threads: 1)
    var generator = SplitMix64(seed: 11)
    let point = (0..<small.dimension).map { _ in generator.nextGaussian() }
    let unfolded =
      folding.unfold(weights: point[..<(folded.columnCount * 3)], classes: 3)
      + point[(folded.columnCount * 3)...]
    var smallGradient = point
    var fullGradient = unfolded
    let smallValue = small.valueAndGradient(at: point, gradient: &smallGradient)
    let fullValue = full.valueAndGradient(at: unfolded, gradient: &fullGradient)
    // Scores agree up to summation order; the folded columns' penalty differs by the
    // single-precision rounding of each folded value (relative ≤ 1.2e-7 of that part).
    #expect(isClose(smallValue, fullValue, tolerance: 2e-7))
    let norm = { (g: [Double]) in g.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    #expect(isClose(norm(smallGradient), norm(fullGradient), tolerance: 1e-6))
    // At zero, where both optimizers start, the gradient norms agree too.
    var zeroSmall = [Double](repeating: 0, count: small.dimension)
    var zeroFull = [Double](repeating: 0, count: full.dimension)
    _ = small.valueAndGradient(
      at: [Double](repeating: 0, count: small.dimension), gradient: &zeroSmall)
    _ = full.valueAndGradient(
      at: [Double](repeating: 0, count: full.dimension), gradient: &zeroFull)
    #expect(isClose(norm(zeroSmall), norm(zeroFull), tolerance: 1e-6))
  }

  @Test(
    "training on the folded problem reaches the full problem's optimum",
    arguments: [Solver.lbfgs, .newton])
  func sameOptimum(solver: Solver) throws {
    let (features, labels) = Self.ngramLike(rows: 300, shared: 20, classes: 3, seed: 3)
    let (model, report) = try Trainer(
      configuration: TrainingConfiguration(c: 3, solver: solver, tolerance: 1e-10, threads: 2)
    ).train(features: features, labels: labels, labelNames: ["a", "b", "c"])
    #expect(report.stopReason == .converged)
    #expect(model.featureCount == features.columnCount)

    // The full problem, solved directly by Newton on the unfolded loss.
    var loss = MultinomialLogisticLoss(
      features: features, labels: labels,
      sampleWeights: [Double](repeating: 1, count: labels.count), c: 3, classCount: 3,
      threads: 1)
    let (solution, direct) = TrustRegionNewton(tolerance: 1e-10, maximumIterations: 100)
      .minimize(&loss, from: [Double](repeating: 0, count: loss.dimension))
    #expect(direct.stopReason == .converged)
    let weightCount = features.columnCount * 3
    // ‖Δw‖ ≤ ‖g‖/λ_min with λ_min ≥ 1: both gradients are below 1e-10 of ‖g₀‖, and the
    // folded values' rounding moves the optimum by about 1e-7 of the folded weights.
    #expect(
      maxAbsoluteDifference(model.weights.storage, Array(solution[..<weightCount])) <= 1e-6)
    var intercepts = Array(solution[weightCount...])
    let mean = intercepts.reduce(0, +) / 3
    for k in 0..<3 { intercepts[k] -= mean }
    #expect(maxAbsoluteDifference(model.intercepts, intercepts) <= 1e-6)
    #expect(isClose(report.finalObjective, direct.finalObjective, tolerance: 1e-7))
    // The empty column and the explicit zero get weight 0.
    let empty = features.columnCount - 1
    let zeroColumn = 20
    for k in 0..<3 {
      #expect(model.weights[empty, k] == 0)
      #expect(model.weights[zeroColumn, k] == 0)
    }
  }

  @Test("a warm start from the solution converges at once")
  func warmStart() throws {
    let (features, labels) = Self.ngramLike(rows: 300, shared: 20, classes: 3, seed: 9)
    let trainer = Trainer(
      configuration: TrainingConfiguration(solver: .newton, tolerance: 1e-8, threads: 1))
    let (cold, coldReport) = try trainer.train(
      features: features, labels: labels, labelNames: ["a", "b", "c"])
    let (warm, warmReport) = try trainer.train(
      features: features, labels: labels, labelNames: ["a", "b", "c"], warmStart: cold)
    #expect(coldReport.iterations > 2)
    #expect(warmReport.iterations <= 1)
    #expect(maxAbsoluteDifference(cold.weights.storage, warm.weights.storage) <= 1e-6)
  }
}
