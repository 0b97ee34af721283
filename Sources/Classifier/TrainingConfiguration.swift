import Foundation

/// The optimization algorithm used for training, named as on the command line
/// (`--solver lbfgs|newton`).
public enum Solver: String, Codable, Sendable, CaseIterable {
  /// Limited-memory BFGS with a strong-Wolfe line search (``LBFGS``).
  case lbfgs
  /// Trust-region Newton with preconditioned conjugate gradients (``TrustRegionNewton``);
  /// the default: on sparse text features it reaches the same optimum as L-BFGS in much
  /// less time (a handful of iterations, each a few Hessian-vector products; figures in
  /// `Benchmarks/results/2026-12-07-doc-comment-figures.md`).
  case newton
}

/// How examples of each class are weighted in the loss.
///
/// Encoded as `{"kind": "none"}`, `{"kind": "balanced"}` or
/// `{"kind": "explicit", "weights": {LABEL: weight, …}}`.
public enum ClassWeighting: Equatable, Sendable, Codable {
  /// Every class has weight 1.
  case none
  /// scikit-learn's `class_weight="balanced"`: class `k` gets
  /// ```
  /// n_samples / (n_classes · count_k)
  /// ```
  /// where `n_classes` counts the classes that occur (sums of sample weights replace the
  /// counts when explicit sample weights are given, as in scikit-learn 1.9).
  case balanced
  /// A weight per label name; labels not listed get 1. Every weight must be finite and
  /// positive, and every label must be one of the training labels.
  case explicit([String: Double])

  private enum CodingKeys: String, CodingKey {
    case kind
    case weights
  }

  /// Decodes the weighting from its `kind` (and `weights`) keys.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for an unknown kind or missing weights.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "none": self = .none
    case "balanced": self = .balanced
    case "explicit":
      self = .explicit(try container.decode([String: Double].self, forKey: .weights))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container,
        debugDescription: "unknown class weighting '\(kind)'; expected none, balanced or explicit")
    }
  }

  /// Encodes the weighting as its `kind` (and `weights`) keys.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: Whatever the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .none: try container.encode("none", forKey: .kind)
    case .balanced: try container.encode("balanced", forKey: .kind)
    case .explicit(let weights):
      try container.encode("explicit", forKey: .kind)
      try container.encode(weights, forKey: .weights)
    }
  }
}

/// Every training setting as one validated value.
///
/// Defaults (all in ``init(c:solver:classWeighting:tolerance:maximumIterations:threads:lbfgsMemory:)``):
/// `C = 1`, trust-region Newton, no class weighting, tolerance `10⁻⁴`, 1000 iterations, one thread per
/// active processor, 10 L-BFGS pairs.
///
/// The tolerance is relative: training stops when `‖∇f‖ ≤ tolerance · ‖∇f(0)‖`. `10⁻⁴` is
/// tighter than LIBLINEAR's `10⁻²` because we report probabilities, not only labels: at
/// `10⁻⁴` predicted probabilities typically agree with the exact optimum to about three
/// decimals, while the cost grows only logarithmically (Newton) or mildly (L-BFGS) below
/// that. Use `10⁻⁸` or less to compare with another solver's optimum.
///
/// The thread count changes only the speed: the loss sums every quantity in a fixed order
/// (see ``MultinomialLogisticLoss``), so any `threads` gives the bit-identical model.
public struct TrainingConfiguration: Equatable, Sendable, Codable {
  /// `C`, the inverse regularisation strength: larger means weaker regularisation.
  public var c: Double
  /// The optimization algorithm.
  public var solver: Solver
  /// How classes are weighted.
  public var classWeighting: ClassWeighting
  /// The relative gradient-norm tolerance, in `(0, 1)`.
  public var tolerance: Double
  /// The most optimizer iterations, at least 1.
  public var maximumIterations: Int
  /// The number of row blocks evaluated concurrently, at least 1.
  public var threads: Int
  /// The number of L-BFGS correction pairs, at least 1 (ignored by Newton).
  public var lbfgsMemory: Int

  /// The default thread count: the number of active processors, at least 1 and at most
  /// ``maximumThreadCount``.
  public static var defaultThreadCount: Int {
    Swift.min(Swift.max(1, ProcessInfo.processInfo.activeProcessorCount), maximumThreadCount)
  }

  /// The most threads accepted: more buys no speed on any current machine, and a count
  /// near `Int.max` would overflow the work partitioning (found with `--threads`).
  public static let maximumThreadCount = 1024

  /// Creates a configuration; every argument has its default here and nowhere else.
  ///
  /// - Parameters:
  ///   - c: `C`, finite and positive.
  ///   - solver: The optimization algorithm.
  ///   - classWeighting: How classes are weighted.
  ///   - tolerance: The relative gradient-norm tolerance.
  ///   - maximumIterations: The most iterations.
  ///   - threads: The number of concurrent row blocks.
  ///   - lbfgsMemory: The number of L-BFGS pairs.
  public init(
    c: Double = 1, solver: Solver = .newton, classWeighting: ClassWeighting = .none,
    tolerance: Double = 1e-4, maximumIterations: Int = 1000,
    threads: Int = TrainingConfiguration.defaultThreadCount, lbfgsMemory: Int = 10
  ) {
    self.c = c
    self.solver = solver
    self.classWeighting = classWeighting
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
    self.threads = threads
    self.lbfgsMemory = lbfgsMemory
  }

  private enum CodingKeys: String, CodingKey {
    case c
    case solver
    case classWeighting
    case tolerance
    case maximumIterations
    case threads
    case lbfgsMemory
  }

  /// Encodes every setting but `threads`, which changes only the speed: a model file then
  /// has the same bytes whatever thread count trained it.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(c, forKey: .c)
    try container.encode(solver, forKey: .solver)
    try container.encode(classWeighting, forKey: .classWeighting)
    try container.encode(tolerance, forKey: .tolerance)
    try container.encode(maximumIterations, forKey: .maximumIterations)
    try container.encode(lbfgsMemory, forKey: .lbfgsMemory)
  }

  /// Whether two configurations train the same model; `threads` is ignored.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.c == rhs.c && lhs.solver == rhs.solver && lhs.classWeighting == rhs.classWeighting
      && lhs.tolerance == rhs.tolerance && lhs.maximumIterations == rhs.maximumIterations
      && lhs.lbfgsMemory == rhs.lbfgsMemory
  }

  /// Decodes a configuration; missing keys take their defaults.
  ///
  /// Decoding does not validate; call ``validate()``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a value of the wrong type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    var configuration = TrainingConfiguration()
    if let value = try container.decodeIfPresent(Double.self, forKey: .c) {
      configuration.c = value
    }
    if let value = try container.decodeIfPresent(Solver.self, forKey: .solver) {
      configuration.solver = value
    }
    if let value = try container.decodeIfPresent(ClassWeighting.self, forKey: .classWeighting) {
      configuration.classWeighting = value
    }
    if let value = try container.decodeIfPresent(Double.self, forKey: .tolerance) {
      configuration.tolerance = value
    }
    if let value = try container.decodeIfPresent(Int.self, forKey: .maximumIterations) {
      configuration.maximumIterations = value
    }
    if let value = try container.decodeIfPresent(Int.self, forKey: .threads) {
      configuration.threads = value
    }
    if let value = try container.decodeIfPresent(Int.self, forKey: .lbfgsMemory) {
      configuration.lbfgsMemory = value
    }
    self = configuration
  }

  /// Checks every setting, reporting the first problem.
  ///
  /// - Throws: ``TrainingConfigurationError`` naming the setting and a valid range.
  public func validate() throws(TrainingConfigurationError) {
    guard c.isFinite && c > 0 else { throw .invalidC(c) }
    guard tolerance.isFinite && tolerance > 0 && tolerance < 1 else {
      throw .invalidTolerance(tolerance)
    }
    guard maximumIterations >= 1 else { throw .invalidMaximumIterations(maximumIterations) }
    guard (1...Self.maximumThreadCount).contains(threads) else {
      throw .invalidThreadCount(threads)
    }
    guard lbfgsMemory >= 1 else { throw .invalidLBFGSMemory(lbfgsMemory) }
    if case .explicit(let weights) = classWeighting {
      for label in weights.keys.sorted() {
        let weight = weights[label] ?? 0
        guard weight.isFinite && weight > 0 else {
          throw .invalidClassWeight(label: label, weight: weight)
        }
      }
    }
  }

  /// The optimizer this configuration selects.
  ///
  /// - Returns: ``LBFGS`` or ``TrustRegionNewton`` with this tolerance and iteration limit.
  public func makeOptimizer() -> any Optimizer {
    switch solver {
    case .lbfgs:
      return LBFGS(tolerance: tolerance, maximumIterations: maximumIterations, memory: lbfgsMemory)
    case .newton:
      return TrustRegionNewton(
        tolerance: tolerance, maximumIterations: maximumIterations, threads: threads)
    }
  }
}

/// A training setting outside its valid range; the message names the setting and says
/// what to use instead.
public enum TrainingConfigurationError: Error, Equatable, Sendable, CustomStringConvertible,
  LocalizedError
{
  /// `C` is not a finite positive number.
  case invalidC(Double)
  /// The tolerance is not in `(0, 1)`.
  case invalidTolerance(Double)
  /// The iteration limit is below 1.
  case invalidMaximumIterations(Int)
  /// The thread count is below 1 or above ``TrainingConfiguration/maximumThreadCount``.
  case invalidThreadCount(Int)
  /// The L-BFGS memory is below 1.
  case invalidLBFGSMemory(Int)
  /// An explicit class weight is not a finite positive number.
  case invalidClassWeight(label: String, weight: Double)

  /// What is wrong and what to do, as `<setting> (--option) must be <range>, got <value>`
  /// followed by a suggestion.
  public var description: String {
    switch self {
    case .invalidC(let value):
      return "C (--c) must be a finite number greater than 0, got \(shown(value)); try 1 "
        + "(larger values mean weaker regularisation)"
    case .invalidTolerance(let value):
      return "the tolerance (--tol) must be between 0 and 1 (exclusive), got \(shown(value)); "
        + "try 1e-4"
    case .invalidMaximumIterations(let value):
      return "the iteration limit (--max-iter) must be at least 1, got \(value); try 1000"
    case .invalidThreadCount(let value):
      return "the thread count (--threads) must be from 1 to "
        + "\(TrainingConfiguration.maximumThreadCount), got \(value); omit it to use one "
        + "thread per processor"
    case .invalidLBFGSMemory(let value):
      return "the L-BFGS memory must be at least 1, got \(value); try 10"
    case .invalidClassWeight(let label, let weight):
      return "the class weight of '\(label)' must be a finite number greater than 0, "
        + "got \(shown(weight)); leave the label out to give it weight 1"
    }
  }

  /// The same text as ``description``, for `LocalizedError` consumers.
  public var errorDescription: String? { description }
}

/// `value` as a user would have typed it: whole numbers without a trailing `.0` (`-1`, not
/// `-1.0`), others in Swift's shortest round-tripping form (`0.25`, `1e-10`, `nan`, `inf`).
private func shown(_ value: Double) -> String {
  if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
    return String(Int64(value))
  }
  return "\(value)"
}
