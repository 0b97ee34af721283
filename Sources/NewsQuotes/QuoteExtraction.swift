/// What `QuoteExtractor` finds in one article: the quotes in text order and the speakers.
public struct QuoteExtraction: Sendable, Hashable, Codable {
  /// The quotes, ordered by `span` (start, then end).
  public var quotes: [Quote]
  /// The speakers in order of their first quote, each with the indices of their quotes.
  public var speakers: [SpeakerQuotes]

  /// Creates an extraction.
  ///
  /// - Parameters:
  ///   - quotes: The quotes in text order.
  ///   - speakers: The speakers with their quote indices.
  public init(quotes: [Quote], speakers: [SpeakerQuotes]) {
    self.quotes = quotes
    self.speakers = speakers
  }
}
