public import Classifier
public import Evaluation

/// A result that is usable but may not mean what the user thinks: printed as one line on
/// standard error (`stance: warning: …`, also under `--quiet`) and listed in the
/// command's JSON `warnings` array as `{"code", "message"}`.
///
/// Every message names the problem and what to do about it, on one line.
public struct RunWarning: Equatable, Sendable {
  /// What kind of warning this is; its raw value is the JSON `code`.
  public enum Code: String, Sendable, CaseIterable {
    /// The optimiser stopped at its iteration limit before converging.
    case notConverged = "not_converged"
    /// A class of the model has no example in the evaluated data.
    case zeroSupport = "zero_support"
    /// A class of the model is never predicted on the evaluated data.
    case neverPredicted = "never_predicted"
    /// Documents have no feature left: every term was pruned away or is unknown.
    case noFeatures = "no_features"
    /// The classes are heavily imbalanced and nothing weights them.
    case classImbalance = "class_imbalance"
    /// The EM estimate of class shares stopped at its iteration limit.
    case priorNotConverged = "prior_not_converged"
  }

  /// The kind of warning.
  public var code: Code
  /// The problem and its remedy, one line, without the `warning:` prefix.
  public var message: String

  /// Creates a warning.
  ///
  /// - Parameters:
  ///   - code: The kind of warning.
  ///   - message: The problem and its remedy, one line.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The line for standard error, without the program name or a line break.
  public var line: String { "warning: " + message }

  /// The largest class over the smallest at or above which ``classImbalance`` is raised
  /// when no class weighting is used: 3.
  public static let heavyImbalance = 3.0

  /// The JSON form, `{"code", "message"}`.
  var json: JSONValue {
    .object([("code", .string(code.rawValue)), ("message", .string(message))])
  }

  /// The JSON array of `warnings`.
  static func json(_ warnings: [RunWarning]) -> JSONValue {
    .array(warnings.map(\.json))
  }
}

extension RunWarning {
  /// `fits` of `total` model fits stopped at the iteration limit (`cv`, `tune`).
  ///
  /// - Parameters:
  ///   - fits: The fits that stopped at the limit (at least one).
  ///   - total: All fits.
  ///   - limit: The iteration limit.
  /// - Returns: The warning.
  public static func foldsNotConverged(_ fits: Int, of total: Int, limit: Int) -> RunWarning {
    RunWarning(
      .notConverged,
      "\(fits) of \(total) fold fits stopped at the iteration limit (\(limit)) before "
        + "converging, so their scores are of models short of the optimum: raise --max-iter, "
        + "loosen --tol or lower --c")
  }

  /// A stored model stopped at the iteration limit (`inspect`).
  ///
  /// - Parameter report: The model's optimisation report.
  /// - Returns: The warning, or `nil` when the model converged.
  public static func modelNotConverged(_ report: OptimizationReport) -> RunWarning? {
    guard report.stopReason == .maximumIterations else { return nil }
    return RunWarning(
      .notConverged,
      "the model stopped at the iteration limit (\(report.iterations)) before converging: it "
        + "is usable but not the optimum; retrain with a higher --max-iter, a looser --tol or "
        + "a lower --c")
  }

  /// One warning per class with no support, then one per class that has support but is
  /// never predicted, from an evaluation report (`eval`).
  ///
  /// - Parameter report: The evaluation.
  /// - Returns: The warnings, in label order within each kind.
  public static func evaluation(_ report: ClassificationReport) -> [RunWarning] {
    let labels = report.confusion.labels
    let matrix = report.confusion.matrix
    var warnings: [RunWarning] = []
    for (row, label) in labels.enumerated() where matrix[row].reduce(0, +) == 0 {
      warnings.append(
        RunWarning(
          .zeroSupport,
          "class '\(label)' has no example in the data: its recall and F1 are 0 by the "
            + "zero_division rule and still count in the macro averages; evaluate on data "
            + "that holds it, or read the weighted averages"))
    }
    // A class with no example is rightly never predicted: only the others are reported.
    for (column, label) in labels.enumerated()
    where matrix[column].reduce(0, +) > 0 && matrix.allSatisfy({ $0[column] == 0 }) {
      warnings.append(
        RunWarning(
          .neverPredicted,
          "class '\(label)' is never predicted: its precision is 0 by the zero_division "
            + "rule; retrain with --class-weight balanced or more examples of it"))
    }
    return warnings
  }

  /// `count` of `total` documents have no feature the model knows (`eval`).
  ///
  /// - Parameters:
  ///   - count: Documents whose feature row is empty.
  ///   - total: All documents.
  ///   - training: Whether these are the training documents (pruned) or new ones (unknown).
  /// - Returns: The warning, or `nil` when `count` is 0.
  public static func featureless(_ count: Int, of total: Int, training: Bool) -> RunWarning? {
    guard count > 0 else { return nil }
    let what =
      count == total
      ? "every document has"
      : "\(count) of \(total) documents \(count == 1 ? "has" : "have")"
    return RunWarning(
      .noFeatures,
      training
        ? "\(what) no feature left after pruning (every term fell under --min-df or over "
          + "--max-df or --max-features): such documents teach only the intercepts; lower --min-df, "
          + "raise --max-df or --max-features, or widen --ngram"
        : "\(what) no feature the model knows: such documents get the intercept-only prediction (the "
          + "training class shares); train on text closer to this data or with a lower "
          + "--min-df")
  }

  /// A warning when the classes of `counts` are heavily imbalanced (largest over smallest
  /// at least ``heavyImbalance``) and `weighting` is `.none`.
  ///
  /// - Parameters:
  ///   - counts: Examples per class.
  ///   - weighting: The class weighting used.
  /// - Returns: The warning, or `nil`.
  public static func imbalance(_ counts: [String: Int], weighting: ClassWeighting)
    -> RunWarning?
  {
    guard case .none = weighting, let smallest = counts.min(by: { order($0, $1) }),
      let largest = counts.max(by: { order($0, $1) }), smallest.value > 0,
      Double(largest.value) >= heavyImbalance * Double(smallest.value)
    else { return nil }
    return RunWarning(
      .classImbalance,
      "the classes are heavily imbalanced ('\(largest.key)' \(largest.value) examples, "
        + "'\(smallest.key)' \(smallest.value)) and no class weighting is used: the small "
        + "classes will be under-predicted; use --class-weight balanced")
  }

  /// Orders label counts by count, then by label (so ties pick the same label every run).
  private static func order(_ a: (key: String, value: Int), _ b: (key: String, value: Int))
    -> Bool
  {
    a.value != b.value ? a.value < b.value : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
  }

  /// The EM estimate of class shares stopped at its iteration limit (`prior`).
  ///
  /// - Parameter iterations: The iterations run.
  /// - Returns: The warning.
  public static func priorNotConverged(iterations: Int) -> RunWarning {
    RunWarning(
      .priorNotConverged,
      "the class-share estimate stopped at its iteration limit (\(iterations) EM iterations) "
        + "before converging: treat it as rough, or give more texts")
  }
}
