import Evaluation
import LinearAlgebra
import StanceTestSupport
import Testing

/// Precision–recall curves against hand computations.
///
/// The first example is scikit-learn's documentation example of `precision_recall_curve`
/// (y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]), whose `average_precision_score` is
/// 0.8333…; here the class-1 scores are column 1 of a two-class probability matrix.
@Suite struct PrecisionRecallCurveTests {
  /// Two columns whose second is `scores`.
  static func matrix(_ scores: [Double]) -> DenseMatrix {
    DenseMatrix(rows: scores.count, columns: 2, storage: scores.flatMap { [1 - $0, $0] })
  }

  @Test func pointsAndAveragePrecisionOfTheDocumentationExample() {
    let curve = PrecisionRecallCurve(
      probabilities: Self.matrix([0.1, 0.4, 0.35, 0.8]), truth: [0, 0, 1, 1], classIndex: 1)
    #expect(curve.points.map(\.threshold) == [0.8, 0.4, 0.35, 0.1])
    #expect(curve.points.map(\.recall) == [0.5, 0.5, 1, 1])
    let precisions = curve.points.map(\.precision)
    let expected = [1, 0.5, 2.0 / 3, 0.5]
    for (value, wanted) in zip(precisions, expected) {
      #expect(abs(value - wanted) <= 1e-12)
    }
    #expect(abs((curve.averagePrecision ?? 0) - 5.0 / 6) <= 1e-12)
    #expect(curve.prevalence == 0.5)
  }

  @Test func tiedScoresGiveOnePoint() {
    let curve = PrecisionRecallCurve(
      probabilities: Self.matrix([0.9, 0.6, 0.6, 0.2]), truth: [1, 1, 0, 0], classIndex: 1)
    #expect(curve.points.map(\.threshold) == [0.9, 0.6, 0.2])
    #expect(curve.points.map(\.precision) == [1, 2.0 / 3, 0.5])
    // AP = 0.5 · 1 + 0.5 · 2/3.
    #expect(abs((curve.averagePrecision ?? 0) - (0.5 + 1.0 / 3)) <= 1e-12)
  }

  @Test func aClassWithNoPositiveHasNoCurve() {
    let curve = PrecisionRecallCurve(
      probabilities: Self.matrix([0.9, 0.1]), truth: [0, 0], classIndex: 1)
    #expect(curve.points.isEmpty)
    #expect(curve.averagePrecision == nil)
    #expect(curve.prevalence == 0)
  }
}
