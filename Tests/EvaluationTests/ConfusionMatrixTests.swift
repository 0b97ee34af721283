import Evaluation
import LinearAlgebra
import Testing

@Suite struct ConfusionMatrixTests {
  @Test func countsByHand() throws {
    let confusion = try ConfusionMatrix(
      labels: Example.labels, truth: Example.truth, predicted: Example.predicted)
    // See `Example`: rows true, columns predicted.
    #expect(confusion.rows == [[2, 1, 1], [1, 2, 0], [0, 1, 2]])
    #expect(confusion.sampleCount == 10)
    #expect(confusion.total == 10)
    #expect(confusion.correct == 6)
    #expect((0..<3).map { confusion.support(of: $0) } == [4, 3, 3])
    #expect((0..<3).map { confusion.predictedCount(of: $0) } == [3, 4, 3])
    #expect((0..<3).map { confusion.truePositives(of: $0) } == [2, 2, 2])
    #expect(confusion[0, 2] == 1)
    #expect(confusion.hasIntegralCounts)
  }

  @Test func weightedCounts() throws {
    // truth 0 0 1, predicted 0 1 1, weights 0.5 2 1.5:
    //   C[0][0] = 0.5, C[0][1] = 2, C[1][1] = 1.5.
    let confusion = try ConfusionMatrix(
      labels: ["a", "b"], truth: [0, 0, 1], predicted: [0, 1, 1], weights: [0.5, 2, 1.5])
    #expect(confusion.rows == [[0.5, 2], [0, 1.5]])
    #expect(confusion.total == 4)
    #expect(confusion.sampleCount == 3)
    #expect(!confusion.hasIntegralCounts)
  }

  @Test func classAbsentEverywhereKeepsItsRowAndColumn() throws {
    let confusion = try ConfusionMatrix(
      labels: ["a", "b", "c"], truth: [0, 1], predicted: [1, 1])
    #expect(confusion.rows == [[0, 1, 0], [0, 1, 0], [0, 0, 0]])
  }

  @Test func reorderedPermutesRowsAndColumns() throws {
    let confusion = try ConfusionMatrix(
      labels: Example.labels, truth: Example.truth, predicted: Example.predicted)
    let reordered = try confusion.reordered(as: ["neutral", "against", "favor"])
    // New row/column i is old index [2, 0, 1][i].
    #expect(reordered.rows == [[2, 0, 1], [1, 2, 1], [0, 1, 2]])
    #expect(throws: EvaluationError.self) {
      try confusion.reordered(as: ["neutral", "against", "other"])
    }
  }

  @Test(arguments: [
    (
      ["a", "b"], [0, 1], [0], nil as [Double]?,
      EvaluationError.lengthMismatch(what: "predicted", expected: 2, actual: 1)
    ),
    (
      ["a", "b"], [0, 2], [0, 1], nil,
      .classIndexOutOfRange(what: "the true class", sample: 1, index: 2, classCount: 2)
    ),
    (
      ["a", "b"], [0, 1], [-1, 1], nil,
      .classIndexOutOfRange(what: "the predicted class", sample: 0, index: -1, classCount: 2)
    ),
    ([], [], [], nil, .noLabels),
    (["a", "b", "a"], [0], [0], nil, .duplicateLabel("a", firstIndex: 0, secondIndex: 2)),
    (["a", "b"], [0, 1], [0, 1], [1, -1], .invalidWeight(sample: 1, value: -1)),
    (["a", "b"], [0, 1], [0, 1], [1], .lengthMismatch(what: "weights", expected: 2, actual: 1)),
  ])
  func rejectsBadInput(
    labels: [String], truth: [Int], predicted: [Int], weights: [Double]?,
    expected: EvaluationError
  ) {
    #expect(throws: expected) {
      try ConfusionMatrix(labels: labels, truth: truth, predicted: predicted, weights: weights)
    }
    #expect(!expected.description.isEmpty)
  }

  @Test func nonFiniteWeightIsRejected() {
    #expect(throws: EvaluationError.self) {
      try ConfusionMatrix(labels: ["a"], truth: [0], predicted: [0], weights: [.nan])
    }
  }
}
