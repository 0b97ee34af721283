import Classifier
import Foundation
import LinearAlgebra
import TextFeatures

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes `.stance` model files: one file holding everything needed to predict.
///
/// ```
/// offset   size   content
/// 0        8      magic 89 53 54 41 4E 43 45 0A ("\x89STANCE\n")
/// 8        4      format version, UInt32 little-endian (1)
/// 12       8      header length L, UInt64 little-endian
/// 20       L      header: canonical JSON (sorted keys, no timestamps, no whitespace)
/// 20 + L   0–7    zero bytes up to the data start D = align8(20 + L)
/// D        S      binary sections, little-endian, each 8-byte aligned, zero padding:
///                 termBytes (UInt8), termOffsets (UInt64), termKinds (UInt8),
///                 documentFrequencies (UInt64), inverseDocumentFrequencies (Float64),
///                 weights (Float64, d × K feature-major), intercepts (Float64)
/// D + S    4      CRC-32C of bytes 0 ..< D + S, UInt32 little-endian
/// ```
///
/// `docs/model-file.md` specifies every header key and section. Every format version keeps
/// the magic, the version at offset 8 and the checksum as the last four bytes, so any
/// version can be recognised and checked.
///
/// Writing is deterministic: the same pipeline and metadata give the same bytes (JSON keys
/// sorted, numbers in Swift's shortest round-trip form, which does not depend on the
/// locale). Files are written through ``AtomicFileWriter``. Reading checks, in order: the
/// magic, the version, the length, the checksum, then the header against the sections and
/// every invariant of a fitted vectorizer and model, so a loaded pipeline is sound.
///
/// Loading costs one read of the file, one checksum pass, and one pass over each section;
/// no per-feature JSON is parsed.
public enum ModelFile {
  /// The format version this StanceKit writes, and the newest it reads.
  public static let formatVersion: UInt32 = 1

  /// The first eight bytes of every model file: `0x89`, `STANCE`, `\n`.
  ///
  /// The non-ASCII first byte and the line feed make a file mangled by a text-mode transfer
  /// fail the check.
  public static let magic: [UInt8] = [0x89, 0x53, 0x54, 0x41, 0x4E, 0x43, 0x45, 0x0A]

  /// The largest magnitude of a weight or intercept that is written or read: `1e100`.
  ///
  /// Finite weights near `Double.greatestFiniteMagnitude` add up to ±∞ in a score
  /// `xᵢ·W + b`, and the softmax of ±∞ is NaN. Below this bound a score stays finite
  /// (feature values are at most about 1e12 and a row has far fewer than 1e100 entries),
  /// and no training reaches it: the L2 penalty keeps weights many orders of magnitude
  /// smaller.
  public static let largestWeightMagnitude = 1e100

  /// Whether `value` is finite and within ``largestWeightMagnitude``.
  private static func isStorable(_ value: Double) -> Bool {
    abs(value) <= largestWeightMagnitude
  }

  /// Writes `pipeline` and `metadata` to `path` atomically.
  ///
  /// - Parameters:
  ///   - pipeline: The fitted pipeline.
  ///   - metadata: Training settings, data summary and tool version.
  ///   - path: The file to (re)place; its folder must exist.
  /// - Throws: ``ModelFileError/unencodable(detail:)`` for a model with a non-finite
  ///   weight or one beyond ``largestWeightMagnitude``, ``ModelFileError/cannotWrite(_:)``
  ///   when the file cannot be written (the earlier file at `path`, if any, is then
  ///   unchanged).
  /// - Complexity: O(file size).
  public static func write(_ pipeline: Pipeline, metadata: ModelMetadata, to path: String)
    throws(ModelFileError)
  {
    let bytes = try encode(pipeline, metadata: metadata)
    do {
      try AtomicFileWriter.write(bytes, to: path)
    } catch {
      throw .cannotWrite(error)
    }
  }

  /// Reads the pipeline and metadata stored at `path`.
  ///
  /// - Parameter path: A `.stance` file.
  /// - Returns: The pipeline and the metadata.
  /// - Throws: ``ModelFileError``: the file cannot be read, is empty, is not a model, is of
  ///   a newer format, is truncated, fails its checksum, or is inconsistent.
  /// - Complexity: O(file size).
  public static func read(path: String) throws(ModelFileError)
    -> (pipeline: Pipeline, metadata: ModelMetadata)
  {
    try decode(try readFile(path), path: path)
  }

  /// The bytes of a model file for `pipeline` and `metadata`.
  ///
  /// - Parameters:
  ///   - pipeline: The fitted pipeline.
  ///   - metadata: Training settings, data summary and tool version.
  /// - Returns: The complete file content.
  /// - Throws: ``ModelFileError/unencodable(detail:)`` for a model with a non-finite
  ///   weight or one beyond ``largestWeightMagnitude``.
  /// - Complexity: O(file size).
  public static func encode(_ pipeline: Pipeline, metadata: ModelMetadata)
    throws(ModelFileError) -> [UInt8]
  {
    let vectorizer = pipeline.vectorizer
    let model = pipeline.model
    guard model.weights.storage.allSatisfy(\.isFinite), model.intercepts.allSatisfy(\.isFinite)
    else {
      throw .unencodable(
        detail: "a weight is not a finite number (training diverged); retrain, for example "
          + "with a smaller --c")
    }
    // A file is never written that the reader would refuse.
    guard model.weights.storage.allSatisfy(isStorable), model.intercepts.allSatisfy(isStorable)
    else {
      throw .unencodable(
        detail: "a weight's magnitude exceeds \(largestWeightMagnitude) (training diverged); "
          + "retrain, for example with a smaller --c")
    }
    let frequencies = vectorizer.columnDocumentFrequencies
    let inverse = vectorizer.inverseDocumentFrequencies ?? []
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
      json = Array(try headerEncoder().encode(header))
    } catch {
      throw .unencodable(detail: "the header cannot be written as JSON: \(error)")
    }
    guard let dataStart = ModelFileLayout.dataStart(headerLength: json.count),
      let fileLength = layout.fileLength(headerLength: json.count)
    else {
      throw .unencodable(detail: "the model is too large to address")
    }
    var file = [UInt8](repeating: 0, count: fileLength)
    file.withUnsafeMutableBytes { raw in
      for (index, byte) in magic.enumerated() { raw[index] = byte }
      raw.storeBytes(of: formatVersion.littleEndian, toByteOffset: 8, as: UInt32.self)
      raw.storeBytes(of: UInt64(json.count).littleEndian, toByteOffset: 12, as: UInt64.self)
      for (index, byte) in json.enumerated() { raw[ModelFileLayout.preambleLength + index] = byte }
      func start(_ name: SectionName) -> Int { dataStart + layout.section(name).offset }
      for (index, byte) in terms.bytes.enumerated() { raw[start(.termBytes) + index] = byte }
      store(terms.starts, into: raw, at: start(.termOffsets))
      for (index, kind) in terms.kinds.enumerated() {
        raw[start(.termKinds) + index] = kind == .wordNGram ? 0 : 1
      }
      store(frequencies, into: raw, at: start(.documentFrequencies))
      store(inverse, into: raw, at: start(.inverseDocumentFrequencies))
      model.weights.withUnsafeBufferPointer { store($0, into: raw, at: start(.weights)) }
      model.intercepts.withUnsafeBufferPointer { store($0, into: raw, at: start(.intercepts)) }
      let checked = fileLength - ModelFileLayout.checksumLength
      let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<checked]))
      raw.storeBytes(of: checksum.littleEndian, toByteOffset: checked, as: UInt32.self)
    }
    return file
  }

  /// Reads a pipeline and metadata from the bytes of a model file.
  ///
  /// - Parameters:
  ///   - bytes: The complete file content.
  ///   - path: The file's name, for messages.
  /// - Returns: The pipeline and the metadata.
  /// - Throws: ``ModelFileError``, as ``read(path:)``.
  /// - Complexity: O(`bytes.count`).
  public static func decode(_ bytes: [UInt8], path: String) throws(ModelFileError)
    -> (pipeline: Pipeline, metadata: ModelMetadata)
  {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(ModelFileError) in try decode(raw, path: path) }
    }
    return try result.get()
  }

  // MARK: - Reading

  /// Checks the framing and the checksum, then builds the pipeline.
  private static func decode(_ raw: UnsafeRawBufferPointer, path: String)
    throws(ModelFileError) -> (pipeline: Pipeline, metadata: ModelMetadata)
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
    let storedLength = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
    let available = size - ModelFileLayout.minimumFileLength
    let checked = size - ModelFileLayout.checksumLength
    let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: checked, as: UInt32.self))
    let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<checked]))
    guard storedLength <= UInt64(available) else {
      // The header runs past the end: a cut-off file, unless the length itself is damaged
      // (then the checksum fails too, or, if it holds, the writer was wrong).
      guard stored != computed else {
        throw .inconsistent(path: path, detail: "the header length exceeds the file")
      }
      guard storedLength < 1 << 32 else {
        throw .checksumMismatch(path: path, stored: stored, computed: computed)
      }
      throw .truncated(
        path: path, expected: ModelFileLayout.minimumFileLength + Int(storedLength), found: size)
    }
    let headerLength = Int(storedLength)
    let headerBytes = UnsafeRawBufferPointer(
      rebasing: raw[
        ModelFileLayout.preambleLength..<(ModelFileLayout.preambleLength + headerLength)])
    guard stored == computed else {
      // A cut-off file whose header survived says how long it should be.
      if let header = try? decodeHeader(headerBytes, path: path),
        let layout = try? sectionLayout(of: header, path: path),
        let expected = layout.fileLength(headerLength: headerLength), expected > size
      {
        throw .truncated(path: path, expected: expected, found: size)
      }
      throw .checksumMismatch(path: path, stored: stored, computed: computed)
    }
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
    let sections = SectionReader(raw: raw, dataStart: dataStart, layout: layout)
    let pipeline = try assemble(header, sections, path: path)
    return (pipeline, header.metadata)
  }

  /// Builds and checks the vectorizer, the model and the pipeline from checked sections.
  private static func assemble(
    _ header: ModelFileHeader, _ sections: SectionReader, path: String
  ) throws(ModelFileError) -> Pipeline {
    func inconsistent(_ detail: String) -> ModelFileError {
      .inconsistent(path: path, detail: detail)
    }
    let summary = header.vectorizer
    let frequencies = sections.integers(.documentFrequencies)
    let vectorizer: Vectorizer
    do {
      switch summary.mode {
      case .vocabulary:
        let kindCodes = sections.bytes(.termKinds)
        guard kindCodes.allSatisfy({ $0 <= 1 }) else {
          throw inconsistent("a term kind is neither 0 (word) nor 1 (character n-gram)")
        }
        let kinds = kindCodes.map { $0 == 0 ? FeatureKind.wordNGram : .characterNGram }
        let words = kinds.count { $0 == .wordNGram }
        guard
          let counts = summary.vocabulary, counts.wordNGramCount == words,
          counts.characterNGramCount == kinds.count - words
        else {
          throw inconsistent("the header's term counts do not match the stored term kinds")
        }
        let vocabulary = try Vocabulary(
          flattenedBytes: sections.bytes(.termBytes), starts: sections.integers(.termOffsets),
          kinds: kinds, documentFrequencies: frequencies, documentCount: summary.documentCount)
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
    let storedInverse = sections.doubles(.inverseDocumentFrequencies)
    if let inverse = vectorizer.inverseDocumentFrequencies {
      // Recomputed idf may differ from the writer's in the last bit on another libm.
      for (stored, recomputed) in zip(storedInverse, inverse)
      where !(abs(stored - recomputed) <= 1e-12 * max(1, abs(recomputed))) {
        throw inconsistent(
          "a stored idf value (\(stored)) does not match its document frequency "
            + "(\(recomputed))")
      }
    }
    let weights = sections.doubles(.weights)
    let intercepts = sections.doubles(.intercepts)
    guard weights.allSatisfy(\.isFinite), intercepts.allSatisfy(\.isFinite) else {
      throw inconsistent("a weight or intercept is not a finite number")
    }
    // Huge finite weights would overflow the scores to ±∞ and the probabilities to NaN.
    guard weights.allSatisfy(isStorable), intercepts.allSatisfy(isStorable) else {
      throw inconsistent(
        "a weight or intercept exceeds \(largestWeightMagnitude) in magnitude, "
          + "which no training produces")
    }
    let model = LogisticModel(
      labels: header.labels,
      weights: DenseMatrix(
        rows: header.featureCount, columns: header.labels.count, storage: weights),
      intercepts: intercepts)
    do {
      return try Pipeline(
        vectorizer: vectorizer, model: model, report: header.optimization,
        temperature: header.temperature)
    } catch {
      throw inconsistent(error.description)
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

  /// The encoder for headers: sorted keys, compact, slashes unescaped.
  private static func headerEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  /// Stores integers as UInt64 little-endian from `offset`.
  private static func store(
    _ values: [Int], into raw: UnsafeMutableRawBufferPointer, at offset: Int
  ) {
    for (index, value) in values.enumerated() {
      raw.storeBytes(
        of: UInt64(truncatingIfNeeded: value).littleEndian, toByteOffset: offset + 8 * index,
        as: UInt64.self)
    }
  }

  /// Stores doubles as Float64 little-endian from `offset`.
  private static func store(
    _ values: [Double], into raw: UnsafeMutableRawBufferPointer, at offset: Int
  ) {
    values.withUnsafeBufferPointer { store($0, into: raw, at: offset) }
  }

  /// Stores doubles as Float64 little-endian from `offset`.
  private static func store(
    _ values: UnsafeBufferPointer<Double>, into raw: UnsafeMutableRawBufferPointer, at offset: Int
  ) {
    for index in values.indices {
      raw.storeBytes(
        of: values[index].bitPattern.littleEndian, toByteOffset: offset + 8 * index,
        as: UInt64.self)
    }
  }

  /// The whole content of the file at `path`.
  private static func readFile(_ path: String) throws(ModelFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unreadable(path: path, reason: explainOpenFailure(errno))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    guard status.st_mode & mode_t(S_IFMT) != mode_t(S_IFDIR) else {
      throw .unreadable(path: path, reason: "it is a folder; give the path of a .stance file")
    }
    let expected = Int(status.st_size)
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }
      while initialized < expected {
        let result = systemRead(descriptor, base + initialized, expected - initialized)
        if result < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if result == 0 { return }
        initialized += result
      }
    }
    guard failure == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(failure)))
    }
    return bytes
  }

  /// Why `open` failed, with what to do.
  private static func explainOpenFailure(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "the file does not exist; check the path or train a model first"
    case EACCES, EPERM: return "permission denied; check the file's permissions"
    case ENOTDIR: return "a part of the path is a file, not a folder"
    default: return String(cString: strerror(code))
    }
  }
}

/// Typed views of the binary sections of a checked file.
private struct SectionReader {
  let raw: UnsafeRawBufferPointer
  let dataStart: Int
  let layout: ModelFileLayout

  /// The byte range of a section within the file.
  private func span(_ name: SectionName) -> (offset: Int, count: Int) {
    let section = layout.section(name)
    return (dataStart + section.offset, section.count)
  }

  /// A UInt8 section.
  func bytes(_ name: SectionName) -> [UInt8] {
    let (offset, count) = span(name)
    return Array(raw[offset..<(offset + count)])
  }

  /// A UInt64 section as `Int` (values above `Int.max` become negative, which every
  /// consumer refuses).
  func integers(_ name: SectionName) -> [Int] {
    let (offset, count) = span(name)
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      for index in 0..<count {
        buffer[index] = Int(
          truncatingIfNeeded: UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)))
      }
      initialized = count
    }
  }

  /// A Float64 section.
  func doubles(_ name: SectionName) -> [Double] {
    let (offset, count) = span(name)
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      for index in 0..<count {
        buffer[index] = Double(
          bitPattern: UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)))
      }
      initialized = count
    }
  }
}

/// `read(2)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int)
  -> Int
{
  #if canImport(Glibc)
  return Glibc.read(descriptor, buffer, count)
  #else
  return Darwin.read(descriptor, buffer, count)
  #endif
}
