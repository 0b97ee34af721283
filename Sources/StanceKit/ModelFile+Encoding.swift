import Classifier
import Foundation
import LinearAlgebra
import TextFeatures

extension ModelFile {
  /// A model file ready to be written: the preamble and header as bytes, and each binary
  /// section as the array that already holds its values.
  ///
  /// ```
  /// head      magic, version, header length, JSON header, zero bytes up to the data start
  /// section   its little-endian values, then zero bytes up to the next multiple of 8
  /// ```
  /// On a little-endian machine with 64-bit `Int` (every platform Swift ships for today)
  /// the model's `[Int]` and `[Double]` arrays are the section bytes as they are, so no
  /// section is copied; elsewhere they are converted once. The checksum is not included:
  /// it is computed over ``withParts(_:)``.
  struct EncodedFile {
    /// One section's values.
    enum Payload {
      /// Bytes as they are.
      case bytes([UInt8])
      /// Native 64-bit little-endian integers, written as UInt64.
      case integers([Int])
      /// Native little-endian doubles, written as Float64.
      case doubles([Double])
      /// Words already converted to little-endian.
      case words([UInt64])
    }

    /// The preamble, the header and the zero bytes up to the data start.
    let head: [UInt8]
    /// Each section's values and the zero bytes that follow it, in file order.
    let sections: [(payload: Payload, padding: Int)]

    /// Lays out `pipeline` and `metadata` as a model file.
    ///
    /// - Throws: ``ModelFileError/unencodable(detail:)`` for a non-finite weight, one
    ///   beyond ``ModelFile/largestWeightMagnitude``, or a model too large to address.
    init(_ pipeline: Pipeline, metadata: ModelMetadata) throws(ModelFileError) {
      let vectorizer = pipeline.vectorizer
      let model = pipeline.model
      let weights = model.weights.storage
      try Self.checkStorable(model)
      let frequencies = vectorizer.columnDocumentFrequencies
      let inverse = vectorizer.inverseDocumentFrequencies ?? []
      let (summary, terms) = Self.summary(of: vectorizer, frequencies: frequencies)
      guard
        let layout = ModelFileLayout(
          termByteCount: terms.bytes.count, termCount: terms.kinds.count,
          featureCount: vectorizer.featureCount, classCount: model.classCount,
          storesInverseDocumentFrequencies: !inverse.isEmpty)
      else {
        throw .unencodable(detail: "the model is too large to address")
      }
      let header = ModelFileHeader(
        metadata: metadata, labels: model.labels, featureCount: vectorizer.featureCount,
        vectorizer: summary, optimization: pipeline.report, temperature: pipeline.temperature,
        sections: layout.sections)
      let json: [UInt8]
      do {
        json = Array(try ModelFile.headerEncoder().encode(header))
      } catch {
        throw .unencodable(detail: "the header cannot be written as JSON: \(error)")
      }
      guard let dataStart = ModelFileLayout.dataStart(headerLength: json.count),
        layout.fileLength(headerLength: json.count) != nil
      else {
        throw .unencodable(detail: "the model is too large to address")
      }
      var head = [UInt8](repeating: 0, count: dataStart)
      head.withUnsafeMutableBytes { raw in
        raw.copyBytes(from: ModelFile.magic)
        raw.storeBytes(of: ModelFile.formatVersion.littleEndian, toByteOffset: 8, as: UInt32.self)
        raw.storeBytes(of: UInt64(json.count).littleEndian, toByteOffset: 12, as: UInt64.self)
        UnsafeMutableRawBufferPointer(rebasing: raw[ModelFileLayout.preambleLength...])
          .copyBytes(from: json)
      }
      let kindCodes = terms.kinds.map { $0 == .wordNGram ? UInt8(0) : 1 }
      var payloads: [Payload] = []
      for name in SectionName.allCases {
        switch name {
        case .termBytes: payloads.append(.bytes(terms.bytes))
        case .termOffsets: payloads.append(Self.integers(terms.starts))
        case .termKinds: payloads.append(.bytes(kindCodes))
        case .documentFrequencies: payloads.append(Self.integers(frequencies))
        case .inverseDocumentFrequencies: payloads.append(Self.doubles(inverse))
        case .weights: payloads.append(Self.doubles(weights))
        case .intercepts: payloads.append(Self.doubles(model.intercepts))
        }
      }
      var sections: [(payload: Payload, padding: Int)] = []
      for (index, section) in layout.sections.enumerated() {
        let end = section.offset + section.length
        let next =
          index + 1 < layout.sections.count
          ? layout.sections[index + 1].offset : layout.dataLength
        sections.append((payloads[index], next - end))
      }
      self.head = head
      self.sections = sections
    }

    /// Refuses a model the reader would refuse: a weight or intercept that is not finite or
    /// beyond ``ModelFile/largestWeightMagnitude``.
    private static func checkStorable(_ model: LogisticModel) throws(ModelFileError) {
      let weights = model.weights.storage
      guard weights.allSatisfy(\.isFinite), model.intercepts.allSatisfy(\.isFinite) else {
        throw .unencodable(
          detail: "a weight is not a finite number (training diverged); retrain, for example "
            + "with a smaller --c")
      }
      // A file is never written that the reader would refuse.
      guard weights.allSatisfy(ModelFile.isStorable),
        model.intercepts.allSatisfy(ModelFile.isStorable)
      else {
        throw .unencodable(
          detail: "a weight's magnitude exceeds \(ModelFile.largestWeightMagnitude) (training "
            + "diverged); retrain, for example with a smaller --c")
      }
    }

    /// The header's account of `vectorizer` and, in vocabulary mode, its terms as flat
    /// arrays (empty in hashing mode).
    private static func summary(of vectorizer: Vectorizer, frequencies: [Int])
      -> (VectorizerSummary, terms: (bytes: [UInt8], starts: [Int], kinds: [FeatureKind]))
    {
      var terms: (bytes: [UInt8], starts: [Int], kinds: [FeatureKind]) = ([], [0], [])
      var summary = VectorizerSummary(
        tokenizerSpec: Vectorizer.tokenizerSpecVersion, featureHash: Vectorizer.featureHashVersion,
        mode: .vocabulary, configuration: vectorizer.configuration,
        documentCount: vectorizer.documentCount)
      if let vocabulary = vectorizer.vocabulary {
        terms = vocabulary.flattenedTerms()
        let words = terms.kinds.count { $0 == .wordNGram }
        summary.vocabulary = VocabularySummary(
          termCount: terms.kinds.count, termByteCount: terms.bytes.count, wordNGramCount: words,
          characterNGramCount: terms.kinds.count - words)
      } else if let hasher = vectorizer.hasher {
        summary.mode = .hashing
        summary.hashing = HashingSummary(
          bits: hasher.bits, bucketCount: hasher.bucketCount,
          usedBucketCount: frequencies.count { $0 > 0 })
      }
      return (summary, terms)
    }

    /// Whether `[Int]` and `[Double]` hold their values as the file stores them.
    private static var nativeIsFileOrder: Bool {
      MemoryLayout<Int>.size == 8 && 1.littleEndian == 1
    }

    /// Integers as a UInt64 little-endian section.
    private static func integers(_ values: [Int]) -> Payload {
      nativeIsFileOrder
        ? .integers(values) : .words(values.map { UInt64(truncatingIfNeeded: $0).littleEndian })
    }

    /// Doubles as a Float64 little-endian section.
    private static func doubles(_ values: [Double]) -> Payload {
      nativeIsFileOrder ? .doubles(values) : .words(values.map { $0.bitPattern.littleEndian })
    }

    /// Zero bytes for the padding between sections (at most 7 are ever needed).
    private static let zeros = [UInt8](repeating: 0, count: 8)

    /// Calls `body` with every byte run of the file in order, all but the checksum.
    ///
    /// The runs point into the encoded arrays and are valid only during the call.
    func withParts<Result>(_ body: ([UnsafeRawBufferPointer]) -> Result) -> Result {
      head.withUnsafeBytes { head in
        Self.zeros.withUnsafeBytes { zeros in
          collect(section: 0, into: [head], zeros: zeros, body)
        }
      }
    }

    /// Adds the runs of `sections[section...]` to `parts`, then calls `body`.
    private func collect<Result>(
      section: Int, into parts: [UnsafeRawBufferPointer], zeros: UnsafeRawBufferPointer,
      _ body: ([UnsafeRawBufferPointer]) -> Result
    ) -> Result {
      guard section < sections.count else { return body(parts) }
      let (payload, padding) = sections[section]
      let next = { (bytes: UnsafeRawBufferPointer) -> Result in
        var parts = parts
        parts.append(bytes)
        if padding > 0 { parts.append(UnsafeRawBufferPointer(rebasing: zeros[0..<padding])) }
        return collect(section: section + 1, into: parts, zeros: zeros, body)
      }
      switch payload {
      case .bytes(let values): return values.withUnsafeBytes(next)
      case .integers(let values): return values.withUnsafeBytes(next)
      case .doubles(let values): return values.withUnsafeBytes(next)
      case .words(let values): return values.withUnsafeBytes(next)
      }
    }
  }
}
