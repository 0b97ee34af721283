import Foundation
import StanceSupport
import Testing

@testable import StanceKit

/// The HTML pages of `eval`, `score` and `tune`: structure, escaping of hostile text, no
/// URL and no script anywhere.
@Suite struct HTMLReportTests {
  static let hostile = "</script><img src=x onerror=alert(1)>"

  /// Fails unless `html` is one self-contained page without script, image or URL.
  static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation)
  {
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), sourceLocation: sourceLocation)
    #expect(html.hasSuffix("</body>\n</html>\n"), sourceLocation: sourceLocation)
    #expect(
      html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
      sourceLocation: sourceLocation)
    for needle in ["<script", "<img", "<link", "<iframe", "http://", "https://", "url(", "@import"]
    {
      #expect(
        !html.lowercased().contains(needle), "found \(needle)", sourceLocation: sourceLocation)
    }
  }

  /// Occurrences of `needle` in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test func aPageEscapesEveryPieceOfText() {
    var page = HTMLPage(title: Self.hostile)
    page.heading(Self.hostile, id: "a1")
    page.paragraph(Self.hostile)
    page.table(header: [Self.hostile], rows: [[.text(Self.hostile)]], rowIDs: ["a1-s1"])
    let html = page.render()
    Self.expectSelfContained(html)
    #expect(Self.count("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", in: html) == 6)
    #expect(html.contains("<tr id=\"a1-s1\"><td>&lt;/script&gt;"))
  }

  @Test func theEvaluationPageHasEverySection() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(VectorizerConfiguration())
    let data = ModelFileFixtures.corpus(count: 30, seed: 3)
    let examples = zip(data.texts, data.labels).enumerated().map {
      LabelledExample(text: $1.0, label: $1.1, line: $0 + 2)
    }
    let page = try EvaluationHTMLReport(
      pipeline: pipeline, metadata: metadata, modelPath: Self.hostile,
      datasets: [(Self.hostile, Dataset(examples: examples))])
    #expect(page.curves.count == 3)
    #expect(page.report.n == 30)
    #expect(
      page.files == [
        DataFileFingerprint(
          path: Self.hostile, bytes: nil, crc32c: nil, rows: 30,
          fingerprint: try TrainingDataSummary.fingerprint(texts: data.texts, labels: data.labels))
      ])
    let html = page.html()
    Self.expectSelfContained(html)
    for heading in [
      "Metrics", "Confusion matrix", "Precision–recall curves", "Calibration",
      "Top features per class", "Model", "Evaluation data",
    ] {
      #expect(html.contains("<h2>\(heading)</h2>"))
    }
    // Two heat maps, the curves, the reliability diagram, one bar chart per class.
    #expect(Self.count("<svg ", in: html) == 7)
    #expect(html.contains("Reliability diagram (ECE "))
    #expect(page.mainChart().hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="))
  }

  @Test func aDataFileIsFingerprintedByItsBytes() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("html-report-\(getpid()).csv").path
    try Data("123456789".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fingerprint = DataFileFingerprint(path: path, dataset: Dataset(examples: []))
    #expect(fingerprint.bytes == 9)
    // The CRC-32C check value of "123456789".
    #expect(fingerprint.crc32c == 0xE306_9283)
    #expect(fingerprint.rows == 0)
  }

  @Test func theScorePageHighlightsQuotesAndLinksEachToItsSpeaker() throws {
    let (pipeline, _) = try ModelFileFixtures.fitted(VectorizerConfiguration())
    let scorer = ArticleScorer(stance: pipeline)
    let text = """
      Talks resumed on Monday. "We will strike and never surrender \(Self.hostile)," said \
      Ann Smith, the defence minister.

      "Peace talks and dialogue today," said Bo Lee, a mediator.
      """
    let articles = [
      (text, scorer.score(text: text, source: Self.hostile)),
      (text, scorer.score(text: text, source: "second.txt")),
    ]
    #expect(articles[0].1.quotes.count == 2)
    let html = ArticleHTMLReport.page(articles, scorer: scorer)
    Self.expectSelfContained(html)
    #expect(html.contains("<h1>Speakers of 2 articles</h1>"))
    #expect(html.contains("<li><a href=\"#a1\">&lt;/script&gt;"))
    #expect(html.contains("<li><a href=\"#a2\">second.txt</a>"))
    #expect(Self.count("<mark class=\"quote l", in: html) == 4)
    for id in ["a1-s1", "a1-s2", "a2-s1", "a2-s2"] {
      #expect(html.contains("<tr id=\"\(id)\">"))
      #expect(html.contains("[<a href=\"#\(id)\">"))
    }
    // One speaker chart per article, and evidence n-grams for every scored speaker.
    #expect(Self.count("<svg ", in: html) == 2)
    #expect(Self.count("<h4>", in: html) == 4)
    #expect(html.contains("n-grams: <code>"))
  }

  @Test func legendNamesKeepOnlyTheGridValuesThatDiffer() {
    #expect(
      GridSearchHTMLReport.distinguishingNames([
        "ngram=1-2 min_df=1 class_weight=none", "ngram=1-1 min_df=1 class_weight=none",
        "ngram=1-2 min_df=1 class_weight=balanced",
      ]) == [
        "ngram=1-2 class_weight=none", "ngram=1-1 class_weight=none",
        "ngram=1-2 class_weight=balanced",
      ])
    #expect(GridSearchHTMLReport.distinguishingNames(["ngram=1-2 min_df=1"]) == ["all"])
  }

  @Test func theTunePageChartsEverySettingAgainstC() throws {
    let data = ModelFileFixtures.corpus(count: 48, seed: 5)
    let result = try GridSearch.run(
      texts: data.texts, labels: data.labels,
      grid: ParameterGrid(c: [0.1, 1, 10], wordNGrams: [.unigrams, .unigramsAndBigrams]),
      training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 3, threads: 1))
    let report = GridSearchHTMLReport(result: result)
    #expect(
      report.settings.map { $0.entries.map(\.point.training.c) } == [[0.1, 1, 10], [0.1, 1, 10]])
    let html = report.html()
    Self.expectSelfContained(html)
    #expect(Self.count("<svg ", in: html) == 1)
    #expect(html.contains(">ngram=1-1</text>"))
    #expect(html.contains(">ngram=1-2</text>"))
    // One table row per grid point.
    #expect(Self.count("<tr><td class=\"num\">", in: html) == 6)
    #expect(report.mainChart().contains(">C (log scale)</text>"))
  }
}
