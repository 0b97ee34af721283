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
      paragraphs: [
        "In this year\u{2019}s budget, the ferry fares aren\u{2019}t likely to fall, Priya Raman said."
      ],
      text: "In this year\u{2019}s budget, the ferry fares aren\u{2019}t likely to fall",
      speaker: "Priya Raman", cue: "said"),
    Case(
      rule: "a subject contraction opens the clause after told",
      paragraphs: [
        "Dana Ortiz told the harbour board she\u{2019}s already received hundreds of letters."
      ],
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
    Case(
      rule: "a pronoun for the subject of a sentence further back",
      paragraphs: [
        "After the storm, Tom Okafor visited the depot. The workers showed him the cracked pier. He said the city would pay for the repairs."
      ],
      text: "the city would pay for the repairs", speaker: "Tom Okafor", cue: "said",
      attribution: .pronoun),
    Case(
      rule: "a participle cue after a comma takes the subject of the first clause",
      paragraphs: [
        "At the depot in Westport, Maine, the harbour board gave the mayor some credit, saying the repairs had gone well."
      ],
      text: "the repairs had gone well", speaker: "harbour board", cue: "saying",
      attribution: .role),
    Case(
      rule: "a present plural cue",
      paragraphs: ["The harbour engineers argue that the piers will not last another winter."],
      text: "the piers will not last another winter", speaker: "harbour engineers",
      cue: "argue", attribution: .role),
    Case(
      rule: "a participle cue of the grown lexicon",
      paragraphs: ["Dana Ortiz criticised the plan, stating that the council had not read it."],
      text: "the council had not read it", speaker: "Dana Ortiz", cue: "stating"),
    Case(
      rule: "a past tense cue of the grown lexicon",
      paragraphs: ["Tom Okafor revealed that the ferry had run at a loss for three years."],
      text: "the ferry had run at a loss for three years", speaker: "Tom Okafor",
      cue: "revealed"),
    Case(
      rule: "according to a document named by a noun of the grown list",
      paragraphs: [
        "The ferry ran half empty all winter, according to the harbour board\u{2019}s summary."
      ],
      text: "The ferry ran half empty all winter", speaker: "harbour board\u{2019}s summary",
      cue: "according to", attribution: .role),
  ]

  /// `Asked …, S said, “Q”`: a participle phrase before the frame is a topic, not part of
  /// what was said; the quoted words alone are the quote.
  @Test func aParticiplePhraseBeforeTheFrameIsATopic() throws {
    let extraction = Self.extract([
      "Asked about the tolls, Tom Okafor said, \u{201C}We will not pay for a bridge we never use.\u{201D}"
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.text == "We will not pay for a bridge we never use.")
    #expect(quote.kind == .direct)
    #expect(quote.speaker.name == "Tom Okafor")
  }

  /// `S said CLAUSE “Q,” adding …`: a participle cue right after a quotation closing with a
  /// comma ends the first clause and reports a second.
  @Test func aParticipleCueAfterAClosingQuoteEndsTheClause() {
    let extraction = Self.extract([
      "Dana Ortiz told the council that the plan was \u{201C}a waste of money,\u{201D} adding that the ferry would run in May."
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the plan was \u{201C}a waste of money,\u{201D}", "the ferry would run in May",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
  }

  /// `…, with S calling it “Q”`: in an absolute phrase the participle's subject follows
  /// `with`; the sentence's subject did not say it.
  @Test func theSubjectOfAnAbsolutePhrase() throws {
    let extraction = Self.extract([
      "The harbour board was irritated by the plan, with Councillor Tom Okafor calling it \u{201C}a waste of money.\u{201D}"
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.text == "a waste of money.")
    #expect(quote.speaker.name == "Tom Okafor")
    #expect(quote.cue == "calling")
  }

  /// `S, who calls X a “term,” said CLAUSE`: a short term after a lower-case word is no quote
  /// for the cue after it to tail; the cue reports the clause after it.
  @Test func aShortTermBeforeTheCueIsNoTail() {
    let extraction = Self.extract([
      "Mara Vance, who calls the plan a \u{201C}disaster,\u{201D} said the piers would not last the winter."
    ])
    #expect(extraction.quotes.map(\.text).contains("the piers would not last the winter"))
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Mara Vance" })
  }

  /// `NAME: “Q”` in a body paragraph: each label names the speaker of the quote after it,
  /// even after another speaker's quote in the same sentence run.
  @Test func aNameAndAColonBeforeAQuote() {
    let extraction = Self.extract([
      "The candidates were asked about the harbour. Okafor: \u{201C}The ferry must run all year.\u{201D} Raman: \u{201C}The piers come first.\u{201D}"
    ])
    #expect(
      extraction.quotes.map(\.text) == ["The ferry must run all year.", "The piers come first."])
    #expect(extraction.quotes.map(\.speaker.name) == ["Okafor", "Raman"])
    #expect(extraction.quotes.map(\.cue) == [nil, nil])
  }

  /// `Research suggests …`: a document noun capitalised at the sentence start is a
  /// document, not a person's name.
  @Test func aCapitalisedDocumentNounIsADocument() throws {
    let extraction = Self.extract([
      "Research suggests that the ferry lost riders after the fare rise."
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(quote.text == "the ferry lost riders after the fare rise")
    #expect(quote.speaker.name == "Research")
    #expect(quote.speaker.kind == .document)
  }

  /// A name that is no subject (`Okafor’s plan`) is no antecedent for a pronoun with no
  /// speaker to refer to: the sentence gives no quote.
  @Test func aPossessiveNameIsNoAntecedent() {
    let extraction = Self.extract([
      "On Monday, the council read Tom Okafor\u{2019}s plan. He said the plan would fail."
    ])
    #expect(extraction.quotes.isEmpty)
  }

  /// `S, who said CLAUSE, VERB …`: the relative clause ends at the comma before the
  /// sentence's own predicate, whose cue then gives a second quote by the same speaker.
  @Test func aReportedClauseInsideARelativeClauseEndsAtItsComma() throws {
    let extraction = Self.extract([
      "Dana Ortiz, who has long said the piers were sound, told the council the ferry would run in May."
    ])
    #expect(
      extraction.quotes.map(\.text) == ["the piers were sound", "the ferry would run in May"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
    let voted = Self.extract(["Dana Ortiz, who said the piers were sound, voted for the plan."])
    #expect(voted.quotes.map(\.text) == ["the piers were sound"])
  }

  /// A title or name in quotation marks inside the reporter's sentence is not a quote, does
  /// not take the cue after it as its tail, and a title closing with a full stop ends its
  /// sentence; a name given with `called` stays the caller's word.
  @Test func titlesInQuotationMarksAreNotQuotes() {
    let extraction = Self.extract([
      "\u{201C}The ferry will run in May,\u{201D} Dana Ortiz told Harbour Radio\u{2019}s \u{201C}Morning Tide\u{201D} on Tuesday.",
      "Tom Okafor called the plan \u{201C}A Bridge Too Far\u{201D} on Tuesday.",
      "Priya Raman, who wrote a book titled \u{201C}The Long Span,\u{201D} said the piers were sound.",
      "The crowd cheered for \u{201C}Mayor Okafor.\u{201D} Harbour residents said the ferry should run all year.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The ferry will run in May,", "A Bridge Too Far", "the piers were sound",
        "the ferry should run all year",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Dana Ortiz", "Tom Okafor", "Priya Raman", "Harbour residents",
      ])
  }

  /// `S told OBJECT, adding CLAUSE`: a participle cue after a comma shares the sentence's
  /// speaker; the object of the earlier cue (a show's name here) is not its subject.
  @Test func aParticipleCueSharesTheSentenceSpeaker() throws {
    let extraction = Self.extract([
      "Tom Okafor told the hosts of \u{201C}Harbour Morning,\u{201D} adding that the ferry would run in May."
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.text == "the ferry would run in May")
    #expect(quote.speaker.name == "Tom Okafor")
    #expect(quote.cue == "adding")
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
