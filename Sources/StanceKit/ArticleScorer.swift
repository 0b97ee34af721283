import LinearAlgebra
public import NewsQuotes

/// A quote with its speaker and, when models were given, its stance and sentiment.
public struct ScoredQuote: Codable, Sendable, Equatable {
  /// The speaker's name.
  public var speaker: String
  /// The quoted or reported text.
  public var text: String
  /// UTF-8 byte offset of the quote's first byte in the original article.
  public var start: Int
  /// UTF-8 byte offset just past the quote's last byte.
  public var end: Int
  /// `direct` or `indirect`.
  public var kind: String
  /// The attribution cue (`said`, `according to`, …), if any.
  public var cue: String?
  /// UTF-8 byte offset of the speaker mention the attribution rests on (name, pronoun or
  /// description), or `nil` for a continuation.
  public var speakerStart: Int?
  /// UTF-8 byte offset just past that mention.
  public var speakerEnd: Int?
  /// How the speaker was found: `name`, `role`, `pronoun` or `continuation`.
  public var attribution: String?
  /// The stance model's label, when scored.
  public var label: String?
  /// The stance model's probabilities, when scored.
  public var probabilities: [String: Double]?
  /// The sentiment model's verdict, when scored with one.
  public var sentiment: LabelScores?

  private enum CodingKeys: String, CodingKey {
    case speaker, text, start, end, kind, cue, label, probabilities, sentiment, attribution
    case speakerStart = "speaker_start"
    case speakerEnd = "speaker_end"
  }
}

/// A speaker of an article with their quotes' combined stance (and sentiment).
public struct SpeakerStance: Codable, Sendable, Equatable {
  /// The speaker's name.
  public var name: String
  /// Their role or title, if the article gives one.
  public var role: String?
  /// `person`, `organisation`, `group` or `document`.
  public var kind: String
  /// How many quotes they have.
  public var quotes: Int
  /// How many words their quotes hold.
  public var words: Int
  /// The combined stance label, when scored; absent for a document, which is not scored.
  public var label: String?
  /// The combined stance probabilities, when scored.
  public var probabilities: [String: Double]?
  /// How often the label wins over resamples (see ``SpeakerAggregator``), when scored.
  public var confidence: Double?
  /// The interval of the share of the speaker's words with the label, when scored.
  public var interval: ShareInterval?
  /// What the label rests on, when scored.
  public var evidence: SpeakerEvidence?
  /// The combined sentiment, when scored with a sentiment model.
  public var sentiment: LabelScores?
}

/// One article's quotes and speakers.
public struct ScoredArticle: Codable, Sendable, Equatable {
  /// Where the article came from (a file name, `FILE#id` for JSONL, or `<stdin>`).
  public var source: String
  /// The quotes in text order.
  public var quotes: [ScoredQuote]
  /// The speakers in order of first quote.
  public var speakers: [SpeakerStance]
  /// For JSONL input, the record's other fields (`id` and so on), carried through; JSON
  /// values other than strings are given as their JSON text.
  public var input: [String: String]?
}

/// Finds the quotes of articles and scores each quote and speaker with a stance and,
/// optionally, a sentiment pipeline.
///
/// Without pipelines it only extracts (`stance quotes`). With them, every quote is
/// classified on its own text, and each speaker's quotes are combined by
/// ``SpeakerAggregator`` — except a document's (kind `document`: a study, a poll, a report),
/// whose row keeps its quote and word counts but gets no stance or sentiment, since a text
/// cited as a source holds no stance of its own.
public struct ArticleScorer: Sendable {
  /// The stance pipeline, if scoring.
  public let stance: Pipeline?
  /// The sentiment pipeline, if scoring sentiment too.
  public let sentiment: Pipeline?
  private let extractor = QuoteExtractor()

  /// Creates a scorer.
  ///
  /// - Parameters:
  ///   - stance: The stance pipeline, or `nil` to extract only.
  ///   - sentiment: The sentiment pipeline, or `nil`.
  public init(stance: Pipeline? = nil, sentiment: Pipeline? = nil) {
    self.stance = stance
    self.sentiment = sentiment
  }

  /// Extracts and scores one article.
  ///
  /// - Parameters:
  ///   - text: The article, plain text or simple HTML.
  ///   - source: Its name in the output.
  ///   - format: How to read the text; detected by default.
  /// - Returns: The quotes and speakers.
  /// - Complexity: Linear in the article's length, plus one vectorisation per quote.
  public func score(text: String, source: String, format: ArticleFormat = .automatic)
    -> ScoredArticle
  {
    let extraction = extractor.extract(text: text, format: format)
    let quoteTexts = extraction.quotes.map(\.text)
    let stanceProbabilities = stance.map { rows(of: $0.probabilities(quoteTexts)) }
    let sentimentProbabilities = sentiment.map { rows(of: $0.probabilities(quoteTexts)) }
    let wordCounts = quoteTexts.map(Self.wordCount)

    var quotes: [ScoredQuote] = []
    for (index, quote) in extraction.quotes.enumerated() {
      var scored = ScoredQuote(
        speaker: quote.speaker.name, text: quote.text, start: quote.start, end: quote.end,
        kind: quote.kind.rawValue, cue: quote.cue, speakerStart: quote.speakerSpan?.start,
        speakerEnd: quote.speakerSpan?.end, attribution: quote.attribution.rawValue)
      if let stance, let probabilities = stanceProbabilities?[index] {
        let scores = Self.scores(probabilities, labels: stance.labels)
        scored.label = scores.label
        scored.probabilities = scores.probabilities
      }
      if let sentiment, let probabilities = sentimentProbabilities?[index] {
        scored.sentiment = Self.scores(probabilities, labels: sentiment.labels)
      }
      quotes.append(scored)
    }

    var speakers: [SpeakerStance] = []
    for entry in extraction.speakers where !entry.quotes.isEmpty {
      let words = entry.quotes.map { wordCounts[$0] }
      var speaker = SpeakerStance(
        name: entry.speaker.name, role: entry.speaker.role, kind: entry.speaker.kind.rawValue,
        quotes: entry.quotes.count, words: words.reduce(0, +))
      // A document (`according to the study`) has no stance of its own: its row says what
      // it was quoted for, but neither stance nor sentiment is combined for it.
      let isDocument = entry.speaker.kind == .document
      if let stance, let probabilities = stanceProbabilities, !isDocument {
        let combined = SpeakerAggregator.aggregate(
          probabilities: entry.quotes.map { probabilities[$0] }, words: words,
          labels: stance.labels, seedText: entry.speaker.name)
        speaker.label = combined.label
        speaker.probabilities = combined.probabilities
        speaker.confidence = combined.confidence
        speaker.interval = combined.interval
        speaker.evidence = combined.evidence
      }
      if let sentiment, let probabilities = sentimentProbabilities, !isDocument {
        speaker.sentiment = SpeakerAggregator.aggregate(
          probabilities: entry.quotes.map { probabilities[$0] }, words: words,
          labels: sentiment.labels, seedText: entry.speaker.name)
      }
      speakers.append(speaker)
    }
    return ScoredArticle(source: source, quotes: quotes, speakers: speakers)
  }

  private func rows(of matrix: DenseMatrix) -> [[Double]] {
    (0..<matrix.rows).map { matrix.row($0) }
  }

  private static func scores(_ probabilities: [Double], labels: [String]) -> LabelScores {
    let best = SpeakerAggregator.argmax(probabilities)
    var byLabel: [String: Double] = [:]
    for (index, label) in labels.enumerated() { byLabel[label] = probabilities[index] }
    return LabelScores(label: labels[best], probabilities: byLabel)
  }

  /// Words are runs of letters or digits.
  static func wordCount(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
      if isWordScalar && !inWord { count += 1 }
      inWord = isWordScalar
    }
    return count
  }
}
