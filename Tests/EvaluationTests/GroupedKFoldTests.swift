import Evaluation
import Testing

@Suite struct GroupedKFoldTests {
  @Test func groupsStayTogetherAndFoldsStayBalanced() throws {
    // 40 groups of sizes 1...4, classes by group.
    var classes: [Int] = []
    var groups: [Int] = []
    for group in 0..<40 {
      for _ in 0..<(1 + group % 4) {
        classes.append(group % 3)
        groups.append(group * 7)
      }
    }
    let splitter = try StratifiedKFold(foldCount: 4, ordering: .shuffled(seed: 9))
    let assignment = try splitter.assignFolds(classes: classes, groups: groups)
    var foldOfGroup: [Int: Int] = [:]
    for (sample, fold) in assignment.enumerated() {
      #expect(foldOfGroup[groups[sample], default: fold] == fold)
      foldOfGroup[groups[sample]] = fold
    }
    let folds = try splitter.split(classes: classes, groups: groups)
    #expect(folds.flatMap(\.test).sorted() == Array(classes.indices))
    for k in 0..<3 {
      let counts = folds.map { fold in fold.test.filter { classes[$0] == k }.count }
      // Groups hold at most 4 samples, so greedy placement keeps counts within one group.
      #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 4, "class \(k): \(counts)")
    }
    #expect(try splitter.assignFolds(classes: classes, groups: groups) == assignment)
    let other = try StratifiedKFold(foldCount: 4, ordering: .shuffled(seed: 10))
    #expect(try other.assignFolds(classes: classes, groups: groups) != assignment)
  }

  @Test func everyFoldGetsAGroupAndTooFewGroupsThrow() throws {
    let splitter = try StratifiedKFold(foldCount: 3, ordering: .sampleOrder)
    #expect(
      try splitter.assignFolds(classes: [0, 0, 1, 1, 0, 1], groups: [1, 1, 2, 2, 3, 3])
        == [0, 0, 1, 1, 2, 2])
    #expect(throws: EvaluationError.fewerGroupsThanFolds(groups: 2, folds: 3)) {
      try splitter.assignFolds(classes: [0, 1, 0, 1], groups: [5, 5, 6, 6])
    }
    #expect(throws: EvaluationError.lengthMismatch(what: "the group list", expected: 2, actual: 1))
    {
      try splitter.assignFolds(classes: [0, 1], groups: [1])
    }
  }

  @Test func holdOutIsStratifiedSeededAndDisjoint() throws {
    let classes = Array(repeating: 0, count: 50) + Array(repeating: 1, count: 30)
    let split = try StratifiedHoldOut(classes: classes, fraction: 0.2, seed: 4)
    #expect(split.heldOut.filter { classes[$0] == 0 }.count == 10)
    #expect(split.heldOut.filter { classes[$0] == 1 }.count == 6)
    #expect(Set(split.heldOut).isDisjoint(with: split.training))
    #expect((split.heldOut + split.training).sorted() == Array(classes.indices))
    #expect(try StratifiedHoldOut(classes: classes, fraction: 0.2, seed: 4) == split)
    #expect(try StratifiedHoldOut(classes: classes, fraction: 0.2, seed: 5) != split)
    #expect(throws: EvaluationError.invalidHoldOutFraction(1)) {
      try StratifiedHoldOut(classes: classes, fraction: 1, seed: 0)
    }
  }
}
