import ArgumentParser
import StanceKit

/// `--input` and `--text-column`: how `predict` and `prior` read texts out of files whose
/// extension does not say their format, or whose text is not in a column named `text`.
struct TextColumnOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The input format, when the file extension does not say it (lines: one text per line).",
      valueName: "lines|csv|tsv|jsonl"))
  var input: PredictInputChoice?

  @Option(
    name: .customLong("text-column"),
    help: ArgumentHelp("The column (or JSONL key) holding the text.", valueName: "name"))
  var textColumn = "text"
}

/// The `--input` choices of `predict` and `prior`.
enum PredictInputChoice: String, ExpressibleByArgument, CaseIterable {
  case lines
  case csv
  case tsv
  case jsonl

  var format: DataFormat {
    switch self {
    case .lines: return .lines
    case .csv: return .csv
    case .tsv: return .tsv
    case .jsonl: return .jsonl
    }
  }
}
