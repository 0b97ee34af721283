public import Classifier
public import Dispatch
public import TextFeatures

/// What `stance train` does once its options are parsed and its data read: check the
/// labels, fit (with a calibrated temperature when asked), and write the model file.
///
/// The run is timed in stages from a start the caller gives (so reading the data counts),
/// and the result carries what the closing summary reports (see
/// ``TrainingOutcome/summary()``).
public enum TrainingRun {
  /// Fits a pipeline on labelled texts and writes it, with its metadata, to `path`.
  ///
  /// - Parameters:
  ///   - texts: The training texts; handed over, so they are freed once featurised (without
  ///     calibration).
  ///   - labels: One label per text.
  ///   - files: The data files the examples came from, for messages.
  ///   - vectorizer: The vectorizer settings.
  ///   - training: The training settings.
  ///   - calibration: How to fit a softmax temperature, or `nil` for none.
  ///   - map: The calibration map; a temperature by default.
  ///   - regularization: The automatic choice of `C` behind `training`, if any, recorded in
  ///     the model's metadata.
  ///   - deploymentPrior: The class shares the model is meant for, recorded in its metadata
  ///     (and so applied when it is read), or `nil` for the training shares.
  ///   - path: The model file to write (see ``ModelFile/write(_:metadata:to:)``).
  ///   - started: When the run started, for the stage timings.
  ///   - progress: Receives one line per progress update (reading done, each iteration).
  ///   - fitted: Called once fitting is done, before the model is written.
  /// - Returns: The fitted pipeline and what the summary reports.
  /// - Throws: `PipelineError.oneClass` when every example has one label (checked before
  ///   any feature is built), ``DeploymentPriorError`` for a deployment prior that does not
  ///   fit the labels (also before), `PipelineError` or `ModelSelectionError` when fitting fails,
  ///   `ModelFileError` when the model cannot be written.
  public static func run(
    texts: consuming [String], labels: consuming [String], files: [String],
    vectorizer: VectorizerConfiguration, training: TrainingConfiguration,
    calibration: CalibrationMethod?, map: CalibrationMap = .temperature,
    regularization: RegularizationChoice? = nil, deploymentPrior: DeploymentPrior? = nil,
    writingTo path: String, started: DispatchTime,
    progress: @escaping (String) -> Void, fitted: () -> Void
  ) throws -> TrainingOutcome {
    let labelCounts = LabelCounts(copy labels)
    if !labelCounts.hasEnoughClasses, let only = labels.first {
      throw PipelineError.oneClass(files: files, label: only)
    }
    let documentCount = texts.count
    let dataSummary = try TrainingDataSummary(texts: copy texts, labels: copy labels)
    var metadata = ModelMetadata(
      training: training, data: dataSummary, regularization: regularization,
      deploymentPrior: deploymentPrior)
    if let deploymentPrior {
      let modelLabels = labelCounts.counts.keys.sorted()
      _ = try deploymentPrior.factors(
        labels: modelLabels, trainingPriors: metadata.trainingPriors(labels: modelLabels))
    }
    progress("read \(documentCount) documents")
    var times = TrainingOutcome.StageTimes(read: seconds(since: started))
    var nonzeros: Int?
    var featureless: Int?
    let pipeline: Pipeline
    var calibrationReport: CalibrationReport?
    if let calibration {
      (pipeline, calibrationReport) = try Pipeline.fitCalibrated(
        texts: copy texts, labels: copy labels, vectorizer: vectorizer,
        training: training, method: calibration, map: map)
    } else {
      // Handed over, so the texts are freed once featurised.
      pipeline = try Pipeline.fit(
        texts: consume texts, labels: consume labels, vectorizer: vectorizer,
        training: training,
        featuresReady: { matrix in
          times.features = seconds(since: started)
          nonzeros = matrix.nonzeroCount
          featureless = (0..<matrix.rowCount).count { matrix.entryRange(ofRow: $0).isEmpty }
        },
        progress: { step in
          progress(
            "iteration \(step.iteration)  objective \(fixed(step.objective, 6))  "
              + "gradient norm \(fixed(step.gradientNorm, 6))  "
              + "\(fixed(seconds(since: started), 1)) s")
        })
    }
    fitted()
    metadata.calibration = calibrationReport
    times.solved = seconds(since: started)
    try ModelFile.write(pipeline, metadata: metadata, to: path)
    times.total = seconds(since: started)
    return TrainingOutcome(
      pipeline: pipeline, metadata: metadata, labelCounts: labelCounts,
      documentCount: documentCount, nonzeroCount: nonzeros, featurelessCount: featureless,
      path: path, times: times)
  }

  /// Seconds elapsed since `start`.
  ///
  /// - Parameter start: A moment before now.
  /// - Returns: The seconds since then.
  public static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }
}

/// What a ``TrainingRun`` made and how long each stage took.
public struct TrainingOutcome: Sendable {
  /// Seconds from the run's start to the end of each stage.
  public struct StageTimes: Sendable {
    /// The data is read and checked.
    public var read: Double
    /// The features are built (`nil` when the fit does not report it, as with calibration).
    public var features: Double?
    /// The model is fitted.
    public var solved = 0.0
    /// The model file is written.
    public var total = 0.0
  }

  /// The fitted pipeline.
  public var pipeline: Pipeline
  /// The metadata written with it.
  public var metadata: ModelMetadata
  /// Examples per label.
  public var labelCounts: LabelCounts
  /// The number of training examples.
  public var documentCount: Int
  /// The non-zeros of the training matrix, when the fit reported it.
  public var nonzeroCount: Int?
  /// The training documents left with no feature after pruning, when the fit reported it.
  public var featurelessCount: Int? = nil
  /// The model file written.
  public var path: String
  /// The stage timings.
  public var times: StageTimes
}
