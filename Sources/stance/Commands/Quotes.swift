import ArgumentParser
import Foundation
import StanceKit

/// `stance quotes`: who said what in news articles.
struct Quotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Find the quotes in news articles and attribute them to speakers.",
    discussion: """
      Articles are plain text or simple HTML files, JSONL batches of {"id", "text", …} \
      (.jsonl), or one article on stdin. Direct quotes (“…”, "…", «…», „…“, ‘…’) and \
      reported speech (X said that …, according to X, …) are found with their cue and \
      attributed to a speaker; start and end are UTF-8 byte offsets into the article.
      """)

  @Argument(help: ArgumentHelp("Article files; none or '-' reads stdin.", valueName: "article"))
  var articles: [String] = []

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
  var format: TextOrJSON = .text

  @Option(
    help: ArgumentHelp(
      "Write the output to this file (atomically) instead of stdout.",
      valueName: "file"))
  var out: String?

  func run() throws {
    if let out { try checkOutputPath(out) }
    let inputs = try readArticles(articles)
    let scorer = ArticleScorer()
    let scored = inputs.map { scorer.score(text: $0.text, source: $0.source) }
    switch format {
    case .json:
      try emit(try prettyJSON(ArticleBatch(articles: scored)), to: out)
    case .text:
      try emit(scored.map(renderQuotes).joined(separator: "\n"), to: out)
    }
  }
}

/// The JSON document of `quotes` and `score`: `{"articles": [...]}`.
struct ArticleBatch: Encodable {
  let articles: [ScoredArticle]
}

/// Reads every article argument (stdin for none or `-`), before any output is written.
func readArticles(_ paths: [String]) throws -> [ArticleInput] {
  if paths.isEmpty { return [try ArticleReader.readStandardInput()] }
  var inputs: [ArticleInput] = []
  for path in paths {
    if path == "-" {
      inputs.append(try ArticleReader.readStandardInput())
    } else {
      inputs.append(contentsOf: try ArticleReader.read(path: path))
    }
  }
  return inputs
}

/// Quotes as text: one block per article, one line per quote.
func renderQuotes(_ article: ScoredArticle) -> String {
  var lines = [
    "== \(article.source): \(article.quotes.count) quotes, \(article.speakers.count) speakers"
  ]
  for quote in article.quotes {
    let cue = quote.cue.map { ", \($0)" } ?? ""
    let label = quote.label.map { "  [\($0)]" } ?? ""
    lines.append("\(quote.speaker) (\(quote.kind)\(cue))\(label): \(singleLine(quote.text))")
  }
  return lines.joined(separator: "\n") + "\n"
}
