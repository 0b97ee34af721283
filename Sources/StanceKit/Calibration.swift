public import Classifier
import Evaluation
import LinearAlgebra
public import TextFeatures

/// Where the data for fitting a temperature comes from (`train --calibrate`).
public enum CalibrationMethod: Equatable, Sendable, Codable {
  /// Hold out a seeded, stratified `fraction` of the rows (``StratifiedHoldOut``), train on
  /// the rest and fit the temperature on the held-out rows. The returned pipeline is the
  /// one trained on the rest, so its temperature is fitted for exactly that model.
  case heldOut(fraction: Double, seed: UInt64)
  /// Stratified k-fold: pool every row's out-of-fold decision values (each fold's model,
  /// with its own vectorizer, scores the fold's test rows), fit the temperature on the
  /// pooled values, then train on all rows and attach the temperature (as scikit-learn's
  /// `CalibratedClassifierCV(ensemble=False)` does).
  case crossValidation(folds: Int, seed: UInt64)
}

/// The calibration map fitted on the held-out or out-of-fold scores
/// (`--calibration-map`).
public enum CalibrationMap: String, Equatable, Sendable, Codable, CaseIterable {
  /// One softmax temperature (``TemperatureScaling``); the default. Never changes a label.
  case temperature
  /// A scale and a bias per class on the log-probabilities (``VectorScaling``).
  case vector
}

/// What calibration did: the method and the fitted temperature (or vector-scaling map)
/// with its log losses.
public struct CalibrationReport: Equatable, Sendable, Codable {
  /// How the calibration data was obtained.
  public var method: CalibrationMethod
  /// The fitted temperature and the held-out (or out-of-fold) log loss before and after.
  ///
  /// Under vector scaling it is still fitted, for comparison, but not applied.
  public var fit: TemperatureScaling.Fit
  /// The vector-scaling fit, when that map was asked for; absent otherwise.
  public var vector: VectorScaling.Fit?

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - method: The method.
  ///   - fit: The fitted temperature.
  ///   - vector: The vector-scaling fit, if that map is applied.
  public init(
    method: CalibrationMethod, fit: TemperatureScaling.Fit, vector: VectorScaling.Fit? = nil
  ) {
    self.method = method
    self.fit = fit
    self.vector = vector
  }

  /// One line: `temperature T (held-out log loss a → b, n rows)`, or under vector scaling
  /// its scales and biases and log losses with the temperature's beside them.
  public var text: String {
    // Four decimals: what a reader compares; the model file keeps the full values.
    func list(_ values: [Double]) -> String {
      "[" + values.map { fixed($0, 4) }.joined(separator: ", ") + "]"
    }
    let temperature =
      "temperature \(fixed(fit.temperature, 4)) (log loss \(fixed(fit.logLossBefore, 4)) → "
      + "\(fixed(fit.logLossAfter, 4)) on \(fit.sampleCount) held-out rows)"
    guard let vector else { return temperature }
    return "vector scaling, scales \(list(vector.map.scales)), biases \(list(vector.map.biases)) "
      + "(log loss \(fixed(vector.logLossBefore, 4)) → \(fixed(vector.logLossAfter, 4)) on "
      + "\(vector.sampleCount) held-out rows; a \(temperature))"
  }

  /// Fits the temperature (and the vector-scaling map under `.vector`) on held-out scores.
  static func fitting(
    _ scores: DenseMatrix, truth: [Int], method: CalibrationMethod, map: CalibrationMap
  ) throws(ModelSelectionError) -> CalibrationReport {
    do {
      let fit = try TemperatureScaling.fit(decisionValues: scores, truth: truth)
      let vector =
        map == .vector ? try VectorScaling.fit(decisionValues: scores, truth: truth) : nil
      return CalibrationReport(method: method, fit: fit, vector: vector)
    } catch {
      throw .temperature(error)
    }
  }

  /// `pipeline` with this report's map applied.
  func apply(to pipeline: Pipeline) throws(PipelineError) -> Pipeline {
    if let vector { return try pipeline.withVectorScaling(vector.map) }
    return try pipeline.withTemperature(fit.temperature)
  }
}

extension Pipeline {
  /// Fits a pipeline and a softmax temperature for it (see ``TemperatureScaling``).
  ///
  /// Under a temperature the predicted labels are those of the uncalibrated model: only
  /// ``probabilities(_:)`` changes; vector scaling's biases can change them.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - labels: One label per text.
  ///   - vectorizer: Vectorizer settings.
  ///   - training: Training settings.
  ///   - method: Where the calibration data comes from.
  ///   - map: The calibration map; a temperature by default.
  /// - Returns: The calibrated pipeline and what calibration found.
  /// - Throws: ``ModelSelectionError`` for a bad split, a failed fit or temperature fit.
  public static func fitCalibrated(
    texts: [String], labels: [String],
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    method: CalibrationMethod = .heldOut(fraction: 0.2, seed: 0),
    map: CalibrationMap = .temperature
  ) throws(ModelSelectionError) -> (pipeline: Pipeline, calibration: CalibrationReport) {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    let (names, classes) = try CrossValidation.classIndices(labels)
    switch method {
    case .heldOut(let fraction, let seed):
      let split: StratifiedHoldOut
      do {
        split = try StratifiedHoldOut(
          classes: classes, fraction: fraction, seed: seed, classCount: names.count)
      } catch {
        throw .folds(error)
      }
      let pipeline: Pipeline
      do {
        pipeline = try Pipeline.fit(
          texts: split.training.map { texts[$0] }, labels: split.training.map { labels[$0] },
          vectorizer: vectorizer, training: training)
      } catch {
        throw .pipeline(error)
      }
      let heldOutTexts = split.heldOut.map { texts[$0] }
      let heldOutLabels = split.heldOut.map { labels[$0] }
      return try pipeline.calibrated(
        texts: heldOutTexts, labels: heldOutLabels, method: method, map: map)
    case .crossValidation(let foldCount, let seed):
      let configuration = CrossValidationConfiguration(
        folds: foldCount, seed: seed, threads: training.threads)
      let folds = try CrossValidation.makeFolds(
        classes: classes, classCount: names.count, groups: nil, configuration)
      var pooled = DenseMatrix(rows: texts.count, columns: names.count)
      for (index, fold) in folds.enumerated() {
        let fitted: (vectorizer: Vectorizer, matrix: SparseMatrix)
        do {
          fitted = try Vectorizer.fitTransform(
            fold.training.map { texts[$0] }, configuration: vectorizer)
        } catch {
          throw .vectorizer(fold: index, error)
        }
        let model: LogisticModel
        do {
          model = try Trainer(configuration: training).train(
            features: fitted.matrix, labels: fold.training.map { classes[$0] },
            labelNames: names
          ).model
        } catch {
          throw .training(fold: index, error)
        }
        let scores = model.decisionValues(fitted.vectorizer.transform(fold.test.map { texts[$0] }))
        for (row, sample) in fold.test.enumerated() { pooled.setRow(sample, to: scores.row(row)) }
      }
      let report = try CalibrationReport.fitting(
        pooled, truth: classes, method: method, map: map)
      do {
        let pipeline = try report.apply(
          to: Pipeline.fit(
            texts: texts, labels: labels, vectorizer: vectorizer, training: training))
        return (pipeline, report)
      } catch {
        throw .pipeline(error)
      }
    }
  }

  /// This pipeline with a temperature fitted on labelled data it was not trained on.
  ///
  /// - Parameters:
  ///   - texts: Held-out texts.
  ///   - labels: Their labels; each must be one of ``labels``.
  ///   - method: Recorded in the report; `.heldOut(fraction: 0, seed: 0)` when the caller
  ///     made the split itself.
  ///   - map: The calibration map; a temperature by default.
  /// - Returns: The calibrated pipeline (same labels for every text under a temperature)
  ///   and the fit.
  /// - Throws: ``ModelSelectionError/unknownMetricLabel(_:labels:)`` for a label the model
  ///   does not know, ``ModelSelectionError/temperature(_:)`` when no temperature can be
  ///   fitted.
  public func calibrated(
    texts: [String], labels: [String],
    method: CalibrationMethod = .heldOut(fraction: 0, seed: 0), map: CalibrationMap = .temperature
  ) throws(ModelSelectionError) -> (pipeline: Pipeline, calibration: CalibrationReport) {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    var truth: [Int] = []
    for label in labels {
      guard let index = self.labels.firstIndex(of: label) else {
        throw .unknownMetricLabel(label, labels: self.labels)
      }
      truth.append(index)
    }
    let report = try CalibrationReport.fitting(
      model.decisionValues(features(texts)), truth: truth, method: method, map: map)
    do {
      return (try report.apply(to: self), report)
    } catch {
      throw .pipeline(error)
    }
  }
}
