import ArgumentParser
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
      model as `stance prior --articles` does, and every probability is adjusted to them. \
      With --input jsonl --format jsonl, stdin (or each file) holds one article per line, \
      {"id": …, "text": …}, and every line gets one output line, in order, written as soon \
      as it is scored: the id first, the other fields, the article's quotes and speakers, \
      and "error" (null, or an object when the line is malformed, which does not stop the \
      run); see docs/spark.md. --format html writes one self-contained page: the \
      highlighted articles, a chart and the evidence of every speaker.
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

  @Option(
    help: ArgumentHelp(
      "How the input is read: articles (each file is an article, a .jsonl file a batch of "
        + "them, stdin one article) or jsonl (stdin and every file hold one article per "
        + "line, each answered on one line; needs --format jsonl).",
      valueName: "articles|jsonl"))
  var input: ScoreInput = .articles

  @Option(
    name: .customLong("text-column"),
    help: ArgumentHelp("The JSONL key holding each article's text.", valueName: "name"))
  var textColumn = "text"

  @Option(
    help: ArgumentHelp(
      "Output format: the speaker table as text, JSON, JSON Lines or an HTML page ('table' "
        + "is accepted for text, the name it had before every command said 'text').",
      valueName: "text|json|jsonl|html"))
  var format: ScoreFormat = .text

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
  @OptionGroup(title: "Output") var output: ProgressOptions

  func validate() throws {
    guard input == .jsonl else { return }
    if format != .jsonl {
      throw ValidationError(
        "--input jsonl answers every line with one JSON line; use it with --format jsonl")
    }
    if adaptPrior {
      throw ValidationError(
        "--adapt-prior reads every article before writing, so it cannot answer "
          + "--input jsonl line for line; leave one of them out")
    }
  }

  func run() throws {
    let stancePath = try model ?? locateShippedModel("stance")
    var sentimentPath: String?
    if !noSentiment {
      sentimentPath = sentimentModel ?? ShippedModels.locate("sentiment")
    }
    if let out { try OutputFile.check(out) }
    let (stance, stanceMetadata) = try ModelFile.read(path: stancePath)
    let sentiment = try sentimentPath.map { try ModelFile.read(path: $0) }
    var scorer = ArticleScorer(stance: stance, sentiment: sentiment?.pipeline)
    if input == .jsonl {
      var streams = try JSONLinesStream.open(
        paths: articles, columns: ColumnSelection(text: textColumn, label: nil, speaker: nil),
        invalidUTF8: encoding.invalidUTF8)
      try ArticleReport.answer(&streams, scorer: scorer, to: out)
      encoding.report(streams.map(\.invalidUTF8Summary))
      return
    }
    var stream = try ArticleStream(
      paths: articles, textKey: textColumn, invalidUTF8: encoding.invalidUTF8)
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
    let reporter = output.articleReporter(task: "score", articles: articles, out: out)
    if let report = format.report {
      try ArticleReport.write(&input, scorer: scorer, format: report, to: out) {
        reporter.update(done: $0)
      }
    } else {
      try ArticleHTMLReport.write(&input, scorer: scorer, to: out)
    }
    reporter.finish()
    encoding.report((adaptPrior ? stream : input).invalidUTF8Summaries)
  }
}

/// The `--input` choices of `score`.
enum ScoreInput: String, ExpressibleByArgument, CaseIterable {
  /// Each file is an article (a `.jsonl` file a batch), stdin one article.
  case articles
  /// Stdin and every file hold one article per line, each answered on one line.
  case jsonl
}

/// The `--format` choices of `score`.
enum ScoreFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case jsonl
  case html

  /// The library's streamed report format of the same name; `nil` for `html`, a page
  /// written once every article is scored (``ArticleHTMLReport``).
  var report: ArticleReportFormat? {
    switch self {
    case .text: return .table
    case .json: return .json
    case .jsonl: return .jsonl
    case .html: return nil
    }
  }

  /// Reads `text`, `json`, `jsonl` or `html`, and `table`, the old name of `text`.
  init?(argument: String) {
    self.init(rawValue: argument == "table" ? "text" : argument)
  }
}
