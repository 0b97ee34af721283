import Evaluation
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

/// A five-sample, two-class case small enough to check every printed digit by hand.
///
/// ```
/// truth     0 0 0 1 1
/// predicted 0 1 0 1 1      (the argmax of each probability row)
/// confusion [[2, 1], [0, 2]]
/// against: P = 2/2 = 1, R = 2/3, F1 = 4/(4+0+1) = .8, support 3
/// favor:   P = 2/3, R = 2/2 = 1, F1 = 4/(4+1+0) = .8, support 2
/// accuracy .8; macro (5/6, 5/6, .8); weighted P = (3·1 + 2·2/3)/5 = 13/15, R = F1 = .8
/// log loss = −(ln .8 + ln .4 + ln .6 + ln .7 + ln .9)/5 = 0.422458…
/// brier = (.08 + .72 + .32 + .18 + .02)/5 = .264
/// ROC-AUC: every positive outscores every negative for both classes → 1, 1; macro 1
/// ```
private enum Small {
  static let labels = ["against", "favor"]
  static let truth = [0, 0, 0, 1, 1]
  static let probabilities = matrix([
    [0.8, 0.2], [0.4, 0.6], [0.6, 0.4], [0.3, 0.7], [0.1, 0.9],
  ])

  static func report() throws -> ClassificationReport {
    try ClassificationReport(labels: labels, truth: truth, probabilities: probabilities)
  }
}

@Suite struct ClassificationReportTests {
  @Test func valuesOfTheSmallCase() throws {
    let report = try Small.report()
    let tolerance = 1e-15
    #expect(report.n == 5)
    #expect(report.confusion == .init(labels: Small.labels, matrix: [[2, 1], [0, 2]]))
    #expect(isClose(report.accuracy, 0.8, tolerance: tolerance))
    #expect(isClose(report.macroPrecision, 5.0 / 6, tolerance: tolerance))
    #expect(isClose(report.weightedPrecision, 13.0 / 15, tolerance: tolerance))
    #expect(isClose(report.macroF1, 0.8, tolerance: tolerance))
    #expect(isClose(report.weightedF1, 0.8, tolerance: tolerance))
    let logLoss = -(log(0.8) + log(0.4) + log(0.6) + log(0.7) + log(0.9)) / 5
    #expect(isClose(report.logLoss ?? .nan, logLoss, tolerance: tolerance))
    #expect(isClose(report.brier ?? .nan, 0.264, tolerance: tolerance))
    #expect(report.rocAUCMacro == 1)
    #expect(report.classes.map(\.rocAUC) == [1, 1])
    #expect(report.calibration?.bins.count == 10)
  }

  @Test func jsonHasExactlyTheContractKeys() throws {
    let data = try JSONEncoder().encode(try Small.report())
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    // DESIGN.md §3 requires n, accuracy, macro_f1, weighted_f1, log_loss, classes and
    // confusion; the others are our documented additions.
    #expect(
      Set(object.keys) == [
        "n", "accuracy", "macro_f1", "weighted_f1", "log_loss", "classes", "confusion",
        "macro_precision", "macro_recall", "weighted_precision", "weighted_recall",
        "micro_f1", "brier", "roc_auc_macro", "zero_division", "calibration",
      ])
    #expect(object["n"] as? Int == 5)
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes.count == 2)
    for row in classes {
      #expect(Set(row.keys) == ["label", "precision", "recall", "f1", "support", "roc_auc"])
    }
    #expect(classes.map { $0["label"] as? String } == ["against", "favor"])
    #expect(classes.map { $0["support"] as? Int } == [3, 2])
    let confusion = try #require(object["confusion"] as? [String: Any])
    #expect(Set(confusion.keys) == ["labels", "matrix"])
    #expect(confusion["labels"] as? [String] == ["against", "favor"])
    #expect(confusion["matrix"] as? [[Int]] == [[2, 1], [0, 2]])
    let calibration = try #require(object["calibration"] as? [String: Any])
    #expect(Set(calibration.keys) == ["bins", "expected_calibration_error"])
    let bins = try #require(calibration["bins"] as? [[String: Any]])
    #expect(Set(bins[0].keys) == ["lower", "upper", "count", "mean_confidence", "accuracy"])
    #expect(bins[0]["mean_confidence"] is NSNull)  // empty bin
  }

  @Test func jsonWritesAbsentAndNonFiniteValuesAsNull() throws {
    // No probabilities, and a class never predicted nor true under the NaN rule.
    let report = try ClassificationReport(
      labels: ["a", "b", "c"], truth: [0, 1], predicted: [0, 0], zeroDivision: .notANumber)
    let data = try JSONEncoder().encode(report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["log_loss"] is NSNull)
    #expect(object["brier"] is NSNull)
    #expect(object["roc_auc_macro"] is NSNull)
    #expect(object["calibration"] is NSNull)
    #expect(object["zero_division"] as? String == "notANumber")
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes[2]["precision"] is NSNull)  // c: 0/0 under .notANumber
    #expect(classes[1]["precision"] is NSNull)  // b: never predicted
    #expect(classes[1]["recall"] as? Double == 0)
    let decoded = try JSONDecoder().decode(ClassificationReport.self, from: data)
    #expect(decoded.classes[2].precision.isNaN)
    #expect(decoded.logLoss == nil && decoded.calibration == nil)
  }

  @Test func jsonRoundTrips() throws {
    let report = try Small.report()
    let decoded = try JSONDecoder().decode(
      ClassificationReport.self, from: try JSONEncoder().encode(report))
    #expect(decoded == report)
  }

  @Test func textTableOfTheSmallCase() throws {
    // Digits by hand from `Small`: log loss 0.422458… → 0.4225, weighted P 13/15 → 0.8667.
    // Calibration: top-class confidences 0.8 ✓, 0.6 ✗, 0.6 ✓, 0.7 ✓, 0.9 ✓ fall in bins
    // 0.6 (2, accuracy 0.5), 0.7, 0.8, 0.9 (1 each, all right); ECE = 2/5·0.1 + 1/5·0.3 +
    // 1/5·0.2 + 1/5·0.1 = 0.16.
    let expected = """
                         precision  recall      f1  support
      against               1.0000  0.6667  0.8000        3
      favor                 0.6667  1.0000  0.8000        2

      accuracy                              0.8000        5
      macro avg             0.8333  0.8333  0.8000        5
      weighted avg          0.8667  0.8000  0.8000        5

      log loss              0.4225
      brier                 0.2640
      roc auc (macro)       1.0000
      calibration error     0.1600

      reliability (top-class confidence bins)
      confidence  count  mean confidence  accuracy
      0.60-0.70       2           0.6000    0.5000
      0.70-0.80       1           0.7000    1.0000
      0.80-0.90       1           0.8000    1.0000
      0.90-1.00       1           0.9000    1.0000

      confusion matrix (rows: true, columns: predicted)
               against  favor
      against        2      1
      favor          0      2

      """
    #expect(try Small.report().renderText() == expected)
  }

  @Test func textTableShowsDashesForMissingAndUndefinedValues() throws {
    let report = try ClassificationReport(
      labels: ["a", "b"], truth: [0, 0], predicted: [0, 0], weights: [0.5, 1],
      zeroDivision: .notANumber)
    // b: precision, recall, F1 all 0/0 → NaN → "-"; weighted counts → two decimals.
    let expected = """
                         precision  recall      f1  support
      a                     1.0000  1.0000  1.0000     1.50
      b                          -       -       -     0.00

      accuracy                              1.0000     1.50
      macro avg             1.0000  1.0000  1.0000     1.50
      weighted avg          1.0000  1.0000  1.0000     1.50

      log loss                   -
      brier                      -
      roc auc (macro)            -
      calibration error          -

      confusion matrix (rows: true, columns: predicted)
            a     b
      a  1.50  0.00
      b  0.00  0.00

      """
    #expect(report.renderText() == expected)
    #expect(
      report.renderText(decimals: 2).contains("a                       1.00    1.00  1.00     1.50")
    )
  }
}
