import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Metrics of predicted class probabilities: log loss, Brier score, one-vs-rest ROC-AUC and
/// calibration.
///
/// The inputs are an n×K ``DenseMatrix`` whose row `i` holds sample `i`'s probabilities in
/// label order, the true class index of each sample, and optional sample weights `wᵢ`
/// (all 1 when absent). Every metric is a weighted mean over samples, `Σ wᵢ·xᵢ / Σ wᵢ`,
/// and is NaN when the total weight is zero (no samples).
///
/// Inputs are checked before anything is computed: every probability must be finite and
/// within `[0, 1]`, and every row must sum to 1 within ``sumTolerance``. Rows are used as
/// given, never renormalised.
public struct ProbabilisticMetrics: Equatable, Sendable {
  /// The clipping bound ε of ``logLoss``: the machine epsilon of `Double`, 2⁻⁵² ≈ 2.22e-16
  /// (scikit-learn's choice for float64 input), so a probability of exactly 0 for the true
  /// class costs `−log ε ≈ 36.04` instead of infinity.
  public static let clippingEpsilon: Double = .ulpOfOne

  /// How far a row's sum may be from 1 (absolutely) before the row is refused: 1e-6.
  public static let sumTolerance: Double = 1e-6

  /// The mean negative log-likelihood of the true class; see
  /// ``logLoss(probabilities:truth:weights:)``.
  public let logLoss: Double
  /// The multi-class Brier score; see ``brierScore(probabilities:truth:weights:)``.
  public let brierScore: Double
  /// One-vs-rest ROC-AUC per class, `nil` where it is undefined; see
  /// ``rocAUC(probabilities:truth:weights:)``.
  public let rocAUC: [Double?]
  /// The mean of the defined entries of ``rocAUC``, `nil` when none is defined.
  public let macroROCAUC: Double?
  /// Reliability bins over the top-class confidence and the expected calibration error.
  public let calibration: CalibrationCurve

  /// Computes every probabilistic metric at once, checking the inputs once.
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities, row `i` for sample `i`, columns in label order.
  ///   - truth: The true class index of each of the n samples, in `0..<K`.
  ///   - weights: Optional finite, non-negative sample weights.
  ///   - calibrationBinCount: The number of equal-width calibration bins, at least 1.
  /// - Throws: ``EvaluationError`` when the shapes disagree, an index is out of range, a
  ///   weight or probability is invalid, a row does not sum to 1, or the bin count is < 1.
  /// - Complexity: O(n·K·log n), dominated by the K sorts for ROC-AUC.
  public init(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]? = nil,
    calibrationBinCount: Int = 10
  ) throws(EvaluationError) {
    try Self.validate(probabilities: probabilities, truth: truth, weights: weights)
    guard calibrationBinCount >= 1 else { throw .invalidBinCount(calibrationBinCount) }
    logLoss = Self.uncheckedLogLoss(probabilities, truth, weights)
    brierScore = Self.uncheckedBrier(probabilities, truth, weights)
    rocAUC = Self.uncheckedROCAUC(probabilities, truth, weights)
    macroROCAUC = Self.macroAverage(rocAUC)
    calibration = Self.uncheckedCalibration(
      probabilities, truth, weights, binCount: calibrationBinCount)
  }

  // MARK: - Single metrics

  /// The log loss (cross-entropy): the mean negative natural log of the probability given
  /// to the true class, after clipping.
  ///
  /// ```
  /// logLoss = Σᵢ wᵢ · −ln(clip(pᵢ,yᵢ)) / Σᵢ wᵢ,   clip(p) = min(max(p, ε), 1 − ε)
  /// ```
  /// with ε = ``clippingEpsilon``. Only the true class's probability enters; the others are
  /// not clipped or renormalised (clipping them would not change the result).
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities in label order.
  ///   - truth: The true class index of each sample.
  ///   - weights: Optional sample weights.
  /// - Returns: The loss, ≥ 0 and at most `−ln ε`; NaN for zero total weight.
  /// - Throws: ``EvaluationError`` for invalid inputs (see the type's discussion).
  public static func logLoss(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]? = nil
  ) throws(EvaluationError) -> Double {
    try validate(probabilities: probabilities, truth: truth, weights: weights)
    return uncheckedLogLoss(probabilities, truth, weights)
  }

  /// The multi-class Brier score: the mean over samples of the squared distance between
  /// the probability vector and the one-hot truth.
  ///
  /// ```
  /// brier = Σᵢ wᵢ · Σₖ (pᵢₖ − 1[yᵢ = k])² / Σᵢ wᵢ
  /// ```
  /// It lies in `[0, 2]`. This is the original (Brier 1950) multi-class form, the same as
  /// scikit-learn's `brier_score_loss` for multi-class input; for two classes it is twice
  /// the binary score `mean((p₁ − y)²)`.
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities in label order.
  ///   - truth: The true class index of each sample.
  ///   - weights: Optional sample weights.
  /// - Returns: The score; NaN for zero total weight.
  /// - Throws: ``EvaluationError`` for invalid inputs.
  public static func brierScore(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]? = nil
  ) throws(EvaluationError) -> Double {
    try validate(probabilities: probabilities, truth: truth, weights: weights)
    return uncheckedBrier(probabilities, truth, weights)
  }

  /// One-vs-rest ROC-AUC for each class: the area under the ROC curve of column `k` as a
  /// score separating class `k` (positives) from all other classes (negatives).
  ///
  /// The curve steps through the distinct score values from high to low and the area is
  /// summed by the trapezoid rule, so tied scores form one diagonal segment. That equals
  /// the Mann–Whitney statistic with ties counting ½:
  ///
  /// ```
  /// AUCₖ = Σ_{i pos} Σ_{j neg} wᵢ·wⱼ·(1[sᵢ > sⱼ] + ½·1[sᵢ = sⱼ]) / (Σ_{pos} wᵢ · Σ_{neg} wⱼ)
  /// ```
  ///
  /// A class without positives or without negatives (zero weight on either side) has no
  /// ROC curve; its entry is `nil` rather than a made-up 0.5 or NaN.
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities in label order.
  ///   - truth: The true class index of each sample.
  ///   - weights: Optional sample weights.
  /// - Returns: K values in `[0, 1]` or `nil`.
  /// - Throws: ``EvaluationError`` for invalid inputs.
  /// - Complexity: O(K·n·log n).
  public static func rocAUC(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]? = nil
  ) throws(EvaluationError) -> [Double?] {
    try validate(probabilities: probabilities, truth: truth, weights: weights)
    return uncheckedROCAUC(probabilities, truth, weights)
  }

  /// The macro average of per-class ROC-AUC values: the mean of the non-`nil` entries.
  ///
  /// Classes whose AUC is undefined are left out (not counted as 0 or 0.5).
  ///
  /// - Parameter perClass: Values from ``rocAUC(probabilities:truth:weights:)``.
  /// - Returns: The mean, or `nil` when no entry is defined.
  public static func macroAverage(_ perClass: [Double?]) -> Double? {
    let defined = perClass.compactMap { $0 }
    guard !defined.isEmpty else { return nil }
    return defined.reduce(0, +) / Double(defined.count)
  }

  /// Equal-width reliability bins over the top-class confidence, and the expected
  /// calibration error; see ``CalibrationCurve``.
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities in label order.
  ///   - truth: The true class index of each sample.
  ///   - weights: Optional sample weights.
  ///   - binCount: The number of bins B, at least 1 (10 is customary).
  /// - Returns: B bins and the error.
  /// - Throws: ``EvaluationError`` for invalid inputs or `binCount < 1`.
  public static func calibration(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]? = nil, binCount: Int = 10
  ) throws(EvaluationError) -> CalibrationCurve {
    try validate(probabilities: probabilities, truth: truth, weights: weights)
    guard binCount >= 1 else { throw .invalidBinCount(binCount) }
    return uncheckedCalibration(probabilities, truth, weights, binCount: binCount)
  }

  // MARK: - Validation

  static func validate(
    probabilities: DenseMatrix, truth: [Int], weights: [Double]?
  ) throws(EvaluationError) {
    let classCount = probabilities.columns
    guard probabilities.rows == truth.count && classCount >= 1 else {
      throw .probabilityShapeMismatch(
        rows: probabilities.rows, columns: classCount, expectedRows: truth.count,
        expectedColumns: max(classCount, 1))
    }
    try ConfusionMatrix.validate(
      classIndices: truth, what: "the true class", classCount: classCount)
    if let weights {
      try ConfusionMatrix.validate(weights: weights, sampleCount: truth.count)
    }
    let storage = probabilities.storage
    for sample in 0..<probabilities.rows {
      var sum = 0.0
      for k in 0..<classCount {
        let p = storage[sample * classCount + k]
        guard p.isFinite && p >= 0 && p <= 1 else {
          throw .invalidProbability(sample: sample, classIndex: k, value: p)
        }
        sum += p
      }
      guard abs(sum - 1) <= sumTolerance else {
        throw .probabilitiesDoNotSumToOne(sample: sample, sum: sum)
      }
    }
  }

  // MARK: - Kernels (inputs already validated)

  private static func uncheckedLogLoss(
    _ probabilities: DenseMatrix, _ truth: [Int], _ weights: [Double]?
  ) -> Double {
    let classCount = probabilities.columns
    let epsilon = clippingEpsilon
    return probabilities.withUnsafeBufferPointer { p in
      var loss = 0.0
      var totalWeight = 0.0
      for sample in truth.indices {
        let weight = weights?[sample] ?? 1
        let clipped = min(max(p[sample * classCount + truth[sample]], epsilon), 1 - epsilon)
        loss -= weight * log(clipped)
        totalWeight += weight
      }
      return totalWeight == 0 ? .nan : loss / totalWeight
    }
  }

  private static func uncheckedBrier(
    _ probabilities: DenseMatrix, _ truth: [Int], _ weights: [Double]?
  ) -> Double {
    let classCount = probabilities.columns
    return probabilities.withUnsafeBufferPointer { p in
      var score = 0.0
      var totalWeight = 0.0
      for sample in truth.indices {
        let weight = weights?[sample] ?? 1
        var squared = 0.0
        for k in 0..<classCount {
          let difference = p[sample * classCount + k] - (truth[sample] == k ? 1 : 0)
          squared += difference * difference
        }
        score += weight * squared
        totalWeight += weight
      }
      return totalWeight == 0 ? .nan : score / totalWeight
    }
  }

  private static func uncheckedROCAUC(
    _ probabilities: DenseMatrix, _ truth: [Int], _ weights: [Double]?
  ) -> [Double?] {
    let classCount = probabilities.columns
    var scores = [Double](repeating: 0, count: truth.count)
    var isPositive = [Bool](repeating: false, count: truth.count)
    return (0..<classCount).map { k in
      probabilities.withUnsafeBufferPointer { p in
        for sample in truth.indices {
          scores[sample] = p[sample * classCount + k]
          isPositive[sample] = truth[sample] == k
        }
      }
      return binaryAUC(scores: scores, isPositive: isPositive, weights: weights)
    }
  }

  /// Trapezoid-rule AUC over distinct thresholds; `nil` without positives or negatives.
  static func binaryAUC(scores: [Double], isPositive: [Bool], weights: [Double]?) -> Double? {
    // Highest score first; equal scores are consecutive and handled as one group, so the
    // tie-break of the sort does not matter.
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var area = 0.0
    var positivesAbove = 0.0
    var negativesAbove = 0.0
    var start = 0
    while start < order.count {
      var groupPositives = 0.0
      var groupNegatives = 0.0
      var end = start
      while end < order.count && scores[order[end]] == scores[order[start]] {
        let sample = order[end]
        let weight = weights?[sample] ?? 1
        if isPositive[sample] {
          groupPositives += weight
        } else {
          groupNegatives += weight
        }
        end += 1
      }
      // Trapezoid between (fp, tp) before and after this threshold, in unnormalised units.
      area += groupNegatives * (positivesAbove + groupPositives / 2)
      positivesAbove += groupPositives
      negativesAbove += groupNegatives
      start = end
    }
    guard positivesAbove > 0 && negativesAbove > 0 else { return nil }
    return area / (positivesAbove * negativesAbove)
  }

  private static func uncheckedCalibration(
    _ probabilities: DenseMatrix, _ truth: [Int], _ weights: [Double]?, binCount: Int
  ) -> CalibrationCurve {
    let classCount = probabilities.columns
    var counts = [Int](repeating: 0, count: binCount)
    var binWeights = [Double](repeating: 0, count: binCount)
    var confidenceSums = [Double](repeating: 0, count: binCount)
    var correctSums = [Double](repeating: 0, count: binCount)
    probabilities.withUnsafeBufferPointer { p in
      for sample in truth.indices {
        var predicted = 0
        var confidence = p[sample * classCount]
        for k in 1..<max(classCount, 1) where p[sample * classCount + k] > confidence {
          predicted = k
          confidence = p[sample * classCount + k]
        }
        let bin = min(Int(confidence * Double(binCount)), binCount - 1)
        let weight = weights?[sample] ?? 1
        counts[bin] += 1
        binWeights[bin] += weight
        confidenceSums[bin] += weight * confidence
        correctSums[bin] += predicted == truth[sample] ? weight : 0
      }
    }
    let totalWeight = binWeights.reduce(0, +)
    var bins: [CalibrationBin] = []
    var error = 0.0
    for bin in 0..<binCount {
      let weight = binWeights[bin]
      let meanConfidence = weight > 0 ? confidenceSums[bin] / weight : nil
      let accuracy = weight > 0 ? correctSums[bin] / weight : nil
      if let meanConfidence, let accuracy {
        error += weight / totalWeight * abs(accuracy - meanConfidence)
      }
      bins.append(
        CalibrationBin(
          lowerBound: Double(bin) / Double(binCount),
          upperBound: Double(bin + 1) / Double(binCount),
          count: counts[bin], weight: weight, meanConfidence: meanConfidence,
          accuracy: accuracy))
    }
    return CalibrationCurve(
      bins: bins, expectedCalibrationError: totalWeight > 0 ? error : .nan)
  }
}

/// One equal-width reliability bin of top-class confidences.
public struct CalibrationBin: Equatable, Sendable {
  /// The bin's lower edge `b/B` (inclusive).
  public let lowerBound: Double
  /// The bin's upper edge `(b+1)/B` (exclusive, except that the last bin includes 1).
  public let upperBound: Double
  /// How many samples fell into the bin.
  public let count: Int
  /// Their total weight (equal to ``count`` without weights).
  public let weight: Double
  /// The (weighted) mean top-class probability of the bin's samples; `nil` when empty.
  public let meanConfidence: Double?
  /// The (weighted) fraction of the bin's samples whose top class is the true class;
  /// `nil` when empty.
  public let accuracy: Double?
}

/// A reliability diagram's data: equal-width confidence bins and the calibration error.
///
/// The expected calibration error follows Naeini, Cooper & Hauskrecht (2015) and Guo et
/// al. (2017).
///
///
/// Each sample's confidence is its largest probability `cᵢ = maxₖ pᵢₖ`, its prediction the
/// first class attaining it, and it is correct when that class is the true one. With B
/// bins the sample goes to bin `min(⌊cᵢ·B⌋, B − 1)`, so bin b covers `[b/B, (b+1)/B)` and
/// the last bin also takes `c = 1`. Then
///
/// ```
/// ECE = Σ_b (W_b / W) · |accuracy_b − meanConfidence_b|
/// ```
/// where `W_b` is the bin's weight and W the total; empty bins contribute nothing.
/// With K classes no confidence is below 1/K, so the lowest bins may stay empty.
public struct CalibrationCurve: Equatable, Sendable {
  /// The B bins, lowest confidence first.
  public let bins: [CalibrationBin]
  /// The expected calibration error, in `[0, 1]`; NaN when there are no samples.
  public let expectedCalibrationError: Double
}

extension ProbabilisticMetrics {
  /// The most probable class of each row: the first column attaining the row's maximum.
  ///
  /// - Parameter probabilities: n×K probabilities (or any scores) in label order.
  /// - Returns: n class indices in `0..<K`; empty when K = 0.
  public static func predictedClasses(probabilities: DenseMatrix) -> [Int] {
    let classCount = probabilities.columns
    guard classCount > 0 else { return [] }
    return probabilities.withUnsafeBufferPointer { p in
      (0..<probabilities.rows).map { sample in
        var best = 0
        for k in 1..<classCount where p[sample * classCount + k] > p[sample * classCount + best] {
          best = k
        }
        return best
      }
    }
  }
}
