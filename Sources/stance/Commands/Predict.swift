import ArgumentParser
import StanceKit

/// `stance predict`: labels and probabilities for new texts.
struct Predict: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Predict the label of each text, with class probabilities.",
    discussion: """
      Texts come from --text options, from files (one text per line, or CSV/TSV/JSONL with \
      a text column whose other columns, such as ids, are passed through to the output), \
      or, with neither, one text per line on stdin. Without --model the shipped stance \
      model is used (see STANCE_MODELS).
      """)

  @Option(
    help: ArgumentHelp(
      "The model file; the shipped stance model by default.",
      valueName: "model"))
  var model: String?

  @Option(
    name: .customLong("text"),
    help: ArgumentHelp(
      "A text to classify (repeatable).",
      valueName: "text"))
  var texts: [String] = []

  @Argument(help: ArgumentHelp("Files of texts; '-' is stdin.", valueName: "file"))
  var files: [String] = []

  @Option(
    help: ArgumentHelp(
      "The input format, when the file extension does not say it (lines: one text per line).",
      valueName: "lines|csv|tsv|jsonl"))
  var input: PredictInputChoice?

  @Option(
    name: .customLong("text-column"),
    help: ArgumentHelp("The column (or JSONL key) holding the text.", valueName: "name"))
  var textColumn = "text"

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|jsonl|csv"))
  var format: PredictionFormat = .text

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "List the K features that pushed the predicted class most (weight × feature value).",
      valueName: "k"))
  var explain: Int?

  @Flag(
    name: .customLong("explain-all"),
    help: ArgumentHelp(
      "With --explain, also list features made only of function words (to, for, there's, "
        + "a lot), which are hidden by default."))
  var explainAll = false

  @Option(
    help: ArgumentHelp(
      "Write the predictions here instead of stdout: a file (or a link's target) is replaced "
        + "atomically, a device or FIFO is written in place, '-' is stdout.", valueName: "file"))
  var out: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Worker threads (default: all cores); the output does not depend on it.", valueName: "n"))
  var threads: Int?

  @OptionGroup var encoding: InputOptions

  func validate() throws {
    if let explain {
      try checkAtLeast(
        explain, 1, setting: "the number of features to explain", option: "--explain")
    }
    if let threads, !(1...TrainingConfiguration.maximumThreadCount).contains(threads) {
      throw ValidationError(
        "the thread count (--threads) must be from 1 to "
          + "\(TrainingConfiguration.maximumThreadCount), got \(threads); omit it to use one "
          + "thread per processor")
    }
    if !texts.isEmpty && !files.isEmpty {
      throw ValidationError("give texts either with --text or in files, not both")
    }
  }

  func run() throws {
    let modelPath = try model ?? locateShippedModel("stance")
    if let out { try OutputFile.check(out) }
    let (pipeline, _) = try ModelFile.read(path: modelPath)
    // Open every input before any output exists, so a bad file leaves nothing behind.
    var sources = try PredictionSource.open(
      texts: texts, files: files, format: input?.format, textColumn: textColumn,
      invalidUTF8: encoding.invalidUTF8)
    let stream = PredictionStream(
      pipeline: pipeline, format: format, explain: explain,
      hiding: explainAll ? nil : StopWordList.english,
      threads: threads ?? TrainingConfiguration.defaultThreadCount)
    try stream.write(&sources, to: out ?? "-")
    encoding.report(sources.map(\.invalidUTF8Summary))
  }
}

/// The `--input` choices of `predict`.
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

extension PredictionFormat: ExpressibleByArgument {}
