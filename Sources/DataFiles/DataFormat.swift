/// The layout of an input file.
///
/// Chosen from the file's extension (``init(path:)``, ``forTraining(path:)``,
/// ``forPrediction(path:)``) or named explicitly (the CLI's `--input`).
public enum DataFormat: String, Sendable, CaseIterable {
  /// Comma-separated values with a header row (RFC 4180); extension `.csv`.
  case csv
  /// Tab-separated values with a header row, quoted as CSV; extension `.tsv`.
  case tsv
  /// JSON Lines: one JSON object per line; extension `.jsonl` or `.ndjson`.
  case jsonl
  /// Plain text, one text per line, no header: input to prediction only.
  case lines

  /// The format a file extension implies (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, in any
  /// letter case), or `nil` for any other name.
  ///
  /// `lines` is never implied: it is what prediction falls back to.
  ///
  /// - Parameter path: A file path.
  public init?(path: String) {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "csv": self = .csv
    case "tsv": self = .tsv
    case "jsonl", "ndjson": self = .jsonl
    default: return nil
    }
  }

  /// The format of a training or evaluation file, from its extension.
  ///
  /// - Parameter path: A file path.
  /// - Returns: The format the extension implies.
  /// - Throws: `DataError.unknownFormat` when the extension names no format; the caller
  ///   should then ask for the format explicitly.
  public static func forTraining(path: String) throws(DataError) -> DataFormat {
    guard let format = DataFormat(path: path) else { throw .unknownFormat(file: path) }
    return format
  }

  /// The format of a file to predict on: the one its extension implies, otherwise
  /// ``lines``.
  ///
  /// - Parameter path: A file path.
  /// - Returns: The format.
  public static func forPrediction(path: String) -> DataFormat {
    DataFormat(path: path) ?? .lines
  }

  /// What a file in this format should hold, for messages.
  var expectedContent: String {
    switch self {
    case .csv, .tsv: return "a header row naming the columns, then one record per line"
    case .jsonl: return "one JSON object per line"
    case .lines: return "one text per line"
    }
  }
}
