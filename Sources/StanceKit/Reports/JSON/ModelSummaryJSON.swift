import Classifier

extension ModelSummary {
  /// The warnings a stored model raises: it stopped at the iteration limit, or its classes
  /// are heavily imbalanced and nothing weighted them (unless `train` or `tune` weighed
  /// balanced weights and chose not to use them).
  public var warnings: [RunWarning] {
    var warnings: [RunWarning] = []
    if let warning = RunWarning.modelNotConverged(optimization) { warnings.append(warning) }
    if !balancedWeightsWereWeighed,
      let warning = RunWarning.imbalance(data.classCounts, weighting: training.classWeighting)
    {
      warnings.append(warning)
    }
    return warnings
  }

  /// The `stance inspect --format json` document (docs/json.md,
  /// docs/schema/inspect.schema.json).
  ///
  /// `tool_version`, `labels`, `feature_count`, `hashed`, `vectorizer` and `training`
  /// (named after the options), `data`, `optimization`, `calibration`, `regularization`
  /// and `deployment_prior` (`null` when the model has none), `classes` with their top
  /// features, and `warnings`.
  ///
  /// - Returns: Pretty-printed JSON ending with a line break.
  public func jsonDocument() -> String {
    JSONValue.object([
      ("tool_version", .string(toolVersion)),
      ("labels", .array(labels.map { .string($0) })),
      ("feature_count", .int(featureCount)),
      ("hashed", .bool(hashed)),
      ("vectorizer", vectorizer.jsonValue),
      ("training", training.jsonValue),
      (
        "data",
        .object([
          ("document_count", .int(data.documentCount)),
          ("class_counts", .object(labels.map { ($0, .int(data.classCounts[$0] ?? 0)) })),
          ("fingerprint", .string(String(data.fingerprint, radix: 16))),
        ])
      ),
      ("optimization", optimization.jsonValue),
      ("calibration", calibration?.jsonValue ?? .null),
      ("regularization", regularization?.jsonValue ?? .null),
      (
        "deployment_prior",
        deploymentPrior.map { prior in
          .object([
            ("shares", .object(labels.map { ($0, .nullable(prior.shares[$0])) })),
            ("source", .string(prior.source)),
          ])
        } ?? .null
      ),
      (
        "classes",
        .array(
          classes.map { entry in
            .object([
              ("label", .string(entry.label)),
              ("count", .int(entry.count)),
              (
                "top_features",
                .array(
                  entry.topFeatures.map {
                    .object([("feature", .string($0.feature)), ("weight", .number($0.weight))])
                  })
              ),
            ])
          })
      ),
      ("warnings", RunWarning.json(warnings)),
    ]).pretty
  }
}

extension OptimizationReport {
  /// `{"iterations", "inner_iterations", "function_evaluations", "final_objective",
  /// "initial_gradient_norm", "final_gradient_norm", "relative_gradient_norm",
  /// "stop_reason"}`; the stop reason in snake_case (`maximum_iterations`).
  var jsonValue: JSONValue {
    .object([
      ("iterations", .int(iterations)),
      ("inner_iterations", .int(innerIterations)),
      ("function_evaluations", .int(functionEvaluations)),
      ("final_objective", .number(finalObjective)),
      ("initial_gradient_norm", .number(initialGradientNorm)),
      ("final_gradient_norm", .number(finalGradientNorm)),
      ("relative_gradient_norm", .number(relativeGradientNorm)),
      ("stop_reason", .string(snakeCase(stopReason.rawValue))),
    ])
  }
}

extension CalibrationReport {
  /// `{"method", "fraction", "folds", "seed", "map", "temperature", "log_loss_before",
  /// "log_loss_after", "sample_count", "iterations", "vector"}`: `method` is `held_out`
  /// (with `fraction`) or `cross_validation` (with `folds`), the other `null`; `vector` is
  /// `null` unless vector scaling is applied.
  var jsonValue: JSONValue {
    let (name, fraction, folds, seed): (String, Double?, Int?, UInt64) =
      switch method {
      case .heldOut(let fraction, let seed): ("held_out", fraction, nil, seed)
      case .crossValidation(let folds, let seed): ("cross_validation", nil, folds, seed)
      }
    return .object([
      ("method", .string(name)),
      ("fraction", .nullable(fraction)),
      ("folds", .nullable(folds)),
      ("seed", .string(String(seed))),
      ("map", .string(vector == nil ? "temperature" : "vector")),
      ("temperature", .number(fit.temperature)),
      ("log_loss_before", .number(fit.logLossBefore)),
      ("log_loss_after", .number(fit.logLossAfter)),
      ("sample_count", .int(fit.sampleCount)),
      ("iterations", .int(fit.iterations)),
      (
        "vector",
        vector.map { vector in
          .object([
            ("scales", .array(vector.map.scales.map { .number($0) })),
            ("biases", .array(vector.map.biases.map { .number($0) })),
            ("log_loss_before", .number(vector.logLossBefore)),
            ("log_loss_after", .number(vector.logLossAfter)),
            ("sample_count", .int(vector.sampleCount)),
            ("iterations", .int(vector.iterations)),
          ])
        } ?? .null
      ),
    ])
  }
}

extension RegularizationChoice {
  /// `{"c", "class_weight", "grouped", "folds", "metric", "fallback", "points",
  /// "feature_trials"}`, each point `{"c", "class_weight", "score": {"mean", "sd"}}` in the
  /// order tried, each trial `{"feature", "c", "class_weight", "score", "kept"}`.
  var jsonValue: JSONValue {
    .object([
      ("c", .number(c)),
      ("class_weight", classWeighting.jsonValue),
      ("grouped", .bool(grouped)),
      ("folds", .int(search.folds)),
      ("metric", .string(search.metric.description)),
      ("fallback", .nullable(fallback)),
      (
        "points",
        .array(
          points.map { point in
            .object([
              ("c", .number(point.c)), ("class_weight", point.classWeighting.jsonValue),
              ("score", point.score.jsonValue),
            ])
          })
      ),
      (
        "feature_trials",
        .array(
          (featureTrials ?? []).map { trial in
            .object([
              ("feature", .string(trial.feature)), ("c", .number(trial.c)),
              ("class_weight", trial.classWeighting.jsonValue),
              ("score", trial.score.jsonValue), ("kept", .bool(trial.kept)),
            ])
          })
      ),
    ])
  }
}

/// `camelCase` as `snake_case` (`maximumIterations` → `maximum_iterations`).
func snakeCase(_ name: String) -> String {
  var out = ""
  for character in name {
    if character.isUppercase {
      out += "_" + character.lowercased()
    } else {
      out.append(character)
    }
  }
  return out
}
