import NewsQuotes
import Testing

/// Speaker rows that name an entity (issue 16, a second sample read of real news).
///
/// Headline fragments in Title Case, rubric words, quantifiers and share counts are no
/// speakers; organisation names keep `for`, `of` and `on`; plural titles are cut; plural
/// heads are groups. Every sentence was written for this test.
@Suite struct SpeakerRowRuleTests {
  static func extract(_ text: String) -> QuoteExtraction {
    QuoteExtractor().extract(text: text)
  }

  /// The names and kinds of the article's speakers, in order.
  static func rows(_ text: String) -> [String] {
    extract(text).speakers.map { "\($0.speaker.name) (\($0.speaker.kind.rawValue))" }
  }

  @Test func aHeadlineNameEndsBeforeACapitalisedFunctionWord() {
    let text = """
      Harbour Chief On Tolls: \u{2018}We Will Not Raise Fares.\u{2019}

      Harbour chief Dana Ortiz said the fares would stay where they are.
      """
    #expect(Self.rows(text) == ["Harbour Chief (person)", "Dana Ortiz (person)"])
  }

  @Test func aHeadlineFragmentIsNoSpeakerAndNoFullerName() {
    let text = """
      Okafor Slams Dana Ortiz Over Tolls

      Ortiz said the tolls would stay.

      She said the council agreed.
      """
    let extraction = Self.extract(text)
    #expect(extraction.quotes.count == 2)
    #expect(Self.rows(text) == ["Ortiz (person)"])
  }

  /// A headline that goes on past the name with more capitalised words or a verb gives no
  /// fuller name; a headline verb right after the name ends it, and a question's auxiliary
  /// before it is cut.
  @Test func aHeadlineGoingOnPastTheNameGivesNoFullerName() {
    let goesOn = """
      As Its Rivals Merge, Will Harbourline Be Next?

      In April, Harbourline reported flat rider numbers and said it was still losing money.
      """
    #expect(Self.rows(goesOn) == ["Harbourline (person)"])
    let verb = """
      Dana Ortiz Praises Harbour Board Over Ferry Deal

      Ortiz said the deal was fair.
      """
    #expect(Self.rows(verb) == ["Dana Ortiz (person)"])
    let unlistedVerb = """
      Dana Ortiz Announces Run for Harbour Mayor

      Ortiz said the ferry would stay.
      """
    #expect(Self.rows(unlistedVerb) == ["Dana Ortiz (person)"])
    let titleCase = """
      Okafor Refuses to Disavow Dana Ortiz Endorsement

      Ortiz said the ferry would stay.
      """
    #expect(Self.rows(titleCase) == ["Ortiz (person)"])
    let question = """
      Did Dana Ortiz Mislead The Council?

      Ortiz said the figures were right.
      """
    #expect(Self.rows(question) == ["Dana Ortiz (person)"])
  }

  @Test func aFinalDemandInTitleCaseIsNoSpeaker() {
    let text = """
      Okafor Made This Final Demand To Harbour Radio Before The Vote

      He said the ferry would run again in May.
      """
    #expect(Self.extract(text).quotes.isEmpty)
  }

  @Test func aRubricWordBeforeAHeadlineColonIsNoSpeaker() {
    let text = """
      Wow: Dana Ortiz Just Answered The Council With One Line.

      Dana Ortiz said the council had wasted a year.
      """
    #expect(Self.rows(text) == ["Dana Ortiz (person)"])
  }

  @Test func aQuantifierIsNeverAName() {
    let text = """
      Ferry fares

      Much of the anger was aimed at Okafor, who the mayor has called a spendthrift.
      """
    #expect(Self.extract(text).quotes.isEmpty)
  }

  @Test func neitherBeforeANameIsCut() {
    let text = """
      Ferry fares

      Neither Tom Okafor nor the mayor has won the vote.

      Okafor said the ferry would run again in May.
      """
    #expect(Self.rows(text) == ["Tom Okafor (person)"])
  }

  @Test func anOrganisationNameKeepsForOfAndOn() {
    let text = """
      Ferry fares

      The fares rose by a tenth, according to the Center for Harbour Studies.

      The fares will double, said the Club for Growth.

      The Council on Harbour Relations said the piers were sound.
      """
    #expect(
      Self.rows(text) == [
        "Center for Harbour Studies (organisation)", "Club for Growth (organisation)",
        "Council on Harbour Relations (organisation)",
      ])
  }

  @Test func capitalisedWordsBeforeAnOrganisationHeadArePartOfIt() {
    let text = """
      Ferry fares

      The State Department said the ferry was safe.
      """
    #expect(Self.rows(text) == ["State Department (organisation)"])
  }

  @Test func aPluralTitleBeforeANameIsCut() {
    let text = """
      Ferry fares

      Senators Mara Vance and Tom Okafor voted for the bill.

      Vance said the bill would pass.
      """
    #expect(Self.rows(text) == ["Mara Vance (person)"])
  }

  @Test func pluralHeadsAreGroups() {
    let text = """
      Ferry fares

      Officials said the ferry would run all winter.

      Media trackers said the ads had cost millions.

      Prosecutors said the case would go to trial.
      """
    #expect(
      Self.rows(text) == [
        "Officials (group)", "Media trackers (group)", "Prosecutors (group)",
      ])
  }

  @Test func aShareIsTheGroupItCountsNotADocument() {
    let text = """
      Ferry fares

      An average of 10 percent of registered riders said the fares were too high.
      """
    #expect(Self.rows(text) == ["registered riders (group)"])
  }

  @Test func aHeadlineReportLabelIsADocument() {
    let text = """
      Report: Harbour Board To Raise Ferry Fares In May

      The board met on Tuesday.
      """
    #expect(Self.rows(text) == ["Report (document)"])
  }
}
