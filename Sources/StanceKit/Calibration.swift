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

/// What calibration did: the method and the fitted temperature with its log losses.
public struct CalibrationReport: Equatable, Sendable, Codable {
  /// How the calibration data was obtained.
  public var method: CalibrationMethod
  /// The fitted temperature and the held-out (or out-of-fold) log loss before and after.
  public var fit: TemperatureScaling.Fit

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - method: The method.
  ///   - fit: The fitted temperature.
  public init(method: CalibrationMethod, fit: TemperatureScaling.Fit) {
    self.method = method
    self.fit = fit
  }

  /// One line: `temperature T (held-out log loss a → b, n rows)`.
  public var text: String {
    "temperature \(fit.temperature) (log loss \(fit.logLossBefore) → \(fit.logLossAfter) "
      + "on \(fit.sampleCount) held-out rows)"
  }
}

extension Pipeline {
  /// Fits a pipeline and a softmax temperature for it (see ``TemperatureScaling``).
  ///
  /// The predicted labels are those of the uncalibrated model: only
  /// ``probabilities(_:)`` changes.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - labels: One label per text.
  ///   - vectorizer: Vectorizer settings.
  ///   - training: Training settings.
  ///   - method: Where the calibration data comes from.
  /// - Returns: The calibrated pipeline and what calibration found.
  /// - Throws: ``ModelSelectionError`` for a bad split, a failed fit or temperature fit.
  public static func fitCalibrated(
    texts: [String], labels: [String],
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    method: CalibrationMethod = .heldOut(fraction: 0.2, seed: 0)
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
      return try pipeline.calibrated(texts: heldOutTexts, labels: heldOutLabels, method: method)
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
      let fit: TemperatureScaling.Fit
      do {
        fit = try TemperatureScaling.fit(decisionValues: pooled, truth: classes)
      } catch {
        throw .temperature(error)
      }
      do {
        let pipeline = try Pipeline.fit(
          texts: texts, labels: labels, vectorizer: vectorizer, training: training
        ).withTemperature(fit.temperature)
        return (pipeline, CalibrationReport(method: method, fit: fit))
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
  /// - Returns: The calibrated pipeline (same labels for every text) and the fit.
  /// - Throws: ``ModelSelectionError/unknownMetricLabel(_:labels:)`` for a label the model
  ///   does not know, ``ModelSelectionError/temperature(_:)`` when no temperature can be
  ///   fitted.
  public func calibrated(
    texts: [String], labels: [String],
    method: CalibrationMethod = .heldOut(fraction: 0, seed: 0)
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
    let fit: TemperatureScaling.Fit
    do {
      fit = try TemperatureScaling.fit(
        decisionValues: model.decisionValues(features(texts)), truth: truth)
    } catch {
      throw .temperature(error)
    }
    do {
      return (try withTemperature(fit.temperature), CalibrationReport(method: method, fit: fit))
    } catch {
      throw .pipeline(error)
    }
  }
}
