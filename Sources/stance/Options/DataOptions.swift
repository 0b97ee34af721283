import ArgumentParser
import StanceKit

/// `--data`, `--text-column`, `--label-column`, `--input`, `--where`, `--invalid-utf8`:
/// where labelled examples come from, for `train`, `eval`, `cv` and `tune`.
struct DataOptions: ParsableArguments {
  @Option(
    name: .customLong("data"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Labelled data: CSV, TSV or JSONL files (several are read one after another).",
      valueName: "file"))
  var files: [String]

  @Option(
    name: .customLong("text-column"),
    help: ArgumentHelp("The column (or JSONL key) holding the text.", valueName: "name"))
  var textColumn = "text"

  @Option(
    name: .customLong("label-column"),
    help: ArgumentHelp("The column (or JSONL key) holding the label.", valueName: "name"))
  var labelColumn = "label"

  @Option(
    name: .customLong("input"),
    help: ArgumentHelp(
      "The data format, when the file extension does not say it.", valueName: "csv|tsv|jsonl"))
  var input: InputFormatChoice?

  @Option(
    name: .customLong("where"),
    help: ArgumentHelp(
      "Keep only rows whose column has one of the values, e.g. split=train,dev.",
      valueName: "column=values"),
    transform: { text in
      guard let filter = RowFilter(parsing: text) else {
        throw ValidationError("'\(text)' is not COLUMN=VALUE[,VALUE…]")
      }
      return filter
    })
  var filter: RowFilter?

  @OptionGroup var encoding: InputOptions

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one --data file") }
  }

  /// Reads every `--data` file, in order, into one dataset.
  ///
  /// - Returns: All examples.
  /// - Throws: `DataError` for the first problem found.
  func read() throws -> Dataset {
    Dataset(examples: try readEach().flatMap(\.dataset.examples))
  }

  /// Reads every `--data` file, in order, keeping each file's examples apart.
  ///
  /// Once all are read, prints the count of records repaired or skipped for invalid UTF-8
  /// (one line per file that had any).
  ///
  /// - Returns: Each file's path and examples.
  /// - Throws: `DataError` for the first problem found.
  func readEach() throws -> [(file: String, dataset: Dataset)] {
    let read = try files.map { file in
      (file, try readOne(file, speakerColumn: "speaker"))
    }
    encoding.report(read.map(\.1.invalidUTF8))
    return read
  }

  /// Reads one `--data` file with every data option applied.
  ///
  /// - Parameters:
  ///   - file: The file.
  ///   - speakerColumn: The column read as the speaker (or group), if any.
  /// - Returns: Its examples.
  /// - Throws: `DataError` for the first problem found.
  func readOne(_ file: String, speakerColumn: String?) throws -> Dataset {
    try Dataset.read(
      path: file, format: input?.format, textColumn: textColumn, labelColumn: labelColumn,
      speakerColumn: speakerColumn, filter: filter, invalidUTF8: encoding.invalidUTF8)
  }
}

/// The `--input` choices for labelled data.
enum InputFormatChoice: String, ExpressibleByArgument, CaseIterable {
  case csv
  case tsv
  case jsonl

  var format: DataFormat {
    switch self {
    case .csv: return .csv
    case .tsv: return .tsv
    case .jsonl: return .jsonl
    }
  }
}
