import Evaluation
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

/// Synthetic posteriors with known class shares: a one-dimensional feature `x ~ N(μₖ, 1)`
/// per class, and the exact posteriors `pₜ(k | x)` of a model trained under shares `pₜ`.
enum PriorShiftFixtures {
  static let means = [-2.0, 0.0, 2.0]

  /// `count` samples drawn with class shares `shares`, scored under `trainingPriors`.
  static func posteriors(count: Int, shares: [Double], trainingPriors: [Double], seed: UInt64)
    -> DenseMatrix
  {
    var random = SplitMix64(seed: seed)
    var storage: [Double] = []
    for _ in 0..<count {
      let u = random.nextUnit()
      var cumulative = 0.0
      var label = shares.count - 1
      for (index, share) in shares.enumerated() {
        cumulative += share
        if u < cumulative {
          label = index
          break
        }
      }
      let x = means[label] + random.nextGaussian()
      let joint = means.indices.map { k in
        trainingPriors[k] * exp(-0.5 * (x - means[k]) * (x - means[k]))
      }
      let total = joint.reduce(0, +)
      storage += joint.map { $0 / total }
    }
    return DenseMatrix(rows: count, columns: means.count, storage: storage)
  }
}

@Suite("Prior shift (Saerens et al. 2002)")
struct PriorShiftTests {
  @Test("EM recovers known class shares within 0.015 from 20,000 samples")
  func recoversShares() throws {
    let training = [1.0 / 3, 1.0 / 3, 1.0 / 3]
    let shares = [0.1, 0.15, 0.75]
    let probabilities = PriorShiftFixtures.posteriors(
      count: 20_000, shares: shares, trainingPriors: training, seed: 7)
    let estimate = try PriorShift.estimate(probabilities: probabilities, trainingPriors: training)
    #expect(estimate.converged)
    #expect(estimate.sampleCount == 20_000)
    #expect(maxAbsoluteDifference(estimate.priors, shares) < 0.015)
    // The plain mean of the probabilities is pulled towards the training shares.
    #expect(maxAbsoluteDifference(estimate.meanProbabilities, shares) > 0.05)
    #expect(isClose(estimate.priors.reduce(0, +), 1, tolerance: 1e-12))
  }

  @Test("EM recovers shares from a non-uniform training prior within 0.015")
  func recoversSharesFromSkewedTraining() throws {
    let training = [0.6, 0.3, 0.1]
    let shares = [0.2, 0.2, 0.6]
    let probabilities = PriorShiftFixtures.posteriors(
      count: 20_000, shares: shares, trainingPriors: training, seed: 11)
    let estimate = try PriorShift.estimate(probabilities: probabilities, trainingPriors: training)
    #expect(maxAbsoluteDifference(estimate.priors, shares) < 0.015)
  }

  @Test("When the mean probabilities equal the training shares, EM stops at them")
  func identityAtTrainingShares() throws {
    let training = [0.25, 0.75]
    // Rows whose column means are exactly (0.25, 0.75).
    let probabilities = DenseMatrix(rows: 2, columns: 2, storage: [0.5, 0.5, 0.0, 1.0])
    let estimate = try PriorShift.estimate(probabilities: probabilities, trainingPriors: training)
    #expect(estimate.iterations == 1)
    #expect(estimate.converged)
    #expect(maxAbsoluteDifference(estimate.priors, training) < 1e-15)
    #expect(maxAbsoluteDifference(estimate.factors, [1, 1]) < 1e-15)
  }

  @Test("Adjusting by equal factors returns the probabilities unchanged")
  func adjustIdentity() {
    let probabilities = DenseMatrix(rows: 2, columns: 3, storage: [0.2, 0.3, 0.5, 0.9, 0.05, 0.05])
    let adjusted = PriorShift.adjust(probabilities, factors: [1, 1, 1])
    #expect(maxAbsoluteDifference(adjusted.storage, probabilities.storage) < 1e-15)
  }

  @Test("Adjusting applies Bayes' rule: p ∝ factor × probability")
  func adjustBayes() {
    let probabilities = DenseMatrix(rows: 1, columns: 2, storage: [0.5, 0.5])
    let adjusted = PriorShift.adjust(probabilities, factors: [3, 1])
    #expect(maxAbsoluteDifference(adjusted.storage, [0.75, 0.25]) < 1e-15)
  }

  @Test("Bad input is refused with a typed error")
  func refusals() {
    let probabilities = DenseMatrix(rows: 1, columns: 2, storage: [0.5, 0.5])
    #expect(throws: PriorShiftError.shapeMismatch(priors: 3, columns: 2)) {
      try PriorShift.estimate(probabilities: probabilities, trainingPriors: [0.2, 0.3, 0.5])
    }
    #expect(throws: PriorShiftError.invalidPrior([0, 1])) {
      try PriorShift.estimate(probabilities: probabilities, trainingPriors: [0, 1])
    }
    #expect(throws: PriorShiftError.noSamples) {
      try PriorShift.estimate(
        probabilities: DenseMatrix(rows: 0, columns: 2), trainingPriors: [0.5, 0.5])
    }
    #expect(throws: PriorShiftError.invalidProbability(row: 0)) {
      try PriorShift.estimate(
        probabilities: DenseMatrix(rows: 1, columns: 2, storage: [.nan, 1]),
        trainingPriors: [0.5, 0.5])
    }
  }
}
