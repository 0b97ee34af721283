public import Classifier
import StanceSupport

/// What a model file records about how its model was made, beyond the model itself: the
/// tool version, the training settings and a summary of the training data.
///
/// In the file these are top-level keys of the JSON header (`toolVersion`, `training`,
/// `data`). Later versions may add keys (a cross-validation grid, a calibration
/// temperature): each such addition is an optional property, absent in older files, so
/// older files still load; and readers ignore keys they do not know, so older readers
/// still load newer files of the same format version.
public struct ModelMetadata: Sendable, Equatable, Codable {
  /// The StanceKit version that wrote the file.
  public var toolVersion: String
  /// The training settings.
  public var training: TrainingConfiguration
  /// The training data: size, classes and fingerprint.
  public var data: TrainingDataSummary
  /// The cross-validated grid the settings were chosen from (`stance tune --out`), with
  /// every point's scores; absent for models trained directly.
  public var selection: GridSearchResult?
  /// How the softmax temperature was fitted (`stance train --calibrate`); absent for
  /// uncalibrated models.
  public var calibration: CalibrationReport?
  /// How `C` and the class weighting were chosen automatically (`stance train` without
  /// `--c`); absent when they were given.
  public var regularization: RegularizationChoice?
  /// The class shares the model is meant to be used under (`--deployment-prior`), applied
  /// to its probabilities when the file is read; absent when they are the training shares.
  public var deploymentPrior: DeploymentPrior?

  /// The version of this StanceKit, written into every model file.
  public static let currentToolVersion = "0.1.0"

  /// Creates metadata.
  ///
  /// - Parameters:
  ///   - training: The settings the model was trained with.
  ///   - data: The training data summary.
  ///   - selection: The grid search behind the settings, if any.
  ///   - calibration: The temperature fit, if any.
  ///   - regularization: The automatic choice of `C`, if any.
  ///   - deploymentPrior: The shares the model is meant to be used under, if not the
  ///     training shares.
  ///   - toolVersion: The writing tool's version; this StanceKit's by default.
  public init(
    training: TrainingConfiguration, data: TrainingDataSummary,
    selection: GridSearchResult? = nil, calibration: CalibrationReport? = nil,
    regularization: RegularizationChoice? = nil, deploymentPrior: DeploymentPrior? = nil,
    toolVersion: String = ModelMetadata.currentToolVersion
  ) {
    self.toolVersion = toolVersion
    self.training = training
    self.data = data
    self.selection = selection
    self.calibration = calibration
    self.regularization = regularization
    self.deploymentPrior = deploymentPrior
  }
}

/// The size, class balance and fingerprint of a training set.
///
/// The fingerprint identifies the exact training data (texts, labels and their order)
/// without storing it, so two models can be checked to come from the same data:
///
/// ```
/// bytes = u64(n) ‖ for each example i: u64(|textᵢ|) ‖ textᵢ ‖ u64(|labelᵢ|) ‖ labelᵢ
///         (|s| the UTF-8 byte count of s, u64 an 8-byte little-endian integer,
///          text and label as their UTF-8 bytes)
/// h     = FNV-1a 64 of bytes  (h = 0xcbf29ce484222325; per byte: h = (h XOR b)·0x100000001b3)
/// h ^= h >> 33; h ·= 0xff51afd7ed558ccd; h ^= h >> 33; h ·= 0xc4ceb9fe1a85ec53; h ^= h >> 33
/// ```
///
/// The length prefixes make the byte stream unambiguous (`("ab", "c")` and `("a", "bc")`
/// differ); the last three lines are MurmurHash3's fmix64 finaliser, as in the feature
/// hash. It is written in the header as 16 lowercase hexadecimal digits. It is a checksum
/// against mix-ups, not a cryptographic hash.
public struct TrainingDataSummary: Sendable, Equatable, Codable {
  /// The number of training examples.
  public var documentCount: Int
  /// The number of examples of each label.
  public var classCounts: [String: Int]
  /// The 64-bit fingerprint of the texts and labels, as defined on the type.
  public var fingerprint: UInt64

  /// Creates a summary from known values.
  ///
  /// - Parameters:
  ///   - documentCount: The number of examples.
  ///   - classCounts: The examples per label.
  ///   - fingerprint: ``fingerprint(texts:labels:)`` of the data.
  public init(documentCount: Int, classCounts: [String: Int], fingerprint: UInt64) {
    self.documentCount = documentCount
    self.classCounts = classCounts
    self.fingerprint = fingerprint
  }

  /// Summarises labelled training data.
  ///
  /// - Parameters:
  ///   - texts: The training texts.
  ///   - labels: One label per text.
  /// - Throws: `PipelineError.labelCountMismatch` when the counts differ.
  /// - Complexity: O(total text length).
  public init(texts: [String], labels: [String]) throws(PipelineError) {
    self.init(
      documentCount: texts.count, classCounts: LabelCounts(labels).counts,
      fingerprint: try Self.fingerprint(texts: texts, labels: labels))
  }

  /// The fingerprint of labelled data, as defined on the type.
  ///
  /// - Parameters:
  ///   - texts: The texts, in training order.
  ///   - labels: One label per text.
  /// - Returns: The 64-bit fingerprint.
  /// - Throws: `PipelineError.labelCountMismatch` when the counts differ.
  /// - Complexity: O(total text length).
  public static func fingerprint(texts: [String], labels: [String]) throws(PipelineError)
    -> UInt64
  {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    var fingerprinter = Fingerprinter(count: texts.count)
    for (text, label) in zip(texts, labels) { fingerprinter.add(text: text, label: label) }
    return fingerprinter.fingerprint
  }

  /// Computes ``fingerprint(texts:labels:)`` one example at a time, for data that is
  /// streamed rather than held; the example count must be known first.
  public struct Fingerprinter: Sendable {
    private var hash = FNV1a64.offsetBasis

    /// Starts the fingerprint of `count` examples.
    public init(count: Int) { feed(count) }

    /// Adds the next example in training order.
    public mutating func add(text: String, label: String) {
      feed(text)
      feed(label)
    }

    /// The fingerprint of the examples added (all `count` of them).
    public var fingerprint: UInt64 { FNV1a64.finish(hash) }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
      hash = FNV1a64.extend(hash, bytes)
    }

    private mutating func feed(_ value: Int) {
      withUnsafeBytes(of: UInt64(value).littleEndian) {
        feed($0.assumingMemoryBound(to: UInt8.self))
      }
    }

    private mutating func feed(_ text: String) {
      var text = text
      feed(text.utf8.count)
      text.withUTF8 { feed($0) }
    }
  }

  private enum CodingKeys: String, CodingKey {
    case documentCount
    case classCounts
    case fingerprint
  }

  /// Decodes a summary; the fingerprint is 16 hexadecimal digits.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key or a malformed fingerprint.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    documentCount = try container.decode(Int.self, forKey: .documentCount)
    classCounts = try container.decode([String: Int].self, forKey: .classCounts)
    let text = try container.decode(String.self, forKey: .fingerprint)
    guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else {
      throw DecodingError.dataCorruptedError(
        forKey: .fingerprint, in: container,
        debugDescription: "the fingerprint '\(text)' is not 16 hexadecimal digits")
    }
    fingerprint = value
  }

  /// Encodes the summary; the fingerprint as 16 lowercase hexadecimal digits (a JSON
  /// number cannot hold every 64-bit value exactly).
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(documentCount, forKey: .documentCount)
    try container.encode(classCounts, forKey: .classCounts)
    let digits = String(fingerprint, radix: 16)
    try container.encode(
      String(repeating: "0", count: 16 - digits.utf8.count) + digits, forKey: .fingerprint)
  }
}
