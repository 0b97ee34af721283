import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@Suite struct TemperatureScalingTests {
  /// Mean log loss of softmax(z / T), computed directly.
  static func logLoss(_ z: DenseMatrix, _ truth: [Int], _ temperature: Double) -> Double {
    let p = TemperatureScaling.probabilities(decisionValues: z, temperature: temperature)
    return truth.enumerated().map { -log(p[$0.offset, $0.element]) }.reduce(0, +)
      / Double(truth.count)
  }

  static func overconfident() -> (DenseMatrix, [Int]) {
    var random = SplitMix64(seed: 3)
    var storage: [Double] = []
    var truth: [Int] = []
    for row in 0..<300 {
      let label = row % 3
      // Scores favour the right class 70% of the time, but at 8× their honest scale.
      let favoured = random.nextUnit() < 0.7 ? label : (label + 1) % 3
      for k in 0..<3 { storage.append(8 * ((k == favoured ? 1 : 0) + 0.5 * random.nextGaussian())) }
      truth.append(label)
    }
    return (DenseMatrix(rows: 300, columns: 3, storage: storage), truth)
  }

  @Test func fitsTheMinimumOfTheLogLoss() throws {
    let (z, truth) = Self.overconfident()
    let fit = try TemperatureScaling.fit(decisionValues: z, truth: truth)
    #expect(fit.temperature > 1)
    #expect(isClose(fit.logLossBefore, Self.logLoss(z, truth, 1), tolerance: 1e-10))
    #expect(isClose(fit.logLossAfter, Self.logLoss(z, truth, fit.temperature), tolerance: 1e-10))
    // A minimum: 1% either way is worse.
    #expect(Self.logLoss(z, truth, fit.temperature * 1.01) > fit.logLossAfter)
    #expect(Self.logLoss(z, truth, fit.temperature / 1.01) > fit.logLossAfter)
    #expect(fit.logLossAfter < fit.logLossBefore)
  }

  @Test(arguments: [0.01, 0.5, 1, 3, 1000])
  func temperatureNeverChangesTheArgmax(temperature: Double) {
    let (z, _) = Self.overconfident()
    let p = TemperatureScaling.probabilities(decisionValues: z, temperature: temperature)
    for row in 0..<z.rows {
      let scores = z.row(row)
      let probabilities = p.row(row)
      #expect(
        scores.firstIndex(of: scores.max() ?? 0)
          == probabilities.firstIndex(of: probabilities.max() ?? 0))
      #expect(isClose(probabilities.reduce(0, +), 1, tolerance: 1e-12))
    }
  }

  @Test func separatedScoresHitTheRangeEnd() throws {
    let z = DenseMatrix(rows: 2, columns: 2, storage: [3, -3, -3, 3])
    let fit = try TemperatureScaling.fit(decisionValues: z, truth: [0, 1])
    #expect(fit.temperature == TemperatureScaling.temperatureRange.lowerBound)
  }

  @Test func badInputsThrow() {
    let z = DenseMatrix(rows: 1, columns: 2, storage: [.nan, 0])
    #expect(throws: TemperatureScalingError.nonFiniteScore(sample: 0)) {
      try TemperatureScaling.fit(decisionValues: z, truth: [0])
    }
    #expect(throws: TemperatureScalingError.noSamples) {
      try TemperatureScaling.fit(decisionValues: DenseMatrix(rows: 0, columns: 2), truth: [])
    }
  }
}

@Suite struct WarmStartTests {
  @Test(arguments: [Solver.lbfgs, .newton])
  func warmStartReachesTheColdStartOptimum(solver: Solver) throws {
    var random = SplitMix64(seed: 12)
    var builder = SparseMatrix.Builder(columnCount: 20)
    var labels: [Int] = []
    for row in 0..<200 {
      let label = row % 3
      var columns: [Int32] = [Int32(label)]
      var values: [Float] = [1]
      for column in 3..<20 where random.nextUnit() < 0.3 {
        columns.append(Int32(column))
        values.append(Float(random.nextUnit()))
      }
      builder.appendRow(columns: columns, values: values)
      labels.append(random.nextUnit() < 0.8 ? label : (label + 1) % 3)
    }
    let features = builder.build()
    let names = ["a", "b", "c"]
    func train(c: Double, from start: LogisticModel?) throws -> LogisticModel {
      try Trainer(
        configuration: TrainingConfiguration(c: c, solver: solver, tolerance: 1e-10, threads: 1)
      ).train(features: features, labels: labels, labelNames: names, warmStart: start).model
    }
    let neighbour = try train(c: 0.5, from: nil)
    let cold = try train(c: 2, from: nil)
    let warm = try train(c: 2, from: neighbour)
    // Both stop at ‖g‖ ≤ 1e-10·‖g(0)‖; the objective is strongly convex in W, so the
    // weights agree to about that order (1e-6 leaves ample room).
    #expect(maxAbsoluteDifference(warm.weights.storage, cold.weights.storage) < 1e-6)
    #expect(maxAbsoluteDifference(warm.intercepts, cold.intercepts) < 1e-6)
    // A model of another shape is ignored: training starts from zero, bit for bit.
    let other = LogisticModel(
      labels: ["a", "b"], weights: DenseMatrix(rows: 20, columns: 2), intercepts: [0, 0])
    #expect(try train(c: 2, from: other) == cold)
  }
}
