import StanceSupport

extension StratifiedKFold {
  /// The test fold of each sample when samples come in groups that must stay together (for
  /// example every quote of one speaker), keeping the folds as stratified as the groups
  /// allow.
  ///
  /// Algorithm (a greedy, deterministic assignment of whole groups; our own variant of the
  /// "largest first, least loaded bin" heuristic for multiway partitioning):
  ///
  /// 1. Collect the distinct groups in order of first appearance and count each group's
  ///    members per class, `g[c]`; let `t[c]` be the number of samples of class `c`.
  /// 2. With ``Ordering/shuffled(seed:)``, shuffle the groups by Fisher–Yates with the
  ///    SplitMix64 generator seeded with `seed`. Then sort them by size, largest first; the
  ///    sort is stable, so equal sizes keep the (shuffled) order.
  /// 3. Put each group, in that order, into the fold `f` with the lowest cost
  ///    ```
  ///    cost(f) = Σ_c g[c] · n[f][c] / t[c]
  ///    ```
  ///    where `n[f][c]` counts the class-`c` samples already in fold `f`: the group goes
  ///    where its classes are, relative to their size, least present. Ties go to the fold
  ///    with fewer samples, then to the lower fold index.
  ///
  /// Because an empty fold costs 0 and has the fewest samples, the first k groups open the
  /// k folds, so no test fold is empty. A group is never split. Unlike the ungrouped split,
  /// class shares per fold are balanced only as well as the group sizes permit, and
  /// ``smallClasses`` is not consulted (a class held by one group is in one test fold).
  ///
  /// - Parameters:
  ///   - classes: The class index of each sample, each in `0..<classCount`.
  ///   - groups: The group of each sample (any integers; equal integers mean one group).
  ///   - classCount: The number of classes K; `nil` takes `max(classes) + 1`.
  /// - Returns: One fold index in `0..<foldCount` per sample; the samples of a group share
  ///   one fold.
  /// - Throws: ``EvaluationError/lengthMismatch(what:expected:actual:)`` when `groups` and
  ///   `classes` differ in length,
  ///   ``EvaluationError/classIndexOutOfRange(what:sample:index:classCount:)`` for a bad
  ///   class index, and ``EvaluationError/fewerGroupsThanFolds(groups:folds:)`` when there
  ///   are fewer distinct groups than folds.
  /// - Complexity: O(n + G·k·K + G log G) for G groups.
  public func assignFolds(classes: [Int], groups: [Int], classCount: Int? = nil)
    throws(EvaluationError) -> [Int]
  {
    let classCount = classCount ?? ((classes.max() ?? -1) + 1)
    try ConfusionMatrix.validate(classIndices: classes, what: "the class", classCount: classCount)
    guard groups.count == classes.count else {
      throw .lengthMismatch(what: "the group list", expected: classes.count, actual: groups.count)
    }
    var groupIndex: [Int: Int] = [:]
    var sampleGroup = [Int](repeating: 0, count: classes.count)
    var groupClassCounts: [[Int]] = []
    var classTotals = [Int](repeating: 0, count: classCount)
    for (sample, group) in groups.enumerated() {
      let index: Int
      if let known = groupIndex[group] {
        index = known
      } else {
        index = groupClassCounts.count
        groupIndex[group] = index
        groupClassCounts.append([Int](repeating: 0, count: classCount))
      }
      sampleGroup[sample] = index
      groupClassCounts[index][classes[sample]] += 1
      classTotals[classes[sample]] += 1
    }
    guard groupClassCounts.count >= foldCount else {
      throw .fewerGroupsThanFolds(groups: groupClassCounts.count, folds: foldCount)
    }
    var order = Array(groupClassCounts.indices)
    if case .shuffled(let seed) = ordering {
      var generator = SplitMix64(seed: seed)
      generator.shuffle(&order)
    }
    let sizes = groupClassCounts.map { $0.reduce(0, +) }
    // A stable sort by size, descending: ties keep their position in `order`.
    order = order.enumerated()
      .sorted { a, b in
        sizes[a.element] != sizes[b.element]
          ? sizes[a.element] > sizes[b.element] : a.offset < b.offset
      }
      .map(\.element)

    var foldClassCounts = [[Int]](
      repeating: [Int](repeating: 0, count: classCount), count: foldCount)
    var foldSizes = [Int](repeating: 0, count: foldCount)
    var groupFold = [Int](repeating: 0, count: groupClassCounts.count)
    for group in order {
      let counts = groupClassCounts[group]
      var best = 0
      var bestCost = Double.infinity
      for fold in 0..<foldCount {
        var cost = 0.0
        for c in 0..<classCount where counts[c] > 0 {
          cost += Double(counts[c]) * Double(foldClassCounts[fold][c]) / Double(classTotals[c])
        }
        if cost < bestCost || (cost == bestCost && foldSizes[fold] < foldSizes[best]) {
          best = fold
          bestCost = cost
        }
      }
      groupFold[group] = best
      foldSizes[best] += sizes[group]
      for c in 0..<classCount { foldClassCounts[best][c] += counts[c] }
    }
    return sampleGroup.map { groupFold[$0] }
  }

  /// The k train/test splits of grouped samples, fold 0 first; see
  /// ``assignFolds(classes:groups:classCount:)`` for the algorithm.
  ///
  /// - Parameters:
  ///   - classes: The class index of each sample.
  ///   - groups: The group of each sample; a group is never in two folds.
  ///   - classCount: The number of classes K; `nil` takes `max(classes) + 1`.
  /// - Returns: `foldCount` folds whose test sets partition `0..<n`.
  /// - Throws: As ``assignFolds(classes:groups:classCount:)``.
  /// - Complexity: O(k·n) plus the assignment.
  public func split(classes: [Int], groups: [Int], classCount: Int? = nil)
    throws(EvaluationError) -> [Fold]
  {
    let assignment = try assignFolds(classes: classes, groups: groups, classCount: classCount)
    return Self.folds(from: assignment, foldCount: foldCount)
  }

  /// The folds described by a test-fold assignment.
  ///
  /// - Parameters:
  ///   - assignment: The test fold of each sample, each in `0..<foldCount`.
  ///   - foldCount: The number of folds.
  /// - Returns: One fold per index, training and test indices ascending.
  public static func folds(from assignment: [Int], foldCount: Int) -> [Fold] {
    (0..<foldCount).map { fold in
      var training: [Int] = []
      var test: [Int] = []
      for (sample, assigned) in assignment.enumerated() {
        if assigned == fold {
          test.append(sample)
        } else {
          training.append(sample)
        }
      }
      return Fold(training: training, test: test)
    }
  }
}
