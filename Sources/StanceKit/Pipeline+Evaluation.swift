public import Evaluation

extension Pipeline {
  /// The classification report of this pipeline on labelled data: per-class and averaged
  /// metrics, log loss, calibration and the confusion matrix (`stance eval`).
  ///
  /// - Parameter datasets: Each data file's name (for messages) and its examples, in order.
  /// - Returns: The report, with the classes in model label order.
  /// - Throws: `PipelineError.unknownLabel` for the first example whose label the model
  ///   does not know; `EvaluationError` when the report cannot be computed.
  /// - Complexity: One featurisation and one prediction pass over every example.
  public func evaluate(_ datasets: [(file: String, dataset: Dataset)]) throws
    -> ClassificationReport
  {
    var classIndex: [String: Int] = [:]
    for (index, label) in labels.enumerated() { classIndex[label] = index }

    var texts: [String] = []
    var truth: [Int] = []
    for (file, dataset) in datasets {
      for example in dataset.examples {
        guard let index = classIndex[example.label] else {
          throw PipelineError.unknownLabel(
            file: file, line: example.line, label: example.label, known: labels)
        }
        texts.append(example.text)
        truth.append(index)
      }
    }
    // The labels `predict` gives: with vector scaling or prior factors (a deployment
    // prior) the most probable adjusted class, not the largest raw score.
    let scores = model.decisionValues(self.features(texts))
    let probabilities = probabilities(decisionValues: scores)
    return try ClassificationReport(
      labels: labels, truth: truth,
      predicted: predictions(decisionValues: scores, probabilities: probabilities),
      probabilities: probabilities)
  }
}
