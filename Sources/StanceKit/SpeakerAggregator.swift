import Foundation
import StanceSupport

/// One classifier's verdict: a label and the probability of every label, and for a
/// speaker how firmly their quotes support it.
public struct LabelScores: Codable, Sendable, Equatable {
  /// The most probable label; always one of the model's labels.
  public var label: String
  /// The probability of every label of the model.
  public var probabilities: [String: Double]
  /// For speakers: the share of resamples (see ``SpeakerAggregator``) in which ``label``
  /// takes the largest share of the speaker's words, in `[0, 1]`.
  public var confidence: Double?
  /// For speakers: the interval that holds the share of the speaker's words spoken with
  /// ``label``, at ``SpeakerAggregator/intervalLevel``.
  public var interval: ShareInterval?
  /// For speakers: how much they said and whether it settles the label.
  public var evidence: SpeakerEvidence?

  /// Creates scores.
  ///
  /// - Parameters:
  ///   - label: The label.
  ///   - probabilities: Per-label probabilities.
  ///   - confidence: The speaker confidence, if any.
  ///   - interval: The speaker's share interval, if any.
  ///   - evidence: The speaker's evidence, if any.
  public init(
    label: String, probabilities: [String: Double], confidence: Double? = nil,
    interval: ShareInterval? = nil, evidence: SpeakerEvidence? = nil
  ) {
    self.label = label
    self.probabilities = probabilities
    self.confidence = confidence
    self.interval = interval
    self.evidence = evidence
  }
}

/// A two-sided interval for a share in `[0, 1]`.
public struct ShareInterval: Codable, Sendable, Equatable {
  /// The lower end.
  public var lower: Double
  /// The upper end.
  public var upper: Double
  /// The nominal coverage (0.9 for a 90% interval).
  public var level: Double

  /// Creates an interval.
  public init(lower: Double, upper: Double, level: Double) {
    self.lower = lower
    self.upper = upper
    self.level = level
  }
}

/// What a speaker's label rests on.
public struct SpeakerEvidence: Codable, Sendable, Equatable {
  /// How many quotes the speaker has.
  public var quotes: Int
  /// How many words the quotes hold.
  public var words: Int
  /// `strong` when the interval's lower end is above one half (the label holds most of the
  /// speaker's words in nearly every resample), otherwise `weak`.
  public var strength: String

  /// Creates the evidence record.
  public init(quotes: Int, words: Int, strength: String) {
    self.quotes = quotes
    self.words = words
    self.strength = strength
  }
}

/// Combines the per-quote probabilities of one speaker into the speaker's stance.
///
/// - **Probabilities:** a linear opinion pool, the mean of the quotes' probability vectors
///   weighted by each quote's length in words, `p̄ = Σᵢ wᵢ·pᵢ / Σᵢ wᵢ`: the probability that
///   a word the speaker said, drawn at random, was said with each label.
/// - **Label:** the argmax of `p̄` (the first label in model order on a tie). Every speaker
///   gets one, however little they said; ``SpeakerEvidence`` says how much that is.
/// - **Resamples:** ``resamples`` draws, each of which resamples the speaker's quotes with
///   replacement (the quotes are a sample of what they think) and then draws each picked
///   quote's label from its probabilities (the classifier is unsure of each quote). The
///   generator is SplitMix64 seeded from the speaker's name, so the figures are
///   reproducible.
/// - **Interval:** the ``intervalLevel`` percentile interval of the share of words with the
///   label over the resamples.
/// - **Confidence:** the share of resamples in which the label has the largest share of
///   words (ties go to the label).
/// - **Evidence:** quotes, words and `strong` when the interval's lower end exceeds one
///   half, else `weak`. One short, uncertain quote is weak; one long quote the classifier
///   is sure of can be strong.
///
/// `docs/math.md` ("Speaker scores") derives these and reports the interval's coverage on
/// the annotated sample articles.
public enum SpeakerAggregator {
  /// Resamples per speaker.
  public static let resamples = 500
  /// The nominal coverage of the share interval.
  public static let intervalLevel = 0.9

  /// The speaker's scores from their quotes' probabilities.
  ///
  /// - Parameters:
  ///   - probabilities: One probability vector per quote, in `labels` order (at least one).
  ///   - words: Each quote's length in words (its weight).
  ///   - labels: The model's labels.
  ///   - seedText: Text that seeds the resampling (the speaker's name).
  /// - Returns: The combined scores.
  /// - Complexity: O(resamples × quotes × labels).
  public static func aggregate(
    probabilities: [[Double]], words: [Int], labels: [String], seedText: String
  ) -> LabelScores {
    precondition(
      probabilities.count == words.count && !probabilities.isEmpty && !labels.isEmpty)
    let mean = weightedMean(probabilities, words: words, classes: labels.count)
    let best = argmax(mean)
    var byLabel: [String: Double] = [:]
    for (index, label) in labels.enumerated() { byLabel[label] = mean[index] }
    let weights = words.map { Double(max($0, 1)) }
    var generator = SpeakerSeed(text: seedText)
    var shares: [Double] = []
    shares.reserveCapacity(resamples)
    var winning = 0
    var wordsByLabel = [Double](repeating: 0, count: labels.count)
    for _ in 0..<resamples {
      for k in wordsByLabel.indices { wordsByLabel[k] = 0 }
      for _ in 0..<probabilities.count {
        let pick = generator.next(below: probabilities.count)
        let drawn = draw(probabilities[pick], uniform: generator.nextUnit())
        wordsByLabel[drawn] += weights[pick]
      }
      let total = wordsByLabel.reduce(0, +)
      shares.append(wordsByLabel[best] / total)
      if wordsByLabel.allSatisfy({ $0 <= wordsByLabel[best] }) { winning += 1 }
    }
    shares.sort()
    let tail = (1 - intervalLevel) / 2
    let interval = ShareInterval(
      lower: percentile(shares, tail), upper: percentile(shares, 1 - tail),
      level: intervalLevel)
    let evidence = SpeakerEvidence(
      quotes: probabilities.count, words: words.reduce(0, +),
      strength: interval.lower > 0.5 ? "strong" : "weak")
    return LabelScores(
      label: labels[best], probabilities: byLabel,
      confidence: Double(winning) / Double(resamples), interval: interval, evidence: evidence)
  }

  /// The index drawn from `probabilities` by inverting its cumulative sum at `uniform`
  /// (in `[0, 1)`); the last index takes any rounding remainder.
  static func draw(_ probabilities: [Double], uniform: Double) -> Int {
    var cumulative = 0.0
    for (index, probability) in probabilities.enumerated() {
      cumulative += probability
      if uniform < cumulative { return index }
    }
    return probabilities.count - 1
  }

  /// The `fraction` quantile of sorted `values` (the lower of the two neighbours, so the
  /// interval's ends are values that occurred).
  static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    let index = min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.down))))
    return sorted[index]
  }

  private static func weightedMean(_ vectors: [[Double]], words: [Int], classes: Int)
    -> [Double]
  {
    var mean = [Double](repeating: 0, count: classes)
    // Every quote counts at least one word, so an empty quote cannot zero the total.
    let weights = words.map { Double(max($0, 1)) }
    let total = weights.reduce(0, +)
    for (vector, weight) in zip(vectors, weights) {
      for k in 0..<classes { mean[k] += weight * vector[k] }
    }
    return total > 0 ? mean.map { $0 / total } : mean
  }

  /// The index of the largest value (the first on a tie).
  static func argmax(_ values: [Double]) -> Int {
    var best = 0
    for index in values.indices where values[index] > values[best] { best = index }
    return best
  }
}

/// SplitMix64 seeded from FNV-1a of a text: the speaker bootstrap's generator.
private struct SpeakerSeed {
  private var generator: SplitMix64

  init(text: String) {
    generator = SplitMix64(seed: FNV1a64.hash(text.utf8))
  }

  /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift; the tiny bias for these
  /// small bounds is irrelevant to a bootstrap).
  mutating func next(below bound: Int) -> Int {
    Int(generator.next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A uniform double in `[0, 1)` from the next 53 random bits.
  mutating func nextUnit() -> Double {
    generator.nextUnit()
  }
}
