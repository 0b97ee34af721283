extension GridSearchResult {
  /// Trains the best setting on all the data and writes it to `path`, its metadata
  /// recording the grid and its scores (`stance tune --out`).
  ///
  /// - Parameters:
  ///   - texts: All the texts the search used.
  ///   - labels: One label per text.
  ///   - calibration: How to fit a softmax temperature, or `nil` for none.
  ///   - map: The calibration map; a temperature by default.
  ///   - deploymentPrior: The class shares the model is meant for, recorded in its metadata,
  ///     or `nil` for the training shares.
  ///   - path: The model file to write (see ``ModelFile/write(_:metadata:to:)``).
  /// - Throws: ``DeploymentPriorError`` for a deployment prior that does not fit the labels
  ///   (before fitting), `PipelineError` or ``ModelSelectionError`` from fitting,
  ///   `ModelFileError` when the model cannot be written.
  public func writeBest(
    texts: [String], labels: [String], calibration: CalibrationMethod?,
    map: CalibrationMap = .temperature, deploymentPrior: DeploymentPrior? = nil,
    to path: String
  ) throws {
    var metadata = ModelMetadata(
      training: best.point.training,
      data: try TrainingDataSummary(texts: texts, labels: labels),
      selection: self, deploymentPrior: deploymentPrior)
    if let deploymentPrior {
      let modelLabels = Set(labels).sorted()
      _ = try deploymentPrior.factors(
        labels: modelLabels, trainingPriors: metadata.trainingPriors(labels: modelLabels))
    }
    let pipeline: Pipeline
    var report: CalibrationReport?
    if let calibration {
      (pipeline, report) = try fitBest(
        texts: texts, labels: labels, calibration: calibration, map: map)
    } else {
      pipeline = try fitBest(texts: texts, labels: labels)
    }
    metadata.calibration = report
    try ModelFile.write(pipeline, metadata: metadata, to: path)
  }

  /// The closing summary of `stance tune --out`: the best point, its score, the model
  /// written and the seconds taken.
  ///
  /// - Parameters:
  ///   - path: The model file written.
  ///   - seconds: The seconds the command took.
  /// - Returns: One line, without a line break.
  public func bestSummary(model path: String, seconds: Double) -> String {
    "best \(best.point) (\(metric) \(best.score)); model \(path); \(fixed(seconds, 1)) s"
  }
}
