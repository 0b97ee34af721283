import StanceSupport

/// Splits samples into k folds that each hold close to the same share of every class, for
/// cross-validation.
///
/// Algorithm (deterministic given the configuration):
///
/// 1. Group the sample indices by class, classes in index order, each group in sample
///    order. With ``Ordering/shuffled(seed:)`` each group is then shuffled by Fisher–Yates,
///    groups in class order, all drawing from one SplitMix64 generator seeded with `seed`
///    (specified in StanceSupport, `SplitMix64.swift`, with Lemire's unbiased bounded draw).
/// 2. Deal the concatenated groups round-robin: the j-th sample of the concatenation goes
///    to fold `j mod k`. Dealing continues across class boundaries.
///
/// So every class's members are spread over the folds with counts differing by at most
/// one, and fold sizes also differ by at most one. Each sample is in exactly one test fold.
///
/// A class with at least one but fewer than k members cannot appear in every test fold.
/// ``SmallClassPolicy/reject`` (the default) throws for it; ``SmallClassPolicy/spread``
/// deals it anyway, so some test folds lack the class (and their training sets hold all of
/// it). Classes with no members are ignored.
public struct StratifiedKFold: Equatable, Sendable {
  /// In which order a class's members are dealt.
  public enum Ordering: Equatable, Sendable {
    /// In sample order; no randomness.
    case sampleOrder
    /// In an order shuffled by the seeded SplitMix64 generator (StanceSupport).
    case shuffled(seed: UInt64)
  }

  /// What to do with a class that has fewer members than folds.
  public enum SmallClassPolicy: String, Equatable, Sendable, CaseIterable {
    /// Throw ``EvaluationError/classSmallerThanFolds(classIndex:members:folds:)``.
    case reject
    /// Deal its members like any other class's (continuing the round-robin), so the test
    /// folds that receive none of them lack the class.
    case spread
  }

  /// One train/test split.
  public struct Fold: Equatable, Sendable {
    /// The sample indices to train on, ascending.
    public let training: [Int]
    /// The sample indices to evaluate on, ascending.
    public let test: [Int]
  }

  /// The number of folds k.
  public let foldCount: Int
  /// How members are ordered before dealing.
  public let ordering: Ordering
  /// How classes smaller than k are treated.
  public let smallClasses: SmallClassPolicy

  /// Configures a splitter.
  ///
  /// - Parameters:
  ///   - foldCount: The number of folds k, at least 2.
  ///   - ordering: Sample order or a seeded shuffle; `.shuffled(seed: 0)` by default.
  ///   - smallClasses: The policy for classes with fewer than k members; `.reject` by
  ///     default.
  /// - Throws: ``EvaluationError/tooFewFolds(_:)`` when `foldCount < 2`.
  public init(
    foldCount: Int, ordering: Ordering = .shuffled(seed: 0),
    smallClasses: SmallClassPolicy = .reject
  ) throws(EvaluationError) {
    guard foldCount >= 2 else { throw .tooFewFolds(foldCount) }
    self.foldCount = foldCount
    self.ordering = ordering
    self.smallClasses = smallClasses
  }

  /// The test fold of each sample.
  ///
  /// - Parameters:
  ///   - classes: The class index of each sample, each in `0..<classCount`.
  ///   - classCount: The number of classes K; `nil` takes `max(classes) + 1`.
  /// - Returns: One fold index in `0..<foldCount` per sample.
  /// - Throws: ``EvaluationError/fewerSamplesThanFolds(samples:folds:)`` when there are
  ///   fewer samples than folds,
  ///   ``EvaluationError/classIndexOutOfRange(what:sample:index:classCount:)``
  ///   for an index outside `0..<classCount`, and
  ///   ``EvaluationError/classSmallerThanFolds(classIndex:members:folds:)`` under
  ///   ``SmallClassPolicy/reject``.
  /// - Complexity: O(n + K).
  public func assignFolds(classes: [Int], classCount: Int? = nil) throws(EvaluationError) -> [Int] {
    let classCount = classCount ?? ((classes.max() ?? -1) + 1)
    try ConfusionMatrix.validate(
      classIndices: classes, what: "the class", classCount: classCount)
    guard classes.count >= foldCount else {
      throw .fewerSamplesThanFolds(samples: classes.count, folds: foldCount)
    }
    var members = [[Int]](repeating: [], count: classCount)
    for (sample, classIndex) in classes.enumerated() {
      members[classIndex].append(sample)
    }
    if smallClasses == .reject {
      for (classIndex, group) in members.enumerated()
      where !group.isEmpty && group.count < foldCount {
        throw .classSmallerThanFolds(
          classIndex: classIndex, members: group.count, folds: foldCount)
      }
    }
    if case .shuffled(let seed) = ordering {
      var generator = SplitMix64(seed: seed)
      for classIndex in members.indices {
        generator.shuffle(&members[classIndex])
      }
    }
    var assignment = [Int](repeating: 0, count: classes.count)
    var position = 0
    for group in members {
      for sample in group {
        assignment[sample] = position % foldCount
        position += 1
      }
    }
    return assignment
  }

  /// The k train/test splits, fold 0 first.
  ///
  /// - Parameters:
  ///   - classes: The class index of each sample, each in `0..<classCount`.
  ///   - classCount: The number of classes K; `nil` takes `max(classes) + 1`.
  /// - Returns: `foldCount` folds whose test sets partition `0..<n`.
  /// - Throws: As ``assignFolds(classes:classCount:)``.
  /// - Complexity: O(k·n).
  public func split(classes: [Int], classCount: Int? = nil) throws(EvaluationError) -> [Fold] {
    let assignment = try assignFolds(classes: classes, classCount: classCount)
    return Self.folds(from: assignment, foldCount: foldCount)
  }
}
