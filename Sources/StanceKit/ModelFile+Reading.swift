import Classifier
import Foundation
import LinearAlgebra
import StanceSupport
import TextFeatures

/// Reading a model file: the framing, the checksum, the header against the sections, and
/// every invariant of the stored vectorizer and model (see ``ModelFile``).
extension ModelFile {
  /// Checks the framing and the checksum, then builds the pipeline.
  ///
  /// The checksum pass over the whole file runs on one thread while the header is parsed
  /// and the vectorizer built on another; the weights are copied and checked after the
  /// checksum on the first thread. Nothing found while parsing is reported, and nothing is
  /// returned, before the checksum has been compared, so the errors are those (and in the
  /// order) of a sequential reading. `release` is told which bytes have been used (by the
  /// checksum pass, and each section once copied), so a mapped file's pages can be given
  /// back as the reading goes.
  static func decode(
    _ raw: UnsafeRawBufferPointer, path: String,
    release: @escaping @Sendable (Range<Int>) -> Void = { _ in }
  ) throws(ModelFileError) -> (pipeline: Pipeline, metadata: ModelMetadata) {
    let size = raw.count
    let (version, storedLength) = try checkPreamble(raw, path: path)
    let available = size - ModelFileLayout.minimumFileLength
    let checked = size - ModelFileLayout.checksumLength
    let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: checked, as: UInt32.self))
    let checkedBytes = UnsafeRawBufferPointer(rebasing: raw[0..<checked])
    guard storedLength <= UInt64(available) else {
      throw headerPastEndError(
        checkedBytes, stored: stored, storedLength: storedLength, size: size, path: path)
    }
    let headerLength = Int(storedLength)
    let headerBytes = UnsafeRawBufferPointer(
      rebasing: raw[
        ModelFileLayout.preambleLength..<(ModelFileLayout.preambleLength + headerLength)])
    // Parsed before the checksum is known; its errors wait until the checksum holds.
    let framing = Result { () throws(ModelFileError) in
      try checkFraming(
        raw, version: version, headerLength: headerLength, path: path, release: release)
    }
    let sections = try? framing.get().sections
    var computed: UInt32 = 0
    var vectorizer: Result<Vectorizer, ModelFileError>?
    var model: Result<(weights: [Double], intercepts: [Double]), ModelFileError>?
    var inverseCheck: Result<Void, ModelFileError>?
    // A small file is quicker read on one thread than handed to two.
    Parallel.both(
      onTwoThreads: size >= CRC32C.parallelBlockLength,
      {
        var crc = CRC32C()
        var start = 0
        while start < checked {
          let end = min(checked, start + (1 << 24))
          crc.update(UnsafeRawBufferPointer(rebasing: checkedBytes[start..<end]))
          release(start..<end)
          start = end
        }
        computed = crc.checksum
        model = sections.map { sections in
          Result { () throws(ModelFileError) in try readWeights(sections, path: path) }
        }
        // Off the vectorizer's thread, which has more to do.
        inverseCheck = sections.map { sections in
          Result { () throws(ModelFileError) in
            try checkInverseDocumentFrequencies(sections, path: path)
          }
        }
      },
      {
        vectorizer = sections.map { sections in
          Result { () throws(ModelFileError) in try readVectorizer(sections, path: path) }
        }
      })
    guard stored == computed else {
      throw checksumError(
        headerBytes, stored: stored, computed: computed, size: size, path: path)
    }
    let header = try framing.get().header
    guard let vectorizer, let inverseCheck, let model else {
      throw .inconsistent(path: path, detail: "the sections could not be read")
    }
    let checkedVectorizer = try vectorizer.get()
    try inverseCheck.get()
    let pipeline = try assemble(
      header, vectorizer: checkedVectorizer, weights: try model.get(), path: path)
    return (pipeline, header.metadata)
  }

  /// Checks the preamble: a non-empty file that starts with the magic, is long enough for
  /// the preamble and the checksum, and has a version this code reads.
  ///
  /// - Returns: The format version and the stored header length.
  private static func checkPreamble(_ raw: UnsafeRawBufferPointer, path: String)
    throws(ModelFileError) -> (version: UInt32, headerLength: UInt64)
  {
    let size = raw.count
    guard size > 0 else { throw .empty(path: path) }
    guard raw.prefix(magic.count).elementsEqual(magic.prefix(size)) else {
      throw .notAModel(path: path)
    }
    guard size >= ModelFileLayout.minimumFileLength else {
      throw .truncated(path: path, expected: ModelFileLayout.minimumFileLength, found: size)
    }
    let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    guard version <= formatVersion else {
      throw .newerVersion(path: path, found: version, supported: formatVersion)
    }
    return (
      version, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
    )
  }

  /// The error for a header that runs past the end of the file: a cut-off file, unless the
  /// length itself is damaged (then the checksum fails too, or, if it holds, the writer was
  /// wrong).
  private static func headerPastEndError(
    _ checkedBytes: UnsafeRawBufferPointer, stored: UInt32, storedLength: UInt64, size: Int,
    path: String
  ) -> ModelFileError {
    let computed = CRC32C.checksum(checkedBytes)
    guard stored != computed else {
      return .inconsistent(path: path, detail: "the header length exceeds the file")
    }
    guard storedLength < 1 << 32 else {
      return .checksumMismatch(path: path, stored: stored, computed: computed)
    }
    return .truncated(
      path: path, expected: ModelFileLayout.minimumFileLength + Int(storedLength), found: size)
  }

  /// The error for a failed checksum: a cut-off file whose header survived says how long it
  /// should be; anything else is a mismatch.
  private static func checksumError(
    _ headerBytes: UnsafeRawBufferPointer, stored: UInt32, computed: UInt32, size: Int,
    path: String
  ) -> ModelFileError {
    if let header = try? decodeHeader(headerBytes, path: path),
      let layout = try? sectionLayout(of: header, path: path),
      let expected = layout.fileLength(headerLength: headerBytes.count), expected > size
    {
      return .truncated(path: path, expected: expected, found: size)
    }
    return .checksumMismatch(path: path, stored: stored, computed: computed)
  }

  /// Everything checked after the checksum and before the sections: the version, the
  /// header, the section table against the file size, and the zero padding.
  private static func checkFraming(
    _ raw: UnsafeRawBufferPointer, version: UInt32, headerLength: Int, path: String,
    release: @escaping @Sendable (Range<Int>) -> Void
  ) throws(ModelFileError) -> (header: ModelFileHeader, sections: SectionReader) {
    let size = raw.count
    let headerBytes = UnsafeRawBufferPointer(
      rebasing: raw[
        ModelFileLayout.preambleLength..<(ModelFileLayout.preambleLength + headerLength)])
    guard version >= 1 else {
      throw .inconsistent(path: path, detail: "format version 0 does not exist")
    }
    if let probe = try? JSONDecoder().decode(
      VectorizerVersionProbe.self, from: Data(headerBytes))
    {
      try checkVersions(probe.vectorizer, path: path)
    }
    let header = try decodeHeader(headerBytes, path: path)
    let layout = try sectionLayout(of: header, path: path)
    guard let dataStart = ModelFileLayout.dataStart(headerLength: headerLength),
      layout.fileLength(headerLength: headerLength) == size
    else {
      throw .inconsistent(
        path: path,
        detail: "the header describes a file of "
          + "\(layout.fileLength(headerLength: headerLength).map(String.init) ?? "unaddressable")"
          + " bytes but the file has \(size)")
    }
    let padding =
      [(ModelFileLayout.preambleLength + headerLength)..<dataStart]
      + layout.gaps.map { (dataStart + $0.lowerBound)..<(dataStart + $0.upperBound) }
    for gap in padding where raw[gap].contains(where: { $0 != 0 }) {
      throw .inconsistent(path: path, detail: "padding bytes \(gap) are not zero")
    }
    return (
      header,
      SectionReader(
        raw: raw, dataStart: dataStart, layout: layout, header: header, release: release)
    )
  }

  /// Builds and checks the vectorizer from checked sections, with its stored idf.
  private static func readVectorizer(_ sections: SectionReader, path: String)
    throws(ModelFileError) -> Vectorizer
  {
    func inconsistent(_ detail: String) -> ModelFileError {
      .inconsistent(path: path, detail: detail)
    }
    let summary = sections.header.vectorizer
    let frequencies = sections.integers(.documentFrequencies)
    let vectorizer: Vectorizer
    do {
      switch summary.mode {
      case .vocabulary:
        // The terms are read where they lie in the file: one copy, into the vocabulary.
        let kindCodes = sections.raw(.termKinds).bindMemory(to: UInt8.self)
        guard kindCodes.allSatisfy({ $0 <= 1 }) else {
          throw inconsistent("a term kind is neither 0 (word) nor 1 (character n-gram)")
        }
        let words = kindCodes.count { $0 == 0 }
        guard
          let counts = summary.vocabulary, counts.wordNGramCount == words,
          counts.characterNGramCount == kindCodes.count - words
        else {
          throw inconsistent("the header's term counts do not match the stored term kinds")
        }
        let vocabulary = try sections.withIntegers(.termOffsets) {
          starts throws(VectorizerStateError) in
          try Vocabulary(
            flattenedBytes: sections.raw(.termBytes).bindMemory(to: UInt8.self), starts: starts,
            kindCodes: kindCodes, documentFrequencies: frequencies,
            documentCount: summary.documentCount, threads: checksumThreads
          ) {
            for name in [SectionName.termKinds, .termBytes, .termOffsets] {
              sections.release(name)
            }
          }
        }
        vectorizer = try Vectorizer(configuration: summary.configuration, vocabulary: vocabulary)
      case .hashing:
        vectorizer = try Vectorizer(
          configuration: summary.configuration, documentCount: summary.documentCount,
          columnDocumentFrequencies: frequencies)
        guard summary.hashing?.usedBucketCount == frequencies.count(where: { $0 > 0 }) else {
          throw inconsistent("the header's used bucket count does not match the stored counts")
        }
      }
    } catch let error as VectorizerStateError {
      throw inconsistent("the stored vectorizer is invalid: \(error.description)")
    } catch let error as ModelFileError {
      throw error
    } catch {
      throw inconsistent("\(error)")
    }
    return vectorizer
  }

  /// Checks each stored idf value against the one its stored document frequency gives,
  /// `ln((1 + n) / (1 + df)) + 1` as the vectorizer computes it, reading both sections in
  /// place.
  ///
  /// The idf values are derived data: a file whose idf disagrees with its frequencies was
  /// not written by ``write(_:metadata:to:)``. A frequency that is out of range gives some
  /// value here, and the vectorizer refuses it (that error is reported first).
  private static func checkInverseDocumentFrequencies(_ sections: SectionReader, path: String)
    throws(ModelFileError)
  {
    let inverse = sections.raw(.inverseDocumentFrequencies)
    let frequencies = sections.raw(.documentFrequencies)
    let documentCount = sections.header.vectorizer.documentCount
    let count = inverse.count / 8
    guard count > 0 else { return }
    defer { sections.release(.inverseDocumentFrequencies) }
    // Most terms share a few small document frequencies: compute each idf once.
    var known = [Double](repeating: -1, count: min(max(documentCount, 0), 4096) + 1)
    for index in 0..<count {
      let frequency = Int(
        truncatingIfNeeded: UInt64(
          littleEndian: frequencies.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
      let stored = Double(
        bitPattern: UInt64(
          littleEndian: inverse.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
      let recomputed: Double
      if frequency >= 0 && frequency < known.count && known[frequency] >= 0 {
        recomputed = known[frequency]
      } else {
        recomputed = TermWeighting.inverseDocumentFrequency(
          documentFrequency: frequency, documentCount: documentCount)
        if frequency >= 0 && frequency < known.count { known[frequency] = recomputed }
      }
      // Recomputed idf may differ from the writer's in the last bit on another libm.
      guard abs(stored - recomputed) <= 1e-12 * max(1, abs(recomputed)) else {
        throw .inconsistent(
          path: path,
          detail: "a stored idf value (\(stored)) does not match its document frequency "
            + "(\(recomputed))")
      }
    }
  }

  /// Copies and checks the weights and intercepts of checked sections.
  private static func readWeights(_ sections: SectionReader, path: String)
    throws(ModelFileError) -> (weights: [Double], intercepts: [Double])
  {
    let weights = sections.doubles(.weights)
    let intercepts = sections.doubles(.intercepts)
    // One pass in the common case: a storable value is finite.
    guard weights.allSatisfy(isStorable), intercepts.allSatisfy(isStorable) else {
      guard weights.allSatisfy(\.isFinite), intercepts.allSatisfy(\.isFinite) else {
        throw .inconsistent(path: path, detail: "a weight or intercept is not a finite number")
      }
      // Huge finite weights would overflow the scores to ±∞ and the probabilities to NaN.
      throw .inconsistent(
        path: path,
        detail: "a weight or intercept exceeds \(largestWeightMagnitude) in magnitude, "
          + "which no training produces")
    }
    return (weights, intercepts)
  }

  /// Puts the checked vectorizer and weights together into a pipeline, with the prior-shift
  /// factors of the header's deployment prior when it has one.
  private static func assemble(
    _ header: ModelFileHeader, vectorizer: Vectorizer,
    weights: (weights: [Double], intercepts: [Double]), path: String
  ) throws(ModelFileError) -> Pipeline {
    let model = LogisticModel(
      labels: header.labels,
      weights: DenseMatrix(
        rows: header.featureCount, columns: header.labels.count, storage: weights.weights),
      intercepts: weights.intercepts)
    let pipeline: Pipeline
    do {
      pipeline = try Pipeline(
        vectorizer: vectorizer, model: model, report: header.optimization,
        temperature: header.temperature
      ).withVectorScaling(header.vectorScaling)
    } catch {
      throw .inconsistent(path: path, detail: error.description)
    }
    guard let prior = header.metadata.deploymentPrior else { return pipeline }
    do {
      let factors = try prior.factors(
        labels: header.labels,
        trainingPriors: header.metadata.trainingPriors(labels: header.labels))
      return pipeline.withPriorFactors(factors)
    } catch {
      throw .inconsistent(path: path, detail: error.description)
    }
  }

  /// Checks the header's counts against each other and returns the section layout they
  /// imply; the labels are checked here so that building the model cannot fail.
  private static func sectionLayout(of header: ModelFileHeader, path: String)
    throws(ModelFileError) -> ModelFileLayout
  {
    func inconsistent(_ detail: String) -> ModelFileError {
      .inconsistent(path: path, detail: detail)
    }
    guard header.labels.count >= 2, Set(header.labels).count == header.labels.count else {
      throw inconsistent("the header needs at least two distinct labels")
    }
    let summary = header.vectorizer
    guard summary.documentCount >= 1, header.featureCount >= 1 else {
      throw inconsistent("the header needs at least one document and one feature")
    }
    var termCount = 0
    var termByteCount = 0
    switch summary.mode {
    case .vocabulary:
      guard let vocabulary = summary.vocabulary, summary.hashing == nil,
        summary.configuration.hashBits == nil, vocabulary.termCount == header.featureCount,
        vocabulary.termByteCount >= 0
      else {
        throw inconsistent("the vocabulary summary does not match the vocabulary mode")
      }
      termCount = vocabulary.termCount
      termByteCount = vocabulary.termByteCount
    case .hashing:
      guard let hashing = summary.hashing, summary.vocabulary == nil,
        summary.configuration.hashBits == hashing.bits,
        FeatureHasher.bitRange.contains(hashing.bits),
        hashing.bucketCount == 1 << hashing.bits, hashing.bucketCount == header.featureCount
      else {
        throw inconsistent("the hashing summary does not match the hashing mode")
      }
    }
    guard
      let layout = ModelFileLayout(
        termByteCount: termByteCount, termCount: termCount, featureCount: header.featureCount,
        classCount: header.labels.count,
        storesInverseDocumentFrequencies: summary.configuration.weighting
          .usesInverseDocumentFrequency)
    else {
      throw inconsistent("the header's counts are too large")
    }
    guard layout.sections == header.sections else {
      throw inconsistent("the header's section table does not match its counts")
    }
    return layout
  }

  /// Refuses tokenizer and feature hash versions this code does not implement.
  private static func checkVersions(_ versions: VectorizerVersionProbe.Versions, path: String)
    throws(ModelFileError)
  {
    guard versions.tokenizerSpec == Vectorizer.tokenizerSpecVersion,
      versions.featureHash == Vectorizer.featureHashVersion
    else {
      throw .unsupportedFeatures(
        path: path,
        detail: "the model uses tokenizer spec \(versions.tokenizerSpec) and feature hash "
          + "\(versions.featureHash), this StanceKit implements tokenizer spec "
          + "\(Vectorizer.tokenizerSpecVersion) and feature hash \(Vectorizer.featureHashVersion)")
    }
  }

  /// Decodes the JSON header, turning decoding errors into a readable reason.
  private static func decodeHeader(_ bytes: UnsafeRawBufferPointer, path: String)
    throws(ModelFileError) -> ModelFileHeader
  {
    do {
      return try JSONDecoder().decode(ModelFileHeader.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw .inconsistent(path: path, detail: "the header is not valid: \(describe(error))")
    } catch {
      throw .inconsistent(path: path, detail: "the header is not valid JSON")
    }
  }

  /// A one-line account of a decoding error: what and where.
  private static func describe(_ error: DecodingError) -> String {
    func place(_ path: [any CodingKey]) -> String {
      path.isEmpty ? "the top level" : path.map(\.stringValue).joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "the key '\(key.stringValue)' is missing at \(place(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(place(context.codingPath)) has the wrong type"
    case .dataCorrupted(let context):
      return "\(place(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
