import NewsQuotes
import Testing

/// Attribution rules grown from the misses of the real-news measurement (issue 16, fourth
/// round), each held by sentences written for this test.
@Suite struct AttributionRuleTests {
  /// One paragraph (after a headline) and the quote it must give.
  struct Case: CustomTestStringConvertible, Sendable {
    var rule: String
    var paragraphs: [String]
    var text: String
    var speaker: String
    var cue: String?
    var attribution: AttributionMethod = .name
    var testDescription: String { rule }
  }

  static let cases: [Case] = [
    Case(
      rule: "a negated auxiliary makes the part before the frame a clause",
      paragraphs: ["In this year\u{2019}s budget, the ferry fares aren\u{2019}t likely to fall, Priya Raman said."],
      text: "In this year\u{2019}s budget, the ferry fares aren\u{2019}t likely to fall",
      speaker: "Priya Raman", cue: "said"),
    Case(
      rule: "a subject contraction opens the clause after told",
      paragraphs: ["Dana Ortiz told the harbour board she\u{2019}s already received hundreds of letters."],
      text: "she\u{2019}s already received hundreds of letters", speaker: "Dana Ortiz",
      cue: "told"),
    Case(
      rule: "a relative clause closing the sentence is the reporter's gloss",
      paragraphs: [
        "Priya Raman said the new toll would pay for the eastern pier, which the council closed in May."
      ],
      text: "the new toll would pay for the eastern pier", speaker: "Priya Raman", cue: "said"),
    Case(
      rule: "a fronted as frame",
      paragraphs: ["As Priya Raman noted on Tuesday, the piers have not been repaired since 1950."],
      text: "the piers have not been repaired since 1950", speaker: "Priya Raman", cue: "noted"),
    Case(
      rule: "an as frame at the end",
      paragraphs: ["The piers have not been repaired since 1950, as Priya Raman said."],
      text: "The piers have not been repaired since 1950", speaker: "Priya Raman", cue: "said"),
  ]

  /// `S, who said CLAUSE, VERB …`: the relative clause ends at the comma before the
  /// sentence's own predicate, whose cue then gives a second quote by the same speaker.
  @Test func aReportedClauseInsideARelativeClauseEndsAtItsComma() throws {
    let extraction = Self.extract([
      "Dana Ortiz, who has long said the piers were sound, told the council the ferry would run in May."
    ])
    #expect(extraction.quotes.map(\.text) == ["the piers were sound", "the ferry would run in May"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
    let voted = Self.extract(["Dana Ortiz, who said the piers were sound, voted for the plan."])
    #expect(voted.quotes.map(\.text) == ["the piers were sound"])
  }

  static func extract(_ paragraphs: [String]) -> QuoteExtraction {
    let text = (["Bridge repairs to run into next year"] + paragraphs).joined(separator: "\n\n")
    return QuoteExtractor().extract(text: text)
  }

  @Test(arguments: cases) func rule(_ expected: Case) throws {
    let extraction = Self.extract(expected.paragraphs)
    let quote = try #require(extraction.quotes.first { $0.text == expected.text })
    #expect(extraction.quotes.count == 1)
    #expect(quote.speaker.name == expected.speaker)
    #expect(quote.cue == expected.cue)
    #expect(quote.kind == .indirect)
    #expect(quote.attribution == expected.attribution)
  }
}
