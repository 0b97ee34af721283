import Foundation

/// One article to extract quotes from: its text and where it came from.
public struct ArticleInput: Sendable, Equatable {
  /// The name shown in the output: the file, `FILE#id` for a JSONL record, or `<stdin>`.
  public var source: String
  /// The article, as written (plain text or simple HTML).
  public var text: String
  /// For JSONL input, the record's other keys in written order (`id` among them).
  public var fields: [DataField]
}

/// Reads articles: whole text or HTML files, or JSONL batches of `{"id", "text", …}`.
///
/// A file ending in `.jsonl` or `.ndjson` holds one article per line; its `text` key is the
/// article and its `id` (if any) names it. Any other file is one article. Text must be
/// UTF-8: by default an invalid byte is refused with its line and byte offset (an article is
/// never silently altered, because quote offsets point into its original bytes); an
/// ``InvalidUTF8Policy`` can ask to repair or skip such an article instead.
public enum ArticleReader {
  /// Reads every article of `path`.
  ///
  /// - Parameters:
  ///   - path: A file of one article, or a JSONL batch.
  ///   - textKey: The JSONL key holding the article.
  ///   - invalidUTF8: What an article holding invalid UTF-8 does; `fail` by default.
  /// - Returns: The articles in file order (without those skipped).
  /// - Throws: `DataError` for a missing, unreadable or empty file, invalid UTF-8 (under
  ///   `fail`), or a malformed JSONL record.
  public static func read(
    path: String, textKey: String = "text", invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) -> [ArticleInput] {
    var stream = try ArticleStream(paths: [path], textKey: textKey, invalidUTF8: invalidUTF8)
    var articles: [ArticleInput] = []
    while let article = try stream.next() { articles.append(article) }
    return articles
  }

  /// Reads one article from standard input.
  ///
  /// - Returns: The article, named `<stdin>`.
  /// - Throws: `DataError` for empty input, invalid UTF-8, or a closed or unreadable
  ///   standard input (``DataError/readFailed(file:reason:)`` with the system's reason).
  public static func readStandardInput() throws(DataError) -> ArticleInput {
    let decoded = try decode(
      try InputFile.standardInput().readAll(name: standardInputName),
      source: standardInputName, invalidUTF8: .fail)
    guard let article = decoded.article else {
      throw .emptyFile(file: standardInputName, format: .lines)
    }
    return article
  }

  /// The name standard input goes by in messages and output.
  static let standardInputName = "<stdin>"

  /// An article read whole, or the note that it was skipped.
  struct Decoded {
    /// The article; `nil` when it held invalid UTF-8 and was skipped.
    var article: ArticleInput?
    /// Whether it held invalid UTF-8 (and was repaired or skipped).
    var heldInvalidUTF8: Bool
  }

  /// Reads a whole file (or standard input, for `-`) as one article.
  ///
  /// - Parameters:
  ///   - path: The file, or `-`.
  ///   - invalidUTF8: What an article holding invalid UTF-8 does.
  /// - Returns: The article, or `nil` with the invalid flag when it was skipped.
  /// - Throws: `DataError` for a missing, unreadable or empty file, or invalid UTF-8 under
  ///   `fail`.
  static func readWhole(path: String, invalidUTF8: InvalidUTF8Policy) throws(DataError)
    -> Decoded
  {
    if path == "-" {
      let bytes = try InputFile.standardInput().readAll(name: standardInputName)
      return try decode(bytes, source: standardInputName, invalidUTF8: invalidUTF8)
    }
    let bytes = try InputFile.openForReading(path: path).readAll(name: path)
    return try decode(bytes, source: path, invalidUTF8: invalidUTF8)
  }

  private static func decode(
    _ bytes: [UInt8], source: String, invalidUTF8: InvalidUTF8Policy
  ) throws(DataError) -> Decoded {
    var invalid = false
    if case .invalid(let offset) = UTF8Validation.scan(bytes, atEndOfInput: true) {
      switch invalidUTF8 {
      case .fail:
        let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        throw .invalidUTF8(file: source, line: line, byteOffset: offset, byte: bytes[offset])
      case .skip:
        return Decoded(article: nil, heldInvalidUTF8: true)
      case .replace:
        invalid = true
      }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw .emptyFile(file: source, format: .lines)
    }
    return Decoded(
      article: ArticleInput(source: source, text: text, fields: []), heldInvalidUTF8: invalid)
  }
}

/// Articles from several files, read one at a time so that memory does not grow with a
/// batch: each JSONL record or article file is read when it is asked for.
///
/// Creating the stream opens every input first (reads standard input, and each JSONL
/// file's first record), so a missing file, empty input or a malformed start is reported
/// before any output is written. Articles holding invalid UTF-8 are handled as
/// `invalidUTF8` says, and counted per input in ``invalidUTF8Summaries``.
public struct ArticleStream {
  private enum Source {
    case file(String)
    case article(ArticleInput?)
    case batch(DatasetReader, path: String)
  }

  /// What an article holding invalid UTF-8 does to the reading.
  public let invalidUTF8: InvalidUTF8Policy
  private var sources: [Source]
  /// Per source: its name and how many articles held invalid UTF-8 (whole files only).
  private var wholeCounts: [(name: String, count: Int)]
  private var position = 0

  /// Opens the inputs; `-` (or no path at all) is standard input.
  ///
  /// - Parameters:
  ///   - paths: Article files or JSONL batches, in order.
  ///   - textKey: The JSONL key holding the article.
  ///   - invalidUTF8: What an article holding invalid UTF-8 does; `fail` by default.
  /// - Throws: `DataError` for a missing or unreadable input (a closed standard input
  ///   included) or a malformed first record.
  public init(
    paths: [String], textKey: String = "text", invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    self.invalidUTF8 = invalidUTF8
    var sources: [Source] = []
    var counts: [(name: String, count: Int)] = []
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        // One article: read now, so empty or invalid input is refused before any output.
        let decoded = try ArticleReader.readWhole(path: path, invalidUTF8: invalidUTF8)
        sources.append(.article(decoded.article))
        counts.append((ArticleReader.standardInputName, decoded.heldInvalidUTF8 ? 1 : 0))
      } else if DataFormat(path: path) == .jsonl {
        let reader = try DatasetReader(
          path: path, format: .jsonl,
          columns: ColumnSelection(text: textKey, label: nil, speaker: nil),
          invalidUTF8: invalidUTF8)
        sources.append(.batch(reader, path: path))
        counts.append((path, 0))
      } else {
        _ = try InputFile.openForReading(path: path)
        sources.append(.file(path))
        counts.append((path, 0))
      }
    }
    self.sources = sources
    self.wholeCounts = counts
  }

  /// A stream that replays articles already read (for a second pass, as `stance score
  /// --adapt-prior` needs); it reports no invalid UTF-8 of its own.
  ///
  /// - Parameter articles: The articles, in order.
  public init(replaying articles: [ArticleInput]) {
    invalidUTF8 = .default
    sources = articles.map { .article($0) }
    wholeCounts = articles.map { ($0.source, 0) }
  }

  /// For each input that held articles with invalid UTF-8 (under `replace` or `skip`), how
  /// many it held, in input order; empty when there were none.
  public var invalidUTF8Summaries: [InvalidUTF8Summary] {
    zip(sources, wholeCounts).compactMap { source, whole in
      var count = whole.count
      if case .batch(let reader, _) = source { count = reader.invalidUTF8Count }
      guard count > 0 else { return nil }
      return InvalidUTF8Summary(file: whole.name, policy: invalidUTF8, count: count, unit: .article)
    }
  }

  /// The next article, or `nil` after the last.
  ///
  /// - Returns: The article.
  /// - Throws: `DataError` for an unreadable file, invalid UTF-8 (under `fail`) or a
  ///   malformed record.
  public mutating func next() throws(DataError) -> ArticleInput? {
    while position < sources.count {
      switch sources[position] {
      case .file(let path):
        let decoded = try ArticleReader.readWhole(path: path, invalidUTF8: invalidUTF8)
        if decoded.heldInvalidUTF8 { wholeCounts[position].count += 1 }
        position += 1
        if let article = decoded.article { return article }
      case .article(let article):
        position += 1
        if let article { return article }
      case .batch(var reader, let path):
        let record = try reader.next()
        sources[position] = .batch(reader, path: path)
        guard let record else {
          position += 1
          continue
        }
        let id = record.otherFields.first { $0.name == "id" }?.value ?? "line \(record.line)"
        return ArticleInput(source: "\(path)#\(id)", text: record.text, fields: record.otherFields)
      }
    }
    return nil
  }
}
