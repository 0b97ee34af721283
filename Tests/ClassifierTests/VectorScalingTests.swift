import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@Suite struct VectorScalingTests {
  /// Scores whose calibrated probabilities are a known vector scaling of their
  /// log-softmax, with labels drawn from those probabilities.
  static func sample(count: Int, map: VectorScaling.Map, seed: UInt64) -> (DenseMatrix, [Int]) {
    var random = SplitMix64(seed: seed)
    var storage: [Double] = []
    var truth: [Int] = []
    for _ in 0..<count {
      let scores = (0..<3).map { _ in 2 * random.nextGaussian() }
      let calibrated = VectorScaling.probabilities(
        decisionValues: DenseMatrix(rows: 1, columns: 3, storage: scores), map: map
      ).storage
      let u = random.nextUnit()
      truth.append(u < calibrated[0] ? 0 : u < calibrated[0] + calibrated[1] ? 1 : 2)
      storage += scores
    }
    return (DenseMatrix(rows: count, columns: 3, storage: storage), truth)
  }

  @Test func recoversAKnownMapWithin0Point1() throws {
    let map = VectorScaling.Map(scales: [0.5, 0.8, 1.2], biases: [0.4, -0.3, -0.1])
    let (scores, truth) = Self.sample(count: 20_000, map: map, seed: 3)
    let fit = try VectorScaling.fit(decisionValues: scores, truth: truth)
    #expect(maxAbsoluteDifference(fit.map.scales, map.scales) < 0.1)
    // The biases are determined up to a common shift: compare their differences.
    let fitted = fit.map.biases.map { $0 - fit.map.biases[2] }
    let expected = map.biases.map { $0 - map.biases[2] }
    #expect(maxAbsoluteDifference(fitted, expected) < 0.1)
    #expect(fit.logLossAfter < fit.logLossBefore)
    #expect(fit.sampleCount == 20_000)
  }

  @Test func calibratedScoresStayNearTheIdentityMap() throws {
    let identity = VectorScaling.Map(scales: [1, 1, 1], biases: [0, 0, 0])
    let (scores, truth) = Self.sample(count: 20_000, map: identity, seed: 4)
    let fit = try VectorScaling.fit(decisionValues: scores, truth: truth)
    #expect(maxAbsoluteDifference(fit.map.scales, identity.scales) < 0.06)
    #expect(maxAbsoluteDifference(fit.map.biases, identity.biases) < 0.06)
    #expect(fit.logLossAfter <= fit.logLossBefore)
  }

  @Test func probabilitiesAreALogSoftmaxMapAndSumToOne() {
    let scores = DenseMatrix(rows: 1, columns: 2, storage: [1, 3])
    let map = VectorScaling.Map(scales: [2, 1], biases: [0.5, 0])
    let p = VectorScaling.probabilities(decisionValues: scores, map: map).storage
    let normaliser = log(exp(1.0) + exp(3.0))
    let logs = [1 - normaliser, 3 - normaliser]
    let u = [2 * logs[0] + 0.5, logs[1]]
    let expected = u.map { exp($0) / (exp(u[0]) + exp(u[1])) }
    #expect(maxAbsoluteDifference(p, expected) < 1e-12)
  }

  @Test func badInputIsRefused() {
    #expect(throws: TemperatureScalingError.noSamples) {
      try VectorScaling.fit(decisionValues: DenseMatrix(rows: 0, columns: 2), truth: [])
    }
    #expect(
      throws: TemperatureScalingError.classIndexOutOfRange(sample: 0, index: 2, classCount: 2)
    ) {
      try VectorScaling.fit(
        decisionValues: DenseMatrix(rows: 1, columns: 2, storage: [0, 1]), truth: [2])
    }
  }
}
