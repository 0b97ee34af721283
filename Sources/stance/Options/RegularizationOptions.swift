import ArgumentParser
import StanceKit

/// `--c-folds`, `--c-metric`: how `train` chooses `C` and the class weighting when `--c`
/// is not given (see ``RegularizationSelection``).
struct RegularizationOptions: ParsableArguments {
  @Option(
    name: .customLong("c-folds"), parsing: .unconditional,
    help: ArgumentHelp(
      "Folds of the cross-validation that chooses C without --c (grouped by the speaker "
        + "column when the data has one).",
      valueName: "k"))
  var folds = RegularizationSearch().folds

  @Option(
    name: .customLong("c-metric"),
    help: ArgumentHelp(
      "What the choice of C ranks by: log_loss (the default; lower is better), "
        + "macro_f1, accuracy, weighted_f1, or f1:LABEL,LABEL.",
      valueName: "metric"),
    transform: { text in
      try cliValue { () throws(ModelSelectionError) in try SelectionMetric(parsing: text) }
    })
  var metric: SelectionMetric = RegularizationSearch().metric

  func validate() throws {
    try checkAtLeast(folds, 2, setting: "the number of folds for choosing C", option: "--c-folds")
  }

  /// The search these options describe, with every C of the default path.
  ///
  /// - Parameters:
  ///   - seed: The fold shuffle's seed.
  ///   - classWeighting: The class weighting given on the command line, if any: then only
  ///     `C` is chosen.
  /// - Returns: The search settings.
  func search(seed: UInt64, classWeighting: ClassWeighting?) -> RegularizationSearch {
    var search = RegularizationSearch(folds: folds, seed: seed, metric: metric)
    if let classWeighting { search.classWeightings = [classWeighting] }
    return search
  }
}
