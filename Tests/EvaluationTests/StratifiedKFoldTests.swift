import Evaluation
import Testing

@Suite struct StratifiedKFoldTests {
  /// 103 samples of 4 classes (50, 30, 17, 6 members), interleaved.
  static let classes: [Int] = {
    var classes = [Int](repeating: 0, count: 50) + [Int](repeating: 1, count: 30)
    classes += [Int](repeating: 2, count: 17) + [Int](repeating: 3, count: 6)
    // A fixed interleaving: sample i takes element (i·37) mod 103 (37 is coprime to 103).
    return (0..<103).map { classes[($0 * 37) % 103] }
  }()

  /// Deals a small case without shuffling, checked by hand.
  ///
  /// classes 0 0 1 0 1 2 0 2 1 2, k = 3, no shuffle. Groups in sample order:
  /// class 0 → 0 1 3 6, class 1 → 2 4 8, class 2 → 5 7 9; concatenated and dealt
  /// round-robin: 0→f0 1→f1 3→f2 6→f0 2→f1 4→f2 8→f0 5→f1 7→f2 9→f0.
  @Test func sampleOrderDealsByHand() throws {
    let splitter = try StratifiedKFold(foldCount: 3, ordering: .sampleOrder)
    let classes = [0, 0, 1, 0, 1, 2, 0, 2, 1, 2]
    #expect(try splitter.assignFolds(classes: classes) == [0, 1, 1, 2, 2, 1, 0, 2, 0, 0])
    let folds = try splitter.split(classes: classes)
    #expect(folds.map(\.test) == [[0, 6, 8, 9], [1, 2, 5], [3, 4, 7]])
    #expect(folds[1].training == [0, 3, 4, 6, 7, 8, 9])
  }

  /// Pins the seeded shuffle (SplitMix64 + Lemire draw + Fisher–Yates) so a change to the
  /// generator, which would silently change every cross-validation result, fails here.
  /// The expected folds come from an independent Python transcription of the documented
  /// algorithm:
  /// ```python
  /// M = (1 << 64) - 1
  /// def splitmix(state):                    # yields successive outputs
  ///     while True:
  ///         state = (state + 0x9E3779B97F4A7C15) & M
  ///         z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & M
  ///         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
  ///         yield z ^ (z >> 31)
  /// def below(gen, bound):                  # Lemire: high word of x·bound, rejecting
  ///     p = next(gen) * bound               # low words under 2⁶⁴ mod bound
  ///     if (p & M) < bound:
  ///         t = ((1 << 64) - bound) % bound
  ///         while (p & M) < t: p = next(gen) * bound
  ///     return p >> 64
  /// def assign(classes, k, seed):
  ///     groups = [[i for i, c in enumerate(classes) if c == g]
  ///               for g in range(max(classes) + 1)]
  ///     gen = splitmix(seed)
  ///     for grp in groups:                  # Fisher–Yates from the end
  ///         for last in range(len(grp) - 1, 0, -1):
  ///             j = below(gen, last + 1); grp[last], grp[j] = grp[j], grp[last]
  ///     out, pos = [0] * len(classes), 0
  ///     for grp in groups:
  ///         for s in grp: out[s] = pos % k; pos += 1
  ///     return out
  /// assign([0,0,1,0,1,2,0,2,1,2], 3, 42)    # [2, 0, 2, 0, 0, 2, 1, 1, 1, 0]
  /// assign([0,0,1,0,1,2,0,2,1,2], 3, 0)     # [1, 2, 2, 0, 1, 0, 0, 1, 0, 2]
  /// ```
  @Test(
    arguments: [
      (42, [2, 0, 2, 0, 0, 2, 1, 1, 1, 0]), (0, [1, 2, 2, 0, 1, 0, 0, 1, 0, 2]),
    ] as [(UInt64, [Int])])
  func seededShuffleIsFrozen(seed: UInt64, expected: [Int]) throws {
    let splitter = try StratifiedKFold(foldCount: 3, ordering: .shuffled(seed: seed))
    let classes = [0, 0, 1, 0, 1, 2, 0, 2, 1, 2]
    #expect(try splitter.assignFolds(classes: classes) == expected)
  }

  @Test(arguments: [0, 1, 7, 2026] as [UInt64])
  func sameSeedSameFoldsOtherSeedOtherFolds(seed: UInt64) throws {
    let splitter = try StratifiedKFold(foldCount: 5, ordering: .shuffled(seed: seed))
    let first = try splitter.assignFolds(classes: Self.classes)
    let second = try splitter.assignFolds(classes: Self.classes)
    #expect(first == second)
    let other = try StratifiedKFold(foldCount: 5, ordering: .shuffled(seed: seed + 1))
    #expect(try other.assignFolds(classes: Self.classes) != first)
  }

  @Test(
    arguments: [
      StratifiedKFold.Ordering.sampleOrder, .shuffled(seed: 0), .shuffled(seed: 99),
    ], [2, 3, 5, 6])
  func coverageAndStratification(ordering: StratifiedKFold.Ordering, foldCount: Int) throws {
    let splitter = try StratifiedKFold(foldCount: foldCount, ordering: ordering)
    let folds = try splitter.split(classes: Self.classes)
    #expect(folds.count == foldCount)
    // Coverage: the test sets partition the samples; training is the complement.
    let allTests = folds.flatMap(\.test)
    #expect(allTests.sorted() == Array(0..<103))
    for fold in folds {
      #expect((fold.training + fold.test).sorted() == Array(0..<103))
      #expect(fold.test == fold.test.sorted() && fold.training == fold.training.sorted())
    }
    // Fold sizes differ by at most one: 103 = k·q + r.
    let sizes = folds.map(\.test.count)
    #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
    // Every class is spread evenly: per-fold counts are ⌊m/k⌋ or ⌈m/k⌉.
    for classIndex in 0..<4 {
      let members = Self.classes.filter { $0 == classIndex }.count
      let perFold = folds.map { fold in fold.test.filter { Self.classes[$0] == classIndex }.count }
      #expect(
        perFold.allSatisfy {
          $0 == members / foldCount || $0 == (members + foldCount - 1) / foldCount
        })
      #expect(perFold.reduce(0, +) == members)
    }
  }

  @Test func smallClassIsRejectedByDefault() throws {
    // Class 3 has 6 members, fewer than 7 folds.
    let splitter = try StratifiedKFold(foldCount: 7)
    #expect(throws: EvaluationError.classSmallerThanFolds(classIndex: 3, members: 6, folds: 7)) {
      try splitter.split(classes: Self.classes)
    }
  }

  @Test func smallClassIsSpreadWhenAsked() throws {
    let splitter = try StratifiedKFold(foldCount: 7, smallClasses: .spread)
    let folds = try splitter.split(classes: Self.classes)
    #expect(folds.flatMap(\.test).sorted() == Array(0..<103))
    let perFold = folds.map { fold in fold.test.filter { Self.classes[$0] == 3 }.count }
    // Six members over seven folds: six folds hold one, one fold holds none.
    #expect(perFold.sorted() == [0, 1, 1, 1, 1, 1, 1])
  }

  @Test func emptyClassesAreIgnored() throws {
    let splitter = try StratifiedKFold(foldCount: 2, ordering: .sampleOrder)
    // Class 1 of 3 has no members; classes 0 and 2 are dealt as usual.
    #expect(try splitter.assignFolds(classes: [0, 2, 0, 2], classCount: 3) == [0, 0, 1, 1])
  }

  @Test func invalidConfigurationsAndInputs() throws {
    #expect(throws: EvaluationError.tooFewFolds(1)) { try StratifiedKFold(foldCount: 1) }
    let splitter = try StratifiedKFold(foldCount: 3)
    #expect(throws: EvaluationError.fewerSamplesThanFolds(samples: 2, folds: 3)) {
      try splitter.split(classes: [0, 1])
    }
    #expect(
      throws: EvaluationError.classIndexOutOfRange(
        what: "the class", sample: 1, index: 5, classCount: 2)
    ) {
      try splitter.split(classes: [0, 5, 1, 0], classCount: 2)
    }
  }
}
