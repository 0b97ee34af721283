import Classifier

extension TrainingOutcome {
  /// The closing summary of `stance train`: documents, features, classes, solver,
  /// iterations, objective, stop reason, stage timings and the model path, one per line,
  /// followed by the calibration line when a temperature was fitted.
  ///
  /// - Returns: The lines, without a final line break.
  public func summary() -> String {
    var stages = "read \(fixed(times.read, 2))"
    if let featured = times.features {
      stages +=
        ", features \(fixed(featured - times.read, 2)), solver \(fixed(times.solved - featured, 2))"
    } else {
      stages += ", fit \(fixed(times.solved - times.read, 2))"
    }
    stages += ", write \(fixed(times.total - times.solved, 2))"

    let report = pipeline.report
    let training = metadata.training
    let counts = pipeline.labels.map { label in "\(label) \(labelCounts[label])" }
    var text = """
      documents   \(documentCount)
      features    \(pipeline.vectorizer.featureCount)\(nonzeroCount.map { " (\($0) non-zeros)" } ?? "")
      classes     \(counts.joined(separator: ", "))
      solver      \(training.solver.rawValue), C = \(training.c)
      iterations  \(report.iterations) (\(Self.iterationDetail(report)))
      objective   \(fixed(report.finalObjective, 6))
      stopped     \(report.stopReason.rawValue) (gradient norm \(fixed(report.relativeGradientNorm, 8)) of its start)
      seconds     \(fixed(times.total, 2)) (\(stages))
      model       \(path)
      """
    if let calibration = metadata.calibration { text += "\ncalibrated  \(calibration.text)" }
    return text
  }

  /// A warning when the optimizer stopped at its iteration limit before converging (the
  /// model is the last iterate, not the optimum), else `nil`; the counterpart of
  /// scikit-learn's `ConvergenceWarning`.
  public var convergenceWarning: String? {
    let report = pipeline.report
    guard report.stopReason == .maximumIterations else { return nil }
    return "warning: training stopped at the iteration limit (\(report.iterations)) before "
      + "converging (gradient norm \(fixed(report.relativeGradientNorm, 6)) of its start, "
      + "tolerance \(metadata.training.tolerance)); the model is usable but not the optimum: "
      + "raise --max-iter, loosen --tol or lower --c"
  }

  /// Every warning of the run, in order: non-convergence (``convergenceWarning``),
  /// training documents left without features, and heavy class imbalance with no class
  /// weighting (unless the automatic choice weighed balanced weights and chose none).
  public var warnings: [RunWarning] {
    var warnings: [RunWarning] = []
    if let line = convergenceWarning {
      warnings.append(RunWarning(.notConverged, String(line.dropFirst("warning: ".count))))
    }
    if let count = featurelessCount,
      let warning = RunWarning.featureless(count, of: documentCount, training: true)
    {
      warnings.append(warning)
    }
    let regularization = metadata.regularization
    let balancedWasTried =
      regularization?.search.classWeightings.contains(.balanced) == true
      && regularization?.fallback == nil
    if !balancedWasTried,
      let warning = RunWarning.imbalance(
        labelCounts.counts, weighting: metadata.training.classWeighting)
    {
      warnings.append(warning)
    }
    return warnings
  }

  /// The work behind an optimizer's iterations: its function evaluations and, for Newton,
  /// its Hessian-vector products.
  static func iterationDetail(_ report: OptimizationReport) -> String {
    let evaluations = "\(report.functionEvaluations) evaluations"
    return report.innerIterations > 0
      ? "\(evaluations), \(report.innerIterations) Hessian products" : evaluations
  }
}
