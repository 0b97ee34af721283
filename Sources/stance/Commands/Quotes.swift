import ArgumentParser
import Foundation
import NewsQuotes
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
      "Write the output here instead of stdout: a file (or a link's target) is replaced "
        + "atomically, a device or FIFO is written in place, '-' is stdout.",
      valueName: "file"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "Score the extraction against gold files (FOLDER/NAME.json for NAME.txt): quote "
        + "precision, recall, F1 and speaker accuracy.", valueName: "folder"))
  var gold: String?

  @OptionGroup var encoding: InputOptions

  func run() throws {
    if let out { try OutputFile.check(out) }
    var stream = try ArticleStream(paths: articles, invalidUTF8: encoding.invalidUTF8)
    if let gold {
      try emit(try evaluation(&stream, gold: gold), to: out, contents: "the evaluation")
    } else {
      try streamArticles(
        &stream, scorer: ArticleScorer(), format: format == .json ? .json : .text, to: out)
    }
    encoding.report(stream.invalidUTF8Summaries)
  }
}

/// How `quotes` and `score` render each scored article.
enum ArticleOutput {
  /// `{"articles": [...]}`, pretty-printed.
  case json
  /// One JSON object per line.
  case jsonl
  /// `quotes`'s text lines.
  case text
  /// `score`'s speaker table.
  case table
}

/// Scores the articles one at a time and writes each as soon as it is done.
///
/// Memory does not grow with the input. A file at `path` is replaced atomically (nothing appears under
/// that name if a later article fails); the JSON document reaches standard output or a
/// device only once it is complete.
func streamArticles(
  _ stream: inout ArticleStream, scorer: ArticleScorer, format: ArticleOutput, to path: String?
) throws {
  let sink = try OutputFile(
    path: path ?? "-", contents: format == .table ? "the scores" : "the quotes",
    wholeDocument: format == .json)
  do {
    let pretty = JSONEncoder()
    pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let compact = JSONEncoder()
    compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var count = 0
    if format == .json { try sink.write("{\n  \"articles\" : [") }
    while let input = try stream.next() {
      let article = score(input, with: scorer)
      switch format {
      case .json:
        let object = String(decoding: try pretty.encode(article), as: UTF8.self)
        let indented = object.split(separator: "\n", omittingEmptySubsequences: false)
          .map { "    " + $0 }.joined(separator: "\n")
        try sink.write((count == 0 ? "\n" : ",\n") + indented)
      case .jsonl:
        try sink.write(String(decoding: try compact.encode(article), as: UTF8.self) + "\n")
      case .text:
        try sink.write((count == 0 ? "" : "\n") + renderQuotes(article))
      case .table:
        try sink.write((count == 0 ? "" : "\n") + renderSpeakerTable(article))
      }
      count += 1
    }
    if format == .json { try sink.write(count == 0 ? "]\n}\n" : "\n  ]\n}\n") }
    try sink.commit()
  } catch {
    sink.discard()
    throw error
  }
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

/// The `--gold` report: one line per article and the totals.
private func evaluation(_ inputs: inout ArticleStream, gold folder: String) throws -> String {
  var evaluations: [QuoteEvaluation] = []
  var lines = [
    "article                                       found  gold  matched  P       R       F1      speaker"
  ]
  func row(_ name: String, _ evaluation: QuoteEvaluation) -> String {
    let padded = name.count < 44 ? name + String(repeating: " ", count: 44 - name.count) : name
    return "\(padded)  \(String(format: "%5d", evaluation.foundCount))  "
      + "\(String(format: "%4d", evaluation.goldCount))  \(String(format: "%7d", evaluation.matchedCount))  "
      + "\(fixed(evaluation.precision, 4))  \(fixed(evaluation.recall, 4))  \(fixed(evaluation.f1, 4))  "
      + fixed(evaluation.speakerAccuracy, 4)
  }
  while let input = try inputs.next() {
    let gold = try QuoteGold(path: QuoteGold.path(for: input.source, in: folder))
    let evaluation = gold.evaluate(text: input.text)
    evaluations.append(evaluation)
    lines.append(row((input.source as NSString).lastPathComponent, evaluation))
  }
  lines.append(row("all", QuoteEvaluation.merging(evaluations)))
  return lines.joined(separator: "\n") + "\n"
}

/// Scores one article, carrying a JSONL record's other fields through to the output.
func score(_ input: ArticleInput, with scorer: ArticleScorer) -> ScoredArticle {
  var article = scorer.score(text: input.text, source: input.source)
  if !input.fields.isEmpty {
    article.input = Dictionary(input.fields.map { ($0.name, $0.value) }) { first, _ in first }
  }
  return article
}
