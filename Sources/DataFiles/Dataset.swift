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
  ///   `lines` input, which has no labels; a filter column the file does not have
  ///   (``DataError/missingColumn(file:line:column:role:available:)`` for CSV and TSV,
  ///   ``DataError/filterKeyMissing(file:filter:available:)`` for JSONL); a filter that
  ///   keeps none of the records (``DataError/noRecordMatched(file:filter:recordCount:values:moreValues:)``,
  ///   listing the values the column does take).
  /// - Complexity: O(file size); memory grows with the kept text.
  public static func read(
    path: String, format: DataFormat? = nil, textColumn: String = "text",
    labelColumn: String = "label", speakerColumn: String? = "speaker", filter: RowFilter? = nil,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) -> Dataset {
    var stream = try ExampleStream(
      path: path, format: format, textColumn: textColumn, labelColumn: labelColumn,
      speakerColumn: speakerColumn, filter: filter, invalidUTF8: invalidUTF8)
    var examples: [LabelledExample] = []
    while let example = try stream.next() { examples.append(example) }
    return Dataset(examples: examples, invalidUTF8: stream.invalidUTF8)
  }
}

/// What the records a filter turned away held, to explain a filter that keeps nothing.
///
/// Memory is bounded whatever the file: at most ``limit`` values and ``limit`` keys.
struct UnmatchedFilter {
  /// How many distinct values (and keys) are kept for the message.
  static let limit = 20

  /// The records seen.
  var recordCount = 0
  /// The distinct values of the filter column, in the order first seen.
  var values: [String] = []
  /// Whether the column takes more values than ``values`` lists.
  var moreValues = false
  /// The keys the records have, in the order first seen (for a JSONL filter key that no
  /// record has).
  var keys: [String] = []

  private var seenValues: Set<String> = []
  private var seenKeys: Set<String> = []

  /// Counts a record the filter turned away.
  ///
  /// - Parameters:
  ///   - value: The record's value of the filter column; `nil` when it has no such key.
  ///   - recordKeys: The keys the record has, asked for only while they are still needed.
  mutating func note(_ value: String?, recordKeys: () -> [String]) {
    recordCount += 1
    if let value {
      if seenValues.contains(value) { return }
      if values.count < Self.limit {
        seenValues.insert(value)
        values.append(value)
      } else {
        moreValues = true
      }
    } else if values.isEmpty && keys.count < Self.limit {
      // The column is missing from this record; the keys it has are suggestions.
      for key in recordKeys() where keys.count < Self.limit {
        if seenKeys.insert(key).inserted { keys.append(key) }
      }
    }
  }
}

/// Keeps the records whose `column` holds one of `values` (`--where split=train,dev`).
public struct RowFilter: Equatable, Sendable, CustomStringConvertible {
  /// The column to test.
  public var column: String
  /// The accepted values, in the order given, without repeats.
  public var values: [String]

  /// Creates a filter.
  ///
  /// - Parameters:
  ///   - column: The column to test.
  ///   - values: The accepted values; a repeated value is kept once.
  public init(column: String, values: [String]) {
    self.column = column
    var seen: Set<String> = []
    self.values = values.filter { seen.insert($0).inserted }
  }

  /// Parses `COLUMN=VALUE[,VALUE…]`; `nil` when `text` has no `=`, no column or no value.
  ///
  /// - Parameter text: The filter as written on the command line.
  public init?(parsing text: String) {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let column = String(text[..<equals])
    let values = text[text.index(after: equals)...].split(separator: ",").map(String.init)
    guard !column.isEmpty, !values.isEmpty else { return nil }
    self.init(column: column, values: values)
  }

  /// The filter as written on the command line, `split=train,dev`.
  public var description: String { "\(column)=\(values.joined(separator: ","))" }
}
