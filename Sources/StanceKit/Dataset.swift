/// One labelled text, as read from a data file.
public struct LabelledExample: Equatable, Sendable {
  /// The text to classify.
  public var text: String
  /// Its label.
  public var label: String
  /// Who said it, when the file has a speaker column with a value on this record.
  public var speaker: String?
  /// The line of the data file on which the record starts.
  public var line: Int

  /// Creates an example.
  ///
  /// - Parameters:
  ///   - text: The text.
  ///   - label: The label.
  ///   - speaker: The speaker, if known.
  ///   - line: The line of the data file on which the record starts.
  public init(text: String, label: String, speaker: String? = nil, line: Int) {
    self.text = text
    self.label = label
    self.speaker = speaker
    self.line = line
  }
}

/// A labelled corpus read from a CSV, TSV or JSONL file, for training and evaluation.
public struct Dataset: Sendable {
  /// The examples in file order.
  public var examples: [LabelledExample]

  /// Creates a dataset from examples, for example to join several files.
  ///
  /// - Parameter examples: The examples in order.
  public init(examples: [LabelledExample]) {
    self.examples = examples
  }

  /// The texts in file order.
  public var texts: [String] { examples.map(\.text) }
  /// The labels in file order.
  public var labels: [String] { examples.map(\.label) }
  /// The speakers in file order (`nil` where none was given).
  public var speakers: [String?] { examples.map(\.speaker) }

  /// Reads a labelled corpus.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - format: The layout; by default implied by the extension (`.csv`, `.tsv`,
  ///     `.jsonl`, `.ndjson`).
  ///   - textColumn: The column (or JSONL key) holding the text.
  ///   - labelColumn: The column (or JSONL key) holding the label.
  ///   - speakerColumn: The column holding the speaker, read when the file has it; `nil`
  ///     to ignore speakers.
  /// - Returns: The examples.
  /// - Throws: `DataError` naming the file and line of the first problem: a file that is
  ///   missing, a directory, unreadable, empty or without records; an extension naming no
  ///   format (when `format` is `nil`); malformed CSV, TSV or JSONL; invalid UTF-8; a
  ///   missing column; a record with the wrong number of fields; an empty label; `lines`
  ///   input, which has no labels.
  /// - Complexity: O(file size); memory grows with the kept text.
  public static func read(
    path: String, format: DataFormat? = nil, textColumn: String = "text",
    labelColumn: String = "label", speakerColumn: String? = "speaker"
  ) throws(DataError) -> Dataset {
    let resolved: DataFormat
    if let format {
      resolved = format
    } else {
      resolved = try DataFormat.forTraining(path: path)
    }
    var reader = try DatasetReader(
      path: path, format: resolved,
      columns: ColumnSelection(text: textColumn, label: labelColumn, speaker: speakerColumn))
    var examples: [LabelledExample] = []
    while let record = try reader.next() {
      guard let label = record.label, !label.isEmpty else {
        throw .emptyLabel(file: path, line: record.line)
      }
      examples.append(
        LabelledExample(
          text: record.text, label: label, speaker: record.speaker, line: record.line))
    }
    return Dataset(examples: examples)
  }
}
