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
      model is used (see STANCE_MODELS). With --adapt-prior the whole input is read first \
      (it is not streamed), its class shares are estimated as `stance prior` does, and \
      every probability and label is adjusted to them. With --input jsonl --format jsonl \
      every input line gets one output line, in order, written as soon as it is scored: the \
      record's id first, its other fields, the prediction, and "error" (null, or an object \
      when the line is malformed, which does not stop the run); see docs/spark.md.
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

  @OptionGroup var columns: TextColumnOptions

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

  @Flag(
    name: .customLong("adapt-prior"),
    help: ArgumentHelp(
      "Estimate the class shares of the whole input by EM and adjust the probabilities to "
        + "them (reads all input before writing; off by default)."))
  var adaptPrior = false

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
    if answersLineForLine && adaptPrior {
      throw ValidationError(
        "--adapt-prior reads the whole input before writing, so it cannot answer "
          + "--input jsonl --format jsonl line for line; leave one of them out")
    }
  }

  /// Whether the run follows the streaming contract: JSON Lines in, one line out per line.
  private var answersLineForLine: Bool {
    columns.input == .jsonl && format == .jsonl && texts.isEmpty
  }

  func run() throws {
    let modelPath = try model ?? locateShippedModel("stance")
    if let out { try OutputFile.check(out) }
    var (pipeline, metadata) = try ModelFile.read(path: modelPath)
    if answersLineForLine {
      // The speaker is not read out of the record, so it is carried through like any field.
      var streams = try JSONLinesStream.open(
        paths: files, columns: ColumnSelection(text: columns.textColumn, label: nil, speaker: nil),
        invalidUTF8: encoding.invalidUTF8)
      let stream = PredictionStream(
        pipeline: pipeline, format: format, explain: explain,
        hiding: explainAll ? nil : StopWordList.english, threads: 1)
      try stream.answer(&streams, to: out ?? "-")
      encoding.report(streams.map(\.invalidUTF8Summary))
      return
    }
    // Open every input before any output exists, so a bad file leaves nothing behind.
    var sources = try PredictionSource.open(
      texts: texts, files: files, format: columns.input?.format, textColumn: columns.textColumn,
      invalidUTF8: encoding.invalidUTF8)
    var summaries = sources.map(\.invalidUTF8Summary)
    if adaptPrior {
      // The estimate needs every text: read them all, then predict from memory.
      let records = try PredictionSource.readAll(&sources)
      summaries = sources.map(\.invalidUTF8Summary)
      if !records.isEmpty {
        pipeline = try pipeline.adaptedToPrior(
          texts: records.map(\.text),
          trainingPriors: metadata.trainingPriors(labels: pipeline.labels)
        ).pipeline
      }
      sources = [.texts(records)]
    }
    let stream = PredictionStream(
      pipeline: pipeline, format: format, explain: explain,
      hiding: explainAll ? nil : StopWordList.english,
      threads: threads ?? TrainingConfiguration.defaultThreadCount)
    try stream.write(&sources, to: out ?? "-")
    encoding.report(adaptPrior ? summaries : sources.map(\.invalidUTF8Summary))
  }
}

extension PredictionFormat: ExpressibleByArgument {}
