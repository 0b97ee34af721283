public import Evaluation

extension ClassificationReport {
  /// The `stance eval --format json` document (docs/json.md, docs/schema/eval.schema.json).
  ///
  /// Every key of the report's own JSON form, always present, plus `report` (exactly the
  /// shape of scikit-learn's `classification_report(output_dict=True)`) and `warnings`.
  /// `zero_division` is `zero`, `one` or `not_a_number`.
  ///
  /// - Parameter warnings: The warnings of the evaluation (see ``RunWarning``).
  /// - Returns: Pretty-printed JSON ending with a line break.
  public func jsonDocument(warnings: [RunWarning]) -> String {
    jsonValue(warnings: warnings).pretty
  }

  /// The document as a JSON value.
  func jsonValue(warnings: [RunWarning]) -> JSONValue {
    .object([
      ("n", .int(n)),
      ("accuracy", .number(accuracy)),
      ("macro_precision", .number(macroPrecision)),
      ("macro_recall", .number(macroRecall)),
      ("macro_f1", .number(macroF1)),
      ("weighted_precision", .number(weightedPrecision)),
      ("weighted_recall", .number(weightedRecall)),
      ("weighted_f1", .number(weightedF1)),
      ("micro_f1", .number(microF1)),
      ("log_loss", .nullable(logLoss)),
      ("brier", .nullable(brier)),
      ("roc_auc_macro", .nullable(rocAUCMacro)),
      ("zero_division", .string(zeroDivision.jsonName)),
      ("classes", .array(classes.map(\.jsonValue))),
      (
        "confusion",
        .object([
          ("labels", .array(confusion.labels.map { .string($0) })),
          ("matrix", .array(confusion.matrix.map { .array($0.map { .number($0) }) })),
        ])
      ),
      ("calibration", calibration?.jsonValue ?? .null),
      ("report", scikitLearnReport),
      ("warnings", RunWarning.json(warnings)),
    ])
  }

  /// scikit-learn's `classification_report(output_dict=True)`: one object per label, then
  /// `accuracy`, `macro avg` and `weighted avg` (whose support is the total support).
  ///
  /// A label named `accuracy`, `macro avg` or `weighted avg` is overwritten there as it
  /// is in scikit-learn's dictionary; ``classes`` keeps it.
  var scikitLearnReport: JSONValue {
    let total = classes.reduce(0) { $0 + $1.support }
    func row(_ precision: Double, _ recall: Double, _ f1: Double, _ support: Double)
      -> JSONValue
    {
      .object([
        ("precision", .number(precision)), ("recall", .number(recall)),
        ("f1-score", .number(f1)), ("support", .number(support)),
      ])
    }
    var members = classes.map { ($0.label, row($0.precision, $0.recall, $0.f1, $0.support)) }
    members.append(("accuracy", .number(accuracy)))
    members.append(("macro avg", row(macroPrecision, macroRecall, macroF1, total)))
    members.append(("weighted avg", row(weightedPrecision, weightedRecall, weightedF1, total)))
    return .object(members)
  }
}

extension ClassificationReport.ClassRow {
  /// `{"label", "precision", "recall", "f1", "support", "roc_auc"}`.
  var jsonValue: JSONValue {
    .object([
      ("label", .string(label)), ("precision", .number(precision)), ("recall", .number(recall)),
      ("f1", .number(f1)), ("support", .number(support)), ("roc_auc", .nullable(rocAUC)),
    ])
  }
}

extension ClassificationReport.Calibration {
  /// `{"bins": [{"lower", "upper", "count", "mean_confidence", "accuracy"}],
  /// "expected_calibration_error"}`.
  var jsonValue: JSONValue {
    .object([
      (
        "bins",
        .array(
          bins.map { bin in
            .object([
              ("lower", .number(bin.lower)), ("upper", .number(bin.upper)),
              ("count", .int(bin.count)), ("mean_confidence", .nullable(bin.meanConfidence)),
              ("accuracy", .nullable(bin.accuracy)),
            ])
          })
      ),
      ("expected_calibration_error", .number(expectedCalibrationError)),
    ])
  }
}

extension ZeroDivision {
  /// The rule's name in JSON output: `zero`, `one` or `not_a_number`.
  var jsonName: String {
    switch self {
    case .zero: return "zero"
    case .one: return "one"
    case .notANumber: return "not_a_number"
    }
  }
}
