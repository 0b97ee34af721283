import Classifier
import Foundation
import StanceKit
import StanceSupport
import StanceTestSupport
import TextFeatures

/// Small fitted pipelines with their metadata, trained on a seeded synthetic corpus.
enum ModelFileFixtures {
  /// Words typical of each class, plus words every class uses (some non-ASCII, so the
  /// vocabulary holds multi-byte UTF-8).
  private static let words: [String: [String]] = [
    "hawkish": ["strike", "retaliate", "force", "threat", "never", "surrender", "défendre"],
    "conciliatory": ["talks", "peace", "dialogue", "ceasefire", "compromise", "agree", "paix"],
    "neutral": ["meeting", "report", "today", "minister", "statement", "week", "Zürich"],
  ]
  private static let shared = ["the", "we", "will", "said", "and", "über", "—", "naïve"]

  /// `count` texts and labels drawn with a fixed seed.
  static func corpus(count: Int, seed: UInt64) -> (texts: [String], labels: [String]) {
    var generator = SplitMix64(seed: seed)
    let labels = words.keys.sorted()
    var texts: [String] = []
    var chosen: [String] = []
    for index in 0..<count {
      let label = labels[index % labels.count]
      let own = words[label] ?? []
      let length = 5 + Int(generator.next() % 6)
      var text: [String] = []
      for _ in 0..<length {
        let pool = generator.next() % 3 == 0 ? shared : own
        text.append(pool[Int(generator.next() % UInt64(pool.count))])
      }
      texts.append(text.joined(separator: " "))
      chosen.append(label)
    }
    return (texts, chosen)
  }

  /// Vocabulary mode, word 1–2 grams and character 2–4 grams.
  static func vocabularySettings() throws -> VectorizerConfiguration {
    VectorizerConfiguration(characterNGrams: try NGramRange(2...4))
  }

  /// Hashing mode (2¹² buckets), word 1–2 grams and character 2–3 grams.
  static func hashingSettings() throws -> VectorizerConfiguration {
    VectorizerConfiguration(characterNGrams: try NGramRange(2...3), hashBits: 12)
  }

  /// One training thread, so every fit is bit-for-bit repeatable.
  static let training = TrainingConfiguration(threads: 1)

  /// A pipeline fitted on the seeded corpus with `settings`, and matching metadata.
  static func fitted(_ settings: VectorizerConfiguration, count: Int = 90) throws
    -> (pipeline: Pipeline, metadata: ModelMetadata)
  {
    let data = corpus(count: count, seed: 7)
    let pipeline = try Pipeline.fit(
      texts: data.texts, labels: data.labels, vectorizer: settings, training: training)
    let summary = try TrainingDataSummary(texts: data.texts, labels: data.labels)
    return (pipeline, ModelMetadata(training: training, data: summary))
  }

  /// Texts not seen in training, including an empty one and one of unknown words.
  static let heldOut = [
    "we will never surrender and strike", "peace talks today", "", "xyzzy plugh",
    "the minister said the ceasefire will hold in Zürich",
  ]

  /// Where the binary parts of a model file lie, read the way an outside program would:
  /// from the fixed preamble and the header's section table.
  struct Anatomy {
    /// The header length `L`.
    let headerLength: Int
    /// The data start `D = align8(20 + L)`.
    let dataStart: Int
    /// The parsed header.
    let header: [String: Any]
    /// Section name → (absolute offset, length in bytes).
    let sections: [String: (offset: Int, length: Int)]

    /// Reads the anatomy of a well-formed file.
    init(_ bytes: [UInt8]) throws {
      var length: UInt64 = 0
      for index in (12..<20).reversed() { length = length << 8 | UInt64(bytes[index]) }
      headerLength = Int(length)
      dataStart = (20 + headerLength + 7) / 8 * 8
      let json = Data(bytes[20..<(20 + headerLength)])
      header = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
      var sections: [String: (Int, Int)] = [:]
      for case let entry as [String: Any] in header["sections"] as? [Any] ?? [] {
        if let name = entry["name"] as? String, let offset = entry["offset"] as? Int,
          let length = entry["length"] as? Int
        {
          sections[name] = (dataStart + offset, length)
        }
      }
      self.sections = sections
    }
  }

  /// `bytes` with the header replaced by `header` (JSON text), the length, padding and
  /// checksum redone, as a writer that produced that header would have written it.
  static func replacingHeader(of bytes: [UInt8], with header: String) throws -> [UInt8] {
    let anatomy = try Anatomy(bytes)
    let json = Array(header.utf8)
    var file = Array(bytes[0..<12])
    var length = UInt64(json.count)
    for _ in 0..<8 {
      file.append(UInt8(length & 0xFF))
      length >>= 8
    }
    file += json
    while file.count % 8 != 0 { file.append(0) }
    file += bytes[anatomy.dataStart..<(bytes.count - 4)]
    return resealed(file + [0, 0, 0, 0])
  }

  /// `bytes` with the last four bytes set to the CRC-32C of the others.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var file = bytes
    let checksum = CRC32C.checksum(Array(file[0..<(file.count - 4)]))
    for index in 0..<4 { file[file.count - 4 + index] = UInt8((checksum >> (8 * index)) & 0xFF) }
    return file
  }

  /// The header of `bytes` as JSON text.
  static func headerText(of bytes: [UInt8]) throws -> String {
    let anatomy = try Anatomy(bytes)
    return String(decoding: bytes[20..<(20 + anatomy.headerLength)], as: UTF8.self)
  }
}
