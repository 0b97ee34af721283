import NewsQuotes
import Testing

/// Attribution rules grown from the quotes the real-news measurement missed (issue 16,
/// sixth round), each held by sentences written for this test.
@Suite struct RecallRuleTests {
  /// Extracts from an article of our own: a headline, then `paragraphs` (also used by
  /// `ObjectClauseRuleTests` and `SpeechRecallRuleTests`).
  static func extract(_ paragraphs: [String]) -> QuoteExtraction {
    let text = (["Ferry service to resume in spring"] + paragraphs).joined(separator: "\n\n")
    return QuoteExtractor().extract(text: text)
  }

  /// `The survey found that CLAUSE`, `Polls show that CLAUSE`: what a document finds, with
  /// `that` right after the cue or after a time phrase; without `that` (`found the piers
  /// sound`), or with a `that` further on that belongs to a noun, no quote.
  @Test func whatADocumentFindsWithThat() {
    let found = Self.extract([
      "The harbour survey found last week that most riders wanted an earlier boat.",
      "Polls show that the toll plan has lost support.",
    ])
    #expect(
      found.quotes.map(\.text) == [
        "most riders wanted an earlier boat", "the toll plan has lost support",
      ])
    #expect(found.quotes.map(\.speaker.name) == ["harbour survey", "Polls"])
    #expect(found.quotes.map(\.speaker.kind) == [.document, .document])
    #expect(found.quotes.map(\.cue) == ["found", "show"])
    let none = Self.extract([
      "The inspectors found the piers sound after the storm.",
      "The riders find themselves on a ferry that leaves before dawn.",
      "The evening show that ran on Harbour Radio drew many callers.",
    ])
    #expect(none.quotes.isEmpty)
    // A report inside the clause is the quote, not the clause around it.
    let inner = Self.extract([
      "A poll in June showed that 72 percent of riders said the fares were too high."
    ])
    #expect(inner.quotes.map(\.text) == ["the fares were too high"])
    #expect(inner.quotes.map(\.speaker.name) == ["riders"])
  }

  /// `S thinks/believes/hopes/fears/worries/doubts that CLAUSE`: a view stated with an
  /// explicit `that`; the same verbs without `that` give no quote, and `know`, `feel`,
  /// `expect` are no cues.
  @Test func aStatedViewWithThat() {
    let view = Self.extract([
      "Dana Ortiz hopes that the ferry will run again by May.",
      "Tom Okafor worried that the new piers would crack in the cold.",
    ])
    #expect(
      view.quotes.map(\.text) == [
        "the ferry will run again by May", "the new piers would crack in the cold",
      ])
    #expect(view.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
    let none = Self.extract([
      "Dana Ortiz hopes to ride the first ferry.",
      "Tom Okafor knows that the ferry is late.",
      "Mara Vance expected that the tolls would rise.",
    ])
    #expect(none.quotes.isEmpty)
  }

  /// `S asked (OBJECT) whether/if/what CLAUSE`: the question a named asker put; `when asked
  /// whether …` (nobody asks there) and `asked about …` give no quote.
  @Test func aQuestionPutByANamedAsker() {
    let asked = Self.extract([
      "Dana Ortiz asked the harbour board whether the ferry could run in winter."
    ])
    #expect(asked.quotes.map(\.text) == ["whether the ferry could run in winter"])
    #expect(asked.quotes.map(\.speaker.name) == ["Dana Ortiz"])
    #expect(asked.quotes.map(\.cue) == ["asked"])
    let none = Self.extract([
      "The riders were quiet when asked whether the ferry could run in winter.",
      "Tom Okafor, asked whether the ferry could run in winter, smiled.",
      "Tom Okafor asked about the tolls at the meeting.",
    ])
    #expect(none.quotes.isEmpty)
  }

  /// `S admitted/pledged WORDS “Q” …`: after a cue that needs `that`, a few words and a
  /// quotation are one reported clause (the fragment is not reported again); not after
  /// `told`, and not when the quotation is a title.
  @Test func wordsAndAQuotationAfterACueAreOneClause() {
    let mixed = Self.extract([
      "Dana Ortiz admitted the old timetable \u{201C}did not work\u{201D} for night riders.",
      "Tom Okafor pledged to fix the \u{201C}broken\u{201D} ferry timetable by spring.",
    ])
    #expect(
      mixed.quotes.map(\.text) == [
        "the old timetable \u{201C}did not work\u{201D} for night riders",
        "to fix the \u{201C}broken\u{201D} ferry timetable by spring",
      ])
    #expect(mixed.quotes.map(\.kind) == [.indirect, .indirect])
    #expect(mixed.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
    let title = Self.extract([
      "Priya Raman acknowledged the hosts of \u{201C}Harbour Morning\u{201D} at the depot."
    ])
    #expect(title.quotes.isEmpty)
  }

  /// `S accused OBJECT of …` and `S called for …`: the object and what follows are the
  /// quote; `his call for …` (a noun) and `was accused of …` (a passive) give none, and `as`
  /// opening the subject's clause is no part of the speaker.
  @Test func anAccusationAndACallFor() {
    let extraction = Self.extract([
      "Dana Ortiz accused the harbour board of hiding the repair costs.",
      "Even as ferry riders in the north called for an inquiry, the board kept quiet.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the harbour board of hiding the repair costs", "an inquiry",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "ferry riders in the north"])
    #expect(extraction.quotes.map(\.cue) == ["accused", "called for"])
    let none = Self.extract([
      "Tom Okafor was accused of hiding the repair costs.",
      "The board ignored his call for an inquiry into the tolls.",
    ])
    #expect(none.quotes.isEmpty)
  }

  /// `While/When/Although S said CLAUSE, MAIN`: the subject after the subordinator speaks,
  /// and the reported clause ends at the comma before the main clause.
  @Test func aReportInASubordinateClauseEndsAtItsComma() {
    let extraction = Self.extract([
      "While Dana Ortiz said that ferries cannot run in ice, she looked uneasy.",
      "When Tom Okafor said the piers were sound, the board voted for the plan.",
    ])
    #expect(
      extraction.quotes.map(\.text) == ["ferries cannot run in ice", "the piers were sound"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
  }

  /// A poll share or count that opens its chunk with a digit (`36 percent of residents`, `4
  /// in 10 residents`) is the group it counts, also after a phrase (`In the poll, …`) and without
  /// `all`; a share with no group (`26 percent said`) is no speaker.
  @Test func aPollShareOpenedByADigit() {
    let extraction = Self.extract([
      "In the harbour poll, 36 percent of residents said they would pay a higher toll.",
      "4 in 10 residents said the toll was too high.",
      "But 55 percent of all residents say the night boat should stay.",
      "Last month, 26 percent said the toll was too high.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "they would pay a higher toll", "the toll was too high", "the night boat should stay",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["residents", "residents", "residents"])
    #expect(extraction.quotes.map(\.speaker.kind) == [.group, .group, .group])
  }

  /// `S announced on Wednesday she would …`: after a cue that needs `that`, a phrase opened
  /// by a preposition and then a subject pronoun open the clause (as after `said`).
  @Test func aPhraseThenAPronounClauseAfterACueThatNeedsThat() {
    let extraction = Self.extract([
      "Dana Ortiz announced on Wednesday she would meet the harbour board.",
      "Tom Okafor warned in a letter to riders that they could not wait.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "she would meet the harbour board", "they could not wait",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
  }

  /// `…, one that …` closing the sentence is the reporter's gloss, like `…, an idea that …`.
  @Test func aClosingGlossOpenedByOne() {
    let extraction = Self.extract([
      "Priya Raman said the board was split over the tolls, one that will shape the vote in May."
    ])
    #expect(extraction.quotes.map(\.text) == ["the board was split over the tolls"])
  }

  /// `… — NAME: “Q”` and `… ROLE NAME: “Q”`: a name label before a colon and a quote may
  /// follow a dash or a lower-case role noun, not another lower-case word.
  @Test func aNameLabelAfterADashOrARoleNoun() {
    let extraction = Self.extract([
      "Ferry schedules change again \u{2014} Dana Ortiz: \u{201C}The night boat will stay.\u{201D}",
      "The delay did not surprise the harbour engineer Tom Okafor: \u{201C}The piers were never sound.\u{201D}",
      "The board then asked Mara Vance: \u{201C}Who pays for the repairs?\u{201D}",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The night boat will stay.", "The piers were never sound.",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
  }

  /// `Ortiz Addresses Harbour Crowd: “…”`: four capitalised words and more with no initial
  /// and a verb-like word in `-s` before the colon are a headline in Title Case, not a name
  /// label; three words, or more with an initial or no such verb, stay a name.
  @Test func aHeadlineInTitleCaseIsNoNameLabel() {
    let extraction = Self.extract([
      "Ortiz Addresses Harbour Crowd: \u{201C}The Piers Come First.\u{201D}",
      "Dana Maria Ortiz: \u{201C}The night boat will stay.\u{201D}",
      "Tom K. Okafor Lindqvist: \u{201C}The piers were never sound.\u{201D}",
      "Juan Carlos Ortiz Delgado: \u{201C}The tolls stay.\u{201D}",
    ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Dana Maria Ortiz", "Tom K. Okafor Lindqvist", "Juan Carlos Ortiz Delgado",
      ])
    #expect(!extraction.quotes.contains { $0.text.hasPrefix("The Piers") })
  }

  /// `On SHOW’s “TITLE,” S said CLAUSE`: a title closing with a comma ends the phrase before
  /// the subject, so the name after it speaks.
  @Test func aTitleWithACommaBeforeTheSubject() {
    let extraction = Self.extract([
      "On Harbour Radio\u{2019}s \u{201C}Morning Tide,\u{201D} Dana Ortiz said the council would pick a new plan."
    ])
    #expect(extraction.quotes.map(\.text) == ["the council would pick a new plan"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz"])
  }

  /// `According to recent polling, CLAUSE`: `polling` is a document noun.
  @Test func pollingIsADocument() {
    let extraction = Self.extract([
      "According to recent polling, the night ferry is once again the most popular."
    ])
    #expect(extraction.quotes.map(\.text) == ["the night ferry is once again the most popular"])
    #expect(extraction.quotes.map(\.speaker.kind) == [.document])
  }
}
