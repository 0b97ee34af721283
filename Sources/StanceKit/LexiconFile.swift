public import DataFiles
public import TextFeatures

/// Reads a ``Lexicon`` from a CSV file with the header `term,valence` (the CLI's
/// `--lexicon FILE`; data/lexicons/ holds ours).
///
/// One word per line; the valence is a non-zero whole number from -3 to 3. Terms are
/// lowercased when `foldsCase` is set, as the tokenizer lowercases tokens. The lexicon's
/// name is the file's base name without its extension. `builtin:NAME` names one of the
/// ``BuiltInLexicons`` instead of a file.
public enum LexiconFile {
  /// Reads and checks the lexicon in `path`.
  ///
  /// - Parameters:
  ///   - path: The CSV file.
  ///   - foldsCase: Whether to lowercase the terms (as the vectorizer folds case).
  /// - Returns: The lexicon.
  /// - Throws: ``LexiconFileError`` naming the file, the line and the problem.
  /// - Complexity: O(file size).
  public static func read(path: String, foldsCase: Bool = true) throws(LexiconFileError)
    -> Lexicon
  {
    if path.hasPrefix(BuiltInLexicons.prefix) {
      let name = String(path.dropFirst(BuiltInLexicons.prefix.count))
      guard let lexicon = BuiltInLexicons.lexicon(named: name, foldsCase: foldsCase) else {
        throw .unknownBuiltIn(name)
      }
      return lexicon
    }
    var reader: DelimitedTextReader
    var records: [DelimitedTextReader.Record]
    do {
      reader = try DelimitedTextReader(path: path)
      records = try reader.readAll()
    } catch {
      throw .data(error)
    }
    guard let header = records.first, header.fields == ["term", "valence"] else {
      throw .header(file: path, found: records.first?.fields ?? [])
    }
    var entries: [Lexicon.Entry] = []
    var lines: [String: Int] = [:]
    for record in records.dropFirst() {
      guard record.fields.count == 2 else {
        throw .data(
          .fieldCount(file: path, line: record.line, expected: 2, found: record.fields.count))
      }
      let term = foldsCase ? record.fields[0].lowercased() : record.fields[0]
      guard let valence = Int(record.fields[1]) else {
        throw .entry(
          file: path, line: record.line,
          problem: .invalidValence(term: term, valence: 0), text: record.fields[1])
      }
      let entry = Lexicon.Entry(term: term, valence: valence)
      do {
        _ = try Lexicon(name: "", entries: [entry])
      } catch {
        throw .entry(file: path, line: record.line, problem: error, text: nil)
      }
      if let first = lines.updateValue(record.line, forKey: term) {
        throw .duplicate(file: path, line: record.line, term: term, firstLine: first)
      }
      entries.append(entry)
    }
    do {
      return try Lexicon(name: baseName(of: path), entries: entries)
    } catch {
      throw .entry(file: path, line: records.count, problem: error, text: nil)
    }
  }

  /// The file name without folders and without its last extension.
  private static func baseName(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }
}

/// Why a lexicon file was refused; every message names the file and, where there is one,
/// the line.
public enum LexiconFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read as CSV.
  case data(DataError)
  /// The first line is not `term,valence`.
  case header(file: String, found: [String])
  /// A line holds a bad term or valence (`text` is the valence as written when it is not a
  /// number).
  case entry(file: String, line: Int, problem: LexiconError, text: String?)
  /// A term is listed on two lines.
  case duplicate(file: String, line: Int, term: String, firstLine: Int)
  /// `builtin:NAME` names no built-in lexicon.
  case unknownBuiltIn(String)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .data(let error): return error.description
    case .header(let file, let found):
      return
        "\(file):1: a lexicon file starts with the header `term,valence`, found "
        + "`\(found.joined(separator: ","))`"
    case .entry(let file, let line, .invalidValence(let term, _), let text?):
      return
        "\(file):\(line): the valence of '\(term)' must be a whole number from "
        + "-\(Lexicon.maximumValence) to \(Lexicon.maximumValence), got '\(text)'"
    case .entry(let file, let line, let problem, _):
      return "\(file):\(line): \(problem)"
    case .duplicate(let file, let line, let term, let firstLine):
      return "\(file):\(line): '\(term)' is already listed on line \(firstLine); keep one line"
    case .unknownBuiltIn(let name):
      return
        "there is no built-in lexicon '\(name)'; use "
        + BuiltInLexicons.names.map { BuiltInLexicons.prefix + $0 }.joined(separator: " or ")
        + " or the path of a `term,valence` CSV file"
    }
  }
}
