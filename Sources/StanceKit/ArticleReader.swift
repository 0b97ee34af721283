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
/// UTF-8; an invalid byte is refused with its line and byte offset (an article is never
/// silently altered, because quote offsets point into its original bytes).
public enum ArticleReader {
  /// Reads every article of `path`.
  ///
  /// - Parameters:
  ///   - path: A file of one article, or a JSONL batch.
  ///   - textKey: The JSONL key holding the article.
  /// - Returns: The articles in file order.
  /// - Throws: `DataError` for a missing, unreadable or empty file, invalid UTF-8, or a
  ///   malformed JSONL record.
  public static func read(path: String, textKey: String = "text") throws(DataError)
    -> [ArticleInput]
  {
    var stream = try ArticleStream(paths: [path], textKey: textKey)
    var articles: [ArticleInput] = []
    while let article = try stream.next() { articles.append(article) }
    return articles
  }

  /// Reads a whole file as one article.
  ///
  /// - Parameter path: The file.
  /// - Returns: The article.
  /// - Throws: `DataError` for a missing, unreadable or empty file, or invalid UTF-8.
  static func readFile(path: String) throws(DataError) -> ArticleInput {
    let file = try InputFile.openForReading(path: path)
    let data: Data
    do {
      data =
        try FileHandle(fileDescriptor: file.descriptor, closeOnDealloc: false).readToEnd()
        ?? Data()
    } catch {
      throw .readFailed(file: path, reason: error.localizedDescription)
    }
    return try article(from: [UInt8](data), source: path)
  }

  /// Reads one article from standard input.
  ///
  /// - Returns: The article, named `<stdin>`.
  /// - Throws: `DataError` for empty input or invalid UTF-8.
  public static func readStandardInput() throws(DataError) -> ArticleInput {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return try article(from: [UInt8](data), source: "<stdin>")
  }

  private static func article(from bytes: [UInt8], source: String) throws(DataError)
    -> ArticleInput
  {
    if let offset = firstInvalidUTF8Offset(bytes) {
      let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      throw .invalidUTF8(file: source, line: line, byteOffset: offset, byte: bytes[offset])
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw .emptyFile(file: source, format: .lines)
    }
    return ArticleInput(source: source, text: text, fields: [])
  }

  /// The offset of the first byte of the first invalid UTF-8 sequence, or `nil`.
  static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return nil
      case .error:
        return offset
      }
    }
  }
}

/// Articles from several files, read one at a time so that memory does not grow with a
/// batch: each JSONL record or article file is read when it is asked for.
///
/// Creating the stream opens every input first (reads standard input, and each JSONL
/// file's first record), so a missing file, empty input or a malformed start is reported
/// before any output is written.
public struct ArticleStream {
  private enum Source {
    case file(String)
    case article(ArticleInput)
    case batch(DatasetReader, path: String)
  }

  private var sources: [Source]
  private var position = 0

  /// Opens the inputs; `-` (or no path at all) is standard input.
  ///
  /// - Parameters:
  ///   - paths: Article files or JSONL batches, in order.
  ///   - textKey: The JSONL key holding the article.
  /// - Throws: `DataError` for a missing or unreadable input or a malformed first record.
  public init(paths: [String], textKey: String = "text") throws(DataError) {
    var sources: [Source] = []
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        // One article: read now, so empty or invalid input is refused before any output.
        sources.append(.article(try ArticleReader.readStandardInput()))
      } else if DataFormat(path: path) == .jsonl {
        let reader = try DatasetReader(
          path: path, format: .jsonl,
          columns: ColumnSelection(text: textKey, label: nil, speaker: nil))
        sources.append(.batch(reader, path: path))
      } else {
        _ = try InputFile.openForReading(path: path)
        sources.append(.file(path))
      }
    }
    self.sources = sources
  }

  /// The next article, or `nil` after the last.
  ///
  /// - Returns: The article.
  /// - Throws: `DataError` for an unreadable file, invalid UTF-8 or a malformed record.
  public mutating func next() throws(DataError) -> ArticleInput? {
    while position < sources.count {
      switch sources[position] {
      case .file(let path):
        position += 1
        return try ArticleReader.readFile(path: path)
      case .article(let article):
        position += 1
        return article
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
