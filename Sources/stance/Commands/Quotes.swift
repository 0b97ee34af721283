import ArgumentParser
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

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|jsonl"))
  var format: QuotesFormat = .text

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
  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    if let out { try OutputFile.check(out) }
    var stream = try ArticleStream(paths: articles, invalidUTF8: encoding.invalidUTF8)
    if let gold {
      try emit(
        try ArticleReport.goldEvaluation(&stream, gold: gold), to: out, contents: "the evaluation")
    } else {
      let reporter = output.articleReporter(task: "quotes", articles: articles, out: out)
      try ArticleReport.write(
        &stream, scorer: ArticleScorer(), format: format.report, to: out
      ) { reporter.update(done: $0) }
      reporter.finish()
    }
    encoding.report(stream.invalidUTF8Summaries)
  }
}

/// The `--format` choices of `quotes`.
enum QuotesFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case jsonl

  /// The library's report format of the same name.
  var report: ArticleReportFormat {
    switch self {
    case .text: return .text
    case .json: return .json
    case .jsonl: return .jsonl
    }
  }
}
