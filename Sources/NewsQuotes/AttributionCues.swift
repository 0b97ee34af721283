/// How a speech cue introduces what was said.
public enum CueBehaviour: String, Sendable, Hashable, Codable {
  /// `X said (that) CLAUSE`: the clause may follow directly or after `that`.
  case clauseOptionalThat
  /// `X warned that CLAUSE`, `X told reporters that CLAUSE`: only with `that` (within a few
  /// words) is there an indirect quote; otherwise the cue only attributes direct quotes.
  case clauseNeedsThat
  /// `X urged Y to …`, `X called on Y to …`: the object and its infinitive are the quote.
  case objectThenInfinitive
  /// `The survey found that CLAUSE`: a cue only when `that` follows it (after at most a
  /// few time words or adverbs, `found last week that`); it attributes no direct quote and
  /// no clause before it. Verbs that mostly mean something else (`show`, `find`) count only
  /// then.
  case thatClause
  /// `according to X, CLAUSE` or `CLAUSE, according to X`.
  case accordingTo
  /// Attributes direct quotes only (`called “…”`, `described … as “…”`, `asked`).
  case directOnly
  /// Attributes a direct quote that opens right after it (`X continued: “…”`, `X went on,
  /// “…”`), or the quote paragraph after a paragraph that ends with it and a colon
  /// (`X continued:`); these verbs mean speech only then.
  case quoteFollows
}

/// One entry of the speech-cue lexicon: the words as they appear and what follows them.
public struct AttributionCue: Sendable, Hashable, Codable {
  /// The words, lower case (`["said"]`, `["according", "to"]`).
  public var words: [String]
  /// What follows the cue.
  public var behaviour: CueBehaviour

  /// Creates a cue.
  ///
  /// - Parameters:
  ///   - words: The words, lower case.
  ///   - behaviour: What follows the cue.
  public init(words: [String], behaviour: CueBehaviour) {
    self.words = words
    self.behaviour = behaviour
  }
}

/// The speech-cue lexicon as data: every reporting verb (in every tense that occurs in news
/// copy) and phrase that attributes a quote, with how it introduces the quote.
///
/// Longer cues are matched before shorter ones with the same first word (`called on` before
/// `called`).
public struct AttributionCues: Sendable, Hashable, Codable {
  /// The cues, longest first within a first word.
  public var cues: [AttributionCue]

  /// Creates a lexicon.
  ///
  /// - Parameter cues: The cues; they are reordered so that longer cues come first.
  public init(cues: [AttributionCue]) {
    self.cues = cues.enumerated().sorted { lhs, rhs in
      lhs.element.words.count != rhs.element.words.count
        ? lhs.element.words.count > rhs.element.words.count : lhs.offset < rhs.offset
    }.map(\.element)
  }

  /// The English news lexicon.
  public static let english: AttributionCues = {
    var cues: [AttributionCue] = []
    func add(_ behaviour: CueBehaviour, _ words: [String]) {
      for word in words {
        cues.append(
          AttributionCue(words: word.split(separator: " ").map(String.init), behaviour: behaviour))
      }
    }
    add(.clauseOptionalThat, ["said", "says", "say", "saying"])
    add(
      .clauseNeedsThat,
      [
        "told", "tells", "tell", "telling", "added", "adds", "adding", "warned", "warns", "warn",
        "warning", "stated", "states", "noted", "notes", "noting", "argued", "argues", "arguing",
        "insisted", "insists", "insisting", "declared", "declares", "wrote", "writes",
        "explained", "explains", "acknowledged", "acknowledges", "cautioned", "cautions",
        "threatened", "threatens", "vowed", "vows", "claimed", "claims", "claiming",
        "estimated", "estimates", "replied", "replies", "responded", "confirmed", "confirms",
        "announced", "announces", "stressed", "stresses", "emphasised", "emphasized",
        "maintained", "maintains", "contended", "suggested", "predicted", "admitted",
        "conceded", "reiterated", "repeated", "complained", "alleged", "assured", "promised",
        "pledged", "believes", "believed", "thinks", "recalled", "countered", "observed",
        "remarked", "reported", "tweeted", "tweeting",
        // Forms met in real news copy: present plurals and infinitives (`critics argue
        // that …`), third persons and participles (`…, stating that …`).
        "argue", "insist", "contend", "contends", "contending", "acknowledge", "acknowledging",
        "admit", "admits", "admitting", "explain", "explaining", "assert", "asserts", "asserted",
        "asserting", "allege", "alleges", "alleging", "predict", "predicts", "predicting",
        "suggest", "suggests", "suggesting", "concede", "concedes", "conceding", "recalls",
        "recalling", "reiterates", "reiterating", "declaring", "confirming", "announcing",
        "stating", "cautioning", "emphasizing", "emphasising", "stressing", "observes",
        "indicated", "indicates", "indicating", "revealed", "reveals", "revealing",
        "mentioned", "denied", "denies", "denying", "disclosed", "testified", "signaled",
        "signalled", "hinted", "boasted", "bragged", "lamented", "agreed", "agrees",
        "speculated",
        // Commitments, also with an infinitive (`vowed to fight on`).
        "vowing", "promises", "promising", "pledges", "pledging", "threatening",
        // Phrasal reporting verbs (`pointed out that …`, `made it clear that …`).
        "pointed out", "points out", "pointing out", "made clear", "made it clear", "makes clear",
        "makes it clear", "making clear", "making it clear",
        // Present plurals (`critics note that …`) and a third person (`the paper reports …`).
        "note", "claim", "agree", "indicate", "reports",
      ])
    // What a poll, study or inquiry finds (`The survey showed that …`, `The inquiry found
    // that …`).
    add(.thatClause, ["show", "shows", "showed", "found", "finds", "find"])
    // A view stated with `that` (`Dana Ortiz hopes that …`); `know`, `feel` and `expect`
    // mostly carry the reporter's words and are left out.
    add(
      .thatClause,
      [
        "think", "believe", "hope", "hopes", "hoped", "fear", "fears", "feared", "worry",
        "worries", "worried", "doubt", "doubts", "doubted",
      ])
    add(
      .objectThenInfinitive,
      [
        "urged", "urges", "urging", "called on", "calls on", "call on", "calling on",
        "called upon", "asked", "asks", "appealed to", "implored", "pressed",
        // `accused the board of hiding …` (`of` stands for `to`); `called for the board to
        // resign`, `called for an inquiry` (any object).
        "accused", "accuses", "accusing", "accuse", "called for", "calls for", "calling for",
        "call for",
      ])
    add(.accordingTo, ["according to"])
    add(
      .directOnly,
      [
        "called", "calls", "calling", "described", "describes", "describing", "condemned",
        "condemns", "denounced", "denounces", "posted", "answered", "in a statement",
        // Manners of speaking met in real news, for a quotation right beside them (`“Q,”
        // Ortiz barked`, `the crowd chanted “Q”`); those of `WordLists.mannersOfSpeaking`
        // also report a clause after `that`.
        "chanted", "chanting", "yelling", "wondered", "echoed", "interjected",
        // An opinion given in writing (`“Q,” opined the Harbour Gazette`).
        "opined", "opines",
      ] + WordLists.mannersOfSpeaking)
    add(.quoteFollows, ["continued", "continues", "went on", "concluded", "concludes", "began"])
    return AttributionCues(cues: cues)
  }()
}
