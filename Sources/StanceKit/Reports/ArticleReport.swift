import Foundation

/// How `quotes` and `score` render each scored article.
public enum ArticleReportFormat: Sendable {
  /// `{"articles": [...]}`, pretty-printed (records: docs/json.md).
  case json
  /// One JSON object per line.
  case jsonl
  /// `quotes`'s text lines.
  case text
  /// `score`'s speaker table.
  case table
}

/// Writes the report of `stance quotes` and `stance score`: every article's quotes and
/// speakers, one article at a time.
public enum ArticleReport {
  /// Scores the articles one at a time and writes each as soon as it is done.
  ///
  /// Memory does not grow with the input. A file at `path` is replaced atomically (nothing appears under
  /// that name if a later article fails); the JSON document reaches standard output or a
  /// device only once it is complete.
  ///
  /// - Parameters:
  ///   - stream: The articles, read one at a time.
  ///   - scorer: Finds and scores each article's quotes.
  ///   - format: How each article is written.
  ///   - path: The output path; `nil` or `-` is standard output.
  ///   - progress: Called after each article is written with the articles written so far;
  ///     `nil` (the default) for none.
  /// - Throws: The first reading or writing error; the output is then discarded.
  public static func write(
    _ stream: inout ArticleStream, scorer: ArticleScorer, format: ArticleReportFormat,
    to path: String?, progress: ((_ articlesWritten: Int) -> Void)? = nil
  ) throws {
    let sink = try OutputFile(
      path: path ?? "-", contents: format == .table ? "the scores" : "the quotes",
      wholeDocument: format == .json)
    do {
      var count = 0
      if format == .json { try sink.write("{\n  \"articles\": [") }
      while let input = try stream.next() {
        let article = scorer.score(input)
        switch format {
        case .json:
          var bytes = Array((count == 0 ? "\n    " : ",\n    ").utf8)
          article.jsonValue.write(to: &bytes, indent: 2)
          try sink.write(String(decoding: bytes, as: UTF8.self))
        case .jsonl:
          try sink.write(article.jsonRecord + "\n")
        case .text:
          try sink.write((count == 0 ? "" : "\n") + article.quoteLines())
        case .table:
          try sink.write((count == 0 ? "" : "\n") + article.speakerTable())
        }
        count += 1
        progress?(count)
      }
      if format == .json { try sink.write(count == 0 ? "]\n}\n" : "\n  ]\n}\n") }
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
  }
}

extension ArticleScorer {
  /// Scores one article, carrying a JSONL record's other fields through to the output.
  ///
  /// - Parameter input: The article and its source.
  /// - Returns: The scored article.
  public func score(_ input: ArticleInput) -> ScoredArticle {
    var article = score(text: input.text, source: input.source)
    if !input.fields.isEmpty {
      article.input = Dictionary(input.fields.map { ($0.name, $0.value) }) { first, _ in first }
    }
    return article
  }
}
