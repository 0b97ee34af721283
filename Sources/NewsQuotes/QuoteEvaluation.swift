/// Quote precision, recall and F1 against gold quotes, and speaker-attribution accuracy.
///
/// A found quote matches a gold quote when their byte spans overlap by at least half of the
/// longer one:
/// ```
/// overlap(f, g) ≥ ½ · max(|f|, |g|)
/// ```
/// so a one-word partial quote never matches the indirect clause around it. Matching is
/// one-to-one: candidate pairs are taken by decreasing overlap ratio (`overlap / max`), ties
/// by gold position then found position. Then
/// ```
/// precision = matched / found    recall = matched / gold    F1 = 2PR / (P + R)
/// speaker accuracy = matched pairs with equal normalised speakers / matched
/// ```
/// (each 0 when its denominator is 0). Speakers are compared after `normalisedSpeaker`.
public struct QuoteEvaluation: Sendable, Hashable {
  /// A gold quote.
  public struct Reference: Sendable, Hashable, Codable {
    /// Byte offsets into the original article.
    public var span: Span
    /// The gold speaker's name or description.
    public var speaker: String
    /// Direct or indirect.
    public var kind: QuoteKind

    /// Creates a gold quote.
    ///
    /// - Parameters:
    ///   - span: Byte offsets into the original article.
    ///   - speaker: The speaker's name or description.
    ///   - kind: Direct or indirect.
    public init(span: Span, speaker: String, kind: QuoteKind) {
      self.span = span
      self.speaker = speaker
      self.kind = kind
    }
  }

  /// One matched pair.
  public struct Match: Sendable, Hashable {
    /// Index into the found quotes.
    public var found: Int
    /// Index into the gold quotes.
    public var gold: Int
    /// Whether the normalised speakers agree.
    public var speakerCorrect: Bool
  }

  /// Number of found quotes.
  public private(set) var foundCount: Int
  /// Number of gold quotes.
  public private(set) var goldCount: Int
  /// Matched pairs (for a single article; empty after `merging`).
  public private(set) var matches: [Match]
  /// Number of matched pairs.
  public private(set) var matchedCount: Int
  /// Number of matched pairs with the right speaker.
  public private(set) var speakerCorrectCount: Int

  /// Evaluates one article.
  ///
  /// - Parameters:
  ///   - found: The extracted quotes.
  ///   - gold: The gold quotes.
  /// - Complexity: O(found · gold · log(found · gold)).
  public init(found: [Quote], gold: [Reference]) {
    var candidates: [(ratio: Double, gold: Int, found: Int)] = []
    for (g, reference) in gold.enumerated() {
      for (f, quote) in found.enumerated() {
        let overlap = quote.span.overlap(with: reference.span)
        let longer = max(quote.span.length, reference.span.length)
        guard longer > 0, 2 * overlap >= longer else { continue }
        candidates.append((Double(overlap) / Double(longer), g, f))
      }
    }
    candidates.sort { lhs, rhs in
      if lhs.ratio != rhs.ratio { return lhs.ratio > rhs.ratio }
      return lhs.gold != rhs.gold ? lhs.gold < rhs.gold : lhs.found < rhs.found
    }
    var usedGold = Array(repeating: false, count: gold.count)
    var usedFound = Array(repeating: false, count: found.count)
    var matches: [Match] = []
    for candidate in candidates where !usedGold[candidate.gold] && !usedFound[candidate.found] {
      usedGold[candidate.gold] = true
      usedFound[candidate.found] = true
      let correct =
        Self.normalisedSpeaker(found[candidate.found].speaker.name)
        == Self.normalisedSpeaker(gold[candidate.gold].speaker)
      matches.append(Match(found: candidate.found, gold: candidate.gold, speakerCorrect: correct))
    }
    matches.sort { $0.gold < $1.gold }
    self.foundCount = found.count
    self.goldCount = gold.count
    self.matches = matches
    self.matchedCount = matches.count
    self.speakerCorrectCount = matches.filter(\.speakerCorrect).count
  }

  private init(foundCount: Int, goldCount: Int, matchedCount: Int, speakerCorrectCount: Int) {
    self.foundCount = foundCount
    self.goldCount = goldCount
    self.matches = []
    self.matchedCount = matchedCount
    self.speakerCorrectCount = speakerCorrectCount
  }

  /// The counts of several articles added together (micro-averaged scores).
  ///
  /// - Parameter evaluations: Per-article evaluations.
  /// - Returns: An evaluation whose counts are the sums.
  public static func merging(_ evaluations: [QuoteEvaluation]) -> QuoteEvaluation {
    QuoteEvaluation(
      foundCount: evaluations.reduce(0) { $0 + $1.foundCount },
      goldCount: evaluations.reduce(0) { $0 + $1.goldCount },
      matchedCount: evaluations.reduce(0) { $0 + $1.matchedCount },
      speakerCorrectCount: evaluations.reduce(0) { $0 + $1.speakerCorrectCount })
  }

  /// matched / found.
  public var precision: Double { foundCount == 0 ? 0 : Double(matchedCount) / Double(foundCount) }
  /// matched / gold.
  public var recall: Double { goldCount == 0 ? 0 : Double(matchedCount) / Double(goldCount) }
  /// The harmonic mean of precision and recall.
  public var f1: Double {
    precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
  }
  /// Matched quotes with the right speaker / matched quotes.
  public var speakerAccuracy: Double {
    matchedCount == 0 ? 0 : Double(speakerCorrectCount) / Double(matchedCount)
  }

  /// A speaker name reduced for comparison: lower case, curly apostrophes straightened, a
  /// leading "a", "an" or "the" dropped, runs of spaces collapsed.
  ///
  /// - Parameter name: A name or description.
  /// - Returns: The normalised form.
  public static func normalisedSpeaker(_ name: String) -> String {
    var words = name.lowercased().map { $0 == "’" ? "'" : $0 }.reduce(into: "") { $0.append($1) }
      .split(separator: " ")
    if let first = words.first, ["a", "an", "the"].contains(first) { words.removeFirst() }
    return words.joined(separator: " ")
  }
}
