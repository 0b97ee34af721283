import Foundation
import Testing
import TextFeatures

/// The idf formula at the extremes a model file can hold.
@Suite struct TermWeightingRobustnessTests {
  // A crafted model file with a document count of Int.max trapped on `1 + n` (see
  // ModelFileRobustnessTests.documentCountOfIntMaxIsRefusedWithoutOverflow).
  @Test func inverseDocumentFrequencyIsFiniteForTheLargestCounts() {
    let top = TermWeighting.inverseDocumentFrequency(
      documentFrequency: Int.max, documentCount: Int.max)
    #expect(top == 1)
    let spread = TermWeighting.inverseDocumentFrequency(
      documentFrequency: 1, documentCount: Int.max)
    // ln(2^63 / 2) + 1 = 62 ln 2 + 1; tolerance: a few ulps of a value near 44.
    #expect(abs(spread - (62 * log(2.0) + 1)) <= 1e-12)
  }

  @Test(arguments: [(0, 1), (1, 1), (2, 10), (7, 10), (1, 1_000_000)])
  func inverseDocumentFrequencyIsUnchangedForOrdinaryCounts(frequency: Int, count: Int) {
    // Exactly the integer-sum form for counts below 2^53.
    let expected = log(Double(1 + count) / Double(1 + frequency)) + 1
    #expect(
      TermWeighting.inverseDocumentFrequency(documentFrequency: frequency, documentCount: count)
        == expected)
  }
}
