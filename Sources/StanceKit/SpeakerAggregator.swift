import Foundation

/// One classifier's verdict: a label and the probability of every label.
public struct LabelScores: Codable, Sendable, Equatable {
  /// The most probable label, or `insufficient evidence` for a speaker whose quotes are
  /// too few or too short (see ``SpeakerAggregator``).
  public var label: String
  /// The probability of every label of the model.
  public var probabilities: [String: Double]
  /// For speakers: how stable the label is under resampling of their quotes, in `[0, 1]`
  /// (see ``SpeakerAggregator``); absent for single quotes.
  public var confidence: Double?
  /// For speakers with insufficient evidence: the label the quotes lean to.
  public var leaning: String?

  /// Creates scores.
  ///
  /// - Parameters:
  ///   - label: The label.
  ///   - probabilities: Per-label probabilities.
  ///   - confidence: The speaker confidence, if any.
  ///   - leaning: The leaning label, when `label` is `insufficient evidence`.
  public init(
    label: String, probabilities: [String: Double], confidence: Double? = nil,
    leaning: String? = nil
  ) {
    self.label = label
    self.probabilities = probabilities
    self.confidence = confidence
    self.leaning = leaning
  }
}

/// Combines the per-quote probabilities of one speaker into the speaker's stance.
///
/// - **Probabilities:** the mean of the quotes' probability vectors weighted by each
///   quote's length in words, `p̄ = Σᵢ wᵢ·pᵢ / Σᵢ wᵢ` (a long statement says more than a
///   two-word fragment).
/// - **Label:** the argmax of `p̄` (the first label in model order on a tie).
/// - **Confidence:** a bootstrap over the speaker's quotes: 500 resamples of the quotes
///   with replacement (each the size of the original set, drawn with a SplitMix64
///   generator seeded from the speaker's name, so the figure is reproducible); the
///   confidence is the share of resamples whose weighted mean has the same argmax. 1 means
///   every subset of their quotes points the same way; near `1/K` means no stable stance.
/// - **Insufficient evidence:** fewer than ``minimumQuotes`` quotes or fewer than
///   ``minimumWords`` words in all; the label is then `insufficient evidence`, `leaning`
///   keeps the argmax, and no confidence is given (a bootstrap of one quote would claim
///   certainty it does not have).
public enum SpeakerAggregator {
  /// The fewest quotes for a label.
  public static let minimumQuotes = 2
  /// The fewest words (over all the speaker's quotes) for a label.
  public static let minimumWords = 15
  /// The label given when the evidence is insufficient.
  public static let insufficientEvidence = "insufficient evidence"
  /// Bootstrap resamples.
  public static let resamples = 500

  /// The speaker's scores from their quotes' probabilities.
  ///
  /// - Parameters:
  ///   - probabilities: One probability vector per quote, in `labels` order.
  ///   - words: Each quote's length in words (its weight).
  ///   - labels: The model's labels.
  ///   - seedText: Text that seeds the bootstrap (the speaker's name).
  /// - Returns: The combined scores.
  /// - Complexity: O(resamples × quotes × labels).
  public static func aggregate(
    probabilities: [[Double]], words: [Int], labels: [String], seedText: String
  ) -> LabelScores {
    precondition(probabilities.count == words.count && !labels.isEmpty)
    let mean = weightedMean(probabilities, words: words, classes: labels.count)
    let best = argmax(mean)
    var byLabel: [String: Double] = [:]
    for (index, label) in labels.enumerated() { byLabel[label] = mean[index] }
    let totalWords = words.reduce(0, +)
    guard probabilities.count >= minimumQuotes && totalWords >= minimumWords else {
      return LabelScores(
        label: insufficientEvidence, probabilities: byLabel, leaning: labels[best])
    }
    var generator = SpeakerSeed(text: seedText)
    var agreeing = 0
    var sampled: [[Double]] = []
    var sampledWords: [Int] = []
    for _ in 0..<resamples {
      sampled.removeAll(keepingCapacity: true)
      sampledWords.removeAll(keepingCapacity: true)
      for _ in 0..<probabilities.count {
        let pick = generator.next(below: probabilities.count)
        sampled.append(probabilities[pick])
        sampledWords.append(words[pick])
      }
      if argmax(weightedMean(sampled, words: sampledWords, classes: labels.count)) == best {
        agreeing += 1
      }
    }
    return LabelScores(
      label: labels[best], probabilities: byLabel,
      confidence: Double(agreeing) / Double(resamples))
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
  private var state: UInt64

  init(text: String) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    state = hash
  }

  /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift; the tiny bias for these
  /// small bounds is irrelevant to a bootstrap).
  mutating func next(below bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(z.multipliedFullWidth(by: UInt64(bound)).high)
  }
}
