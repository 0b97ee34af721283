import Foundation
import NewsQuotes
import StanceTestSupport
import Testing

@Suite struct GoldEvaluationTests {
  @Test func quoteF1AndSpeakerAccuracyOnTheSampleArticles() throws {
    var evaluations: [QuoteEvaluation] = []
    let verbose = ProcessInfo.processInfo.environment["NEWSQUOTES_VERBOSE"] != nil
    for name in GoldArticles.names {
      let text = try GoldArticles.text(name)
      let gold = try GoldArticles.gold(name)
      let found = QuoteExtractor().extract(text: text).quotes
      let evaluation = QuoteEvaluation(found: found, gold: GoldArticles.references(gold))
      evaluations.append(evaluation)
      if verbose {
        print(
          "== \(name): found \(found.count) gold \(gold.quotes.count) matched \(evaluation.matchedCount) speakers \(evaluation.speakerCorrectCount)"
        )
        let matchedGold = Set(evaluation.matches.map(\.gold))
        let matchedFound = Set(evaluation.matches.map(\.found))
        for (index, row) in gold.quotes.enumerated() where !matchedGold.contains(index) {
          print("  MISSED \(row.n) [\(row.kind)] \(row.speaker): \(row.text.prefix(90))")
        }
        for (index, quote) in found.enumerated() where !matchedFound.contains(index) {
          print(
            "  EXTRA [\(quote.kind)] \(quote.speaker.name) (\(quote.cue ?? "-")): \(quote.text.prefix(90))"
          )
        }
        for match in evaluation.matches {
          let row = gold.quotes[match.gold]
          let quote = found[match.found]
          if quote.kind != row.kind || (quote.cue ?? "").lowercased() != row.cue.lowercased() {
            print(
              "  KIND/CUE gold \(row.kind) \(row.cue) found \(quote.kind) \(quote.cue ?? "-"): \(row.text.prefix(50))"
            )
          }
        }
        for match in evaluation.matches where !match.speakerCorrect {
          print(
            "  SPEAKER gold \(gold.quotes[match.gold].speaker) found \(found[match.found].speaker.name): \(gold.quotes[match.gold].text.prefix(60))"
          )
        }
      }
    }
    let total = QuoteEvaluation.merging(evaluations)
    print(
      "quotes: found \(total.foundCount) gold \(total.goldCount) matched \(total.matchedCount)"
        + " P \(total.precision) R \(total.recall) F1 \(total.f1) speaker \(total.speakerAccuracy)")
    #expect(total.f1 >= 0.95)
    #expect(total.speakerAccuracy >= 0.95)
  }
}
