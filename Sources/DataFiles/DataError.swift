/// A problem with an input data file, naming the file, the line and what was expected.
///
/// Every case carries enough context for a user to open the file at the right place; the
/// ``description`` is the message the CLI prints, and ``category`` says which kind of
/// failure it is (for an exit status).
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No file exists at the path.
  case missingFile(file: String)
  /// The path names a folder (directory), where a data file was expected.
  case isDirectory(file: String)
  /// The file exists but could not be opened (for example, permission denied).
  case unreadable(file: String, reason: String)
  /// Reading failed part-way through the file.
  case readFailed(file: String, reason: String)
  /// The format cannot be told from the file's extension and none was given.
  case unknownFormat(file: String)
  /// The file holds no bytes (or only a byte-order mark or blank lines before any header).
  case emptyFile(file: String, format: DataFormat)
  /// The file has a header (CSV, TSV) or only blank lines (JSONL, lines) but no records.
  case noRecords(file: String, format: DataFormat)
  /// A quoted field starting on `line` was still open at the end of the file.
  case unterminatedQuote(file: String, line: Int)
  /// A character other than a delimiter or line end followed a closing quote.
  case textAfterClosingQuote(file: String, line: Int)
  /// The bytes are not valid UTF-8; `byteOffset` (0-based, from the start of the file) is
  /// where the first ill-formed sequence starts and `byte` is its first byte.
  case invalidUTF8(file: String, line: Int, byteOffset: Int, byte: UInt8)
  /// A record has a different number of fields from the header.
  case fieldCount(file: String, line: Int, expected: Int, found: Int)
  /// A column named on the command line is not in the header on `line`.
  case missingColumn(file: String, line: Int, column: String, role: ColumnRole, available: [String])
  /// A record's label is empty.
  case emptyLabel(file: String, line: Int)
  /// Labels were asked for from input in the `lines` format, which holds only texts.
  case noLabelsInLines(file: String)
  /// A JSONL line is not valid JSON; `column` counts characters from 1.
  case invalidJSON(file: String, line: Int, column: Int, expected: String)
  /// A JSONL line holds valid JSON that is not an object.
  case notAnObject(file: String, line: Int, found: JSONKind)
  /// A JSONL object lacks a key named on the command line.
  case missingKey(file: String, line: Int, key: String, role: ColumnRole, available: [String])
  /// A JSONL object's text, label or speaker is not a string; `value` is its JSON text.
  case notAString(file: String, line: Int, key: String, found: JSONKind, value: String)
  /// A JSONL object names the same key twice.
  case duplicateKey(file: String, line: Int, key: String)
  /// A `--where` filter kept none of the file's `recordCount` records. `values` are the
  /// distinct values its column does take, in the order first seen (at most 20);
  /// `moreValues` says whether it takes others too.
  case noRecordMatched(
    file: String, filter: RowFilter, recordCount: Int, values: [String], moreValues: Bool)
  /// A `--where` filter names a key that no JSONL record of the file has; `available` are
  /// keys the records do have (at most 20, after the text and label keys).
  case filterKeyMissing(file: String, filter: RowFilter, available: [String])
  /// The CSV or TSV header is not valid UTF-8 and the policy was
  /// ``InvalidUTF8Policy/skip``, which cannot drop a header.
  case invalidUTF8InHeader(file: String, line: Int, byteOffset: Int, byte: UInt8)
  /// Under ``InvalidUTF8Policy/skip``, every one of the `count` records held invalid UTF-8.
  case everyRecordSkipped(file: String, count: Int)

  /// The kind of failure, for choosing an exit status.
  public enum Category: Sendable, Equatable {
    /// The input is missing or cannot be opened (sysexits `EX_NOINPUT`, 66).
    case inputUnavailable
    /// The input was read but is malformed (sysexits `EX_DATAERR`, 65).
    case malformedData
    /// Reading failed part-way (sysexits `EX_IOERR`, 74).
    case readFailure
    /// The request cannot be carried out as given: the format must be named (sysexits
    /// `EX_USAGE`, 64).
    case usage
  }

  /// The kind of failure, for choosing an exit status.
  public var category: Category {
    switch self {
    case .missingFile, .isDirectory, .unreadable: return .inputUnavailable
    case .readFailed: return .readFailure
    case .unknownFormat, .noLabelsInLines: return .usage
    default: return .malformedData
    }
  }

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .missingFile(let file):
      return "\(file): no such file; check the path"
    case .isDirectory(let file):
      return "\(file): is a folder; give a data file"
    case .unreadable(let file, let reason):
      return "\(file): cannot open the file: \(reason)"
    case .readFailed(let file, let reason):
      return "\(file): cannot read: \(reason)"
    case .unknownFormat(let file):
      return "\(file): cannot tell the format from the file name; expected an extension "
        + ".csv, .tsv, .jsonl or .ndjson, or name the format (--input csv|tsv|jsonl)"
    case .emptyFile(let file, let format):
      return "\(file): the file is empty; expected \(format.expectedContent)"
    case .noRecords(let file, let format):
      switch format {
      case .csv, .tsv:
        return "\(file): the file has a header but no records; expected one record per line "
          + "after the header"
      case .jsonl:
        return "\(file): the file has only blank lines; expected one JSON object per line"
      case .lines:
        return "\(file): the file has only blank lines; expected one text per line"
      }
    case .unterminatedQuote(let file, let line):
      return "\(file):\(line): a quoted field starting on this line is never closed; "
        + "add the closing \" (write a literal quote inside a quoted field as \"\")"
    case .textAfterClosingQuote(let file, let line):
      return "\(file):\(line): text follows a closing quote; a quoted field must end at a "
        + "delimiter or line end (write a literal quote inside it as \"\")"
    case .invalidUTF8(let file, let line, let byteOffset, let byte):
      return "\(file):\(line): the text is not valid UTF-8 at byte offset \(byteOffset) "
        + "(byte 0x\(hex(byte))); convert the file to UTF-8 "
        + "(for example: iconv -f WINDOWS-1252 -t UTF-8)"
    case .fieldCount(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) fields as in the header, found \(found); "
        + "quote any field that holds the delimiter or a line break"
    case .missingColumn(let file, let line, let column, let role, let available):
      return "\(file):\(line): no column '\(column)' in the header"
        + suggestion(for: column, among: available, then: "the columns are ")
        + quotedList(available) + "; choose the \(role) column with \(role.option)"
    case .emptyLabel(let file, let line):
      return "\(file):\(line): the label is empty; every training example needs a label"
    case .noLabelsInLines(let file):
      return "\(file): plain lines hold texts only, no labels; training and evaluation need a "
        + "CSV, TSV or JSONL file with a label column"
    case .invalidJSON(let file, let line, let column, let expected):
      return "\(file):\(line): not valid JSON at column \(column): expected \(expected)"
    case .notAnObject(let file, let line, let found):
      return "\(file):\(line): expected a JSON object ({\"text\": ...}), found \(found)"
    case .missingKey(let file, let line, let key, let role, let available):
      let keys =
        available.isEmpty
        ? "; the object is empty"
        : suggestion(for: key, among: available, then: "the keys are ") + quotedList(available)
      return "\(file):\(line): no key '\(key)' in this object\(keys); choose the \(role) key "
        + "with \(role.option)"
    case .notAString(let file, let line, let key, let found, let value):
      let shown = value.count > 40 ? String(value.prefix(37)) + "..." : value
      return "\(file):\(line): the value of '\(key)' is \(found) (\(shown)); expected a "
        + "string in double quotes"
    case .duplicateKey(let file, let line, let key):
      return "\(file):\(line): the key '\(key)' appears more than once in this object; "
        + "keep one"
    case .noRecordMatched(let file, let filter, let recordCount, let values, let moreValues):
      let records = recordCount == 1 ? "record" : "records"
      let shown = values.map { $0.isEmpty ? "\"\"" : $0 } + (moreValues ? ["…"] : [])
      return "--where \(filter) matched none of the \(grouped(recordCount)) \(records) of "
        + "\(file); \(filter.column) takes \(shown.joined(separator: ", "))"
    case .filterKeyMissing(let file, let filter, let available):
      return "\(file): no record has the key '\(filter.column)' (--where \(filter))"
        + suggestion(for: filter.column, among: available, then: "the keys are ")
        + quotedList(available)
    case .invalidUTF8InHeader(let file, let line, let byteOffset, let byte):
      return "\(file):\(line): the header is not valid UTF-8 at byte offset \(byteOffset) "
        + "(byte 0x\(hex(byte))) and a header cannot be skipped; convert the file to UTF-8 "
        + "or use --invalid-utf8 replace"
    case .everyRecordSkipped(let file, let count):
      let records = count == 1 ? "the only record holds" : "all \(count) records hold"
      return "\(file): \(records) invalid UTF-8 and nothing is left after skipping; "
        + "convert the file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8) or use "
        + "--invalid-utf8 replace"
    }
  }
}

/// What a named column holds, for messages about a missing column.
public enum ColumnRole: String, Sendable, CaseIterable, CustomStringConvertible {
  /// The column holding the text to classify (`--text-column`).
  case text
  /// The column holding the label (`--label-column`).
  case label
  /// The column a `--where` filter tests.
  case filter

  /// The role's name as used in option names: `text`, `label` or `filter`.
  public var description: String { rawValue }

  /// The option that names the column.
  var option: String { self == .filter ? "--where" : "--\(rawValue)-column" }
}

private func hex(_ byte: UInt8) -> String {
  let digits = Array("0123456789ABCDEF")
  return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// `n` with a comma between groups of three digits (`2,888`), whatever the locale.
private func grouped(_ n: Int) -> String {
  let digits = Array(String(n.magnitude))
  var text = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
    text.append(digit)
  }
  return (n < 0 ? "-" : "") + text
}

private func quotedList(_ names: [String]) -> String {
  names.map { "'\($0)'" }.joined(separator: ", ")
}

/// `"; did you mean 'x'? The …"` when a name in `candidates` is close to `name`, otherwise
/// `"; the …"`, where `…` is `then` without its first letter.
private func suggestion(for name: String, among candidates: [String], then: String) -> String {
  guard let closest = ColumnNameMatcher.closest(to: name, among: candidates) else {
    return "; " + then
  }
  return "; did you mean '\(closest)'? " + then.prefix(1).uppercased() + then.dropFirst()
}

/// Finds the column a user most likely meant when a name is not in the header.
enum ColumnNameMatcher {
  /// The candidate nearest to `name` by case-insensitive edit distance (insertions,
  /// deletions, substitutions and transpositions of neighbours), when that distance is at
  /// most `max(2, name.count / 3)`; the first in order among equals.
  static func closest(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    let limit = max(2, target.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != name {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance <= limit && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The optimal-string-alignment distance between `a` and `b`.
  ///
  /// - Complexity: O(a.count × b.count).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var table = [Int](repeating: 0, count: (a.count + 1) * width)
    for j in 0...b.count { table[j] = j }
    for i in 1...a.count {
      table[i * width] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(
          table[(i - 1) * width + j] + 1, table[i * width + j - 1] + 1,
          table[(i - 1) * width + j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          value = min(value, table[(i - 2) * width + j - 2] + 1)
        }
        table[i * width + j] = value
      }
    }
    return table[a.count * width + b.count]
  }
}
