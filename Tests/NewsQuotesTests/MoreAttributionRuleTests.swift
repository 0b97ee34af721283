import NewsQuotes
import Testing

/// Attribution rules grown from the misses of the real-news measurement (issue 16, fifth
/// round), each held by sentences written for this test.
@Suite struct MoreAttributionRuleTests {
  static func extract(_ paragraphs: [String]) -> QuoteExtraction {
    let text = (["Bridge repairs to run into next year"] + paragraphs).joined(separator: "\n\n")
    return QuoteExtractor().extract(text: text)
  }

  /// `S called OBJECT a “TERM”`: the object and the term given to it are one quote (and a
  /// second term after `and`); `described OBJECT as “TERM”` likewise.
  @Test func theObjectOfANamingCueAndItsTermAreOneQuote() throws {
    let called = Self.extract([
      "Dana Ortiz called the toll plan a \u{201C}costly mistake\u{201D} and \u{201C}a gift to the ferry owners.\u{201D}"
    ])
    let quote = try #require(called.quotes.first)
    #expect(called.quotes.count == 1)
    #expect(
      quote.text
        == "the toll plan a \u{201C}costly mistake\u{201D} and \u{201C}a gift to the ferry owners.\u{201D}"
    )
    #expect(quote.speaker.name == "Dana Ortiz")
    #expect(quote.cue == "called")
    #expect(quote.kind == .indirect)
    let described = Self.extract([
      "Priya Raman described the new piers as \u{201C}sound\u{201D}."
    ])
    #expect(described.quotes.map(\.text) == ["the new piers as \u{201C}sound\u{201D}"])
    #expect(described.quotes.map(\.speaker.name) == ["Priya Raman"])
  }

  /// The object rule does not reach past a preposition (`in a short report`), and with no
  /// `a`/`an`/`as` right before the quotation the quoted words alone are the quote.
  @Test func aNamingCueWithAPhraseOrNoArticleKeepsTheQuotationAlone() {
    let phrase = Self.extract([
      "Priya Raman described the piers in a short report as \u{201C}sound\u{201D}."
    ])
    #expect(phrase.quotes.map(\.text) == ["sound"])
    #expect(phrase.quotes.map(\.kind) == [.direct])
    let bare = Self.extract([
      "Tom Okafor called the plan \u{201C}a waste of money.\u{201D}"
    ])
    #expect(bare.quotes.map(\.text) == ["a waste of money."])
  }

  /// A straight quotation mark and a curly one pair when the other kind is not open
  /// (`"Q,” said S`, `“Q," S said`), a “ glued to the word before closes (`“Q,“ said S`);
  /// a straight pair inside a curly quote still nests.
  @Test func aStraightAndACurlyMarkPair() {
    let extraction = Self.extract([
      "\"The ferry must run all year,\u{201D} said Tom Okafor, a harbour pilot.",
      "\u{201C}The piers must come first,\" Priya Raman said.",
      "\u{201C}He called it \"a gift\" to the owners,\u{201D} said Dana Ortiz.",
      "\u{201C}The tolls will stay,\u{201C} said Mara Vance.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The ferry must run all year,", "The piers must come first,",
        "He called it \"a gift\" to the owners,", "The tolls will stay,",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Tom Okafor", "Priya Raman", "Dana Ortiz", "Mara Vance",
      ])
    #expect(extraction.quotes.allSatisfy { $0.kind == .direct })
  }

  /// `S said CLAUSE, but DESCRIPTION said CLAUSE`: after a comma and a conjunction, a short
  /// described subject and a cue open another report, which ends the first clause; with no
  /// cue (or a passive one) the clause goes on.
  @Test func aDescribedSubjectAndACueAfterAConjunctionEndTheClause() {
    let extraction = Self.extract([
      "Dana Ortiz said the tolls would stay, but the harbour board said the piers were sound."
    ])
    #expect(extraction.quotes.map(\.text) == ["the tolls would stay", "the piers were sound"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "harbour board"])
    let noCue = Self.extract([
      "Dana Ortiz said the tolls would stay, but the ferry owners were told the piers were sound."
    ])
    #expect(
      noCue.quotes.map(\.text) == [
        "the tolls would stay, but the ferry owners were told the piers were sound"
      ])
  }

  /// `S pointed out that CLAUSE`, `S made it clear that CLAUSE`: phrasal reporting verbs; with
  /// no clause after them (`made clear her plans`) they report nothing.
  @Test func phrasalReportingVerbs() {
    let extraction = Self.extract([
      "Priya Raman pointed out that the piers had not been repaired since 1950.",
      "Dana Ortiz made it clear that the tolls would stay until spring.",
      "Dana Ortiz made clear her plans for the harbour.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the piers had not been repaired since 1950", "the tolls would stay until spring",
      ])
    #expect(extraction.quotes.map(\.cue) == ["pointed out", "made it clear"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Priya Raman", "Dana Ortiz"])
  }

  /// Present plurals and a third person of reporting verbs (`critics note that …`, `the
  /// paper reports that …`); the same words as nouns (`the claim that …`, `a note that …`)
  /// report nothing.
  @Test func presentFormsOfReportingVerbs() {
    let extraction = Self.extract([
      "Critics note that the piers have not been repaired since 1950.",
      "Ferry owners claim the fares would have to rise.",
      "The Harbour Gazette reports that the ferry will run in May.",
      "The claim that the piers were sound was false. He left a note that the ferry would run.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the piers have not been repaired since 1950", "the fares would have to rise",
        "the ferry will run in May",
      ])
    #expect(extraction.quotes.map(\.cue) == ["note", "claim", "reports"])
    #expect(
      extraction.quotes.map(\.speaker.name) == ["Critics", "Ferry owners", "Harbour Gazette"])
  }
}
