import StanceSupport

/// A seeded, stratified split into a training part and a held-out part, for calibration
/// or a quick validation score.
///
/// Algorithm: group the sample indices by class (classes in index order, each in sample
/// order), shuffle each group by Fisher–Yates with one SplitMix64 generator seeded with
/// `seed`, and hold out the first `round(fraction · nₖ)` members of class `k`, but at most
/// `nₖ − 1` so every class with two or more members keeps one training example. Both
/// parts are returned in ascending sample order.
public struct StratifiedHoldOut: Equatable, Sendable {
  /// The sample indices to train on, ascending.
  public let training: [Int]
  /// The held-out sample indices, ascending.
  public let heldOut: [Int]

  /// Splits samples by class.
  ///
  /// - Parameters:
  ///   - classes: The class index of each sample, each in `0..<classCount`.
  ///   - fraction: The share of each class to hold out, strictly between 0 and 1.
  ///   - seed: The shuffle seed.
  ///   - classCount: The number of classes K; `nil` takes `max(classes) + 1`.
  /// - Throws: ``EvaluationError/invalidHoldOutFraction(_:)`` for a fraction outside
  ///   `(0, 1)`, ``EvaluationError/classIndexOutOfRange(what:sample:index:classCount:)``
  ///   for a bad class index, and ``EvaluationError/holdOutTooSmall(samples:fraction:)``
  ///   when either part would be empty.
  /// - Complexity: O(n + K).
  public init(classes: [Int], fraction: Double, seed: UInt64, classCount: Int? = nil)
    throws(EvaluationError)
  {
    guard fraction.isFinite && fraction > 0 && fraction < 1 else {
      throw .invalidHoldOutFraction(fraction)
    }
    let classCount = classCount ?? ((classes.max() ?? -1) + 1)
    try ConfusionMatrix.validate(classIndices: classes, what: "the class", classCount: classCount)
    var members = [[Int]](repeating: [], count: classCount)
    for (sample, classIndex) in classes.enumerated() { members[classIndex].append(sample) }
    var generator = SplitMix64(seed: seed)
    var isHeldOut = [Bool](repeating: false, count: classes.count)
    for classIndex in members.indices {
      generator.shuffle(&members[classIndex])
      let size = members[classIndex].count
      let count = min(Int((fraction * Double(size)).rounded()), max(size - 1, 0))
      for sample in members[classIndex].prefix(count) { isHeldOut[sample] = true }
    }
    let heldOut = classes.indices.filter { isHeldOut[$0] }
    let training = classes.indices.filter { !isHeldOut[$0] }
    guard !heldOut.isEmpty && !training.isEmpty else {
      throw .holdOutTooSmall(samples: classes.count, fraction: fraction)
    }
    self.training = training
    self.heldOut = heldOut
  }
}
