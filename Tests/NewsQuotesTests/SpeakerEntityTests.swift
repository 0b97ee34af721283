import NewsQuotes
import Testing

/// Speakers as entities (issue 16, step 2), each rule in sentences written for this test:
/// the speaker is trimmed to the entity, keeps its role, and every later mention of the same
/// person or organisation resolves to one speaker.
@Suite struct SpeakerEntityTests {
  /// One paragraph and the speaker (name, role, kind) its only quote must get.
  struct Case: CustomTestStringConvertible, Sendable {
    var rule: String
    var paragraph: String
    var name: String
    var role: String?
    var kind: SpeakerKind = .person
    var testDescription: String { rule }
  }

  static let cases: [Case] = [
    Case(
      rule: "a time phrase after the subject",
      paragraph: "The Pentagon on Monday warned that the convoy would be rerouted.",
      name: "Pentagon", kind: .organisation),
    Case(
      rule: "a weekday is never a name",
      paragraph: "Ferry traffic fell on Sunday, but analysts said the season would recover.",
      name: "analysts", kind: .group),
    Case(
      rule: "a trailing adverb",
      paragraph: "The mayor also said the tolls would stay until spring.",
      name: "mayor"),
    Case(
      rule: "a leading subordinator",
      paragraph: "Though Dana Ortiz said the bridge was safe, the council closed it.",
      name: "Dana Ortiz"),
    Case(
      rule: "a leading quantifier",
      paragraph: "The tolls will pay for the repairs, according to some estimates.",
      name: "estimates", kind: .document),
    Case(
      rule: "a descriptor before the name",
      paragraph: "Elementary school teacher Teresa Galati said the class was full.",
      name: "Teresa Galati", role: "Elementary school teacher"),
    Case(
      rule: "a place and a title before the name",
      paragraph: "Lakeview mayoral candidate Doug Kowalski said the plan would fail.",
      name: "Doug Kowalski", role: "Lakeview mayoral candidate"),
    Case(
      rule: "a party tag after the name",
      paragraph: "Rep. Tom Okafor, R-Mo., said the ferry subsidy would pass.",
      name: "Tom Okafor", role: "R-Mo."),
    Case(
      rule: "an appositive role after an inverted cue",
      paragraph:
        "\u{201C}The river will not wait,\u{201D} said Michael Knights, a fellow at the Harbour Institute.",
      name: "Michael Knights", role: "a fellow at the Harbour Institute"),
    Case(
      rule: "a poll share is the group it counts",
      paragraph: "Fully 55 percent of voters said the tolls were too high.",
      name: "voters", kind: .group),
    Case(
      rule: "a poll share with a share word",
      paragraph: "A strong majority of the harbour residents said the fares should fall.",
      name: "harbour residents", kind: .group),
    Case(
      rule: "a count of a group opening the sentence",
      paragraph: "Four in 10 residents said the service had improved.",
      name: "residents", kind: .group),
    Case(
      rule: "a dated dateline",
      paragraph: "WESTPORT, Dec. 8 (HNS) — Harbour officials said the ferry would keep running.",
      name: "Harbour officials", kind: .group),
    Case(
      rule: "a number sign is not a name",
      paragraph:
        "Senator Tom Okafor, the No. 2 Liberal in the chamber, said the vote would be close.",
      name: "Tom Okafor", role: "Senator"),
    Case(
      rule: "the subject after a subordinator in the chunk",
      paragraph: "The ferry subsidy passed because Dana Ortiz told the council it was needed.",
      name: "Dana Ortiz"),
    Case(
      rule: "the subject after a verb and that",
      paragraph: "A poll in June showed that 72 percent of residents said the tolls were fair.",
      name: "residents", kind: .group),
    Case(
      rule: "a clause before the name is not its role",
      paragraph:
        "The inquiry has frustrated allies of candidates such as Sen. Mara Vance, who said the inquiry was a waste of time.",
      name: "Mara Vance"),
    Case(
      rule: "a modifier of a described speaker ends at a verb",
      paragraph: "An operative inside the ferry depot tried to say the tolls were fair.",
      name: "operative inside the ferry depot"),
    Case(
      rule: "the head of a described speaker ends it",
      paragraph: "The judge rubbed his chin and said the case would be heard in May.",
      name: "judge"),
    Case(
      rule: "an organisation name with of",
      paragraph: "The Ministry of Transport said the span had been inspected twice.",
      name: "Ministry of Transport", kind: .organisation),
    Case(
      rule: "an adjective before a name",
      paragraph: "A weary Ortiz said the inspections would go on all winter.",
      name: "Ortiz"),
    Case(
      rule: "a sentence adverb before the subject",
      paragraph: "Significantly, the judge said the ferry contract was void.",
      name: "judge"),
    Case(
      rule: "a participle phrase before the subject",
      paragraph: "Holding signs outside the depot, the protesters said the fares were unfair.",
      name: "protesters", kind: .group),
    Case(
      rule: "an agent noun ends a title before the name",
      paragraph: "Liberal leadership contender Priya Raman said the ferry plan was sound.",
      name: "Priya Raman", role: "Liberal leadership contender"),
    Case(
      rule: "a dateline glued to the paragraph",
      paragraph: "HALIFAX (CP) — A harbour report said the pier needed new pilings.",
      name: "harbour report", kind: .document),
    Case(
      rule: "a time unit before after makes it a subordinator",
      paragraph:
        "The ferry vote comes just three days after Dana Ortiz told the council she would run again.",
      name: "Dana Ortiz"),
    Case(
      rule: "the subject after where in the chunk",
      paragraph:
        "The dispute spread to the harbour, where Councillor Priya Raman told reporters that the piers were sound.",
      name: "Priya Raman", role: "Councillor"),
    Case(
      rule: "a time phrase ends a description's modifier",
      paragraph: "A survey of ferry riders in December said most of them wanted later boats.",
      name: "survey of ferry riders", kind: .document),
    Case(
      rule: "of ends the search for the head",
      paragraph:
        "Fully 60 percent of those surveyed disapprove of Mayor Ortiz's plan, and many said the tolls were unfair.",
      name: "those surveyed", kind: .group),
    Case(
      rule: "the object of a causative verb before an infinitive cue",
      paragraph: "Anger over the tolls drives the mayor to say the ferry plan will be redone.",
      name: "mayor"),
    Case(
      rule: "a causative verb in a relative clause before a finite cue",
      paragraph: "The councillor who led the ferry review said the tolls were too high.",
      name: "councillor"),
    Case(
      rule: "a state after a town is a place, not the speaker",
      paragraph:
        "At the town hall in Hudson, New Hampshire, the retired teacher said the ferry would run in May.",
      name: "retired teacher"),
    Case(
      rule: "a state right before the cue speaks as its government",
      paragraph: "Texas told the court the ferry rules were unlawful.",
      name: "Texas", kind: .organisation),
    Case(
      rule: "a share word before of gives the group",
      paragraph: "A wide array of economists said the tolls were too high.",
      name: "economists", kind: .group),
    Case(
      rule: "an abbreviated police rank before the name",
      paragraph:
        "\u{201C}The road stays closed,\u{201D} said RCMP Cpl. Dana Ortiz of the harbour detachment.",
      name: "Dana Ortiz", role: "RCMP"),
    Case(
      rule: "an abbreviated council title before the name",
      paragraph: "\u{201C}The vote was close,\u{201D} said Coun. Ken Hollis.",
      name: "Ken Hollis"),
    Case(
      rule: "a legislative title that is not an office word",
      paragraph: "\u{201C}We cannot wait,\u{201D} said Senate Minority Whip Mara Vance.",
      name: "Mara Vance", role: "Senate Minority Whip"),
    Case(
      rule: "a hyphenated union title",
      paragraph:
        "\u{201C}It will pass,\u{201D} said Ferry Workers Secretary-Treasurer Lena Okafor.",
      name: "Lena Okafor", role: "Ferry Workers Secretary-Treasurer"),
    Case(
      rule: "a lower-case place before a capitalised title",
      paragraph: "\u{201C}The budget is balanced,\u{201D} said city Comptroller Jane Whitby.",
      name: "Jane Whitby", role: "city Comptroller"),
    Case(
      rule: "a board chair in lower case",
      paragraph: "\u{201C}Ridership doubled,\u{201D} said Harbour Transit board chair Sav Dhillon.",
      name: "Sav Dhillon", role: "Harbour Transit board chair"),
    Case(
      rule: "a team speaks as a group",
      paragraph: "Dana Ortiz toured the pier. Her team said the ferry would run in May.",
      name: "Her team", kind: .group),
    Case(
      rule: "the subject after why, a possessive name included",
      paragraph: "That\u{2019}s why Ortiz\u{2019}s team thinks the tolls can stay.",
      name: "Ortiz\u{2019}s team", kind: .group),
    Case(
      rule: "a past tense after a name is its verb",
      paragraph: "City Hall cited initial estimates and said the tolls would stay.",
      name: "City Hall", kind: .organisation),
    Case(
      rule: "a participle right before the head stays a modifier",
      paragraph: "Lakeview elected officials said the ferry plan would fail.",
      name: "Lakeview elected officials", kind: .group),
    Case(
      rule: "an age stands for a person",
      paragraph: "\u{201C}It was terrifying,\u{201D} the 45-year-old said.",
      name: "45-year-old"),
    Case(
      rule: "an age before a name is its role",
      paragraph: "62-year-old Brenda Okafor said the ferry was late again.",
      name: "Brenda Okafor", role: "62-year-old"),
    Case(
      rule: "an auxiliary in a relative clause after the head",
      paragraph: "The paddler who was rescued first said she had checked the forecast.",
      name: "paddler"),
    Case(
      rule: "a town with its state or province is a place",
      paragraph: "A Salem, N.H., resident said the ferry was late again.",
      name: "resident"),
    Case(
      rule: "an abbreviated province is a place, never the speaker",
      paragraph: "The woman from Regina, Sask., said the ferry was early again.",
      name: "woman from Regina"),
    Case(
      rule: "an abbreviated province between a town and a role noun",
      paragraph: "A Toronto, Ont., resident said the ferry was late again.",
      name: "resident"),
    Case(
      rule: "a noun for an ordinary person before a full name",
      paragraph: "Resident Kim Tran said the smoke was too thick to see the road.",
      name: "Kim Tran", role: "Resident"),
    Case(
      rule: "a teammate before a name",
      paragraph: "Teammate Quinn Hayes said the signing sends a message to the league.",
      name: "Quinn Hayes", role: "Teammate"),
    Case(
      rule: "a committee opening with a player noun stays whole",
      paragraph: "Player Safety Committee said the hit was legal.",
      name: "Player Safety Committee", kind: .organisation),
    Case(
      rule: "an organisation opening with a noun for a person stays whole",
      paragraph: "Parent Teacher Association said the fees were too high.",
      name: "Parent Teacher Association", kind: .organisation),
    Case(
      rule: "a relative word before the name ends the clause before the role",
      paragraph: "It is a plan which harbour engineer Dana Ortiz said would fail.",
      name: "Dana Ortiz", role: "harbour engineer"),
    Case(
      rule: "a party name before a plural role noun and the names after it",
      paragraph: "Liberal hopefuls Dana Ortiz and Kim Tran say the ferry plan was never tested.",
      name: "Dana Ortiz", role: "Liberal hopefuls"),
    Case(
      rule: "a plural role noun heads a group",
      paragraph: "Several Liberal operatives said they expect fake flyers before the vote.",
      name: "Liberal operatives", kind: .group),
    Case(
      rule: "outside before a plural noun for people is an adjective",
      paragraph: "Some outside experts warned that the study would undercount heat illness.",
      name: "outside experts", kind: .group),
    Case(
      rule: "outside opening a place phrase is still a preposition",
      paragraph: "Outside the courthouse, Dana Ortiz said the verdict was fair.",
      name: "Dana Ortiz"),
    Case(
      rule: "a long relative clause after the head that reports no speech",
      paragraph:
        "A senior harbour official who spoke on condition of anonymity because he was not "
        + "authorised to discuss the talks said the ferry would stay in port.",
      name: "senior harbour official"),
    Case(
      rule: "capitalised words and a role noun before a name open no appositive",
      paragraph: "Unlike Tom Okafor, Harbour Trust chair Dana Ortiz said the tolls must fall.",
      name: "Dana Ortiz", role: "Harbour Trust chair"),
    Case(
      rule: "an appositive opening with capitalised words before a role noun",
      paragraph:
        "Brenda Holt, founder of the Harbour Institute, HYL member in the 1980s and long time "
        + "Republican National Committeewoman from Vermont, endorsed Ortiz, saying she "
        + "\u{201C}has shown real courage.\u{201D}",
      name: "Brenda Holt", role: "founder of the Harbour Institute"),
    Case(
      rule: "a person's name before a state is no town",
      paragraph: "\u{201C}We are late,\u{201D} said Tom Okafor, Ohio.",
      name: "Tom Okafor"),
  ]

  /// A noun negated by `no` names nobody; `no fewer than` counts a group.
  @Test func aNegatedNounNamesNobody() {
    #expect(Self.extract(["No harbour official said the tolls would fall."]).quotes.isEmpty)
    let count = Self.extract(["No fewer than 40 residents said the ferry was late."])
    #expect(count.quotes.map(\.text) == ["the ferry was late"])
  }

  /// A plural role noun makes a name before it a modifier only right after it (`Liberal
  /// hopefuls`), not three words on, where the name is the subject of its own verb.
  @Test func aPluralRoleNounFarAfterANameDoesNotModifyIt() {
    let extraction = Self.extract([
      "Ferrylink launches tool allowing users to tell friends that they are safe."
    ])
    #expect(extraction.speakers.map(\.speaker.name) == ["Ferrylink"])
  }

  /// A word in `-s` that could be a plural role noun is a verb before its object (`Okafor
  /// heads the union`, `Ortiz chairs the board`), and the name before it is the subject.
  @Test func aVerbInSBeforeItsObjectIsNoPluralRoleNoun() {
    let heads = Self.extract(["Tom Okafor heads the union and said the strike would go ahead."])
    #expect(heads.quotes.map(\.speaker.name) == ["Tom Okafor"])
    let chairs = Self.extract([
      "Dana Ortiz chairs the harbour board. She said the tolls would fall."
    ])
    #expect(chairs.quotes.map(\.speaker.name) == ["Dana Ortiz"])
    let deputies = Self.extract([
      "Liberal deputies Dana Ortiz and Kim Tran say the ferry plan was never tested."
    ])
    #expect(deputies.quotes.map(\.speaker.name) == ["Dana Ortiz"])
  }

  /// A town written with its province is a place: before a cue it names no speaker.
  @Test func aTownWithItsProvinceIsNoSpeaker() {
    #expect(Self.extract(["Gibsons, B.C., said the ferry was late."]).quotes.isEmpty)
  }

  static func extract(_ paragraphs: [String]) -> QuoteExtraction {
    let text = (["Bridge repairs to run into next year"] + paragraphs).joined(separator: "\n\n")
    return QuoteExtractor().extract(text: text)
  }

  @Test(arguments: cases) func speaker(_ expected: Case) throws {
    let extraction = Self.extract([expected.paragraph])
    let quote = try #require(extraction.quotes.first)
    #expect(extraction.quotes.count == 1)
    #expect(quote.speaker.name == expected.name)
    #expect(quote.speaker.role == expected.role)
    #expect(quote.speaker.kind == expected.kind)
  }

  @Test(arguments: [
    "At the briefing, press conferences to find the culprit said nothing new.",
    "If costs rise, therefore lower margins said enough.",
    "About three in four said the fares were too high.",
    "The harbour deal comes three said nothing new.",
    "The ferry board's inner circle believes the tolls are too high.",
    "The $20 million megamerger said nothing of the kind.",
    "He raised the issue of tolls — the right of ferry owners to set them.",
  ])
  func clauseFragmentsAreNotSpeakers(_ paragraph: String) {
    #expect(Self.extract([paragraph]).quotes.isEmpty)
  }

  /// `Take X, they said`: the pronoun chunk right before the cue is the subject, not a
  /// capitalised verb opening the reported clause.
  @Test func aPronounRightBeforeTheCueIsItsSubject() {
    let extraction = Self.extract([
      "Harbour officials said the tolls would rise in May.",
      "Take the ferry before the flood, they said, and nobody will blame you.",
    ])
    #expect(extraction.quotes.count == 2)
    #expect(extraction.speakers.count == 1)
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Harbour officials" })
  }

  @Test func aSurnameThenTheFullNameIsOneSpeakerWithTheFullerName() {
    let extraction = Self.extract([
      "Knights said the river had risen twice this year.",
      "Michael Knights, who runs the ferry, said the season was lost.",
      "Mr. Knights said he would sell the boat.",
    ])
    #expect(extraction.speakers.count == 1)
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Michael Knights" })
  }

  @Test func pronounsAgreeInGender() {
    let extraction = Self.extract([
      "Ms. Ortiz said the bridge would reopen in spring.",
      "Tom Okafor said the ferry would run until then.",
      "She said the council had approved the money.",
      "He said the boats were ready.",
    ])
    #expect(
      extraction.quotes.map(\.speaker.name) == ["Ortiz", "Tom Okafor", "Ortiz", "Tom Okafor"])
  }

  /// A gendered role noun (`chairwoman`, `chairman`) gives the person a gender for pronouns.
  @Test func aGenderedRoleNounGuidesThePronoun() {
    let extraction = Self.extract([
      "Alex Vance, the harbour chairwoman, said the ferry would keep running.",
      "Sam Okafor, the port chairman, said the piers were sound.",
      "She said the tolls would stay.",
    ])
    #expect(
      extraction.quotes.map(\.speaker.name) == ["Alex Vance", "Sam Okafor", "Alex Vance"])
  }

  /// `The Ortiz campaign` and `Ortiz’s campaign`, `Police` and `police`: one speaker.
  @Test func spellingsThatDifferByAPossessiveAreOneSpeaker() {
    let extraction = Self.extract([
      "The Ortiz campaign said the vote was close. Ortiz’s campaign said the count would go on.",
      "Police said the road was closed. Later, police said it had reopened.",
    ])
    #expect(extraction.quotes.count == 4)
    #expect(extraction.speakers.count == 2)
  }

  @Test func aPronounWithNoAgreeingSpeakerIsNotResolved() {
    let extraction = Self.extract([
      "Mr. Okafor said the ferry would run until spring.",
      "She said the timetable was final.",
    ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Okafor"])
  }

  @Test func itAndTheMinistryGoToTheOrganisation() {
    let extraction = Self.extract([
      "The Ministry of Transport said the span had been inspected twice.",
      "Dana Ortiz said the inspections were not enough.",
      "The ministry said the bridge was safe.",
      "It said the report would be published on Friday.",
    ])
    #expect(extraction.speakers.count == 2)
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Ministry of Transport", "Dana Ortiz", "Ministry of Transport", "Ministry of Transport",
      ])
  }

  @Test func aDescriptionResolvesThroughTitlesAndTags() {
    let extraction = Self.extract([
      "Sen. Dana Ortiz (D-Vt.) said the ferry subsidy would pass.",
      "Ohio Gov. Tom Okafor said he would veto it.",
      "The Vermont senator said the votes were there.",
      "The Ohio governor said the state could not pay.",
      "The Democratic senator said the bill would be amended.",
    ])
    #expect(extraction.speakers.count == 2)
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Dana Ortiz", "Tom Okafor", "Dana Ortiz", "Tom Okafor", "Dana Ortiz",
      ])
  }

  @Test func aDefiniteDescriptionResolvesThroughTheRole() {
    let extraction = Self.extract([
      "Harbour Tigers defenceman Luc Marchetti said the team would be ready.",
      "The defenceman said the ice was too soft.",
    ])
    #expect(extraction.speakers.count == 1)
    #expect(extraction.quotes.allSatisfy { $0.speaker.name == "Luc Marchetti" })
  }
}
