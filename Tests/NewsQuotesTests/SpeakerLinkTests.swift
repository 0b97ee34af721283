import NewsQuotes
import Testing

/// Which mention of a sentence is the speaker, and which earlier speaker a later quote goes to.
///
/// Issue 16, items 2, 5 and 6, read on real US political news. Every sentence was written
/// for this test.
@Suite struct SpeakerLinkTests {
  /// One paragraph and the speaker its only quote must get (the entity suite's case).
  typealias Case = SpeakerEntityTests.Case

  static let appositives: [Case] = [
    Case(
      rule: "a name after a preposition in the appositive",
      paragraph: "Mara Vance, a spokeswoman for Mr. Okafor, said the ferry would run in May.",
      name: "Mara Vance", role: "a spokeswoman for Mr. Okafor"),
    Case(
      rule: "a place closing the appositive",
      paragraph:
        "Dean Kowalski, a 55-year-old welder from Lakeview, South Carolina, said the piers were sound.",
      name: "Dean Kowalski", role: "a 55-year-old welder from Lakeview"),
    Case(
      rule: "a name inside a relative clause of the appositive",
      paragraph:
        "Senator Tom Okafor, a Westport Democrat who has met privately with Ms. Ortiz, said the tolls would stay.",
      name: "Tom Okafor", role: "Senator"),
    Case(
      rule: "two appositives, the second opened by an article",
      paragraph:
        "Priya Raman, president of the Harbour Leadership Fund, a super PAC allied with the board, said the money was ready.",
      name: "Priya Raman", role: "president of the Harbour Leadership Fund"),
    Case(
      rule: "a place after a relative clause and a time phrase",
      paragraph:
        "Dana Ortiz, who was to travel to Lakeview, Ohio, on Wednesday, said the new rules were fair.",
      name: "Dana Ortiz"),
    Case(
      rule: "a place after a name ending in of PLACE",
      paragraph: "Mara Vance of Lakeview, South Carolina says the ferry should run all year.",
      name: "Mara Vance"),
    Case(
      rule: "a description and then the name after an inverted cue",
      paragraph:
        "\u{201C}The piers are sound,\u{201D} said the board's chief engineer, Tom Okafor, on Monday.",
      name: "Tom Okafor", role: "the board's chief engineer"),
    Case(
      rule: "a description holding a name and then the name after an inverted cue",
      paragraph:
        "\u{201C}The piers are sound,\u{201D} said a former spokesman for the Harbour Ministry, Mara Vance.",
      name: "Mara Vance", role: "a former spokesman for the Harbour Ministry"),
    Case(
      rule: "a description holding an organisation's name and then the name after an inverted cue",
      paragraph:
        "\u{201C}The piers are sound,\u{201D} said a former spokesman for Westport's Foreign Ministry, Mara Vance.",
      name: "Mara Vance", role: "a former spokesman for Westport's Foreign Ministry"),
  ]

  /// The paragraphs under a headline, extracted (as in the entity suite).
  static func extract(_ paragraphs: [String]) -> QuoteExtraction {
    SpeakerEntityTests.extract(paragraphs)
  }

  @Test(arguments: appositives) func appositive(_ expected: Case) throws {
    let extraction = Self.extract([expected.paragraph])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.speaker.name == expected.name)
    #expect(quote.speaker.role == expected.role)
  }

  /// What the appositive rule leaves alone: a list of names, a lone capitalised word before
  /// the subject, a predicate after a subordinate clause's subject.
  @Test(arguments: [
    ("Priya Raman, Tom Okafor and Dana Ortiz said the repairs would wait.", "Tom Okafor"),
    ("Regardless, the Harbour Ministry said the ferry would run.", "Harbour Ministry"),
    (
      "When Ms. Ortiz, during a debate in Westport, recommended a toll, Mara Vance replied that the piers were sound.",
      "Mara Vance"
    ),
  ])
  func notAnAppositive(_ paragraph: String, _ name: String) throws {
    let quote = try #require(Self.extract([paragraph]).quotes.first)
    #expect(quote.speaker.name == name)
  }

  /// `…, who said`: the cue's subject is the person `who` follows, not the sentence's.
  @Test func theRelativeWhoRefersToTheNameBeforeIt() throws {
    let extraction = Self.extract([
      "The harbour board also heard from Dana Ortiz, who said the ferry would stop in winter."
    ])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.speaker.name == "Dana Ortiz")
    #expect(quote.text == "the ferry would stop in winter")
  }

  /// A frame right after a quote names its speaker whatever the verb, also when the quote's
  /// punctuation stands inside an inner quotation; a frame whose subject is no speaker keeps
  /// the quote from continuing the paragraph before.
  @Test func aFrameAfterTheQuoteNamesItsSpeaker() {
    let extraction = Self.extract([
      "\u{201C}The piers are sound,\u{201D} said Tom Okafor.",
      "\u{201C}Not this winter!\u{201D} Dana Ortiz growled.",
      "\u{201C}Who will pay for it?\u{201D} sighed Mara Vance.",
      "\u{201C}The clerk kept asking \u{2018}Who pays?\u{2019}\u{201D} Sam Reyes grumbled.",
      "\u{201C}Mexico!\u{201D} the audience screamed back.",
      "\u{201C}The tolls stay.\u{201D}",
    ])
    let rows = extraction.quotes.map { "\($0.speaker.name): \($0.text)" }
    // `growled` and `sighed` are no cues of the lexicon: the frame alone names the speaker.
    #expect(
      rows == [
        "Tom Okafor: The piers are sound,", "Dana Ortiz: Not this winter!",
        "Mara Vance: Who will pay for it?",
        "Sam Reyes: The clerk kept asking \u{2018}Who pays?\u{2019}",
      ])
  }

  /// A definite description no speaker's role matches goes to the person the article names
  /// with its words, as a title before the name or an appositive after it.
  @Test func aDescriptionGoesToThePersonTheArticleNamedWithItsWords() throws {
    let extraction = Self.extract([
      "Vermont Sen. Tom Okafor reached the depot on Monday. Dana Ortiz, the former harbour master, came later.",
      "The Vermont senator said the ferry would run in May.",
      "The former harbour master said the piers were sound.",
      "The deputy said the tolls would stay.",
    ])
    let rows = extraction.quotes.map { "\($0.speaker.name): \($0.text)" }
    #expect(
      rows == [
        "Tom Okafor: the ferry would run in May", "Dana Ortiz: the piers were sound",
        "deputy: the tolls would stay",
      ])
    #expect(try #require(extraction.quotes.first).attribution == .role)
  }

  /// Not a title: a verb, a determiner or a relative word between the noun and the name, or
  /// another title before the noun (`vice president`).
  @Test func aNounBeforeANameInAClauseIsNoTitle() {
    let extraction = Self.extract([
      "One lawmaker wants Tom Okafor banned from the harbour. Former vice president Dana Ortiz arrived later.",
      "The lawmaker said the ferry would run in May.",
      "The president said the piers were sound.",
    ])
    #expect(extraction.quotes.map(\.speaker.name) == ["lawmaker", "president"])
  }

  /// `that`, `than` or `and` opening a clause whose subject is a name or a described
  /// speaker right before the cue.
  @Test(arguments: [
    (
      "The debate over the piers grew so heated that Westport Gov. Tom Okafor said the board should resign.",
      "Tom Okafor"
    ),
    (
      "Neither Dana Ortiz nor Mara Vance has won a vote and Okafor strongly suggested they should step aside.",
      "Okafor"
    ),
    ("Dana Ortiz and Mara Vance said the tolls would stay.", "Dana Ortiz"),
    (
      "The council has spent less on the piers than harbour engineers say it should.",
      "harbour engineers"
    ),
    (
      "The piers are so worn that Harbour Patrol engineers said they were unsafe to walk on.",
      "Harbour Patrol engineers"
    ),
    (
      "Tom Okafor took his case to the radio and the harbour board, insisting the piers were sound.",
      "Tom Okafor"
    ),
  ])
  func aNameEndingTheChunkAfterThatOrAnd(_ paragraph: String, _ name: String) throws {
    let quote = try #require(Self.extract([paragraph]).quotes.first)
    #expect(quote.speaker.name == name)
  }

  /// A `he`/`she` after a sentence whose subject is another person of that gender goes to
  /// that person, not to the speaker quoted before, also past a sentence with no named
  /// subject; the other gender, a name written before the mention resolved last and a
  /// surname whose gender nobody told leave the usual rule (the most recent agreeing
  /// speaker).
  @Test(arguments: [
    (
      [
        "Tom Okafor said the piers were sound.", "Later, Mr. Lindqvist toured the depot.",
        "He said the ferry would run in May.",
      ],
      ["Tom Okafor", "Lindqvist"]
    ),
    (
      [
        "Dana Ortiz said the piers were sound.", "Ms. Vance took the podium next.",
        "\u{201C}We will not close the bridge,\u{201D} she said.",
      ],
      ["Dana Ortiz", "Vance"]
    ),
    (
      [
        "Tom Okafor said the piers were sound.", "Ms. Vance took the podium next.",
        "He said the ferry would run in May.",
      ],
      ["Tom Okafor", "Tom Okafor"]
    ),
    (
      [
        "Tom Okafor said the piers were sound.", "Lindqvist toured the depot.",
        "He said the ferry would run in May.",
      ],
      ["Tom Okafor", "Tom Okafor"]
    ),
    (
      [
        "Mr. Lindqvist toured the depot, and Tom Okafor said the piers were sound to Ms. Vance.",
        "He said the ferry would run in May.",
      ],
      ["Tom Okafor", "Tom Okafor"]
    ),
    (
      [
        "Tom Okafor said the piers were sound.", "Mr. Lindqvist toured the depot.",
        "He has spent forty years on the water.", "He said the ferry would run in May.",
      ],
      ["Tom Okafor", "Lindqvist"]
    ),
  ])
  func aPronounAfterAnotherSubjectOfItsGender(_ paragraphs: [String], _ speakers: [String]) {
    #expect(Self.extract(paragraphs).quotes.map(\.speaker.name) == speakers)
  }

  /// A definite description that matches no speaker's role goes to the person named as the
  /// subject just before it; not for a noun that usually stands for someone unnamed, not
  /// across genders, not for a one-word name no speaker has and not for someone who holds
  /// another office.
  @Test(arguments: [
    (
      [
        "Sen. Marco Vance spoke over the boos at the depot.",
        "The Florida senator said the ferry would run in May.",
      ],
      "Marco Vance"
    ),
    (
      [
        "Tom Okafor arrived at the depot late on Monday.",
        "The spokesman said the ferry would run in May.",
      ],
      "spokesman"
    ),
    (
      [
        "Tom Okafor arrived at the depot late on Monday.",
        "The congresswoman said the ferry would run in May.",
      ],
      "congresswoman"
    ),
    (
      [
        "Lindqvist arrived at the depot late on Monday.",
        "The senator said the ferry would run in May.",
      ],
      "senator"
    ),
    (
      [
        "Gov. Mara Vance spoke over the boos at the depot.",
        "The senator said the ferry would run in May.",
      ],
      "senator"
    ),
  ])
  func aDescriptionForThePersonNamedJustBefore(_ paragraphs: [String], _ speaker: String) {
    #expect(Self.extract(paragraphs).quotes.map(\.speaker.name) == [speaker])
  }

  /// The gender the article told of a speaker counts for a description too: `the
  /// congresswoman` is not the `Mr. Tom Okafor` quoted before, named again as `Okafor`.
  @Test func aDescriptionAgreesWithTheGenderTheArticleTold() {
    let extraction = Self.extract([
      "Mr. Tom Okafor said the piers were sound.", "Later, Okafor arrived at the depot.",
      "The congresswoman said the ferry would run in May.",
    ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor", "congresswoman"])
  }
  /// A `she` after a sentence whose subject is a full name of unknown gender goes to that
  /// name when no speaker is known to be a woman; with one known, the known speaker keeps it.
  @Test func aPronounAfterAFullNameOfUnknownGender() {
    let unknown = Self.extract([
      "\u{201C}We will build it,\u{201D} Health Minister Adrian Dixon said.",
      "Finance Minister Katrine Conroy did not attend. \u{201C}The money is there,\u{201D} she told reporters later.",
    ])
    #expect(unknown.quotes.map(\.speaker.name) == ["Adrian Dixon", "Katrine Conroy"])
    let known = Self.extract([
      "\u{201C}We will build it,\u{201D} Ms. Dana Ortiz said.",
      "Katrine Conroy did not attend. \u{201C}The money is there,\u{201D} she told reporters later.",
    ])
    #expect(known.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
  }

  /// A `he`/`she` after a full name of unknown gender also goes to that name when the
  /// speaker it would otherwise go to is of unknown gender too (`Eirik Solvang`); a speaker
  /// known to be of its gender (`Ms. Dana Ortiz`) keeps it.
  @Test func aPronounAfterAFullNameWhenTheLastSpeakerIsOfUnknownGender() {
    let unknown = Self.extract([
      "\u{201C}We will build it,\u{201D} Ms. Dana Ortiz said.",
      "\u{201C}Oslo needs calm,\u{201D} said Eirik Solvang, a fellow at the Harbour Institute.",
      "Anya Kettering, who directs the Arctic programme, was more cautious. She said the "
        + "seizure came during naval drills.",
    ])
    #expect(
      unknown.quotes.map(\.speaker.name) == ["Dana Ortiz", "Eirik Solvang", "Anya Kettering"])
    let known = Self.extract([
      "\u{201C}Oslo needs calm,\u{201D} said Ms. Dana Ortiz, a fellow at the Harbour Institute.",
      "Anya Kettering, who directs the Arctic programme, was more cautious. She said the "
        + "seizure came during naval drills.",
    ])
    #expect(known.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
  }

  /// A `he`/`she` right after a sentence whose subject is a speaker quoted before, of unknown
  /// gender, goes to that speaker even when the last speaker is known to agree.
  @Test func aPronounAfterAQuotedSpeakerAsTheSubjectJustBefore() {
    let extraction = Self.extract([
      "Premier Colleen Markwart says her province will not sign the deal.",
      "\u{201C}This is brinkmanship,\u{201D} said Ms. Simone Achterberg, who teaches politics.",
      "Asked whether Alberta would hold a referendum, Markwart laughed. "
        + "\u{201C}Let\u{2019}s not get ahead of ourselves,\u{201D} she said.",
    ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Colleen Markwart", "Simone Achterberg", "Colleen Markwart",
      ])
  }

  /// A `he`/`she` after a sentence whose subject is a description whose noun tells its
  /// gender (`The woman who …`) goes to that person, or to the name in the appositive right
  /// after the description (`One local woman, Karen Robb, …`), not to the last speaker.
  @Test func aPronounAfterADescribedSubjectOfItsGender() {
    let described = Self.extract([
      "\u{201C}We will win this,\u{201D} said Mayor Dana Ortiz.",
      "The woman who started the chant gave her age as 52. \u{201C}He truly cares about "
        + "the islands,\u{201D} she said of Okafor.",
      "She said she had no plans to vote for Ortiz.",
    ])
    #expect(described.quotes.map(\.speaker.name) == ["Dana Ortiz", "woman", "woman"])
    let named = Self.extract([
      "\u{201C}We will win this,\u{201D} said Mayor Dana Ortiz.",
      "One local woman, Karen Robb, pulled the mayor aside after the event. "
        + "\u{201C}I\u{2019}m so glad you came,\u{201D} she told her.",
    ])
    #expect(named.quotes.map(\.speaker.name) == ["Dana Ortiz", "Karen Robb"])
  }

  /// A capitalised possessive before a person's role refers back like `the` does.
  ///
  /// The possessor must stand in the earlier speaker's role: `NATO's secretary general` is
  /// the secretary general of NATO quoted before; `Canada's health minister` is not `Health
  /// Minister Jane Ortiz`, whose role does not say Canada. `Contrary to …` names nobody.
  @Test func aPossessiveBeforeARoleRefersBack() {
    let extraction = Self.extract([
      "\u{201C}We are ready to talk,\u{201D} said Jens Halvorsen, the secretary general of NATO.",
      "NATO\u{2019}s secretary general said the alliance would meet again in May.",
      "Health Minister Jane Ortiz said the clinics would reopen.",
      "Canada\u{2019}s health minister added that the money was already there.",
      "Contrary to the premier, the minister said nothing about Russia.",
    ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Jens Halvorsen", "Jens Halvorsen", "Jane Ortiz", "Canada\u{2019}s health minister",
        "Canada\u{2019}s health minister",
      ])
  }

  /// `the premier` is not the speaker `premier's office`: a description's head noun must
  /// stand in a speaker's words as itself, not as a possessive.
  @Test func aDescriptionIsNotThePossessiveOfItsNoun() {
    let extraction = Self.extract([
      "The premier\u{2019}s office said the project was on budget. Premier Dana Ortiz has backed it since 2022.",
      "The premier said the province would not cut corners.",
    ])
    #expect(extraction.quotes.map(\.speaker.name) == ["premier\u{2019}s office", "Dana Ortiz"])
  }

  /// A `she` that agrees with no speaker is nobody we can name.
  ///
  /// Not the paragraph's speaker going on (a frame after the quote), nor a man named by his
  /// surname in the sentence before (the gender the article told of `Okafor` counts). A
  /// `they` frame with no group to refer to still continues the paragraph's speaker.
  @Test func aPronounThatAgreesWithNoSpeakerIsNobodysQuote() {
    let frame = Self.extract([
      "\u{201C}We are ready,\u{201D} Tom Okafor said.",
      "\u{201C}It runs on time,\u{201D} she said.",
    ])
    #expect(frame.quotes.map(\.text) == ["We are ready,"])
    let surname = Self.extract([
      "\u{201C}We are ready,\u{201D} Tom Okafor said.",
      "Okafor spoke for an hour. \u{201C}It runs on time,\u{201D} she said.",
    ])
    #expect(surname.quotes.map(\.text) == ["We are ready,"])
    let they = Self.extract([
      "\u{201C}We will strike,\u{201D} union leader Dana Ortiz said.",
      "\u{201C}We are ready,\u{201D} they said.",
    ])
    #expect(they.quotes.map(\.speaker.name) == ["Dana Ortiz", "Dana Ortiz"])
  }

  /// `they` agrees in number: a group or organisation, never one person.
  @Test func theyGoesToAGroupNotToOnePerson() {
    let withGroup = Self.extract([
      "Harbour officials said the tolls would rise.", "Mara Vance said the piers were sound.",
      "They said the ferry would run in May.",
    ])
    #expect(
      withGroup.quotes.map(\.speaker.name) == [
        "Harbour officials", "Mara Vance", "Harbour officials",
      ])
    let withoutGroup = Self.extract([
      "Mara Vance said the piers were sound.", "They said the ferry would run in May.",
    ])
    #expect(withoutGroup.quotes.map(\.speaker.name) == ["Mara Vance"])
  }

  /// A quote with no cue continues the speaker before it only when no other person opens a
  /// sentence in between; the same person named again (`Ms. Vance`) does not stop it.
  @Test func noContinuationPastAnotherPersonNamedInBetween() throws {
    let extraction = Self.extract([
      "\u{201C}The piers are sound,\u{201D} said Tom Okafor. Dana Ortiz disagreed. \u{201C}They will not last the winter.\u{201D}",
      "\u{201C}The council must act.\u{201D}",
      "\u{201C}The ferry runs at dawn,\u{201D} said Mara Vance. Ms. Vance smiled. \u{201C}It always has.\u{201D}",
    ])
    let rows = extraction.quotes.map { "\($0.speaker.name): \($0.text)" }
    #expect(
      rows == [
        "Tom Okafor: The piers are sound,", "Mara Vance: The ferry runs at dawn,",
        "Mara Vance: It always has.",
      ])
    try #require(extraction.quotes.count == 3)
    #expect(extraction.quotes[2].attribution == .continuation)
  }

  /// A paragraph that only continues a speaker and then names someone else hands the next
  /// paragraph's quote to nobody.
  @Test func noContinuationPastANameAfterAContinuedQuote() {
    let extraction = Self.extract([
      "\u{201C}The piers are sound,\u{201D} said Tom Okafor.",
      "\u{201C}They were rebuilt in May.\u{201D} Dana Ortiz disagreed.",
      "\u{201C}They will not last the winter.\u{201D}",
    ])
    let rows = extraction.quotes.map { "\($0.speaker.name): \($0.text)" }
    #expect(rows == ["Tom Okafor: The piers are sound,", "Tom Okafor: They were rebuilt in May."])
  }

  /// A share written out with a hyphen names no group: no speaker, as `26 percent said`.
  @Test func aHyphenatedShareWithNoGroupIsNoSpeaker() {
    #expect(Self.extract(["Twenty-four percent said the tolls were too high."]).quotes.isEmpty)
  }
}
