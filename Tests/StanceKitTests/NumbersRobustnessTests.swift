import Classifier
import Foundation
import LinearAlgebra
import StanceKit
import Testing
import TextFeatures

/// NaN and infinity are caught where they arise, as typed errors that say where; a model
/// never holds one (the model-file side is in ModelFileRobustnessTests).
@Suite struct NumbersRobustnessTests {
  private static let texts = ["we will strike", "peace talks now", "the meeting is today"]
  private static let labels = ["hawkish", "conciliatory", "neutral"]

  @Test(arguments: [Double.nan, Double.infinity, -Double.infinity, -1])
  func invalidSampleWeightNamesItsRow(weight: Double) {
    var weights = [1.0, 1.0, 1.0]
    weights[1] = weight
    do {
      _ = try Pipeline.fit(
        texts: Self.texts, labels: Self.labels, training: TrainingConfiguration(threads: 1),
        sampleWeights: weights)
      Issue.record("expected the weight \(weight) to be refused")
    } catch {
      guard case .training(.invalidSampleWeight(let row, _)) = error else {
        Issue.record("expected invalidSampleWeight, got \(error)")
        return
      }
      #expect(row == 1)
      #expect(error.description.contains("1"))
    }
  }

  @Test(arguments: [Float.nan, Float.infinity])
  func nonFiniteFeatureValueNamesItsRowAndColumn(value: Float) throws {
    // Row 0: columns 0, 1; row 1: empty; row 2: columns 1, 2 with the bad value at 2.
    let features = SparseMatrix(
      rowCount: 3, columnCount: 3, rowStarts: [0, 2, 2, 4], columnIndices: [0, 1, 1, 2],
      values: [1, 0.5, 0.25, value])
    #expect(throws: TrainingError.nonFiniteFeatureValue(row: 2, column: 2)) {
      try Trainer(configuration: TrainingConfiguration(threads: 1)).train(
        features: features, labels: [0, 1, 0], labelNames: ["a", "b"])
    }
  }

  @Test func vectorizerValuesAreFiniteForExtremeCounts() throws {
    // 200,000 repeats of one word with raw counts and no normalisation: large but finite.
    let document = String(repeating: "war ", count: 200_000)
    let fitted = try Vectorizer.fitTransform(
      [document, "peace"],
      configuration: VectorizerConfiguration(
        wordNGrams: .unigrams,
        weighting: TermWeighting(scheme: .tfidf, normalization: .disabled)))
    #expect(fitted.matrix.values.allSatisfy { $0.isFinite })
    // tf · idf = 200,000 · (ln(3/2) + 1), within Float rounding of the product.
    let value = try #require(fitted.matrix.entries(ofRow: 0).first?.value)
    #expect(abs(Double(value) - 200_000 * (log(1.5) + 1)) <= 0.05)
  }
}
