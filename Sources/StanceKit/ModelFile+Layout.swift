import Classifier
import TextFeatures

/// The JSON header of a format-1 model file.
///
/// The keys of ``ModelMetadata`` sit at the top level beside these, so metadata additions
/// need no change here.
struct ModelFileHeader: Codable {
  /// Tool version, training settings, data summary (and later additions).
  var metadata: ModelMetadata
  /// The class labels in model order.
  var labels: [String]
  /// The number of feature columns `d`.
  var featureCount: Int
  /// The vectorizer's settings and a summary of its learned state.
  var vectorizer: VectorizerSummary
  /// The optimiser's report.
  var optimization: OptimizationReport
  /// The softmax temperature of the pipeline (1 when not calibrated; absent in files
  /// written before calibration existed, which read as 1).
  var temperature: Double
  /// The vector-scaling map of the pipeline (`--calibration-map vector`); absent otherwise.
  var vectorScaling: VectorScaling.Map?
  /// Where each binary section lies, relative to the start of the data area.
  var sections: [ModelFileSection]

  enum CodingKeys: String, CodingKey {
    case labels
    case featureCount
    case vectorizer
    case optimization
    case temperature
    case vectorScaling
    case sections
  }

  init(
    metadata: ModelMetadata, labels: [String], featureCount: Int,
    vectorizer: VectorizerSummary, optimization: OptimizationReport, temperature: Double,
    vectorScaling: VectorScaling.Map? = nil, sections: [ModelFileSection]
  ) {
    self.temperature = temperature
    self.vectorScaling = vectorScaling
    self.metadata = metadata
    self.labels = labels
    self.featureCount = featureCount
    self.vectorizer = vectorizer
    self.optimization = optimization
    self.sections = sections
  }

  init(from decoder: any Decoder) throws {
    metadata = try ModelMetadata(from: decoder)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    labels = try container.decode([String].self, forKey: .labels)
    featureCount = try container.decode(Int.self, forKey: .featureCount)
    vectorizer = try container.decode(VectorizerSummary.self, forKey: .vectorizer)
    optimization = try container.decode(OptimizationReport.self, forKey: .optimization)
    temperature = try container.decodeIfPresent(Double.self, forKey: .temperature) ?? 1
    vectorScaling = try container.decodeIfPresent(VectorScaling.Map.self, forKey: .vectorScaling)
    sections = try container.decode([ModelFileSection].self, forKey: .sections)
  }

  func encode(to encoder: any Encoder) throws {
    try metadata.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(labels, forKey: .labels)
    try container.encode(featureCount, forKey: .featureCount)
    try container.encode(vectorizer, forKey: .vectorizer)
    try container.encode(optimization, forKey: .optimization)
    if temperature != 1 { try container.encode(temperature, forKey: .temperature) }
    try container.encodeIfPresent(vectorScaling, forKey: .vectorScaling)
    try container.encode(sections, forKey: .sections)
  }
}

/// Only the version numbers of the vectorizer summary, read before the rest so that a
/// model needing a newer tokenizer is reported as such even if its settings are new too.
struct VectorizerVersionProbe: Decodable {
  struct Versions: Decodable {
    var tokenizerSpec: Int
    var featureHash: Int
  }
  var vectorizer: Versions
}

/// The vectorizer part of the header.
struct VectorizerSummary: Codable {
  /// `vocabulary` or `hashing`.
  enum Mode: String, Codable {
    case vocabulary
    case hashing
  }

  /// The tokenizer specification version (``Vectorizer/tokenizerSpecVersion``).
  var tokenizerSpec: Int
  /// The feature hash version (``Vectorizer/featureHashVersion``).
  var featureHash: Int
  /// Vocabulary or feature hashing.
  var mode: Mode
  /// Every vectorizer setting.
  var configuration: VectorizerConfiguration
  /// The number of training documents (the `n` of idf).
  var documentCount: Int
  /// Vocabulary mode: the term counts; absent in hashing mode.
  var vocabulary: VocabularySummary?
  /// Hashing mode: the hash settings; absent in vocabulary mode.
  var hashing: HashingSummary?
}

/// The size of a stored vocabulary.
struct VocabularySummary: Codable, Equatable {
  /// The number of terms (equal to the feature count).
  var termCount: Int
  /// The length of the concatenated term bytes.
  var termByteCount: Int
  /// How many terms are word n-grams (they come first).
  var wordNGramCount: Int
  /// How many terms are character n-grams.
  var characterNGramCount: Int
}

/// The settings of a hashing vectorizer.
struct HashingSummary: Codable, Equatable {
  /// The number of hash bits.
  var bits: Int
  /// `2^bits`, the feature count.
  var bucketCount: Int
  /// How many buckets at least one training document reached.
  var usedBucketCount: Int
}

/// One binary section as the header lists it.
struct ModelFileSection: Codable, Equatable {
  /// The element type of a section.
  enum ElementType: String, Codable {
    case uint8
    case uint64
    case float64

    /// Bytes per element.
    var size: Int { self == .uint8 ? 1 : 8 }
  }

  /// The section's name.
  var name: String
  /// The type of its elements, all little-endian.
  var type: ElementType
  /// The number of elements.
  var count: Int
  /// Where it starts, in bytes from the start of the data area (a multiple of 8).
  var offset: Int
  /// Its length in bytes, `count` times the element size.
  var length: Int
}

/// The binary sections of a format-1 model file, in file order.
enum SectionName: String, CaseIterable {
  case termBytes
  case termOffsets
  case termKinds
  case documentFrequencies
  case inverseDocumentFrequencies
  case weights
  case intercepts

  /// The element type.
  var type: ModelFileSection.ElementType {
    switch self {
    case .termBytes, .termKinds: return .uint8
    case .termOffsets, .documentFrequencies: return .uint64
    case .inverseDocumentFrequencies, .weights, .intercepts: return .float64
    }
  }
}

/// The byte layout of a format-1 model file, computed from the counts in its header.
///
/// ```
/// 0        magic (8 bytes)
/// 8        format version, UInt32 LE
/// 12       header length L, UInt64 LE
/// 20       header: L bytes of JSON
/// 20 + L   zero padding to the data start D = align8(20 + L)
/// D        sections, each at D + its offset (a multiple of 8), zero padding between
/// D + S    CRC-32C of bytes 0 ..< D + S, UInt32 LE; the file has D + S + 4 bytes
/// ```
struct ModelFileLayout {
  /// The bytes before the header.
  static let preambleLength = 20
  /// The bytes of the trailing checksum.
  static let checksumLength = 4
  /// The smallest possible file: preamble, an empty header and the checksum.
  static let minimumFileLength = preambleLength + checksumLength

  /// The sections in file order.
  let sections: [ModelFileSection]
  /// The length of the data area `S` (the end of the last section).
  let dataLength: Int

  /// Computes the layout; `nil` when a count is negative or a size overflows.
  ///
  /// - Parameters:
  ///   - termByteCount: The length of the concatenated term bytes.
  ///   - termCount: The number of vocabulary terms (0 in hashing mode).
  ///   - featureCount: `d`.
  ///   - classCount: `K`.
  ///   - storesInverseDocumentFrequencies: Whether the idf section has `d` values (else 0).
  init?(
    termByteCount: Int, termCount: Int, featureCount: Int, classCount: Int,
    storesInverseDocumentFrequencies: Bool
  ) {
    guard termByteCount >= 0, termCount >= 0, featureCount >= 0, classCount >= 0 else {
      return nil
    }
    let weightCount = featureCount.multipliedReportingOverflow(by: classCount)
    guard !weightCount.overflow else { return nil }
    var sections: [ModelFileSection] = []
    var end = 0
    for name in SectionName.allCases {
      let count: Int
      switch name {
      case .termBytes: count = termByteCount
      case .termOffsets:
        guard termCount < Int.max else { return nil }
        count = termCount + 1
      case .termKinds: count = termCount
      case .documentFrequencies: count = featureCount
      case .inverseDocumentFrequencies: count = storesInverseDocumentFrequencies ? featureCount : 0
      case .weights: count = weightCount.partialValue
      case .intercepts: count = classCount
      }
      let length = count.multipliedReportingOverflow(by: name.type.size)
      guard !length.overflow, let offset = Self.aligned(end) else { return nil }
      let next = offset.addingReportingOverflow(length.partialValue)
      guard !next.overflow else { return nil }
      sections.append(
        ModelFileSection(
          name: name.rawValue, type: name.type, count: count, offset: offset,
          length: length.partialValue))
      end = next.partialValue
    }
    guard let dataLength = Self.aligned(end) else { return nil }
    self.sections = sections
    self.dataLength = dataLength
  }

  /// The section called `name`.
  func section(_ name: SectionName) -> ModelFileSection {
    sections[SectionName.allCases.firstIndex(of: name) ?? 0]
  }

  /// The data start `D` for a header of `headerLength` bytes, or `nil` on overflow.
  static func dataStart(headerLength: Int) -> Int? {
    let end = preambleLength.addingReportingOverflow(headerLength)
    return end.overflow ? nil : aligned(end.partialValue)
  }

  /// The whole file length for a header of `headerLength` bytes, or `nil` on overflow.
  func fileLength(headerLength: Int) -> Int? {
    guard let start = Self.dataStart(headerLength: headerLength) else { return nil }
    let data = start.addingReportingOverflow(dataLength)
    let total = data.partialValue.addingReportingOverflow(Self.checksumLength)
    return data.overflow || total.overflow ? nil : total.partialValue
  }

  /// The padding ranges between the sections, relative to the data start.
  var gaps: [Range<Int>] {
    var gaps: [Range<Int>] = []
    var end = 0
    for section in sections {
      if section.offset > end { gaps.append(end..<section.offset) }
      end = section.offset + section.length
    }
    if dataLength > end { gaps.append(end..<dataLength) }
    return gaps
  }

  /// `value` rounded up to a multiple of 8, or `nil` on overflow.
  static func aligned(_ value: Int) -> Int? {
    let sum = value.addingReportingOverflow(7)
    return sum.overflow ? nil : sum.partialValue & ~7
  }
}
