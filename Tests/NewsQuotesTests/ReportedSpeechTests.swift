import NewsQuotes
import Testing

/// Reported speech and attribution patterns met in real news (issue 16), each in sentences
/// written for this test: the quote text, the speaker, the cue and how the speaker was found.
@Suite struct ReportedSpeechTests {
  /// One sentence (a paragraph of its own, after a headline) and the quote it must give.
  struct Case: CustomTestStringConvertible, Sendable {
    var pattern: String
    var paragraph: String
    var text: String
    var speaker: String
    var cue: String?
    var kind: QuoteKind = .indirect
    var attribution: AttributionMethod = .name
    var testDescription: String { pattern }
  }

  static let cases: [Case] = [
    Case(
      pattern: "two apostrophes as quotation marks",
      paragraph: "''We will reopen the bridge by spring,'' Mayor Dana Ortiz said on Tuesday.",
      text: "We will reopen the bridge by spring,", speaker: "Dana Ortiz", cue: "said",
      kind: .direct),
    Case(
      pattern: "has said",
      paragraph: "Dana Ortiz has said the tolls will stay until the repairs are paid for.",
      text: "the tolls will stay until the repairs are paid for", speaker: "Dana Ortiz",
      cue: "said"),
    Case(
      pattern: "a surname that is also a modal",
      paragraph: "Elizabeth May said the motion would fail without the smaller parties.",
      text: "the motion would fail without the smaller parties", speaker: "Elizabeth May",
      cue: "said"),
    Case(
      pattern: "told + object + clause without that",
      paragraph: "Dana Ortiz told the council she would not seek another term.",
      text: "she would not seek another term", speaker: "Dana Ortiz", cue: "told"),
    Case(
      pattern: "warned + clause without that (description)",
      paragraph: "The engineer warned the old span could not carry heavy trucks.",
      text: "the old span could not carry heavy trucks", speaker: "engineer", cue: "warned",
      attribution: .role),
    Case(
      pattern: "CLAUSE, said NAME, role",
      paragraph:
        "The repairs will cost more than the city budgeted, said Priya Raman, an engineer at the transport agency.",
      text: "The repairs will cost more than the city budgeted", speaker: "Priya Raman",
      cue: "said"),
    Case(
      pattern: "parenthetical frame",
      paragraph: "The new bridge, Priya Raman said, should last at least eighty years.",
      text: "The new bridge, Priya Raman said, should last at least eighty years",
      speaker: "Priya Raman", cue: "said"),
    Case(
      pattern: "connective before a parenthetical frame",
      paragraph: "But, Tom Okafor added, the ferry cannot run when the river is this high.",
      text: "the ferry cannot run when the river is this high", speaker: "Tom Okafor",
      cue: "added"),
    Case(
      pattern: "CLAUSE, according to a document",
      paragraph:
        "Traffic on the ring road rose by a fifth, according to a study by the planning office.",
      text: "Traffic on the ring road rose by a fifth",
      speaker: "study by the planning office", cue: "according to", attribution: .role),
    Case(
      pattern: "PART, according to X, REST",
      paragraph:
        "Since the closure, according to the chamber of commerce, shops near the river have lost half their trade.",
      text:
        "Since the closure, according to the chamber of commerce, shops near the river have lost half their trade",
      speaker: "chamber of commerce", cue: "according to", attribution: .role),
    Case(
      pattern: "CLAUSE with a name and a past tense, S said",
      paragraph: "The harbour board created the fund after the flood, Dana Ortiz said.",
      text: "The harbour board created the fund after the flood", speaker: "Dana Ortiz",
      cue: "said"),
    Case(
      pattern: "CLAUSE, a ROLE, NAME, said",
      paragraph:
        "The harbour board created the fund after the flood, a spokeswoman, Anna White, said.",
      text: "The harbour board created the fund after the flood", speaker: "Anna White",
      cue: "said"),
    Case(
      pattern: "PART, a description said, REST",
      paragraph: "The plan, a senior official said, is to have volunteers hand out copies.",
      text: "The plan, a senior official said, is to have volunteers hand out copies",
      speaker: "senior official", cue: "said", attribution: .role),
    Case(
      pattern: "a semicolon ends the reported clause",
      paragraph: "Priya Raman said the piers were sound; the council votes on the budget in June.",
      text: "the piers were sound", speaker: "Priya Raman", cue: "said"),
    Case(
      pattern: "a partial quote inside a reported clause counts once",
      paragraph:
        "Councillor Mara Vance said the harbour plan was “reckless” and would fail by autumn.",
      text: "the harbour plan was “reckless” and would fail by autumn", speaker: "Mara Vance",
      cue: "said"),
    Case(
      pattern: "a partial quote inside a reverse clause counts once",
      paragraph: "The new span is \"a bridge to nowhere\" for most commuters, Priya Raman said.",
      text: "The new span is \"a bridge to nowhere\" for most commuters", speaker: "Priya Raman",
      cue: "said"),
    Case(
      pattern: "said there + verb",
      paragraph: "Priya Raman said there were eleven cracks in the eastern pier.",
      text: "there were eleven cracks in the eastern pier", speaker: "Priya Raman", cue: "said"),
    Case(
      pattern: "tweeted that CLAUSE",
      paragraph: "Dana Ortiz tweeted that the bridge would reopen in May.",
      text: "the bridge would reopen in May", speaker: "Dana Ortiz", cue: "tweeted"),
    Case(
      pattern: "CLAUSE, S said, REST is one clause",
      paragraph: "It was too late, Priya Raman said, so the council voted to close the bridge.",
      text: "It was too late, Priya Raman said, so the council voted to close the bridge",
      speaker: "Priya Raman", cue: "said"),
    Case(
      pattern: "PART, S said, “REST”",
      paragraph:
        "The harbour plan, Mara Vance said, \u{201C}is a perfect example of waste.\u{201D}",
      text: "The harbour plan, Mara Vance said, \u{201C}is a perfect example of waste.\u{201D}",
      speaker: "Mara Vance", cue: "said"),
    Case(
      pattern: "said in a statement + time + a clause without that",
      paragraph: "Harbour Group said in a statement on Thursday night they had pulled the listing.",
      text: "they had pulled the listing", speaker: "Harbour Group", cue: "said"),
    Case(
      pattern: "S VERB … and said CLAUSE (a described subject)",
      paragraph:
        "Other former engineers with no role in the project objected to the plan and said the piers were sound.",
      text: "the piers were sound", speaker: "former engineers with no role in the project",
      cue: "said", attribution: .role),
    Case(
      pattern: "a question with asked after it",
      paragraph: "\u{201C}Who will pay for the repairs?\u{201D} Dana Ortiz asked.",
      text: "Who will pay for the repairs?", speaker: "Dana Ortiz", cue: "asked", kind: .direct),
  ]

  /// `S did X “Q,” and says …`: a coordinated cue shares the subject the sentence opens with.
  @Test func aCoordinatedCueSharesTheSentenceSubject() throws {
    let (extraction, _) = Self.extract([
      "Priya Raman is careful to call the plan \u{201C}a first step,\u{201D} and says the council will decide."
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(quote.text == "a first step,")
    #expect(quote.speaker.name == "Priya Raman")
  }

  /// `Of TOPIC, S said, “Q”`: a phrase opened by a preposition is the topic, not part of the
  /// quote; the speaker is the pronoun's person, never the capitalised `Of`.
  @Test func aTopicBeforeTheFrameIsNotQuoted() throws {
    let (extraction, _) = Self.extract([
      "Dana Ortiz said the council would meet on Monday.",
      "Of the harbour plan, she said, \u{201C}It is a little much.\u{201D}",
    ])
    #expect(
      extraction.quotes.map(\.text) == ["the council would meet on Monday", "It is a little much."])
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Dana Ortiz" })
  }

  /// After `.”` a sentence ends when a comma comes before any cue (`On Friday, she added:`)
  /// or the cue opens the next sentence (`Asked …`), so the reported clause stops there.
  @Test func aSentenceEndsAfterAQuoteWhenACommaComesFirst() {
    let (extraction, _) = Self.extract([
      "Tom Okafor told the crowd that voters were \"tired of the delays.\" On Friday, he remarked: \"The process is in place.\""
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "voters were \"tired of the delays.\"", "The process is in place.",
      ])
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Tom Okafor" })
  }

  /// A question or a quote after `asked,` / `continued:` / `went on,`: these verbs attribute
  /// the quote that opens right after them.
  @Test(arguments: [
    ("Dana Ortiz asked, \u{201C}Who will pay for the repairs?\u{201D}", "asked"),
    ("Dana Ortiz continued: \u{201C}The council has not found the money.\u{201D}", "continued"),
    ("Dana Ortiz went on, \u{201C}We will not close the bridge.\u{201D}", "went on"),
  ])
  func aQuoteRightAfterTheCue(_ paragraph: String, _ cue: String) throws {
    let (extraction, _) = Self.extract([paragraph])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.kind == .direct)
    #expect(quote.speaker.name == "Dana Ortiz")
    #expect(quote.cue == cue)
  }

  /// `according to S, in a statement, “Q”`: the direct quote is S's words, with no clause
  /// around it.
  @Test(arguments: [
    "According to the harbour board, in a statement, \u{201C}The ferry will run again in May.\u{201D}",
    "According to the harbour board, in a statement released Friday: \u{201C}The ferry will run again in May.\u{201D}",
  ])
  func accordingToAndAStatementBeforeAQuote(_ paragraph: String) throws {
    let (extraction, _) = Self.extract([paragraph])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.kind == .direct)
    #expect(quote.text == "The ferry will run again in May.")
    #expect(quote.speaker.name == "harbour board")
    #expect(quote.cue == "According to")
  }

  /// `X continued:` closing its paragraph introduces the quote paragraph that follows.
  @Test func aColonCueParagraphIntroducesTheNextQuote() throws {
    let (extraction, _) = Self.extract([
      "Dana Ortiz continued:", "\u{201C}The council has not found the money.\u{201D}",
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.text == "The council has not found the money.")
    #expect(quote.speaker.name == "Dana Ortiz")
    #expect(quote.attribution == .continuation)
  }

  @Test(arguments: [
    "The repairs continued as \u{201C}planned\u{201D} through the winter months.",
    "The storm went on for days and the \u{201C}flood season\u{201D} began early.",
  ])
  func continuedWithoutAQuoteRightAfterIsNotSpeech(_ paragraph: String) {
    #expect(Self.extract([paragraph]).0.quotes.isEmpty)
  }

  /// `S argued that A, saying B`: the participle cue starts a second statement by S.
  @Test func aParticipleCueEndsTheClause() {
    let (extraction, _) = Self.extract([
      "Dana Ortiz argued that the tolls were fair, saying the bridge could not pay for itself."
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the tolls were fair", "the bridge could not pay for itself",
      ])
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Dana Ortiz" })
  }

  /// A headline `NAME: CLAIM` attributes the claim; a rubric (`The Latest:`) does not.
  @Test func aHeadlineWithANameAndAColon() throws {
    let body = "Dana Ortiz said the bridge would reopen in spring."
    let named = QuoteExtractor().extract(
      text: "Ortiz: Tolls Will Stay Until the Repairs Are Paid For\n\n" + body)
    let headline = try #require(named.quotes.first)
    #expect(headline.text == "Tolls Will Stay Until the Repairs Are Paid For")
    #expect(headline.speaker.name == "Dana Ortiz")
    #expect(named.speakers.count == 1)
    for rubric in [
      "The Latest: Bridge to reopen in spring", "FERRY NEWS IS IN: Tolls stay",
      "Tuesday’s Ferry Brief: Tolls to stay all winter",
    ] {
      let quotes = QuoteExtractor().extract(text: rubric + "\n\n" + body).quotes
      #expect(quotes.map(\.text) == ["the bridge would reopen in spring"])
    }
  }

  /// `NAME Says CLAIM` in a title-case headline: the capitalised cue stands for the colon.
  @Test func aHeadlineWithANameAndSays() throws {
    let extraction = QuoteExtractor().extract(
      text:
        "Dana Ortiz Says Tolls Will Stay Until Spring\n\nDana Ortiz said the bridge would reopen.")
    let headline = try #require(extraction.quotes.first)
    #expect(headline.text == "Tolls Will Stay Until Spring")
    #expect(headline.speaker.name == "Dana Ortiz")
    #expect(extraction.quotes.count == 2)
    #expect(extraction.speakers.count == 1)
  }

  static func extract(_ paragraphs: [String]) -> (QuoteExtraction, [UInt8]) {
    let text = (["Bridge repairs to run into next year"] + paragraphs).joined(separator: "\n\n")
    return (QuoteExtractor().extract(text: text), Array(text.utf8))
  }

  @Test(arguments: cases) func pattern(_ expected: Case) throws {
    let (extraction, _) = Self.extract([expected.paragraph])
    let quote = try #require(extraction.quotes.first { $0.text == expected.text })
    #expect(extraction.quotes.count == 1)
    #expect(quote.speaker.name == expected.speaker)
    #expect(quote.cue == expected.cue)
    #expect(quote.kind == expected.kind)
    #expect(quote.attribution == expected.attribution)
  }

  @Test(arguments: [
    "The United States Army Corps of Engineers will inspect the site next month.",
    "Lawmakers in several states that border the river want federal help.",
    "The ferry operator was told the crossing would close for a week.",
    "Ferry traffic rose over the Baltic states that border the bay.",
    "Asked about the tolls, Dana Ortiz said little.",
    "The inspector\u{2019}s decision to read from notes and his repeated slips about the tolls hurt the plan.",
  ])
  func notSpeech(_ paragraph: String) {
    #expect(Self.extract([paragraph]).0.quotes.isEmpty)
  }

  /// Scare quotes: a quoted term or title in the reporter's own words, with no cue in its
  /// sentence, does not continue the paragraph's speaker; a short quote that is a sentence
  /// of its own still does.
  @Test func scareQuotesAreNotQuotes() {
    let (extraction, _) = Self.extract([
      "Dana Ortiz said the tolls would stay. The so-called “peace dividend” never reached the ferry towns.",
      "The “green corridor” plan was shelved last year.",
      "“We will wait,” said Tom Okafor. “Not now.”",
    ])
    #expect(
      extraction.quotes.map(\.text) == ["the tolls would stay", "We will wait,", "Not now."])
  }

  @Test func speakerSpansAndAttributionMethods() throws {
    let (extraction, bytes) = Self.extract([
      "''The river has risen twice this year,'' said Tom Okafor, who runs a ferry. ''We cannot plan a season like this.''",
      "He said the ferry would keep running through the winter.",
    ])
    try #require(extraction.quotes.count == 3)
    func mention(_ index: Int) -> String? {
      extraction.quotes[index].speakerSpan.map {
        String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)
      }
    }
    #expect(extraction.quotes.map(\.attribution) == [.name, .continuation, .pronoun])
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Tom Okafor" })
    #expect(mention(0) == "Tom Okafor")
    #expect(mention(1) == nil)
    #expect(mention(2) == "He")
  }

  @Test func documentsAreTheirOwnKind() throws {
    let (extraction, _) = Self.extract([
      "Crossings fell by a third, according to a survey of ferry operators."
    ])
    let speaker = try #require(extraction.speakers.first?.speaker)
    #expect(speaker.kind == .document)
    #expect(speaker.name == "survey of ferry operators")
  }
}
