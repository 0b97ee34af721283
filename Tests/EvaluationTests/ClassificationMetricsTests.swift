import Evaluation
import StanceTestSupport
import Testing

@Suite struct ClassificationMetricsTests {
  /// Every metric of `Example` matches a hand computation.
  ///
  /// Hand computation for `Example` (tp = 2 2 2, predicted = 3 4 3, support = 4 3 3):
  /// ```
  /// precision = 2/3, 2/4, 2/3
  /// recall    = 2/4, 2/3, 2/3
  /// f1 = 2tp/(2tp+fp+fn) = 4/(4+1+2) = 4/7, 4/(4+2+1) = 4/7, 4/(4+1+1) = 2/3
  /// accuracy  = 6/10
  /// macro P   = (2/3 + 1/2 + 2/3)/3 = 11/18,  macro R = (1/2 + 2/3 + 2/3)/3 = 11/18
  /// macro F1  = (4/7 + 4/7 + 2/3)/3 = 38/63
  /// weighted P = (4·2/3 + 3·1/2 + 3·2/3)/10 = 37/60
  /// weighted R = (4·1/2 + 3·2/3 + 3·2/3)/10 = 6/10
  /// weighted F1 = (4·4/7 + 3·4/7 + 3·2/3)/10 = 6/10
  /// micro P = R = F1 = 6/10
  /// ```
  /// scikit-learn 1.9.1 `precision_recall_fscore_support(y, pred, labels=[0,1,2])` agrees:
  /// macro (0.6111, 0.6111, 0.6032), weighted (0.6167, 0.6, 0.6), micro (0.6, 0.6, 0.6).
  @Test func handComputedExample() throws {
    let metrics = ClassificationMetrics(
      confusion: try ConfusionMatrix(
        labels: Example.labels, truth: Example.truth, predicted: Example.predicted))
    let tolerance = 1e-15  // a few divisions and sums of small rationals
    let expected: [(Double, Double, Double, Double)] = [
      (2.0 / 3, 0.5, 4.0 / 7, 4), (0.5, 2.0 / 3, 4.0 / 7, 3), (2.0 / 3, 2.0 / 3, 2.0 / 3, 3),
    ]
    #expect(metrics.perClass.map(\.label) == Example.labels)
    for (row, want) in zip(metrics.perClass, expected) {
      #expect(isClose(row.precision, want.0, tolerance: tolerance))
      #expect(isClose(row.recall, want.1, tolerance: tolerance))
      #expect(isClose(row.f1, want.2, tolerance: tolerance))
      #expect(row.support == want.3)
    }
    #expect(isClose(metrics.accuracy, 0.6, tolerance: tolerance))
    #expect(isClose(metrics.macro.precision, 11.0 / 18, tolerance: tolerance))
    #expect(isClose(metrics.macro.recall, 11.0 / 18, tolerance: tolerance))
    #expect(isClose(metrics.macro.f1, 38.0 / 63, tolerance: tolerance))
    #expect(isClose(metrics.weighted.precision, 37.0 / 60, tolerance: tolerance))
    #expect(isClose(metrics.weighted.recall, 0.6, tolerance: tolerance))
    #expect(isClose(metrics.weighted.f1, 0.6, tolerance: tolerance))
    #expect(isClose(metrics.micro.precision, 0.6, tolerance: tolerance))
    #expect(isClose(metrics.micro.recall, 0.6, tolerance: tolerance))
    #expect(isClose(metrics.microF1, 0.6, tolerance: tolerance))
    #expect(metrics.zeroDivision == .zero)
  }

  /// One 0/0 case per `ZeroDivision` rule.
  ///
  /// labels a b c, truth 0 0 1 1, predicted 0 0 0 0. Confusion [[2,0,0],[2,0,0],[0,0,0]].
  /// ```
  /// a: P = 2/4, R = 2/2, F1 = 4/(4+2+0) = 2/3
  /// b: P = 0/0 (never predicted), R = 0/2, F1 = 0/(0+0+2) = 0
  /// c: P = R = F1 = 0/0 (absent from truth and predictions), support 0
  /// ```
  /// With z the 0/0 value (NaN entries skipped by the averages):
  /// ```
  /// z = 0:   macro (1/6, 1/3, 2/9)   weighted (1/4, 1/2, 1/3)
  /// z = 1:   macro (5/6, 2/3, 5/9)   weighted (3/4, 1/2, 1/3)
  /// z = NaN: macro (1/2, 1/2, 1/3)   weighted (1/2, 1/2, 1/3)
  /// micro always 2/4 = 1/2
  /// ```
  /// scikit-learn 1.9.1 gives the same with `zero_division=0`, `1`, `np.nan`:
  /// `precision_recall_fscore_support([0,0,1,1], [0,0,0,0], labels=[0,1,2], average=...)`.
  struct ZeroDivisionCase: Sendable, CustomTestStringConvertible {
    let rule: ZeroDivision
    let precision: [Double]
    let recall: [Double]
    let f1: [Double]
    /// Precision, recall, F1.
    let macro: [Double]
    /// Precision, recall, F1.
    let weighted: [Double]
    var testDescription: String { "\(rule)" }
  }

  static let zeroDivisionCases: [ZeroDivisionCase] = [
    ZeroDivisionCase(
      rule: .zero, precision: [0.5, 0, 0], recall: [1, 0, 0], f1: [2.0 / 3, 0, 0],
      macro: [1.0 / 6, 1.0 / 3, 2.0 / 9], weighted: [0.25, 0.5, 1.0 / 3]),
    ZeroDivisionCase(
      rule: .one, precision: [0.5, 1, 1], recall: [1, 0, 1], f1: [2.0 / 3, 0, 1],
      macro: [5.0 / 6, 2.0 / 3, 5.0 / 9], weighted: [0.75, 0.5, 1.0 / 3]),
    ZeroDivisionCase(
      rule: .notANumber, precision: [0.5, .nan, .nan], recall: [1, 0, .nan],
      f1: [2.0 / 3, 0, .nan], macro: [0.5, 0.5, 1.0 / 3], weighted: [0.5, 0.5, 1.0 / 3]),
  ]

  @Test(arguments: zeroDivisionCases)
  func zeroDivisionPolicies(_ expected: ZeroDivisionCase) throws {
    let rule = expected.rule
    let metrics = ClassificationMetrics(
      confusion: try ConfusionMatrix(
        labels: ["a", "b", "c"], truth: [0, 0, 1, 1], predicted: [0, 0, 0, 0]),
      zeroDivision: rule)
    let tolerance = 1e-15
    func same(_ actual: [Double], _ expected: [Double]) -> Bool {
      zip(actual, expected).allSatisfy {
        $0.isNaN ? $1.isNaN : isClose($0, $1, tolerance: tolerance)
      }
    }
    #expect(same(metrics.perClass.map(\.precision), expected.precision))
    #expect(same(metrics.perClass.map(\.recall), expected.recall))
    #expect(same(metrics.perClass.map(\.f1), expected.f1))
    #expect(metrics.perClass.map(\.support) == [2, 2, 0])
    #expect(
      same(
        [metrics.macro.precision, metrics.macro.recall, metrics.macro.f1],
        expected.macro))
    #expect(
      same(
        [metrics.weighted.precision, metrics.weighted.recall, metrics.weighted.f1],
        expected.weighted))
    #expect(
      same(
        [
          metrics.accuracy, metrics.micro.precision, metrics.micro.recall,
          metrics.microF1,
        ], [0.5, 0.5, 0.5, 0.5]))
  }

  @Test(arguments: ZeroDivision.allCases)
  func divideAppliesTheRuleOnlyToZeroDenominators(rule: ZeroDivision) {
    #expect(rule.divide(3, by: 4) == 0.75)
    #expect(rule.divide(0, by: 5) == 0)
    let undefined = rule.divide(0, by: 0)
    switch rule {
    case .zero: #expect(undefined == 0)
    case .one: #expect(undefined == 1)
    case .notANumber: #expect(undefined.isNaN)
    }
  }

  @Test func noSamplesGivesTheRuleEverywhere() throws {
    let empty = try ConfusionMatrix(labels: ["a", "b"], truth: [], predicted: [])
    let zero = ClassificationMetrics(confusion: empty)
    #expect(zero.accuracy == 0 && zero.macro.f1 == 0 && zero.weighted.f1 == 0)
    let nan = ClassificationMetrics(confusion: empty, zeroDivision: .notANumber)
    #expect(nan.accuracy.isNaN && nan.macro.f1.isNaN && nan.weighted.precision.isNaN)
  }

  /// A class missing from the predictions and one missing from the truth.
  ///
  /// Class c is predicted but never true; class b is true but never predicted.
  /// truth 0 0 1 1, predicted 0 2 0 0 → confusion [[1,0,1],[2,0,0],[0,0,0]].
  /// ```
  /// a: P = 1/3, R = 1/2, F1 = 2/(2+2+1) = 2/5, support 2
  /// b: P = 0/0 → 0, R = 0/2 = 0, F1 = 0/(0+0+2) = 0, support 2
  /// c: P = 0/1 = 0, R = 0/0 → 0, F1 = 0/(0+1+0) = 0, support 0
  /// macro F1 = 2/15, weighted F1 = (2·2/5)/4 = 1/5, accuracy = 1/4
  /// ```
  @Test func classAbsentFromPredictionsAndClassAbsentFromTruth() throws {
    let metrics = ClassificationMetrics(
      confusion: try ConfusionMatrix(
        labels: ["a", "b", "c"], truth: [0, 0, 1, 1], predicted: [0, 2, 0, 0]))
    let tolerance = 1e-15
    #expect(metrics.perClass.map(\.support) == [2, 2, 0])
    #expect(isClose(metrics.perClass[0].precision, 1.0 / 3, tolerance: tolerance))
    #expect(metrics.perClass[0].recall == 0.5)
    #expect(isClose(metrics.perClass[0].f1, 0.4, tolerance: tolerance))
    #expect(metrics.perClass[1].precision == 0 && metrics.perClass[1].recall == 0)
    #expect(metrics.perClass[1].f1 == 0)
    #expect(metrics.perClass[2].precision == 0 && metrics.perClass[2].recall == 0)
    #expect(metrics.perClass[2].f1 == 0)
    #expect(isClose(metrics.macro.f1, 2.0 / 15, tolerance: tolerance))
    #expect(isClose(metrics.weighted.f1, 0.2, tolerance: tolerance))
    #expect(metrics.accuracy == 0.25)
  }

  /// Weights 1 2 1 0.5 1 3 1 1 2 0.5 on `Example`. Weighted confusion (rows true):
  /// ```
  /// [3, 1, 0.5], [1, 4, 0], [0, 0.5, 3]    tp = 3 4 3, predicted = 4 5.5 3.5,
  ///                                         support = 4.5 5 3.5, total 13
  /// macro P  = (3/4 + 4/5.5 + 3/3.5)/3
  /// macro R  = (3/4.5 + 4/5 + 3/3.5)/3
  /// macro F1 = (6/8.5 + 8/10.5 + 6/7)/3
  /// ```
  /// scikit-learn 1.9.1 agrees: `precision_recall_fscore_support(y, pred, labels=[0,1,2],
  /// sample_weight=w, average="macro")` = (0.7781385281385281, 0.7746031746031746,
  /// 0.7749766573295985).
  @Test func sampleWeights() throws {
    let metrics = ClassificationMetrics(
      confusion: try ConfusionMatrix(
        labels: Example.labels, truth: Example.truth, predicted: Example.predicted,
        weights: Example.weights))
    let tolerance = 1e-14
    #expect(isClose(metrics.macro.precision, 0.7781385281385281, tolerance: tolerance))
    #expect(isClose(metrics.macro.recall, 0.7746031746031746, tolerance: tolerance))
    #expect(isClose(metrics.macro.f1, 0.7749766573295985, tolerance: tolerance))
    // Correct weight 1 + 2 + 1 + 3 + 1 + 2 = 10 of 13.
    #expect(isClose(metrics.accuracy, 10.0 / 13, tolerance: tolerance))
  }
}

/// Invariance tables: reordering samples, or relabelling classes, must not change results.
@Suite struct MetricInvarianceTests {
  /// Sample orders: identity, reversed, and seeded shuffles.
  static let sampleOrders: [[Int]] = {
    var orders: [[Int]] = [Array(0..<10), Array((0..<10).reversed())]
    for seed: UInt64 in [1, 2, 3, 42] {
      var generator = SplitMix64(seed: seed)
      orders.append(Array(0..<10).shuffled(using: &generator))
    }
    return orders
  }()

  @Test(arguments: sampleOrders)
  func sampleOrderChangesNothing(order: [Int]) throws {
    let reference = try ClassificationReport(
      labels: Example.labels, truth: Example.truth, predicted: Example.predicted,
      probabilities: Example.probabilities, weights: Example.weights)
    let shuffled = try ClassificationReport(
      labels: Example.labels, truth: permuted(Example.truth, by: order),
      predicted: permuted(Example.predicted, by: order),
      probabilities: matrix(permuted(Example.probabilityRows, by: order)),
      weights: permuted(Example.weights, by: order))
    let tolerance = 1e-14  // sums taken in another order
    #expect(shuffled.confusion == reference.confusion)
    #expect(shuffled.classes.map(\.support) == reference.classes.map(\.support))
    let pairs: [(Double?, Double?)] = [
      (shuffled.accuracy, reference.accuracy), (shuffled.macroF1, reference.macroF1),
      (shuffled.weightedF1, reference.weightedF1), (shuffled.microF1, reference.microF1),
      (shuffled.macroPrecision, reference.macroPrecision),
      (shuffled.weightedRecall, reference.weightedRecall),
      (shuffled.logLoss, reference.logLoss), (shuffled.brier, reference.brier),
      (shuffled.rocAUCMacro, reference.rocAUCMacro),
      (
        shuffled.calibration?.expectedCalibrationError,
        reference.calibration?.expectedCalibrationError
      ),
    ]
    for (a, b) in pairs {
      #expect(isClose(a ?? .nan, b ?? .nan, tolerance: tolerance))
    }
    for (a, b) in zip(shuffled.classes, reference.classes) {
      #expect(isClose(a.f1, b.f1, tolerance: tolerance))
      #expect(isClose(a.rocAUC ?? .nan, b.rocAUC ?? .nan, tolerance: tolerance))
    }
    #expect(shuffled.calibration?.bins.map(\.count) == reference.calibration?.bins.map(\.count))
  }

  /// Label orders: new class `i` is old class `order[i]`.
  @Test(arguments: [[0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0], [0, 2, 1]])
  func labelOrderPermutesPerClassResultsOnly(order: [Int]) throws {
    var newIndex = [Int](repeating: 0, count: 3)
    for (position, old) in order.enumerated() { newIndex[old] = position }
    let reference = try ClassificationReport(
      labels: Example.labels, truth: Example.truth, predicted: Example.predicted,
      probabilities: Example.probabilities)
    let relabelled = try ClassificationReport(
      labels: permuted(Example.labels, by: order),
      truth: Example.truth.map { newIndex[$0] },
      predicted: Example.predicted.map { newIndex[$0] },
      probabilities: matrix(Example.probabilityRows.map { permuted($0, by: order) }))
    let tolerance = 1e-14
    #expect(relabelled.classes.map(\.label) == permuted(Example.labels, by: order))
    for (position, old) in order.enumerated() {
      let a = relabelled.classes[position]
      let b = reference.classes[old]
      #expect(a.support == b.support)
      #expect(isClose(a.precision, b.precision, tolerance: tolerance))
      #expect(isClose(a.recall, b.recall, tolerance: tolerance))
      #expect(isClose(a.f1, b.f1, tolerance: tolerance))
      #expect(isClose(a.rocAUC ?? .nan, b.rocAUC ?? .nan, tolerance: tolerance))
      for (column, oldColumn) in order.enumerated() {
        #expect(
          relabelled.confusion.matrix[position][column]
            == reference.confusion.matrix[old][oldColumn])
      }
    }
    for (a, b) in [
      (relabelled.accuracy, reference.accuracy), (relabelled.macroF1, reference.macroF1),
      (relabelled.macroPrecision, reference.macroPrecision),
      (relabelled.macroRecall, reference.macroRecall),
      (relabelled.weightedF1, reference.weightedF1), (relabelled.microF1, reference.microF1),
      (relabelled.logLoss ?? .nan, reference.logLoss ?? .nan),
      (relabelled.brier ?? .nan, reference.brier ?? .nan),
      (relabelled.rocAUCMacro ?? .nan, reference.rocAUCMacro ?? .nan),
    ] {
      #expect(isClose(a, b, tolerance: tolerance))
    }
  }
}
