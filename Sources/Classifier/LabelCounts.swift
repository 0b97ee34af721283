/// How many examples each label has, and the one rule every training path applies to
/// them: a classifier needs examples of at least ``minimumClassCount`` labels.
///
/// ``Trainer`` checks the rule on class indices (``TrainingError/tooFewLabelNames(_:)``,
/// ``TrainingError/fewerThanTwoClassesPresent(present:)``); StanceKit checks it on the
/// labels read from data files before any feature is built, so the message can name the
/// files.
///
/// - Complexity: O(n) to count n labels.
public struct LabelCounts: Equatable, Sendable {
  /// The fewest distinct labels a classifier can be trained on.
  public static let minimumClassCount = 2

  /// Examples per label.
  public let counts: [String: Int]

  /// Counts the examples of each label.
  ///
  /// - Parameter labels: One label per example.
  public init(_ labels: [String]) {
    var counts: [String: Int] = [:]
    for label in labels { counts[label, default: 0] += 1 }
    self.counts = counts
  }

  /// Creates counts already made (for example read back from a training cache).
  ///
  /// - Parameter counts: Examples per label.
  public init(counts: [String: Int]) {
    self.counts = counts
  }

  /// Whether the labels meet the rule: at least ``minimumClassCount`` distinct labels.
  public var hasEnoughClasses: Bool { counts.count >= Self.minimumClassCount }

  /// The number of examples of `label`, 0 for a label never seen.
  ///
  /// - Parameter label: A label.
  public subscript(label: String) -> Int { counts[label] ?? 0 }
}
