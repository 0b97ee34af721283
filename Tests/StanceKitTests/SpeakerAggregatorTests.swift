import Foundation
import Testing

@testable import StanceKit

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
    let confidence = scores.confidence ?? -1
    #expect(confidence > 0 && confidence <= 1)
    #expect(scores.evidence == SpeakerEvidence(quotes: 2, words: 40, strength: "weak"))
  }

  @Test func quotesTheClassifierIsSureOfGiveAStrongLabel() {
    let scores = SpeakerAggregator.aggregate(
      probabilities: [[0.01, 0.98, 0.01], [0.02, 0.97, 0.01], [0.0, 0.99, 0.01]],
      words: [8, 9, 12], labels: labels, seedText: "B")
    #expect(scores.label == "hawkish")
    #expect(scores.interval?.upper == 1)
    #expect((scores.interval?.lower ?? 0) > 0.5)
    #expect((scores.confidence ?? 0) > 0.95)
    #expect(scores.evidence?.strength == "strong")
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

  @Test func oneLongQuoteTheClassifierIsSureOfIsStrong() {
    let scores = SpeakerAggregator.aggregate(
      probabilities: [[0.01, 0.97, 0.02]], words: [42], labels: labels, seedText: "D")
    #expect(scores.label == "hawkish")
    #expect(scores.interval == ShareInterval(lower: 1, upper: 1, level: 0.9))
    #expect(scores.evidence == SpeakerEvidence(quotes: 1, words: 42, strength: "strong"))
  }

  @Test func oneUncertainQuoteStillGetsALabelButWeakEvidence() {
    let scores = SpeakerAggregator.aggregate(
      probabilities: [[0.1, 0.2, 0.7]], words: [5], labels: labels, seedText: "E")
    #expect(scores.label == "neutral")
    #expect(scores.interval == ShareInterval(lower: 0, upper: 1, level: 0.9))
    #expect(scores.evidence?.strength == "weak")
    // The label wins in the resamples that drew it: about 70% of 500.
    let confidence = scores.confidence ?? 0
    #expect(confidence > 0.6 && confidence < 0.8)
  }

  @Test func drawInvertsTheCumulativeProbabilities() {
    #expect(SpeakerAggregator.draw([0.2, 0.5, 0.3], uniform: 0) == 0)
    #expect(SpeakerAggregator.draw([0.2, 0.5, 0.3], uniform: 0.19) == 0)
    #expect(SpeakerAggregator.draw([0.2, 0.5, 0.3], uniform: 0.2) == 1)
    #expect(SpeakerAggregator.draw([0.2, 0.5, 0.3], uniform: 0.75) == 2)
    #expect(SpeakerAggregator.draw([0.2, 0.5, 0.3 - 1e-12], uniform: 1 - 1e-15) == 2)
  }

  @Test func percentilesAreValuesThatOccurred() {
    let sorted = (0..<500).map { Double($0) / 499 }
    #expect(SpeakerAggregator.percentile(sorted, 0.05) == sorted[25])
    #expect(SpeakerAggregator.percentile(sorted, 0.95) == sorted[475])
    #expect(SpeakerAggregator.percentile([0.3], 0.95) == 0.3)
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
