import Foundation

/// The HTML report of `stance score --format html`, one page for every article.
///
/// It shows each article's text with its quotes highlighted in their stance colour and
/// their speaker named beside them (linked to the speaker's row), a chart of every
/// speaker's stance probability and interval, the speaker table, and each speaker's
/// evidence quotes with the n-grams that drove them. Several articles give one page with
/// an index.
///
/// The page is written once every article is scored (it needs them all for the index),
/// so memory grows with the input, unlike the streamed table and JSON formats.
public enum ArticleHTMLReport {
  /// How many quotes are listed as a speaker's evidence, at most.
  public static let evidenceQuotes = 5
  /// How many n-grams are listed per evidence quote, at most.
  public static let evidenceFeatures = 5

  /// Scores every article and writes the page.
  ///
  /// - Parameters:
  ///   - stream: The articles.
  ///   - scorer: Finds and scores each article's quotes.
  ///   - path: The output path; `nil` or `-` is standard output.
  /// - Throws: The first reading or writing error; nothing is written then.
  public static func write(
    _ stream: inout ArticleStream, scorer: ArticleScorer, to path: String?
  ) throws {
    var articles: [(text: String, scored: ScoredArticle)] = []
    while let input = try stream.next() {
      articles.append((input.text, scorer.score(input)))
    }
    try OutputFile.write(page(articles, scorer: scorer), to: path ?? "-", contents: "the scores")
  }

  /// The page of scored articles.
  ///
  /// - Parameters:
  ///   - articles: Each article's text and its scores.
  ///   - scorer: The scorer that scored them (its pipelines explain the evidence).
  /// - Returns: A self-contained HTML document.
  static func page(_ articles: [(text: String, scored: ScoredArticle)], scorer: ArticleScorer)
    -> String
  {
    let labels = scorer.stance?.labels ?? []
    var page = HTMLPage(
      title: articles.count == 1
        ? "Speakers of \(articles[0].scored.source)" : "Speakers of \(articles.count) articles")
    page.append(legend(labels))
    if articles.count > 1 {
      page.heading("Articles")
      let items = articles.enumerated().map { index, article in
        "<li>" + Markup.link(article.scored.source, to: "a\(index + 1)").html
          + " (\(article.scored.quotes.count) quotes, \(article.scored.speakers.count) speakers)</li>"
      }
      page.append(.trusted("<ol>\n" + items.joined(separator: "\n") + "\n</ol>"))
    }
    for (index, article) in articles.enumerated() {
      section(
        &page, article: article.scored, text: article.text, id: "a\(index + 1)", scorer: scorer)
    }
    return page.render()
  }

  /// The colour key of the stance labels.
  static func legend(_ labels: [String]) -> Markup {
    guard !labels.isEmpty else { return .trusted("") }
    let items = labels.enumerated().map { index, label in
      "<span class=\"quote l\(index % Palette.colours.count)\">\(SVGWriter.escape(label))</span>"
    }
    return .trusted("<p class=\"muted\">Quote colours: " + items.joined(separator: " ") + "</p>")
  }

  /// One article's section.
  private static func section(
    _ page: inout HTMLPage, article: ScoredArticle, text: String, id: String,
    scorer: ArticleScorer
  ) {
    let labels = scorer.stance?.labels ?? []
    page.heading(article.source, level: 2, id: id)
    page.paragraph(
      "\(article.quotes.count) quotes, \(article.speakers.count) speakers.", muted: true)
    page.append(highlighted(article, text: text, id: id, labels: labels))
    let scored = article.speakers.filter { $0.label != nil }
    if !scored.isEmpty {
      page.heading("Speakers' stance", level: 3)
      page.figure(
        speakerChart(scored, labels: labels),
        caption: "Dot: pooled probability p of the speaker's label. Bar: the 90% interval "
          + "of the share of their words said with that label (resampled).")
    }
    page.heading("Speakers", level: 3)
    speakerTable(&page, article: article, id: id, labels: labels)
    if let stance = scorer.stance {
      page.heading("Evidence", level: 3)
      page.append(evidence(article, id: id, stance: stance))
    }
  }

  /// The article text, with each quote highlighted and its speaker linked beside it.
  static func highlighted(
    _ article: ScoredArticle, text: String, id: String, labels: [String]
  ) -> Markup {
    let bytes = Array(text.utf8)
    let rows = speakerRows(article)
    var html = "<div class=\"article\">"
    var cursor = 0
    for quote in article.quotes.sorted(by: { $0.start < $1.start }) {
      let start = min(max(quote.start, cursor), bytes.count)
      let end = min(max(quote.end, start), bytes.count)
      guard quote.start >= cursor, end > start else { continue }
      html += SVGWriter.escape(String(decoding: bytes[cursor..<start], as: UTF8.self))
      let labelClass =
        quote.label.flatMap { labels.firstIndex(of: $0) }
        .map { "l\($0 % Palette.colours.count)" } ?? "lx"
      let probability = quote.label.flatMap { quote.probabilities?[$0] }
      let tip =
        quote.label.map {
          "\(quote.speaker): \($0)" + (probability.map { " p=\(fixed($0, 2))" } ?? "")
        }
        ?? quote.speaker
      html += "<mark class=\"quote \(labelClass)\" title=\"\(SVGWriter.escape(tip))\">"
      html += SVGWriter.escape(String(decoding: bytes[start..<end], as: UTF8.self)) + "</mark>"
      let who =
        rows[quote.speaker].map { Markup.link(quote.speaker, to: "\(id)-s\($0 + 1)") }
        ?? .text(quote.speaker)
      html += Markup.element("span", class: "who", .trusted("[" + who.html + "]")).html
      cursor = end
    }
    html += SVGWriter.escape(String(decoding: bytes[cursor...], as: UTF8.self)) + "</div>"
    return .trusted(html)
  }

  /// The row index of each speaker name (the first row of a name).
  private static func speakerRows(_ article: ScoredArticle) -> [String: Int] {
    var rows: [String: Int] = [:]
    for (index, speaker) in article.speakers.enumerated() where rows[speaker.name] == nil {
      rows[speaker.name] = index
    }
    return rows
  }

  private static func speakerChart(_ speakers: [SpeakerStance], labels: [String]) -> SVGWriter {
    let rows = speakers.compactMap { speaker -> ChartInterval? in
      guard let label = speaker.label, let p = speaker.probabilities?[label] else { return nil }
      let colour = Palette.colour(labels.firstIndex(of: label) ?? 0)
      let interval = speaker.interval.map { $0.lower...max($0.lower, $0.upper) }
      let range = interval.map { " interval \(fixed($0.lowerBound, 2))–\(fixed($0.upperBound, 2))" }
      return ChartInterval(
        label: speaker.name, point: p, interval: interval, colour: colour,
        tooltip: "\(speaker.name): \(label) p=\(fixed(p, 2))" + (range ?? ""))
    }
    return Chart.intervals(
      title: "Stance probability per speaker", valueLabel: "probability of the speaker's label",
      categoryLabel: "speaker", rows: rows,
      legend: labels.enumerated().map { ($0.element, Palette.colour($0.offset)) })
  }

  private static func speakerTable(
    _ page: inout HTMLPage, article: ScoredArticle, id: String, labels: [String]
  ) {
    let rows = article.speakers.map { speaker -> [Markup] in
      let label: Markup
      if let name = speaker.label {
        let index = labels.firstIndex(of: name).map { $0 % Palette.colours.count }
        label = .trusted(
          "<span class=\"quote \(index.map { "l\($0)" } ?? "lx")\">\(SVGWriter.escape(name))</span>"
        )
      } else {
        label = .text(speaker.kind == "document" ? "not scored (document)" : "–")
      }
      let p = speaker.label.flatMap { speaker.probabilities?[$0] }
      return [
        .text(speaker.name), .text(speaker.role ?? ""), .text(speaker.kind),
        .text(String(speaker.quotes)), .text(String(speaker.words)), label,
        .text(p.map { fixed($0, 2) } ?? "–"),
        .text(speaker.interval.map { "\(fixed($0.lower, 2))–\(fixed($0.upper, 2))" } ?? "–"),
        .text(speaker.evidence?.strength ?? "–"), .text(speaker.sentiment?.label ?? "–"),
      ]
    }
    page.table(
      header: [
        "speaker", "role", "kind", "quotes", "words", "stance", "p", "90% interval", "evidence",
        "sentiment",
      ], rows: rows, numeric: [3, 4, 6, 7],
      rowIDs: article.speakers.indices.map { "\(id)-s\($0 + 1)" })
  }

  /// Each scored speaker's strongest quotes for their label and the n-grams behind them.
  static func evidence(_ article: ScoredArticle, id: String, stance: Pipeline) -> Markup {
    var html: [String] = []
    for (index, speaker) in article.speakers.enumerated() {
      guard let label = speaker.label, let classIndex = stance.labels.firstIndex(of: label)
      else { continue }
      let quotes = article.quotes.filter { $0.speaker == speaker.name }
        .sorted { ($0.probabilities?[label] ?? 0) > ($1.probabilities?[label] ?? 0) }
        .prefix(evidenceQuotes)
      html.append(
        "<h4>" + Markup.link(speaker.name, to: "\(id)-s\(index + 1)").html
          + " — \(SVGWriter.escape(label))</h4>\n<ul>")
      for quote in quotes {
        let p = quote.probabilities?[label].map { fixed($0, 2) } ?? "–"
        let features = stance.explain(
          quote.text, forClass: classIndex, count: evidenceFeatures, hiding: .english
        )
        .filter { $0.contribution > 0 }
        .map { "<code>\(SVGWriter.escape($0.feature))</code> +\(fixed($0.contribution, 3))" }
        html.append(
          "<li>“\(SVGWriter.escape(quote.text))” <span class=\"muted\">(p(\(SVGWriter.escape(label)))"
            + " = \(p); n-grams: \(features.isEmpty ? "none" : features.joined(separator: ", ")))"
            + "</span></li>")
      }
      html.append("</ul>")
    }
    return .trusted(html.joined(separator: "\n"))
  }
}
