/// The class shares a model is meant to be used under, when they differ from the shares it
/// was trained under: a documented reweighting stored in the model file.
///
/// A corpus written to teach every class (ours are about 65% neutral) is not the text a
/// model meets (real news quotes are 83–85% neutral). Reading a model with a deployment
/// prior `π` applies the prior-shift factors `π(k)/pₜ(k)` of ``PriorShift`` to every
/// probability (`pₜ` from ``ModelMetadata/trainingPriors(labels:)``), so probabilities and
/// labels hold for a corpus with the shares `π`. `--adapt-prior` replaces these factors with
/// ones estimated from the input.
public struct DeploymentPrior: Sendable, Equatable, Codable {
  /// The share of each label; all labels of the model, each positive, summing to 1.
  public var shares: [String: Double]
  /// Where the shares come from, in words (shown by `stance inspect`).
  public var source: String

  /// Creates a deployment prior.
  ///
  /// - Parameters:
  ///   - shares: The share of each label (normalised by ``factors(labels:trainingPriors:)``
  ///     only in that it must sum to 1 within 10⁻⁶).
  ///   - source: Where the shares come from.
  public init(shares: [String: Double], source: String) {
    self.shares = shares
    self.source = source
  }

  /// The per-class factors `π(k)/pₜ(k)` in `labels` order.
  ///
  /// - Parameters:
  ///   - labels: The model's labels.
  ///   - trainingPriors: The shares the model was trained under, in `labels` order.
  /// - Returns: One positive factor per label.
  /// - Throws: ``DeploymentPriorError`` when the labels differ from the model's, a share is
  ///   not positive and finite, the shares do not sum to 1, or a training share is 0.
  public func factors(labels: [String], trainingPriors: [Double])
    throws(DeploymentPriorError) -> [Double]
  {
    guard Set(shares.keys) == Set(labels), labels.count == trainingPriors.count else {
      throw .labelsDiffer(prior: shares.keys.sorted(), model: labels)
    }
    var factors: [Double] = []
    for (label, trained) in zip(labels, trainingPriors) {
      let share = shares[label] ?? 0
      guard share.isFinite, share > 0 else { throw .invalidShare(label: label, share: share) }
      guard trained > 0 else { throw .untrainedLabel(label) }
      factors.append(share / trained)
    }
    let total = shares.values.reduce(0, +)
    guard abs(total - 1) <= 1e-6 else { throw .sumIsNotOne(total) }
    return factors
  }

  /// Parses `LABEL=SHARE,LABEL=SHARE,…` (the `--deployment-prior` option).
  ///
  /// - Parameters:
  ///   - text: The option's value.
  ///   - source: Where the shares come from.
  /// - Returns: The prior, its shares checked to be positive and to sum to 1 within 10⁻⁶
  ///   (the labels are checked against the model's when it is trained).
  /// - Throws: ``DeploymentPriorError`` naming the malformed part.
  public static func parse(_ text: String, source: String) throws(DeploymentPriorError)
    -> DeploymentPrior
  {
    var shares: [String: Double] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pieces.count == 2, !pieces[0].isEmpty, let share = Double(pieces[1]) else {
        throw .malformed(String(part))
      }
      let label = String(pieces[0])
      guard shares[label] == nil else { throw .repeatedLabel(label) }
      guard share.isFinite, share > 0 else { throw .invalidShare(label: label, share: share) }
      shares[label] = share
    }
    let total = shares.values.reduce(0, +)
    guard abs(total - 1) <= 1e-6 else { throw .sumIsNotOne(total) }
    return DeploymentPrior(shares: shares, source: source)
  }

  /// One line for `stance inspect`: the shares in `labels` order and their source.
  ///
  /// - Parameter labels: The model's labels.
  /// - Returns: For example `conciliatory 0.068, hawkish 0.092, neutral 0.84 (…)`.
  public func text(labels: [String]) -> String {
    let parts = labels.map { "\($0) \(shares[$0].map { fixed($0, 4) } ?? "?")" }
    return parts.joined(separator: ", ") + " (\(source))"
  }
}

/// Why a deployment prior cannot be used.
public enum DeploymentPriorError: Error, Equatable, CustomStringConvertible {
  /// A part of the option is not `LABEL=SHARE`.
  case malformed(String)
  /// A label is given twice.
  case repeatedLabel(String)
  /// A share is not a positive finite number.
  case invalidShare(label: String, share: Double)
  /// The shares do not sum to 1.
  case sumIsNotOne(Double)
  /// The prior's labels are not the model's.
  case labelsDiffer(prior: [String], model: [String])
  /// The model saw no example of a label, so no factor can be formed.
  case untrainedLabel(String)

  /// A one-line message naming the problem and what to write instead.
  public var description: String {
    switch self {
    case .malformed(let part):
      return "deployment prior: '\(part)' is not LABEL=SHARE; try neutral=0.84,hawkish=0.09,…"
    case .repeatedLabel(let label):
      return "deployment prior: the label '\(label)' is given twice"
    case .invalidShare(let label, let share):
      return "deployment prior: the share of '\(label)' must be positive, got \(share)"
    case .sumIsNotOne(let total):
      return "deployment prior: the shares must sum to 1, they sum to \(total)"
    case .labelsDiffer(let prior, let model):
      return "deployment prior: its labels (\(prior.joined(separator: ", "))) are not the "
        + "model's (\(model.joined(separator: ", ")))"
    case .untrainedLabel(let label):
      return "deployment prior: the model has no training example of '\(label)'"
    }
  }
}
