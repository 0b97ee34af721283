/// A problem with an input data file, naming the file, the line and what was expected.
///
/// Every case carries enough context for a user to open the file at the right place; the
/// ``description`` is the message the CLI prints.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// A quoted field was still open at the end of the file.
  case unterminatedQuote(file: String, line: Int)
  /// A character other than a delimiter or line end followed a closing quote.
  case textAfterClosingQuote(file: String, line: Int)
  /// The bytes are not valid UTF-8.
  case invalidUTF8(file: String, line: Int)
  /// A record has a different number of fields from the header.
  case fieldCount(file: String, line: Int, expected: Int, found: Int)
  /// The file has no header row.
  case missingHeader(file: String)
  /// A column named on the command line is not in the header.
  case missingColumn(file: String, column: String, available: [String])
  /// A record's label field is empty.
  case emptyLabel(file: String, line: Int)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file: \(reason)"
    case .unterminatedQuote(let file, let line):
      return "\(file):\(line): a quoted field starting on this line is never closed; "
        + "add the closing \" (write a literal quote inside a quoted field as \"\")"
    case .textAfterClosingQuote(let file, let line):
      return "\(file):\(line): text follows a closing quote; a quoted field must end at a "
        + "delimiter or line end (write a literal quote inside it as \"\")"
    case .invalidUTF8(let file, let line):
      return "\(file):\(line): the text is not valid UTF-8; convert the file to UTF-8"
    case .fieldCount(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) fields as in the header, found \(found)"
    case .missingHeader(let file):
      return "\(file): the file is empty; expected a header row naming the columns"
    case .missingColumn(let file, let column, let available):
      let choices = available.map { "'\($0)'" }.joined(separator: ", ")
      return "\(file): no column '\(column)' in the header; the columns are \(choices)"
    case .emptyLabel(let file, let line):
      return "\(file):\(line): the label is empty; every training example needs a label"
    }
  }
}
