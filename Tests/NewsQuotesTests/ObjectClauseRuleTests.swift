import NewsQuotes
import Testing

/// Reported clauses that open further from their cue (issue 16, tenth round), each held by
/// sentences written for this test.
@Suite struct ObjectClauseRuleTests {
  /// `S told OBJECT (long, with commas or a title) that CLAUSE`: the clause after `that`,
  /// the partial quote inside it included; a `that` opening a relative clause (`that were
  /// …`) is no report.
  @Test func aThatAfterALongObjectOrATitle() {
    let extraction = RecallRuleTests.extract([
      "Mara Vance told an audience at a book fair in the old town on Monday that the toll plan was \u{201C}a disgrace.\u{201D}",
      "Tom Okafor told a rally in Dover, Kent, on Friday that the piers were sound.",
      "Dana Ortiz said on Harbour Radio\u{2019}s \u{201C}Morning Tide\u{201D} that she would \u{201C}take a look\u{201D} at the plan.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the toll plan was \u{201C}a disgrace.\u{201D}", "the piers were sound",
        "she would \u{201C}take a look\u{201D} at the plan",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Mara Vance", "Tom Okafor", "Dana Ortiz"])
    #expect(extraction.quotes.map(\.kind) == [.indirect, .indirect, .indirect])
    let relative = RecallRuleTests.extract([
      "Dana Ortiz acknowledged in the long report on the state of the harbour and its accounts that were published on Monday."
    ])
    #expect(relative.quotes.isEmpty)
  }

  /// `S testified “TERM” REST`: a quotation right after a cue that needs `that`, with the
  /// sentence going on after it, opens the reported clause; a quotation that ends the
  /// sentence stays a direct quote.
  @Test func aQuotationRightAfterTheCueThatTheClauseGoesOnPast() {
    let extraction = RecallRuleTests.extract([
      "The engineer testified \u{201C}hundreds\u{201D} of bolts had never been checked.",
      "Dana Ortiz pledged \u{201C}cooperation\u{201D} on the repairs.",
      "Tom Okafor admitted \u{201C}a few mistakes.\u{201D}",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "\u{201C}hundreds\u{201D} of bolts had never been checked",
        "\u{201C}cooperation\u{201D} on the repairs", "a few mistakes.",
      ])
    #expect(extraction.quotes.map(\.kind) == [.indirect, .indirect, .direct])
    #expect(extraction.quotes.map(\.speaker.name) == ["engineer", "Dana Ortiz", "Tom Okafor"])
  }

  /// `S told OBJECT why/how/what CLAUSE`: the question after the object of `told`.
  @Test func aQuestionWordAfterTheObjectOfTold() {
    let extraction = RecallRuleTests.extract([
      "Dana Ortiz told the council why the night ferry had stopped.",
      "Tom Okafor told reporters how the piers would be repaired.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "why the night ferry had stopped", "how the piers would be repaired",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
  }

  /// `S asked OBJECT, “Q?”`, `S concludes: “Q”`, `“Q,” opined S`: the question after the
  /// object of `asked`, a present `concludes`, and an opinion given in writing.
  @Test func aQuestionAfterTheObjectOfAskedAndWrittenOpinions() {
    let asked = RecallRuleTests.extract([
      "Dana Ortiz then asked the crowd, \u{201C}Can the ferry stay?\u{201D}"
    ])
    #expect(asked.quotes.map(\.text) == ["Can the ferry stay?"])
    #expect(asked.quotes.map(\.speaker.name) == ["Dana Ortiz"])
    let concludes = RecallRuleTests.extract([
      "Mara Vance concludes: \u{201C}The piers are sound.\u{201D}"
    ])
    #expect(concludes.quotes.map(\.text) == ["The piers are sound."])
    #expect(concludes.quotes.map(\.cue) == ["concludes"])
    let opined = RecallRuleTests.extract([
      "The ferry board met on Monday.",
      "\u{201C}Buy the ferry,\u{201D} opined the Harbour Gazette.",
    ])
    #expect(opined.quotes.map(\.text) == ["Buy the ferry,"])
    #expect(opined.quotes.map(\.speaker.name) == ["Harbour Gazette"])
  }

  /// `LEAD-IN, “Q,” S said.`: a quotation opening after a comma takes the words leading into
  /// it, an appositive or an opening clause; a lone topic phrase still does not.
  @Test func aQuotationAfterACommaTakesItsLeadIn() {
    let extraction = RecallRuleTests.extract([
      "The ferry, which has run since 1950, \u{201C}will not last the winter,\u{201D} said Tom Okafor.",
      "The repairs are late, but with the new crane, \u{201C}we will start in May,\u{201D} Mara Vance said.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The ferry, which has run since 1950, \u{201C}will not last the winter,\u{201D}",
        "The repairs are late, but with the new crane, \u{201C}we will start in May,\u{201D}",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor", "Mara Vance"])
    let topic = RecallRuleTests.extract([
      "Despite the delays, \u{201C}we will start in May,\u{201D} Mara Vance said."
    ])
    #expect(topic.quotes.map(\.text) == ["we will start in May,"])
  }

  /// `“Q,” said S, who said CLAUSE`: the relative after the speaker reports a clause of its
  /// own, by the same speaker; a relative with no cue (`who chairs the board`) reports none.
  @Test func aRelativeCueAfterTheSpeakerOfAQuotation() {
    let extraction = RecallRuleTests.extract([
      "The board met on Monday.",
      "\u{201C}Not this week,\u{201D} said Tom Okafor, who said the piers were sound.",
      "\u{201C}We will wait,\u{201D} said Dana Ortiz, who chairs the board.",
      "\u{201C}Not in May,\u{201D} said Mara Vance, who also said the cranes were late.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "Not this week,", "the piers were sound", "We will wait,", "Not in May,",
        "the cranes were late",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Tom Okafor", "Tom Okafor", "Dana Ortiz", "Mara Vance", "Mara Vance",
      ])
    #expect(extraction.quotes.map(\.kind) == [.direct, .indirect, .direct, .direct, .indirect])
  }

  /// `S said ADVERB CLAUSE`: one trailing adverb (`also`, any word in `-ly`) between `said`
  /// and a clause without `that`, also one opened by a quotation that the sentence goes on
  /// past.
  @Test func anAdverbBetweenSaidAndTheClause() {
    let extraction = RecallRuleTests.extract([
      "The board met on Monday.",
      "Dana Ortiz has said repeatedly \u{201C}the next council\u{201D} should choose the route.",
      "Tom Okafor said publicly the cranes were late.",
      "Mara Vance said flatly the tolls would stay.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "\u{201C}the next council\u{201D} should choose the route", "the cranes were late",
        "the tolls would stay",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor", "Mara Vance"])
  }
}
