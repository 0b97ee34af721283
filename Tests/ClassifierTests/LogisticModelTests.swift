import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@Suite("LogisticModel")
struct LogisticModelTests {
  /// d = 3, K = 3; feature 1 ties for classes 0 and 1.
  let model = LogisticModel(
    labels: ["neg", "neu", "pos"],
    weights: DenseMatrix(rows: 3, columns: 3, storage: [1, -1, 0, 2, 2, -4, 0, 0.5, 3]),
    intercepts: [0.1, 0.2, -0.3])

  /// Rows: {0: 1, 2: 2}, empty, {1: 0.5}, {2: 0 stored explicitly}.
  var features: SparseMatrix {
    var builder = SparseMatrix.Builder(columnCount: 3)
    builder.appendRow(columns: [0, 2], values: [1, 2])
    builder.appendEmptyRow()
    builder.appendRow(columns: [1], values: [0.5])
    builder.appendRow(columns: [2], values: [0])
    return builder.build()
  }

  @Test("decision values are X·W + b")
  func decisionValues() {
    let scores = model.decisionValues(features)
    let expected: [[Double]] = [
      [1.1, 0.2, 5.7], [0.1, 0.2, -0.3], [1.1, 1.2, -2.3], [0.1, 0.2, -0.3],
    ]
    for row in 0..<4 {
      // One rounding per sum of small values.
      #expect(maxAbsoluteDifference(scores.row(row), expected[row]) <= 1e-15)
    }
  }

  @Test("probabilities are a stable softmax; empty rows get softmax(b)")
  func probabilities() {
    let probabilities = model.probabilities(features)
    for row in 0..<4 {
      // Rows sum to 1 within a few roundings.
      #expect(isClose(probabilities.row(row).reduce(0, +), 1, tolerance: 1e-15))
    }
    let b = [0.1, 0.2, -0.3]
    let denominator = b.map { exp($0) }.reduce(0, +)
    let interceptOnly = b.map { exp($0) / denominator }
    #expect(maxAbsoluteDifference(probabilities.row(1), interceptOnly) <= 1e-15)
    #expect(probabilities.row(3) == probabilities.row(1))
  }

  @Test("huge scores give finite probabilities")
  func hugeScores() {
    let extreme = LogisticModel(
      labels: ["a", "b"], weights: DenseMatrix(rows: 1, columns: 2, storage: [1e6, -1e6]),
      intercepts: [0, 0])
    var builder = SparseMatrix.Builder(columnCount: 1)
    builder.appendRow(columns: [0], values: [1000])
    let probabilities = extreme.probabilities(builder.build())
    #expect(probabilities.row(0) == [1, 0])
  }

  @Test("predictions take the largest score, the lowest index on ties")
  func predictions() {
    let tie = LogisticModel(
      labels: ["a", "b", "c"], weights: DenseMatrix(rows: 1, columns: 3, storage: [0, 1, 1]),
      intercepts: [0, 0, 0])
    var builder = SparseMatrix.Builder(columnCount: 1)
    builder.appendRow(columns: [0], values: [1])
    builder.appendEmptyRow()
    #expect(tie.predictions(builder.build()) == [1, 0])
    #expect(model.predictions(features) == [2, 1, 1, 1])
  }

  @Test("top features: weight descending, ties by feature index")
  func topFeatures() {
    let top = model.topFeatures(forClass: 0, count: 2)
    #expect(top.map(\.feature) == [1, 0])
    #expect(top.map(\.weight) == [2, 1])
    let tied = LogisticModel(
      labels: ["a", "b"],
      weights: DenseMatrix(rows: 4, columns: 2, storage: [1, 0, 3, 0, 1, 0, 3, 0]),
      intercepts: [0, 0])
    #expect(tied.topFeatures(forClass: 0, count: 10).map(\.feature) == [1, 3, 0, 2])
    #expect(model.topFeatures(forClass: 2, count: 0).isEmpty)
  }

  @Test("contributions add up to the score minus the intercept")
  func contributions() {
    let parts = model.contributions(ofRow: 0, in: features, forClass: 2)
    #expect(parts.map(\.feature) == [0, 2])
    #expect(parts.map(\.contribution) == [0, 6])
    #expect(model.contributions(ofRow: 1, in: features, forClass: 0).isEmpty)
  }

  @Test("round-trips through JSON; inconsistent shapes are refused")
  func codable() throws {
    let data = try JSONEncoder().encode(model)
    #expect(try JSONDecoder().decode(LogisticModel.self, from: data) == model)
    let bad = Data(
      #"{"labels":["a","b"],"weights":{"rows":1,"columns":3,"storage":[1,2,3]},"intercepts":[0,0]}"#
        .utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(LogisticModel.self, from: bad) }
  }
}
