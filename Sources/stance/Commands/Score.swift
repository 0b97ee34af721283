import ArgumentParser
import Foundation
import StanceKit

/// `stance score`: each speaker's stance (and sentiment) in news articles.
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score every speaker of news articles: stance and sentiment from their quotes.",
    discussion: """
      Finds the quotes as `stance quotes` does, classifies each quote with the stance model \
      (and the sentiment model), and combines each speaker's quotes weighted by their \
      length in words. A speaker's confidence is the share of 500 bootstrap resamples of \
      their quotes that give the same label; with fewer than 2 quotes or 15 words the \
      label is 'insufficient evidence'. Without --model and --sentiment-model the shipped \
      models are used (see STANCE_MODELS).
      """)

  @Option(help: ArgumentHelp("The stance model; the shipped one by default.", valueName: "model"))
  var model: String?

  @Option(
    name: .customLong("sentiment-model"),
    help: ArgumentHelp(
      "The sentiment model; the shipped one by default, if present.", valueName: "model"))
  var sentimentModel: String?

  @Flag(name: .customLong("no-sentiment"), help: "Score stance only.")
  var noSentiment = false

  @Argument(help: ArgumentHelp("Article files; none or '-' reads stdin.", valueName: "article"))
  var articles: [String] = []

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|jsonl"))
  var format: ScoreFormat = .table

  @Option(
    help: ArgumentHelp(
      "Write the output to this file (atomically) instead of stdout.",
      valueName: "file"))
  var out: String?

  func run() throws {
    let stancePath = try model ?? locateShippedModel("stance")
    var sentimentPath: String?
    if !noSentiment {
      sentimentPath = sentimentModel ?? ShippedModels.locate("sentiment")
    }
    if let out { try OutputFile.check(out) }
    let (stance, _) = try ModelFile.read(path: stancePath)
    let sentiment = try sentimentPath.map { try ModelFile.read(path: $0).pipeline }
    var stream = try ArticleStream(paths: articles)
    let scorer = ArticleScorer(stance: stance, sentiment: sentiment)
    let output: ArticleOutput
    switch format {
    case .json: output = .json
    case .jsonl: output = .jsonl
    case .table: output = .table
    }
    try streamArticles(&stream, scorer: scorer, format: output, to: out)
  }
}

/// The `--format` choices of `score`.
enum ScoreFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
  case jsonl
}

/// A speaker table for one article.
func renderSpeakerTable(_ article: ScoredArticle) -> String {
  var rows: [[String]] = [
    ["speaker", "role", "quotes", "words", "stance", "p", "confidence", "sentiment"]
  ]
  for speaker in article.speakers {
    let label = speaker.kind == "document" ? "not scored (document)" : speaker.label ?? "-"
    let shown = speaker.leaning.map { "\(label) (leans \($0))" } ?? label
    let probability = speaker.probabilities?[speaker.leaning ?? label].map { fixed($0, 2) } ?? "-"
    let confidence = speaker.confidence.map { fixed($0, 2) } ?? "-"
    let sentiment = speaker.sentiment.map { $0.leaning.map { l in "(\(l))" } ?? $0.label } ?? "-"
    let role = speaker.role ?? ""
    let shortRole = role.count > 36 ? String(role.prefix(35)) + "…" : role
    rows.append([
      speaker.name, shortRole, String(speaker.quotes), String(speaker.words), shown,
      probability, confidence, sentiment,
    ])
  }
  let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
  var lines = [
    "== \(article.source): \(article.quotes.count) quotes, \(article.speakers.count) speakers"
  ]
  for row in rows {
    let cells = row.enumerated().map { column, cell in
      let padding = String(repeating: " ", count: widths[column] - cell.count)
      return column == 2 || column == 3 || column == 5 || column == 6
        ? padding + cell : cell + padding
    }
    lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
  }
  return lines.joined(separator: "\n") + "\n"
}
