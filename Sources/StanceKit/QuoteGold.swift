import Foundation
public import NewsQuotes

/// Hand-made ground truth for one article's quotes (`data/articles/gold/NAME.json`) and
/// the scoring of an extraction against it.
///
/// The file holds `{"article": NAME.txt, "quotes": [{"start", "end", "speaker", "kind", …}]}`
/// with UTF-8 byte offsets into the article. A found quote matches a gold quote when their
/// spans overlap by at least half of the longer one (see `QuoteEvaluation`).
public struct QuoteGold: Sendable {
  /// The gold quotes.
  public let references: [QuoteEvaluation.Reference]

  private struct File: Decodable {
    struct Entry: Decodable {
      let start: Int
      let end: Int
      let speaker: String
      let kind: QuoteKind
    }
    let quotes: [Entry]
  }

  /// Reads a gold file.
  ///
  /// - Parameter path: The JSON file.
  /// - Throws: `DataError` when it is missing, unreadable or not in the gold format.
  public init(path: String) throws(DataError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw FileManager.default.fileExists(atPath: path)
        ? .unreadable(file: path, reason: error.localizedDescription) : .missingFile(file: path)
    }
    do {
      let file = try JSONDecoder().decode(File.self, from: data)
      references = file.quotes.map {
        QuoteEvaluation.Reference(
          span: Span(start: $0.start, end: $0.end), speaker: $0.speaker, kind: $0.kind)
      }
    } catch {
      throw .invalidJSON(
        file: path, line: 1, column: 1,
        expected: "a gold file {\"quotes\": [{\"start\", \"end\", \"speaker\", \"kind\"}]}")
    }
  }

  /// The gold file for an article: `FOLDER/NAME.json` for `…/NAME.txt` (or `.html`).
  ///
  /// - Parameters:
  ///   - article: The article's path.
  ///   - folder: The folder of gold files.
  /// - Returns: The gold file's path.
  public static func path(for article: String, in folder: String) -> String {
    let name = ((article as NSString).lastPathComponent as NSString).deletingPathExtension
    return (folder as NSString).appendingPathComponent(name + ".json")
  }

  /// Scores the quotes found in `text` against this gold.
  ///
  /// - Parameter text: The article the gold belongs to.
  /// - Returns: Precision, recall, F1 and speaker accuracy.
  public func evaluate(text: String) -> QuoteEvaluation {
    QuoteEvaluation(found: QuoteExtractor().extract(text: text).quotes, gold: references)
  }
}
