import NewsQuotes
import StanceTestSupport
import Testing

@Suite struct QuoteEvaluationTests {
  func quote(_ start: Int, _ end: Int, _ speaker: String) -> Quote {
    Quote(
      text: "", span: Span(start: start, end: end), kind: .direct, cue: "said",
      speaker: Speaker(name: speaker, kind: .person), speakerIndex: 0, paragraph: 0)
  }

  @Test func matchesNeedHalfOfTheLongerSpan() {
    let gold = [
      QuoteEvaluation.Reference(
        span: Span(start: 0, end: 100), speaker: "The Pentagon", kind: .indirect),
      QuoteEvaluation.Reference(span: Span(start: 40, end: 50), speaker: "Ana", kind: .direct),
      QuoteEvaluation.Reference(span: Span(start: 200, end: 220), speaker: "Ben", kind: .direct),
    ]
    let found = [
      quote(10, 100, "pentagon"),  // overlap 90 of 100: match, speaker equal after normalising
      quote(40, 50, "Ana"),  // exact: match; never taken by the 100-byte gold (10 < 50)
      quote(205, 260, "Ben"),  // overlap 15 of 55 < half: no match
      quote(300, 310, "Cy"),
    ]
    let evaluation = QuoteEvaluation(found: found, gold: gold)
    #expect(evaluation.matches.map(\.gold) == [0, 1])
    #expect(evaluation.matches.map(\.found) == [0, 1])
    #expect(evaluation.matchedCount == 2)
    #expect(isClose(evaluation.precision, 0.5, tolerance: 1e-12))
    #expect(isClose(evaluation.recall, 2.0 / 3.0, tolerance: 1e-12))
    #expect(isClose(evaluation.f1, 4.0 / 7.0, tolerance: 1e-12))
    #expect(isClose(evaluation.speakerAccuracy, 1, tolerance: 1e-12))
    let merged = QuoteEvaluation.merging([evaluation, QuoteEvaluation(found: [], gold: gold)])
    #expect(merged.goldCount == 6 && merged.foundCount == 4 && merged.matchedCount == 2)
  }

  @Test func speakerNormalisation() {
    #expect(
      QuoteEvaluation.normalisedSpeaker("The  Oman’s Foreign Ministry") == "oman's foreign ministry"
    )
    #expect(QuoteEvaluation.normalisedSpeaker("a senior official") == "senior official")
  }
}
