import Evaluation
import LinearAlgebra
import StanceTestSupport
import Testing

/// Probabilistic metrics against hand computations and scikit-learn.
///
/// Reference values for `Example` were computed with scikit-learn 1.9.1:
/// ```python
/// import numpy as np
/// from sklearn.metrics import log_loss, brier_score_loss, roc_auc_score
/// y = np.array([0,0,0,0,1,1,1,2,2,2])
/// P = np.array([[.7,.2,.1],[.5,.3,.2],[.3,.5,.2],[.2,.2,.6],[.2,.6,.2],[.1,.8,.1],
///               [.5,.3,.2],[.1,.2,.7],[.2,.2,.6],[.3,.5,.2]])
/// w = np.array([1,2,1,0.5,1,3,1,1,2,0.5])
/// log_loss(y, P, labels=[0,1,2])                      # 0.8278113300803673
/// brier_score_loss(y, P, labels=[0,1,2])              # 0.47800000000000004
/// [roc_auc_score(y == k, P[:, k]) for k in range(3)]  # 0.7916666666666666,
///                                                     # 0.8809523809523809, 0.8333333333333333
/// roc_auc_score(y, P, multi_class="ovr", average="macro")  # 0.8353174603174601
/// log_loss(y, P, labels=[0,1,2], sample_weight=w)          # 0.6399180996403022
/// brier_score_loss(y, P, labels=[0,1,2], sample_weight=w)  # 0.346923076923077
/// [roc_auc_score(y == k, P[:, k], sample_weight=w) for k in range(3)]
///     # 0.9019607843137254, 0.9375, 0.9398496240601504
/// ```
@Suite struct ProbabilisticMetricsTests {
  /// Log loss matches scikit-learn.
  ///
  /// By hand: −(ln .7 + ln .5 + ln .3 + ln .2 + ln .6 + ln .8 + ln .3 + ln .7
  /// + ln .6 + ln .2)/10.
  @Test func logLossMatchesScikitLearn() throws {
    let loss = try ProbabilisticMetrics.logLoss(
      probabilities: Example.probabilities, truth: Example.truth)
    #expect(isClose(loss, 0.8278113300803673, tolerance: 1e-14))  // sum of 10 logs
  }

  /// A zero probability for the true class is clipped, so the loss stays finite.
  ///
  /// Sample 0's true class has probability exactly 0: clipped to ε = 2⁻⁵², so it costs
  /// −ln ε = 52·ln 2 = 36.04365338911715; sample 1 costs ln 2.
  /// scikit-learn: `log_loss([0,1], [[0,1],[.5,.5]])` = 18.36840028483855.
  @Test func zeroProbabilityForTheTrueClassIsClippedAndFinite() throws {
    let loss = try ProbabilisticMetrics.logLoss(
      probabilities: matrix([[0, 1], [0.5, 0.5]]), truth: [0, 1])
    #expect(loss.isFinite)
    #expect(ProbabilisticMetrics.clippingEpsilon == 0x1p-52)
    let ln2 = 0.6931471805599453
    #expect(isClose(loss, (52 * ln2 + ln2) / 2, tolerance: 1e-15))
    #expect(isClose(loss, 18.36840028483855, tolerance: 1e-14))
    // A certain, correct prediction costs −ln(1 − ε) ≈ ε, not exactly 0.
    let certain = try ProbabilisticMetrics.logLoss(probabilities: matrix([[1, 0]]), truth: [0])
    #expect(certain > 0 && certain < 1e-15)
  }

  /// Brier by hand, Σₖ (pₖ − 1[y=k])² per sample:
  /// .14 .38 .78 1.04 .24 .06 .78 .14 .24 .98 → sum 4.78 → mean 0.478.
  @Test func brierMatchesHandAndScikitLearn() throws {
    let brier = try ProbabilisticMetrics.brierScore(
      probabilities: Example.probabilities, truth: Example.truth)
    #expect(isClose(brier, 0.478, tolerance: 1e-14))
    #expect(isClose(brier, 0.47800000000000004, tolerance: 1e-14))
  }

  /// ROC-AUC with tied scores matches the Mann–Whitney count.
  ///
  /// Mann–Whitney by hand, ties counting ½:
  /// ```
  /// class 0: positives .7 .5 .3 .2 vs negatives .2 .1 .5 .1 .2 .3
  ///          6 + 5.5 + 4.5 + 3 = 19 of 4·6 = 24 → 0.791667
  /// class 1: positives .6 .8 .3 vs negatives .2 .3 .5 .2 .2 .2 .5
  ///          7 + 7 + 4.5 = 18.5 of 21 → 0.880952
  /// class 2: positives .7 .6 .2 vs negatives .1 .2 .2 .6 .2 .1 .2
  ///          7 + 6.5 + 4 = 17.5 of 21 → 0.833333
  /// macro = (19/24 + 18.5/21 + 17.5/21)/3
  /// ```
  @Test func rocAUCWithTiesMatchesHandAndScikitLearn() throws {
    let auc = try ProbabilisticMetrics.rocAUC(
      probabilities: Example.probabilities, truth: Example.truth)
    let tolerance = 1e-15
    let expected = [19.0 / 24, 18.5 / 21, 17.5 / 21]
    let sklearn = [0.7916666666666666, 0.8809523809523809, 0.8333333333333333]
    #expect(auc.count == 3)
    for k in 0..<3 {
      #expect(isClose(auc[k] ?? .nan, expected[k], tolerance: tolerance))
      #expect(isClose(auc[k] ?? .nan, sklearn[k], tolerance: tolerance))
    }
    let macro = ProbabilisticMetrics.macroAverage(auc)
    #expect(isClose(macro ?? .nan, 0.8353174603174601, tolerance: tolerance))
  }

  @Test func allTiedScoresGiveOneHalf() throws {
    let auc = try ProbabilisticMetrics.rocAUC(
      probabilities: matrix([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), truth: [0, 1, 1])
    #expect(auc == [0.5, 0.5])
  }

  @Test func perfectAndInvertedRankings() throws {
    let perfect = try ProbabilisticMetrics.rocAUC(
      probabilities: matrix([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]]), truth: [0, 0, 1])
    #expect(perfect == [1, 1])
    let inverted = try ProbabilisticMetrics.rocAUC(
      probabilities: matrix([[0.1, 0.9], [0.2, 0.8], [0.7, 0.3]]), truth: [0, 0, 1])
    #expect(inverted == [0, 0])
  }

  /// Class c never occurs in the truth, so it has no positives: its AUC is nil and the
  /// macro average runs over a and b only. By hand:
  /// ```
  /// a: positives .6 .4 vs negatives .2 .4 → (2 + 1.5)/4 = 0.875
  /// b: positives .5 .4 vs negatives .3 .4 → (2 + 1.5)/4 = 0.875
  /// ```
  @Test func classWithoutPositivesHasNoAUCAndIsLeftOutOfTheMacroAverage() throws {
    let metrics = try ProbabilisticMetrics(
      probabilities: matrix([
        [0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [0.4, 0.4, 0.2],
      ]),
      truth: [0, 1, 0, 1])
    #expect(metrics.rocAUC == [0.875, 0.875, nil])
    #expect(metrics.macroROCAUC == 0.875)
    // A single class present everywhere: no negatives for it, no positives for the rest.
    let single = try ProbabilisticMetrics.rocAUC(
      probabilities: matrix([[0.6, 0.4], [0.3, 0.7]]), truth: [0, 0])
    #expect(single == [nil, nil])
    #expect(ProbabilisticMetrics.macroAverage(single) == nil)
  }

  @Test func sampleWeightsMatchScikitLearn() throws {
    let metrics = try ProbabilisticMetrics(
      probabilities: Example.probabilities, truth: Example.truth, weights: Example.weights)
    let tolerance = 1e-14
    #expect(isClose(metrics.logLoss, 0.6399180996403022, tolerance: tolerance))
    #expect(isClose(metrics.brierScore, 0.346923076923077, tolerance: tolerance))
    let expected = [0.9019607843137254, 0.9375, 0.9398496240601504]
    for k in 0..<3 {
      #expect(isClose(metrics.rocAUC[k] ?? .nan, expected[k], tolerance: tolerance))
    }
  }

  /// Top-class confidences of `Example`: .7 .5 .5 .6 .6 .8 .5 .7 .6 .5, correct
  /// ✓ ✓ ✗ ✗ ✓ ✓ ✗ ✓ ✓ ✗. With 10 bins (bin = ⌊10c⌋):
  /// ```
  /// bin 5 [.5,.6): samples 1 2 6 9 → count 4, confidence .5, accuracy 1/4
  /// bin 6 [.6,.7): samples 3 4 8   → count 3, confidence .6, accuracy 2/3
  /// bin 7 [.7,.8): samples 0 7     → count 2, confidence .7, accuracy 1
  /// bin 8 [.8,.9): sample 5        → count 1, confidence .8, accuracy 1
  /// ECE = .4·|.25−.5| + .3·|2/3−.6| + .2·|1−.7| + .1·|1−.8| = .1 + .02 + .06 + .02 = .2
  /// ```
  @Test func calibrationBinsByHand() throws {
    let curve = try ProbabilisticMetrics.calibration(
      probabilities: Example.probabilities, truth: Example.truth, binCount: 10)
    let tolerance = 1e-15
    #expect(curve.bins.count == 10)
    #expect(curve.bins.map(\.count) == [0, 0, 0, 0, 0, 4, 3, 2, 1, 0])
    #expect(curve.bins.map(\.weight) == [0, 0, 0, 0, 0, 4, 3, 2, 1, 0])
    #expect(isClose(curve.bins[3].lowerBound, 0.3, tolerance: tolerance))
    #expect(isClose(curve.bins[3].upperBound, 0.4, tolerance: tolerance))
    #expect(curve.bins[0].meanConfidence == nil && curve.bins[0].accuracy == nil)
    let confidences: [Double] = [0.5, 0.6, 0.7, 0.8]
    let accuracies: [Double] = [0.25, 2.0 / 3, 1, 1]
    for (offset, bin) in curve.bins[5...8].enumerated() {
      #expect(isClose(bin.meanConfidence ?? .nan, confidences[offset], tolerance: tolerance))
      #expect(isClose(bin.accuracy ?? .nan, accuracies[offset], tolerance: tolerance))
    }
    #expect(isClose(curve.expectedCalibrationError, 0.2, tolerance: 1e-15))
  }

  /// Checks the bin edges and the argmax tie-break.
  ///
  /// Confidence exactly 1 goes to the last bin; a tie between classes predicts the first.
  /// Two bins: [1, 0] → bin 1, correct; [.5, .5] with truth 1 → bin 1, predicted 0, wrong.
  /// Bin 1: confidence (1 + .5)/2 = .75, accuracy 1/2 → ECE = |.5 − .75| = .25.
  @Test func calibrationEdges() throws {
    let curve = try ProbabilisticMetrics.calibration(
      probabilities: matrix([[1, 0], [0.5, 0.5]]), truth: [0, 1], binCount: 2)
    #expect(curve.bins.map(\.count) == [0, 2])
    #expect(curve.bins[1].meanConfidence == 0.75)
    #expect(curve.bins[1].accuracy == 0.5)
    #expect(curve.expectedCalibrationError == 0.25)
    #expect(
      ProbabilisticMetrics.predictedClasses(probabilities: matrix([[0.5, 0.5], [0.2, 0.8]]))
        == [0, 1])
  }

  @Test func noSamplesGiveNaNNotZero() throws {
    let metrics = try ProbabilisticMetrics(
      probabilities: DenseMatrix(rows: 0, columns: 2), truth: [])
    #expect(metrics.logLoss.isNaN && metrics.brierScore.isNaN)
    #expect(metrics.rocAUC == [nil, nil] && metrics.macroROCAUC == nil)
    #expect(metrics.calibration.expectedCalibrationError.isNaN)
  }

  @Test(arguments: [
    (
      [[0.5, 0.5]], [0, 1],
      EvaluationError.probabilityShapeMismatch(
        rows: 1, columns: 2, expectedRows: 2, expectedColumns: 2)
    ),
    ([[1.2, -0.2]], [0], .invalidProbability(sample: 0, classIndex: 0, value: 1.2)),
    ([[0.5, .nan]], [0], .invalidProbability(sample: 0, classIndex: 1, value: .nan)),
    ([[0.5, 0.5], [0.5, 0.4]], [0, 1], .probabilitiesDoNotSumToOne(sample: 1, sum: 0.9)),
    (
      [[0.5, 0.5]], [2],
      .classIndexOutOfRange(
        what: "the true class", sample: 0, index: 2, classCount: 2)
    ),
  ])
  func rejectsBadProbabilities(rows: [[Double]], truth: [Int], expected: EvaluationError) {
    do {
      _ = try ProbabilisticMetrics(probabilities: matrix(rows), truth: truth)
      Issue.record("expected \(expected)")
    } catch {
      // NaN payloads never compare equal, so compare the descriptions.
      #expect(error.description == expected.description)
    }
  }

  @Test func rejectsBadBinCountAndWeights() {
    #expect(throws: EvaluationError.invalidBinCount(0)) {
      try ProbabilisticMetrics.calibration(
        probabilities: matrix([[1, 0]]), truth: [0], binCount: 0)
    }
    #expect(throws: EvaluationError.invalidWeight(sample: 0, value: -1)) {
      try ProbabilisticMetrics.brierScore(
        probabilities: matrix([[1, 0]]), truth: [0], weights: [-1])
    }
  }
}
