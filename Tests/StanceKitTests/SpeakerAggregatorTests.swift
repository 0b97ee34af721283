import Foundation
import StanceKit
import Testing

/// The per-speaker combination of quote probabilities.
@Suite struct SpeakerAggregatorTests {
  let labels = ["conciliatory", "hawkish", "neutral"]

  @Test func probabilitiesAreTheWordWeightedMean() {
    // (10·0.6 + 30·0.2) / 40 = 0.3 conciliatory; (10·0.3 + 30·0.7) / 40 = 0.6 hawkish.
    let scores = SpeakerAggregator.aggregate(
      probabilities: [[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]], words: [10, 30], labels: labels,
      seedText: "A")
    #expect(scores.label == "hawkish")
    #expect(abs((scores.probabilities["conciliatory"] ?? 0) - 0.3) < 1e-15)
    #expect(abs((scores.probabilities["hawkish"] ?? 0) - 0.6) < 1e-15)
    #expect(abs((scores.probabilities["neutral"] ?? 0) - 0.1) < 1e-15)
    #expect(scores.leaning == nil)
    let confidence = scores.confidence ?? -1
    #expect(confidence > 0 && confidence <= 1)
  }

  @Test func unanimousQuotesGiveFullConfidence() {
    let scores = SpeakerAggregator.aggregate(
      probabilities: [[0.1, 0.8, 0.1], [0.2, 0.5, 0.3], [0.3, 0.4, 0.3]], words: [8, 9, 12],
      labels: labels, seedText: "B")
    #expect(scores.label == "hawkish")
    #expect(scores.confidence == 1)
  }

  @Test func splitQuotesGiveLowerConfidenceReproducibly() {
    let probabilities = [
      [0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.85, 0.1, 0.05], [0.1, 0.85, 0.05],
    ]
    let first = SpeakerAggregator.aggregate(
      probabilities: probabilities, words: [10, 10, 10, 11], labels: labels, seedText: "C")
    let again = SpeakerAggregator.aggregate(
      probabilities: probabilities, words: [10, 10, 10, 11], labels: labels, seedText: "C")
    #expect(first == again)
    let confidence = first.confidence ?? 1
    #expect(confidence < 0.8 && confidence > 0.2)
  }

  @Test(arguments: [([20], 1), ([5, 6], 2)])
  func tooLittleEvidenceIsSaidSo(words: [Int], quotes: Int) {
    let scores = SpeakerAggregator.aggregate(
      probabilities: Array(repeating: [0.1, 0.2, 0.7], count: quotes), words: words,
      labels: labels, seedText: "D")
    #expect(scores.label == SpeakerAggregator.insufficientEvidence)
    #expect(scores.leaning == "neutral")
    #expect(scores.confidence == nil)
  }
}

/// Quote extraction and scoring through the library, on a sample article.
@Suite struct ArticleScorerTests {
  @Test func offsetsPointIntoTheOriginalBytes() throws {
    let path = "data/articles/2026-03-ceasefire-talks-geneva.txt"
    let text = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(path),
      encoding: .utf8)
    let article = ArticleScorer().score(text: text, source: path)
    #expect(!article.quotes.isEmpty)
    let bytes = Array(text.utf8)
    for quote in article.quotes where !quote.text.contains("\n") {
      let slice = String(decoding: bytes[quote.start..<quote.end], as: UTF8.self)
      // A quote spanning paragraphs joins its pieces; single-paragraph quotes are verbatim.
      if !slice.contains("\n") { #expect(slice == quote.text) }
    }
    #expect(article.speakers.map(\.quotes).reduce(0, +) == article.quotes.count)
    #expect(article.quotes.allSatisfy { $0.label == nil && $0.probabilities == nil })
  }
}
