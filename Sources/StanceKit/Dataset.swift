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
  /// For a dataset read from a file under a lenient ``InvalidUTF8Policy``: how many of its
  /// records held invalid UTF-8 and were repaired or skipped; `nil` otherwise.
  public var invalidUTF8: InvalidUTF8Summary?

  /// Creates a dataset from examples, for example to join several files.
  ///
  /// - Parameters:
  ///   - examples: The examples in order.
  ///   - invalidUTF8: The count of repaired or skipped records, if any.
  public init(examples: [LabelledExample], invalidUTF8: InvalidUTF8Summary? = nil) {
    self.examples = examples
    self.invalidUTF8 = invalidUTF8
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
  ///   - filter: Keep only the records whose column has one of the given values (for
  ///     example a `split` column); `nil` keeps every record.
  ///   - invalidUTF8: What a record holding invalid UTF-8 does; `fail` by default.
  /// - Returns: The examples, with ``invalidUTF8`` set under a lenient policy.
  /// - Throws: `DataError` naming the file and line of the first problem: a file that is
  ///   missing, a folder, unreadable, empty or without records; an extension naming no
  ///   format (when `format` is `nil`); malformed CSV, TSV or JSONL; invalid UTF-8 (under
  ///   `fail`); a missing column; a record with the wrong number of fields; an empty label;
  ///   `lines` input, which has no labels; a filter column the file does not have.
  /// - Complexity: O(file size); memory grows with the kept text.
  public static func read(
    path: String, format: DataFormat? = nil, textColumn: String = "text",
    labelColumn: String = "label", speakerColumn: String? = "speaker", filter: RowFilter? = nil,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) -> Dataset {
    // Opened before the format is worked out, so a folder or a missing file is reported
    // as such rather than as a name without an extension.
    let file = try InputFile.openForReading(path: path)
    let resolved: DataFormat
    if let format {
      resolved = format
    } else {
      resolved = try DataFormat.forTraining(path: path)
    }
    var reader = try DatasetReader(
      file: file, path: path, format: resolved,
      columns: ColumnSelection(text: textColumn, label: labelColumn, speaker: speakerColumn),
      invalidUTF8: invalidUTF8)
    if let filter, let header = reader.header, !header.contains(filter.column) {
      throw .missingColumn(
        file: path, line: 1, column: filter.column, role: .filter, available: header)
    }
    var examples: [LabelledExample] = []
    while let record = try reader.next() {
      if let filter {
        let value =
          filter.column == speakerColumn
          ? record.speaker : record.otherFields.first { $0.name == filter.column }?.value
        guard let value, filter.values.contains(value) else { continue }
      }
      guard let label = record.label, !label.isEmpty else {
        throw .emptyLabel(file: path, line: record.line)
      }
      examples.append(
        LabelledExample(
          text: record.text, label: label, speaker: record.speaker, line: record.line))
    }
    return Dataset(
      examples: examples, invalidUTF8: invalidUTF8 == .fail ? nil : reader.invalidUTF8Summary)
  }
}

/// Keeps the records whose `column` holds one of `values` (`--where split=train,dev`).
public struct RowFilter: Equatable, Sendable {
  /// The column to test.
  public var column: String
  /// The accepted values.
  public var values: Set<String>

  /// Creates a filter.
  ///
  /// - Parameters:
  ///   - column: The column to test.
  ///   - values: The accepted values.
  public init(column: String, values: Set<String>) {
    self.column = column
    self.values = values
  }

  /// Parses `COLUMN=VALUE[,VALUE…]`; `nil` when `text` has no `=`, no column or no value.
  ///
  /// - Parameter text: The filter as written on the command line.
  public init?(parsing text: String) {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let column = String(text[..<equals])
    let values = text[text.index(after: equals)...].split(separator: ",").map(String.init)
    guard !column.isEmpty, !values.isEmpty else { return nil }
    self.init(column: column, values: Set(values))
  }
}
