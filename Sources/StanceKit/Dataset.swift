/// One labelled text, as read from a data file.
public struct LabelledExample: Equatable, Sendable {
  /// The text to classify.
  public var text: String
  /// Its label.
  public var label: String
  /// The line of the data file on which the record starts.
  public var line: Int
}

/// The layout of a data file.
public enum DataFormat: String, Sendable, CaseIterable {
  /// Comma-separated values with a header row (RFC 4180).
  case csv
  /// Tab-separated values with a header row, quoted as CSV.
  case tsv

  /// The format a file extension implies (`.csv`, `.tsv`), or `nil`.
  ///
  /// - Parameter path: A file path.
  public init?(path: String) {
    guard let dot = path.lastIndex(of: ".") else { return nil }
    self.init(rawValue: path[path.index(after: dot)...].lowercased())
  }
}

/// A labelled corpus read from a CSV or TSV file with a header row.
public struct Dataset: Sendable {
  /// The examples in file order.
  public var examples: [LabelledExample]

  /// The texts in file order.
  public var texts: [String] { examples.map(\.text) }
  /// The labels in file order.
  public var labels: [String] { examples.map(\.label) }

  /// Reads a labelled corpus.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - format: The layout; by default implied by the extension, CSV otherwise.
  ///   - textColumn: The header of the column holding the text.
  ///   - labelColumn: The header of the column holding the label.
  /// - Returns: The examples.
  /// - Throws: `DataError` naming the file and line of the first problem: unreadable
  ///   file, malformed CSV, a missing column, a record with the wrong number of fields,
  ///   an empty label.
  /// - Complexity: O(file size); memory grows with the kept text.
  public static func read(
    path: String, format: DataFormat? = nil, textColumn: String = "text",
    labelColumn: String = "label"
  ) throws(DataError) -> Dataset {
    let isTSV = (format ?? DataFormat(path: path) ?? .csv) == .tsv
    var reader = try DelimitedTextReader(
      path: path, delimiter: isTSV ? UInt8(ascii: "\t") : UInt8(ascii: ","))
    guard let header = try reader.next() else { throw .missingHeader(file: path) }
    guard let textIndex = header.fields.firstIndex(of: textColumn) else {
      throw .missingColumn(file: path, column: textColumn, available: header.fields)
    }
    guard let labelIndex = header.fields.firstIndex(of: labelColumn) else {
      throw .missingColumn(file: path, column: labelColumn, available: header.fields)
    }
    var examples: [LabelledExample] = []
    while let record = try reader.next() {
      guard record.fields.count == header.fields.count else {
        throw .fieldCount(
          file: path, line: record.line, expected: header.fields.count,
          found: record.fields.count)
      }
      let label = record.fields[labelIndex]
      guard !label.isEmpty else { throw .emptyLabel(file: path, line: record.line) }
      examples.append(
        LabelledExample(text: record.fields[textIndex], label: label, line: record.line))
    }
    return Dataset(examples: examples)
  }
}
