import ArgumentParser
import Classifier
import Foundation
import LinearAlgebra
import StanceKit
import TextFeatures

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
  var format: PredictFormat = .text

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
    var sources = try openSources()
    let sink = try OutputFile(
      path: out ?? "-", contents: "the predictions", wholeDocument: format == .json)
    let stream = PredictionStream(
      pipeline: pipeline, format: format, explain: explain,
      hiding: explainAll ? nil : StopWordList.english,
      threads: threads ?? TrainingConfiguration.defaultThreadCount)
    do {
      try stream.run(&sources, to: sink)
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
    encoding.report(sources.map(\.invalidUTF8Summary))
  }

  private func openSources() throws -> [PredictionSource] {
    if !texts.isEmpty {
      return [.texts(texts.map { DataRecord(text: $0, line: 0) })]
    }
    let columns = ColumnSelection(text: textColumn, label: nil, speaker: "speaker")
    return try (files.isEmpty ? ["-"] : files).map { file in
      if file == "-" {
        return .reader(
          try DatasetReader(
            fileHandle: .standardInput, name: "<stdin>", format: input?.format ?? .lines,
            columns: columns, invalidUTF8: encoding.invalidUTF8))
      }
      return .reader(
        try DatasetReader(
          path: file, format: input?.format ?? DataFormat.forPrediction(path: file),
          columns: columns, invalidUTF8: encoding.invalidUTF8))
    }
  }
}

/// Finds a shipped model or explains where it looked.
///
/// - Parameter name: `stance` or `sentiment`.
/// - Returns: The model's path.
/// - Throws: `CLIError.noShippedModel`.
func locateShippedModel(_ name: String) throws -> String {
  let folders = ShippedModels.searchFolders()
  guard let path = ShippedModels.locate(name, in: folders) else {
    throw CLIError.noShippedModel(name: ShippedModels.fileName(name), searched: folders)
  }
  return path
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

/// The `--format` choices of `predict`.
enum PredictFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case jsonl
  case csv
}

/// Where texts to classify come from: `--text` values or a streaming reader.
enum PredictionSource {
  case texts([DataRecord])
  case reader(DatasetReader)

  /// The count of records repaired or skipped for invalid UTF-8, for a reader.
  var invalidUTF8Summary: InvalidUTF8Summary? {
    guard case .reader(let reader) = self else { return nil }
    return reader.invalidUTF8Summary
  }

  /// Up to `size` more records; empty at the end.
  mutating func nextBatch(size: Int) throws -> [DataRecord] {
    switch self {
    case .texts(let records):
      self = .texts([])
      return records
    case .reader(var reader):
      var batch: [DataRecord] = []
      while batch.count < size, let record = try reader.next() { batch.append(record) }
      self = .reader(reader)
      return batch
    }
  }
}
