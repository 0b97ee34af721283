/// Streams the labelled examples of one CSV, TSV or JSONL file, one at a time, with the
/// checks and the row filter of ``Dataset/read(path:format:textColumn:labelColumn:speakerColumn:filter:invalidUTF8:)``
/// (which collects them): the same examples in the same order, the same errors.
///
/// For a caller that reads the data more than once rather than holding it (the training
/// cache built out of core). Memory grows with the longest record, not with the file.
///
/// ```swift
/// var stream = try ExampleStream(path: "train.csv")
/// while let example = try stream.next() { use(example.text, example.label) }
/// ```
public struct ExampleStream {
  private let path: String
  private let textColumn: String
  private let labelColumn: String
  private let speakerColumn: String?
  private let filter: RowFilter?
  private let policy: InvalidUTF8Policy
  private var reader: DatasetReader
  private var kept = 0
  private var unmatched = UnmatchedFilter()

  /// Opens `path` and reads its header and first record; the parameters are those of
  /// ``Dataset/read(path:format:textColumn:labelColumn:speakerColumn:filter:invalidUTF8:)``.
  ///
  /// - Throws: `DataError` as that function does for the file, its format, its header and
  ///   its first record.
  public init(
    path: String, format: DataFormat? = nil, textColumn: String = "text",
    labelColumn: String = "label", speakerColumn: String? = "speaker", filter: RowFilter? = nil,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    // Opened before the format is worked out, so a folder or a missing file is reported
    // as such rather than as a name without an extension.
    let file = try InputFile.openForReading(path: path)
    let resolved: DataFormat
    if let format {
      resolved = format
    } else {
      resolved = try DataFormat.forTraining(path: path)
    }
    reader = try DatasetReader(
      file: file, path: path, format: resolved,
      columns: ColumnSelection(text: textColumn, label: labelColumn, speaker: speakerColumn),
      invalidUTF8: invalidUTF8)
    if let filter, let header = reader.header, !header.contains(filter.column) {
      throw .missingColumn(
        file: path, line: 1, column: filter.column, role: .filter, available: header)
    }
    self.path = path
    self.textColumn = textColumn
    self.labelColumn = labelColumn
    self.speakerColumn = speakerColumn
    self.filter = filter
    policy = invalidUTF8
  }

  /// For a lenient ``InvalidUTF8Policy``: how many records held invalid UTF-8 so far;
  /// `nil` under `fail`.
  public var invalidUTF8: InvalidUTF8Summary? {
    policy == .fail ? nil : reader.invalidUTF8Summary
  }

  /// The next example the filter keeps, or `nil` at the end of the file.
  ///
  /// - Throws: `DataError` naming the file and line of a malformed record or an empty
  ///   label; at the end, when the filter kept no record
  ///   (``DataError/filterKeyMissing(file:filter:available:)``,
  ///   ``DataError/noRecordMatched(file:filter:recordCount:values:moreValues:)``).
  public mutating func next() throws(DataError) -> LabelledExample? {
    while let record = try reader.next() {
      if let filter {
        let value = Self.filterValue(
          of: record, column: filter.column, textColumn: textColumn, labelColumn: labelColumn,
          speakerColumn: speakerColumn)
        guard let value, filter.values.contains(value) else {
          // Only needed to explain a filter that keeps nothing. A CSV or TSV record always
          // has the column (the header was checked); only an empty speaker reads as `nil`.
          if kept == 0 {
            unmatched.note(value ?? (reader.header == nil ? nil : "")) {
              [textColumn, labelColumn] + (record.speaker == nil ? [] : [speakerColumn ?? ""])
                + record.otherFields.map(\.name)
            }
          }
          continue
        }
      }
      guard let label = record.label, !label.isEmpty else {
        throw .emptyLabel(file: path, line: record.line)
      }
      kept += 1
      return LabelledExample(
        text: record.text, label: label, speaker: record.speaker, line: record.line)
    }
    if let filter, kept == 0 {
      guard !unmatched.values.isEmpty else {
        throw .filterKeyMissing(file: path, filter: filter, available: unmatched.keys)
      }
      throw .noRecordMatched(
        file: path, filter: filter, recordCount: unmatched.recordCount, values: unmatched.values,
        moreValues: unmatched.moreValues)
    }
    return nil
  }

  /// The value a filter tests in `record`: its text, label or speaker when the filter
  /// names that column, otherwise the other field of that name; `nil` when the record
  /// has none.
  private static func filterValue(
    of record: DataRecord, column: String, textColumn: String, labelColumn: String,
    speakerColumn: String?
  ) -> String? {
    if column == textColumn { return record.text }
    if column == labelColumn { return record.label }
    if column == speakerColumn { return record.speaker }
    return record.otherFields.first { $0.name == column }?.value
  }
}
