/// One column of a record that is neither its text, its label nor its speaker, such as an
/// id to pass through to predictions.
public struct DataField: Equatable, Sendable {
  /// The column name (CSV, TSV) or key (JSONL).
  public var name: String
  /// The value: the field's text, or for a JSONL value that is not a string, its JSON text
  /// as written (`17`, `true`, `null`, `[1, 2]`).
  public var value: String
  /// Whether ``value`` is JSON text (a JSONL number, boolean, null, array or object) rather
  /// than a plain string; a writer of JSON output should then embed it as it is.
  public var isJSON: Bool

  /// Creates a field.
  ///
  /// - Parameters:
  ///   - name: The column name or key.
  ///   - value: The value.
  ///   - isJSON: Whether `value` is JSON text rather than a plain string.
  public init(name: String, value: String, isJSON: Bool = false) {
    self.name = name
    self.value = value
    self.isJSON = isJSON
  }
}

/// One record of an input file, as ``DatasetReader`` streams it.
public struct DataRecord: Equatable, Sendable {
  /// The text to classify.
  public var text: String
  /// The label, when the reader was asked for a label column; otherwise `nil`.
  public var label: String?
  /// The speaker, when the input has a non-empty speaker column; otherwise `nil`.
  public var speaker: String?
  /// The (1-based) line of the file on which the record starts.
  public var line: Int
  /// Every other column, in file order (CSV, TSV) or the order written (JSONL).
  public var otherFields: [DataField]

  /// Creates a record.
  ///
  /// - Parameters:
  ///   - text: The text.
  ///   - label: The label, if any.
  ///   - speaker: The speaker, if any.
  ///   - line: The line on which the record starts.
  ///   - otherFields: The remaining columns in order.
  public init(
    text: String, label: String? = nil, speaker: String? = nil, line: Int,
    otherFields: [DataField] = []
  ) {
    self.text = text
    self.label = label
    self.speaker = speaker
    self.line = line
    self.otherFields = otherFields
  }
}

/// Which columns (CSV, TSV) or keys (JSONL) hold the text, the label and the speaker.
public struct ColumnSelection: Equatable, Sendable {
  /// The column holding the text; it must exist.
  public var text: String
  /// The column holding the label; when set it must exist, when `nil` no label is read
  /// (and a column of that name, if any, is passed through as an other field).
  public var label: String?
  /// The column holding the speaker; read when it exists, ignored when it does not.
  public var speaker: String?

  /// Names the columns.
  ///
  /// - Parameters:
  ///   - text: The text column (`--text-column`, default `text`).
  ///   - label: The label column (`--label-column`, default `label`), or `nil` not to read
  ///     labels.
  ///   - speaker: The optional speaker column (default `speaker`), or `nil` not to read
  ///     speakers.
  public init(text: String = "text", label: String? = "label", speaker: String? = "speaker") {
    self.text = text
    self.label = label
    self.speaker = speaker
  }

  /// For training and evaluation: `text`, `label` (required) and `speaker`.
  public static let training = ColumnSelection()
  /// For prediction: `text` and `speaker`, no label.
  public static let prediction = ColumnSelection(label: nil)
}
