import Foundation
import NewsQuotes
import StanceTestSupport
import Testing

/// `data/fixtures/articles/patterns.txt`: every attribution pattern of the issue once.
@Suite struct PatternTests {
  struct Expected: CustomTestStringConvertible, Sendable {
    var pattern: String
    var text: String
    var speaker: String
    var kind: QuoteKind
    var cue: String?
    var testDescription: String { pattern }
  }

  static let expected: [Expected] = [
    Expected(
      pattern: "“Q,” said S (title + role before the name)",
      text: "We will respond at a time and place of our choosing,", speaker: "Jessica McNulty",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "“Q,” S said (surname)", text: "The strike was lawful,", speaker: "Jessica McNulty",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "continuation after the attribution", text: "It was also necessary.",
      speaker: "Jessica McNulty", kind: .direct, cue: "said"),
    Expected(
      pattern: "S said: “Q” (honorific, initial, “of Oklahoma”)", text: "This is the right call.",
      speaker: "James M. Inhofe", kind: .direct, cue: "said"),
    Expected(
      pattern: "“Q,” S said in a statement (organisation)",
      text: "We have asked for restraint on all sides,", speaker: "Iraq's government",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "“Q” — S (appositive role)", text: "Nobody wants a wider war",
      speaker: "Michael Knights", kind: .direct, cue: nil),
    Expected(
      pattern: "“Q,” S told reporters", text: "Deterrence has to be restored,",
      speaker: "Michael Knights", kind: .direct, cue: "told"),
    Expected(
      pattern: "quote over two paragraphs",
      text:
        "Otherwise the attacks will continue. Every week without an answer invites the next strike.",
      speaker: "Michael Knights", kind: .direct, cue: "told"),
    Expected(
      pattern: "paragraph that is only a quote", text: "We are watching the militias very closely.",
      speaker: "Michael Knights", kind: .direct, cue: "told"),
    Expected(
      pattern: "X said CLAUSE (Mr. + surname)",
      text: "the militias had been “emboldened” by months of silence", speaker: "Michael Knights",
      kind: .indirect, cue: "said"),
    Expected(
      pattern: "X told reporters … that CLAUSE", text: "the administration had waited too long",
      speaker: "James M. Inhofe", kind: .indirect, cue: "told"),
    Expected(
      pattern: "according to X, CLAUSE (group; apostrophes)",
      text:
        "the drones were launched from Kata’ib Hezbollah positions near Tehran‘s border crossing",
      speaker: "Pentagon officials", kind: .indirect, cue: "According to"),
    Expected(
      pattern: "pronoun: he warned that CLAUSE",
      text: "the militias would face “consequences they will not forget”",
      speaker: "James M. Inhofe", kind: .indirect, cue: "warned"),
    Expected(
      pattern: "role noun: the spokesperson insisted that", text: "the response had been measured",
      speaker: "Jessica McNulty", kind: .indirect, cue: "insisted"),
    Expected(
      pattern: "group in the present tense; don’t",
      text: "They don’t speak for Iraq, and they never have,", speaker: "analysts", kind: .direct,
      cue: "say"),
    Expected(
      pattern: "nested quote", text: "Our patience is ‘not unlimited,’ as the minister put it,",
      speaker: "Jessica McNulty", kind: .direct, cue: "added"),
    Expected(
      pattern: "organisation said CLAUSE", text: "the review would be finished by March",
      speaker: "Pentagon", kind: .indirect, cue: "said"),
    Expected(
      pattern: "…, and urged Y to …", text: "allies to share intelligence", speaker: "Pentagon",
      kind: .indirect, cue: "urged"),
    Expected(
      pattern: "CLAUSE, she said (reverse)",
      text: "Officials in Baghdad were “cautiously optimistic” about the talks",
      speaker: "Jessica McNulty", kind: .indirect, cue: "said"),
    Expected(
      pattern: "split quote 1/2", text: "The drones are cheap,", speaker: "Jessica McNulty",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "split quote 2/2", text: "and the interceptors are not.", speaker: "Jessica McNulty",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "«…»", text: "We remain vigilant.", speaker: "French defence ministry",
      kind: .direct, cue: "said"),
    Expected(
      pattern: "„…“", text: "We share the concern.", speaker: "German embassy", kind: .direct,
      cue: "said"),
    Expected(
      pattern: "‘…’ quoting, with a possessive inside", text: "a gamble with other people’s lives",
      speaker: "Michael Knights", kind: .direct, cue: "called"),
  ]

  static func extraction() throws -> (String, QuoteExtraction) {
    let text = String(
      decoding: try Fixtures.contents(of: "fixtures/articles/patterns.txt"), as: UTF8.self)
    return (text, QuoteExtractor().extract(text: text))
  }

  @Test(arguments: expected) func pattern(_ expected: Expected) throws {
    let (text, extraction) = try Self.extraction()
    let matches = extraction.quotes.filter { $0.text == expected.text }
    #expect(matches.count == 1)
    guard let quote = matches.first else { return }
    #expect(quote.speaker.name == expected.speaker)
    #expect(quote.kind == expected.kind)
    #expect(quote.cue == expected.cue)
    // The offsets select the quote in the original (for a two-paragraph quote, from the
    // first piece's start to the last piece's end).
    let bytes = Array(text.utf8)[quote.start..<quote.end]
    let original = String(decoding: bytes, as: UTF8.self)
    if quote.text.contains("Every week") {
      #expect(
        original
          == "Otherwise the attacks will continue.\n\n“Every week without an answer invites the next strike."
      )
    } else {
      #expect(original == quote.text)
    }
  }

  /// The partial quotes of the fixture (`“emboldened”`, `“consequences they will not
  /// forget”`, `“cautiously optimistic”`) sit inside reported clauses: each counts once, as
  /// part of its indirect quote, and is not reported again on its own.
  @Test func partialQuotesInsideAReportedClauseAreNotReportedAgain() throws {
    let (_, extraction) = try Self.extraction()
    let texts = Set(extraction.quotes.map(\.text))
    for fragment in ["emboldened", "consequences they will not forget", "cautiously optimistic"] {
      #expect(!texts.contains(fragment))
      #expect(texts.contains { $0.contains("“\(fragment)”") })
    }
  }

  @Test func exactlyThePatternQuotesAndNothingFromHeadlineBylineOrBoilerplate() throws {
    let (_, extraction) = try Self.extraction()
    #expect(extraction.quotes.map(\.text) == Self.expected.map(\.text))
    #expect(
      !extraction.speakers.contains {
        $0.speaker.name.contains("Reporter") || $0.speaker.name.contains("editors")
      })
  }

  @Test func speakersKeepNamesRolesAndKindsApart() throws {
    let (_, extraction) = try Self.extraction()
    let byName = Dictionary(
      uniqueKeysWithValues: extraction.speakers.map { ($0.speaker.name, $0.speaker) })
    #expect(byName["Jessica McNulty"]?.role == "Pentagon spokesperson")
    #expect(byName["Jessica McNulty"]?.kind == .person)
    #expect(byName["Michael Knights"]?.role == "a fellow at the Washington Institute")
    #expect(byName["James M. Inhofe"]?.kind == .person)
    #expect(byName["Iraq's government"]?.kind == .organisation)
    #expect(byName["Pentagon"]?.kind == .organisation)
    #expect(byName["Pentagon officials"]?.kind == .group)
    #expect(byName["analysts"]?.kind == .group)
    #expect(byName["analysts"]?.isNamed == false)
    #expect(
      extraction.speakers.map(\.speaker.name) == [
        "Jessica McNulty", "James M. Inhofe", "Iraq's government", "Michael Knights",
        "Pentagon officials", "analysts", "Pentagon", "French defence ministry", "German embassy",
      ])
    for (index, entry) in extraction.speakers.enumerated() {
      for quote in entry.quotes { #expect(extraction.quotes[quote].speakerIndex == index) }
    }
  }

  @Test func paragraphRoles() throws {
    let (text, _) = try Self.extraction()
    let roles = Article(text: text).paragraphs.map(\.role)
    #expect(Array(roles.prefix(4)) == [.headline, .dateline, .byline, .body])
    #expect(Array(roles.suffix(3)) == [.boilerplate, .boilerplate, .boilerplate])
    #expect(roles.filter { $0 == .body }.count == 21)
  }
}
