import Classifier
import StanceTestSupport
import Testing

@Suite("ClassWeights")
struct ClassWeightsTests {
  let names = ["a", "b", "c"]
  let labels = [0, 0, 0, 1, 2, 2]

  @Test("none gives every class weight 1")
  func none() throws {
    let weights = try ClassWeights(.none, labels: labels, labelNames: names)
    #expect(weights.values == [1, 1, 1])
    #expect(
      weights.sampleWeights(labels: labels, sampleWeights: [1, 2, 3, 4, 5, 6]) == [
        1, 2, 3, 4, 5, 6,
      ])
  }

  @Test("balanced is n / (K · count_k), as scikit-learn's compute_class_weight")
  func balanced() throws {
    let weights = try ClassWeights(.balanced, labels: labels, labelNames: names)
    // sklearn: compute_class_weight("balanced", classes=[0,1,2], y=[0,0,0,1,2,2])
    //   → [0.66666667, 2.0, 1.0]; exact fractions 6/9, 6/3, 6/6 up to one rounding.
    #expect(isClose(weights.values[0], 2.0 / 3.0, tolerance: 1e-15))
    #expect(weights.values[1] == 2)
    #expect(weights.values[2] == 1)
    let perRow = weights.sampleWeights(labels: labels)
    #expect(isClose(perRow.reduce(0, +), 6, tolerance: 1e-15))
  }

  @Test("balanced with sample weights uses weighted counts (scikit-learn 1.9)")
  func balancedWithSampleWeights() throws {
    let sample = [1, 2, 1, 0.5, 1, 3]
    let weights = try ClassWeights(
      .balanced, labels: labels, labelNames: names, sampleWeights: sample)
    // sklearn 1.9.1: compute_class_weight(..., sample_weight=sample)
    //   → [0.70833333, 5.66666667, 0.70833333] = 8.5 / (3 · [4, 0.5, 4]).
    #expect(isClose(weights.values[0], 8.5 / 12, tolerance: 1e-15))
    #expect(isClose(weights.values[1], 8.5 / 1.5, tolerance: 1e-15))
    #expect(isClose(weights.values[2], 8.5 / 12, tolerance: 1e-15))
    let perRow = weights.sampleWeights(labels: labels, sampleWeights: sample)
    #expect(isClose(perRow[3], 0.5 * 8.5 / 1.5, tolerance: 1e-15))
  }

  @Test("balanced counts only the classes that occur; an absent class gets 0")
  func balancedWithAbsentClass() throws {
    let weights = try ClassWeights(
      .balanced, labels: [0, 0, 2], labelNames: ["a", "b", "c"])
    // Two classes present: 3 / (2 · 2) and 3 / (2 · 1).
    #expect(weights.values == [0.75, 0, 1.5])
  }

  @Test("explicit weights apply by label name; others stay 1")
  func explicit() throws {
    let weights = try ClassWeights(
      .explicit(["c": 4, "a": 0.5]), labels: labels, labelNames: names)
    #expect(weights.values == [0.5, 1, 4])
    #expect(weights.sampleWeights(labels: [2, 1, 0]) == [4, 1, 0.5])
  }

  @Test("bad weights and labels are typed errors")
  func errors() {
    #expect(throws: TrainingError.unknownClassWeightLabel("d", known: ["a", "b", "c"])) {
      try ClassWeights(.explicit(["d": 2]), labels: labels, labelNames: names)
    }
    #expect(
      throws: TrainingError.invalidConfiguration(.invalidClassWeight(label: "b", weight: 0))
    ) {
      try ClassWeights(.explicit(["b": 0]), labels: labels, labelNames: names)
    }
    #expect(throws: TrainingError.labelOutOfRange(row: 1, label: 3, classCount: 3)) {
      try ClassWeights(.none, labels: [0, 3], labelNames: names)
    }
    #expect(throws: TrainingError.invalidSampleWeight(row: 0, weight: -1)) {
      try ClassWeights(.balanced, labels: [0, 1], labelNames: names, sampleWeights: [-1, 1])
    }
    #expect(throws: TrainingError.sampleWeightCountMismatch(weights: 1, rows: 2)) {
      try ClassWeights(.balanced, labels: [0, 1], labelNames: names, sampleWeights: [1])
    }
  }
}
