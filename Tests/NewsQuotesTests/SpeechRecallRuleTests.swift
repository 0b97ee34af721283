import NewsQuotes
import Testing

/// Speech attributions the real-news measurement missed (issue 16, eighth round), each held
/// by sentences written for this test.
@Suite struct SpeechRecallRuleTests {
  /// A quotation closing with a comma before the frame takes the words leading into it.
  ///
  /// `CLAUSE “TERM,” S said.` / `CLAUSE “TERM,” said S.`: the quotation opens inside the
  /// reporter's sentence; what was said is the sentence up to the closing mark. A lone
  /// topic phrase before the quotation (`Despite his “…,”`) is not.
  @Test func aQuotationClosingBeforeTheFrameTakesItsLeadIn() {
    let extraction = RecallRuleTests.extract([
      "The toll plan was a \u{201C}costly mistake,\u{201D} Dana Ortiz said.",
      "The piers may be \u{201C}sound for now,\u{201D} said Priya Raman, an engineer at the harbour board.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The toll plan was a \u{201C}costly mistake,\u{201D}",
        "The piers may be \u{201C}sound for now,\u{201D}",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Priya Raman"])
    #expect(extraction.quotes.map(\.kind) == [.indirect, .indirect])
    let topic = RecallRuleTests.extract([
      "Despite his \u{201C}brash style,\u{201D} Tom Okafor said on Tuesday."
    ])
    #expect(!topic.quotes.contains { $0.text.hasPrefix("Despite") })
  }

  /// `S said Tuesday CLAUSE`, `S said on Monday that CLAUSE`: a time phrase between the cue
  /// and the clause, with or without `that`; the clause needs a subject and a verb, and the
  /// phrase ends at its last time word (`said Sunday on the radio that …` keeps its `that`).
  @Test func aTimePhraseBetweenTheCueAndTheClause() {
    let extraction = RecallRuleTests.extract([
      "Harbour Premier Dana Ortiz said Tuesday the province would cover half of the fare rise.",
      "Tom Okafor said on Monday that the ferry plan came too late.",
      "Mara Vance said last week the money for the piers had run out.",
      "Priya Raman said Monday night Ottawa would pay nothing.",
      "Lena Dekker warned Friday the crossing could close in May.",
      "Ken Hollis said Sunday on the radio that the tolls would stay.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the province would cover half of the fare rise",
        "the ferry plan came too late",
        "the money for the piers had run out",
        "Ottawa would pay nothing",
        "the crossing could close in May",
        "the tolls would stay",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Dana Ortiz", "Tom Okafor", "Mara Vance", "Priya Raman", "Lena Dekker", "Ken Hollis",
      ])
    let noClause = RecallRuleTests.extract([
      "Tom Okafor said Tuesday morning in the harbour office.",
      "Police confirmed Tuesday the death of a man injured in the crash on the causeway.",
    ])
    #expect(noClause.quotes.isEmpty)
  }

  /// `“Q.” S said CLAUSE`: a quotation that ends its own sentence is attributed by the cue
  /// after it, and a clause with a subject and a verb after the cue is a quote too; a
  /// quotation closing with a comma keeps the cue to itself, and a phrase that is no clause
  /// (`said, looking pleased`, `recalled an evening that …`) adds nothing.
  @Test func aClauseAfterTheCueOfAQuotationThatEndsItsSentence() {
    let extraction = RecallRuleTests.extract([
      "\u{201C}I just want the boats back.\u{201D} Omar Haddad said he would back the crews anyway.",
      "\u{201C}The piers are sound.\u{201D} Dana Ortiz said, looking pleased.",
      "\u{201C}We waited an hour.\u{201D} Tom Okafor recalled an evening that left his family cold.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "I just want the boats back.", "he would back the crews anyway", "The piers are sound.",
        "We waited an hour.",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == [
        "Omar Haddad", "Omar Haddad", "Dana Ortiz", "Tom Okafor",
      ])
  }

  /// `PLACE, PROV. — CLAUSE, S said.`: a dateline opening the paragraph is not part of what
  /// was said (one dash or two); words in capitals before an aside in dashes are.
  @Test func aDatelineIsNotPartOfTheReportedClause() {
    let extraction = RecallRuleTests.extract([
      "WESTPORT, N.S. \u{2014} Hundreds of residents were ordered out on Tuesday as the fire jumped the road, officials said.",
      "HALIFAX -- The ferry will not sail until the storm passes, the harbour board said.",
      "NASA \u{2014} not the harbour board \u{2014} will run the new ferry service, officials said.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "Hundreds of residents were ordered out on Tuesday as the fire jumped the road",
        "The ferry will not sail until the storm passes",
        "NASA \u{2014} not the harbour board \u{2014} will run the new ferry service",
      ])
  }

  /// `NAME VERB …. (three sentences with no person) He said …`: a `he`/`she` with no
  /// speaker to refer to goes to a person named as a subject up to six sentences back when
  /// the name tells a gender that agrees; a surname alone tells none, so no quote.
  @Test func aPronounForAPersonFurtherBack() {
    let context = [
      "The night shift had gone home.", "The cracks were larger than in May.",
      "The repairs would take weeks.", "The board had no money left.",
    ].joined(separator: " ")
    let extraction = RecallRuleTests.extract([
      "Tom Okafor reached the depot before dawn. " + context,
      "\u{201C}We will not close the bridge,\u{201D} he said.",
    ])
    #expect(extraction.quotes.map(\.text) == ["We will not close the bridge,"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor"])
    #expect(extraction.quotes.map(\.attribution) == [.pronoun])
    let unknown = RecallRuleTests.extract([
      "Okafor reached the depot before dawn. " + context,
      "\u{201C}We will not close the bridge,\u{201D} she said.",
    ])
    #expect(unknown.quotes.isEmpty)
  }

  /// `S vowed/promised/pledged/threatened to VERB …`: the commitment's infinitive is what
  /// was promised; `that` after the cue still opens a clause.
  @Test func aCommitmentAndItsInfinitive() {
    let extraction = RecallRuleTests.extract([
      "Dana Ortiz vowed to keep the night ferry running through the winter.",
      "Tom Okafor is promising to fix the eastern pier by May.",
      "Mara Vance has vowed that the tolls will stay.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "to keep the night ferry running through the winter", "to fix the eastern pier by May",
        "the tolls will stay",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor", "Mara Vance"])
  }

  /// `S said CLAUSE, but SUBJECT VERB …`: a contrast with a subject of its own is the
  /// reporter's and ends the clause; `, but that …` is a second reported clause and stays.
  @Test func aContrastWithItsOwnSubjectEndsTheClause() {
    let extraction = RecallRuleTests.extract([
      "Dana Ortiz said the ferry would run in May, but the harbour board refused to confirm the date.",
      "Tom Okafor said the piers were sound, but that the railings needed paint.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the ferry would run in May", "the piers were sound, but that the railings needed paint",
      ])
  }

  /// `“Q!” S barked.`, `S chanted “Q”`: manners of speaking attribute a quotation right
  /// before or after them.
  @Test func mannersOfSpeakingBesideAQuotation() {
    let extraction = RecallRuleTests.extract([
      "Mara Vance opened the meeting.",
      "\u{201C}Get off the pier!\u{201D} Tom Okafor barked.",
      "The riders chanted \u{201C}Fix the ferry now!\u{201D} outside the depot.",
    ])
    #expect(extraction.quotes.map(\.text) == ["Get off the pier!", "Fix the ferry now!"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor", "riders"])
    #expect(extraction.quotes.map(\.cue) == ["barked", "chanted"])
  }

  /// `S called OBJECT “TERM”`: a term of at most three words with no article of its own
  /// names the object, which belongs to the quote; `called the plan “a waste of money”`
  /// keeps the quotation alone (MoreAttributionRuleTests).
  @Test func aShortTermWithNoArticleNamesTheObjectToo() {
    let extraction = RecallRuleTests.extract([
      "Dana Ortiz called the harbour board \u{201C}reckless.\u{201D}",
      "Tom Okafor called \u{201C}reckless\u{201D} the only word for it.",
    ])
    #expect(
      extraction.quotes.map(\.text) == ["the harbour board \u{201C}reckless.\u{201D}", "reckless"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor"])
  }

  /// `“… ‘Q?’” S told …`: an inner quotation closing with the outer one leaves its
  /// punctuation before the inner mark; the quotation is still the tail of the cue.
  @Test func anInnerQuotationClosingWithTheOuterOneKeepsTheTail() {
    let extraction = RecallRuleTests.extract([
      "Mara Vance opened the meeting.",
      "\u{201C}The board only asked, \u{2018}Who pays for the piers?\u{2019}\u{201D} Dana Ortiz told reporters on Tuesday.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The board only asked, \u{2018}Who pays for the piers?\u{2019}"
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz"])
    #expect(extraction.quotes.map(\.cue) == ["told"])
  }

  /// `S said, however, that CLAUSE`, `S said — ASIDE — that CLAUSE`: an aside of one to
  /// eight words set off by commas or dashes between the cue and `that`.
  @Test func anAsideBetweenTheCueAndThat() {
    let extraction = RecallRuleTests.extract([
      "Tom Okafor said, however, that the piers were sound.",
      "Priya Raman said \u{2014} on Harbour Radio, as it happens \u{2014} that the tolls would stay.",
    ])
    #expect(extraction.quotes.map(\.text) == ["the piers were sound", "the tolls would stay"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor", "Priya Raman"])
  }

  /// `S said CLAUSE, and VERBED …`: a second predicate of the sentence's subject (`and`
  /// then a past tense or an auxiliary, with no subject of its own) ends the clause; `, and
  /// that …` is a second reported clause and stays.
  @Test func aSecondPredicateOfTheSubjectEndsTheClause() {
    let extraction = RecallRuleTests.extract([
      "Dana Ortiz said the piers were sound, and voted for the plan.",
      "Tom Okafor said the tolls would stay, and that the ferry would run in May.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "the piers were sound", "the tolls would stay, and that the ferry would run in May",
      ])
  }

  /// `S VERB …: “Q”`: a clause that a colon ends right before a quotation gives the
  /// quotation to its subject (a name, pronoun or listed description); a copula (`The
  /// schedule was simple: “…”`) gives none.
  @Test func aClauseEndingInAColonBeforeAQuotation() {
    let extraction = RecallRuleTests.extract([
      "The harbour board put it plainly in its reply: \u{201C}The ferry will not run in winter.\u{201D}",
      "The schedule was simple: \u{201C}Boats at dawn, boats at dusk.\u{201D}",
      "A spokesman for Dana Ortiz could only quip: \u{201C}The piers have seen worse.\u{201D}",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The ferry will not run in winter.", "The piers have seen worse.",
      ])
    #expect(
      extraction.quotes.map(\.speaker.name) == ["harbour board", "spokesman for Dana Ortiz"])
    // Closing its paragraph, the clause introduces the quote paragraph after it.
    let next = RecallRuleTests.extract([
      "Mara Vance opened the meeting.", "Tom Okafor put it plainly in his reply:",
      "\u{201C}The ferry will not run in winter.\u{201D}",
    ])
    #expect(next.quotes.map(\.text) == ["The ferry will not run in winter."])
    #expect(next.quotes.map(\.speaker.name) == ["Tom Okafor"])
    #expect(next.quotes.map(\.attribution) == [.continuation])
  }

  /// A word in `-ed` or `-ing` opening a description right before a name is no participle.
  ///
  /// `said undecided ferry voter Dana Ortiz`: the name is the speaker. A participle phrase
  /// ending in a name (`Asked about Mara Vance,`) still names nobody.
  @Test func aParticipleAdjectiveBeforeARoleAndAName() {
    let extraction = RecallRuleTests.extract([
      "\u{201C}The piers are sound,\u{201D} said undecided ferry voter Dana Ortiz.",
      "Retired harbour engineer Tom Okafor said the tolls were fair.",
      "Asked about Mara Vance, the mayor said the depot would close.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "The piers are sound,", "the tolls were fair", "the depot would close",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Dana Ortiz", "Tom Okafor", "mayor"])
  }

  /// A manner of speaking reports a clause after `that` (`shot back that …`, `joked that
  /// …`); with no `that` it still attributes only a quotation beside it, and `that` as a
  /// pronoun after it opens nothing.
  @Test func aMannerOfSpeakingWithThat() {
    let extraction = RecallRuleTests.extract([
      "Tom Okafor shot back that Ortiz had voted with the board for a decade.",
      "Mara Vance joked that the ferry was older than the harbour.",
      "\u{201C}Sit down,\u{201D} Ken Hollis barked.",
      "Lena Dekker yelled that word as police moved in.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "Ortiz had voted with the board for a decade", "the ferry was older than the harbour",
        "Sit down,",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor", "Mara Vance", "Ken Hollis"])
  }

  /// `declined to say whether …`, `would not say if …`: a question left open is not what
  /// the speaker said; `They say if …` keeps its conditional clause.
  @Test func aQuestionLeftOpenIsNoClause() {
    let open = RecallRuleTests.extract([
      "Tom Okafor declined to say whether he would back the ferry plan.",
      "Mara Vance would not say if she planned to run again.",
      "Ken Hollis wouldn\u{2019}t say if the tolls would rise.",
    ])
    #expect(open.quotes.isEmpty)
    let condition = RecallRuleTests.extract([
      "Harbour pilots say if the tolls rise, the crossing will close.",
      "Tom Okafor went on to say if the fares fall, the ferry will fill.",
      "Mara Vance said whether or not the bill passes, the ferry will run in May.",
    ])
    #expect(
      condition.quotes.map(\.text) == [
        "if the tolls rise, the crossing will close", "if the fares fall, the ferry will fill",
        "whether or not the bill passes, the ferry will run in May",
      ])
  }

  /// `Asked whether …, S said: “…”`: the question put to the speaker is the reporter's, even
  /// with verbs in it; the quotation after the cue is the quote.
  @Test func theQuestionPutToTheSpeakerIsNoReportedClause() {
    let extraction = RecallRuleTests.extract([
      "Asked by reporters whether he would accept the result, Tom Okafor said: "
        + "\u{201C}I will accept it when it is counted.\u{201D}"
    ])
    #expect(extraction.quotes.map(\.text) == ["I will accept it when it is counted."])
    #expect(extraction.quotes.map(\.speaker.name) == ["Tom Okafor"])
    let ballots = RecallRuleTests.extract([
      "Questioned ballots will be counted on Friday, the elections office said."
    ])
    #expect(ballots.quotes.map(\.text) == ["Questioned ballots will be counted on Friday"])
  }

  /// What a statement led to, in the reporter's words, is not part of the reported clause:
  /// `…, setting up …`, `…, prompting …`, also after a quotation closing with a comma.
  @Test func aResultParticipleEndsTheClause() {
    let extraction = RecallRuleTests.extract([
      "Premier Dana Ortiz says her province will not sign the ferry deal "
        + "\u{201C}on these terms,\u{201D} setting up a fresh fight with Ottawa.",
      "Tom Okafor said the tolls would double in May, prompting jeers from the gallery.",
      "Mara Vance said the province would freeze tolls, setting aside $40 million for it.",
      "Ken Hollis said the board would vote in June, drawing on lessons from last year.",
    ])
    #expect(
      extraction.quotes.map(\.text) == [
        "her province will not sign the ferry deal \u{201C}on these terms,\u{201D}",
        "the tolls would double in May",
        "the province would freeze tolls, setting aside $40 million for it",
        "the board would vote in June, drawing on lessons from last year",
      ])
  }

  /// A quotation inside the reporter's opening phrase (a participle or prepositional
  /// phrase), closing with a comma before a cue that reports a clause of its own, does not
  /// keep the cue from its clause; a quotation closing the reporter's own clause before such
  /// a cue stays the speaker's.
  @Test func aCueWithAClauseAfterAQuotationInAnOpeningPhrase() {
    let extraction = RecallRuleTests.extract([
      "Walking into the office to chants of \u{201C}Tolls! Tolls!,\u{201D} the senator said "
        + "his campaign was \u{201C}closing really strong.\u{201D}"
    ])
    #expect(
      extraction.quotes.filter { $0.kind == .indirect }.map(\.text) == [
        "his campaign was \u{201C}closing really strong.\u{201D}"
      ])
    let clause = RecallRuleTests.extract([
      "The council\u{2019}s vote was \u{201C}a betrayal,\u{201D} Tom Okafor said after he "
        + "learned the tolls would double."
    ])
    #expect(!clause.quotes.isEmpty)
    #expect(clause.quotes.allSatisfy { $0.speaker.name == "Tom Okafor" })
  }

  /// A cue in `-ed` after a form of `be` and adverbs or time words is a passive: a name for
  /// something or a question put to someone, no speaker's words.
  @Test func aPassiveCueAfterAdverbsIsNoAttribution() {
    let extraction = RecallRuleTests.extract([
      "Engineers hope to harness what\u{2019}s today typically called \u{201C}tidal power.\u{201D}",
      "Okafor used the same words Dana Ortiz used when she was first asked if she would back him.",
    ])
    #expect(extraction.quotes.isEmpty)
  }

  /// `what S called “…”` in the middle of a sentence: the subject after `what` (or `which`)
  /// names the speaker, not a name earlier in the reporter's clause.
  @Test func theSubjectAfterWhatInsideASentence() {
    let extraction = RecallRuleTests.extract([
      "The tie vote left in place a ruling blocking what Republicans called "
        + "\u{201C}a pattern of overreach\u{201D} by the mayor."
    ])
    #expect(extraction.quotes.map(\.text) == ["a pattern of overreach"])
    #expect(extraction.quotes.map(\.speaker.name) == ["Republicans"])
  }
}
