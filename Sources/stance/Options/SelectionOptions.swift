import ArgumentParser
import StanceKit

/// `--folds`, `--group-by`, `--format`: the cross-validation settings of `cv` and `tune`.
struct SelectionOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Number of stratified folds (at least 2).", valueName: "k"))
  var folds = 5

  @Option(
    name: .customLong("group-by"),
    help: ArgumentHelp(
      "Keep rows with the same value of this column (e.g. speaker) in one fold.",
      valueName: "column"))
  var groupBy: String?

  @Flag(
    name: .customLong("no-warm-start"),
    help: "Train every C from scratch instead of starting from the neighbouring C's solution.")
  var noWarmStart = false

  @Option(help: ArgumentHelp("Output format (html: tune only).", valueName: "text|json|html"))
  var format: TextJSONOrHTML = .text

  func validate() throws {
    try checkAtLeast(folds, 2, setting: "the number of folds", option: "--folds")
  }

  /// The cross-validation configuration for a seed and thread count.
  func configuration(seed: UInt64, threads: Int) -> CrossValidationConfiguration {
    CrossValidationConfiguration(
      folds: folds, seed: seed, threads: threads, warmStarts: !noWarmStart)
  }

  /// Reads the labelled data, and the groups when `--group-by` is given.
  ///
  /// - Parameter data: The data options.
  /// - Returns: The examples and, with `--group-by`, one group per example.
  /// - Throws: `DataError` for unreadable data or a missing group column.
  func read(_ data: DataOptions) throws -> (dataset: Dataset, groups: [String]?) {
    guard let groupBy else { return (try data.read(), nil) }
    var examples: [LabelledExample] = []
    var groups: [String] = []
    var summaries: [InvalidUTF8Summary?] = []
    for file in data.files {
      let dataset = try data.readOne(file, speakerColumn: groupBy)
      summaries.append(dataset.invalidUTF8)
      for example in dataset.examples {
        guard let group = example.speaker else {
          throw CLIError.missingGroup(file: file, line: example.line, column: groupBy)
        }
        examples.append(example)
        groups.append(group)
      }
    }
    data.encoding.report(summaries)
    return (Dataset(examples: examples), groups)
  }
}
