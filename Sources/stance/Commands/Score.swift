import ArgumentParser
import Foundation
import StanceKit

/// `stance score`: each speaker's stance (and sentiment) in news articles.
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score every speaker of news articles: stance and sentiment from their quotes.",
    discussion: """
      Finds the quotes as `stance quotes` does, classifies each quote with the stance model \
      (and the sentiment model), and pools each speaker's quotes weighted by their length \
      in words: p is the probability of the speaker's label. The table's 90% column is the \
      interval of the share of the speaker's words said with that label, over 500 \
      resamples of their quotes and of each quote's label; evidence is 'strong' when that \
      interval lies above one half, else 'weak'. The sentiment column is the speaker's \
      pooled sentiment label. Without --model and --sentiment-model the shipped models are \
      used (see STANCE_MODELS). With --adapt-prior every article is read first (nothing is \
      streamed), the class shares of all their quotes together are estimated for each \
      model as `stance prior --articles` does, and every probability is adjusted to them.
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
      "Write the output here instead of stdout: a file (or a link's target) is replaced "
        + "atomically, a device or FIFO is written in place, '-' is stdout.",
      valueName: "file"))
  var out: String?

  @Flag(
    name: .customLong("adapt-prior"),
    help: ArgumentHelp(
      "Estimate each model's class shares from all quotes of all articles by EM and adjust "
        + "the probabilities to them (reads every article before writing; a few dozen quotes "
        + "give a noisy estimate; off by default)."))
  var adaptPrior = false

  @OptionGroup var encoding: InputOptions

  func run() throws {
    let stancePath = try model ?? locateShippedModel("stance")
    var sentimentPath: String?
    if !noSentiment {
      sentimentPath = sentimentModel ?? ShippedModels.locate("sentiment")
    }
    if let out { try OutputFile.check(out) }
    let (stance, stanceMetadata) = try ModelFile.read(path: stancePath)
    let sentiment = try sentimentPath.map { try ModelFile.read(path: $0) }
    var stream = try ArticleStream(paths: articles, invalidUTF8: encoding.invalidUTF8)
    var scorer = ArticleScorer(stance: stance, sentiment: sentiment?.pipeline)
    var input = stream
    if adaptPrior {
      let read = try stream.readAll()
      scorer = try scorer.adaptingPriors(
        articles: read.map(\.text),
        stancePriors: stanceMetadata.trainingPriors(labels: stance.labels),
        sentimentPriors: sentiment.map { $0.metadata.trainingPriors(labels: $0.pipeline.labels) }
      ).scorer
      input = ArticleStream(replaying: read)
    }
    let output: ArticleOutput
    switch format {
    case .json: output = .json
    case .jsonl: output = .jsonl
    case .table: output = .table
    }
    try streamArticles(&input, scorer: scorer, format: output, to: out)
    encoding.report((adaptPrior ? stream : input).invalidUTF8Summaries)
  }
}

/// The `--format` choices of `score`.
enum ScoreFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
  case jsonl
}

/// A speaker table for one article: name, role, quotes, words, the pooled stance label,
/// its probability `p`, the 90% interval of its share of the speaker's words, the
/// strength of the evidence and the pooled sentiment label.
func renderSpeakerTable(_ article: ScoredArticle) -> String {
  var rows: [[String]] = [
    ["speaker", "role", "quotes", "words", "stance", "p", "90% interval", "evidence", "sentiment"]
  ]
  for speaker in article.speakers {
    let label = speaker.kind == "document" ? "not scored (document)" : speaker.label ?? "-"
    let probability = speaker.label.flatMap { speaker.probabilities?[$0] }.map { fixed($0, 2) }
    let interval = speaker.interval.map { "\(fixed($0.lower, 2))–\(fixed($0.upper, 2))" }
    let role = speaker.role ?? ""
    let shortRole = role.count > 36 ? String(role.prefix(35)) + "…" : role
    rows.append([
      speaker.name, shortRole, String(speaker.quotes), String(speaker.words), label,
      probability ?? "-", interval ?? "-", speaker.evidence?.strength ?? "-",
      speaker.sentiment?.label ?? "-",
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
