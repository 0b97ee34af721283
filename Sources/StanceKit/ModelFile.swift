import Classifier
import Foundation
import LinearAlgebra
import StanceSupport
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
/// Loading maps the file (no copy of it is made), then makes one checksum pass and one copy
/// of each section, the checksum on one thread while the vocabulary is built on another; the
/// term sections are read in place, straight into the vocabulary's table, and no
/// per-feature JSON is parsed. Writing hands each section to the file straight from the
/// model's arrays, after a checksum pass on every core.
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
  static func isStorable(_ value: Double) -> Bool {
    abs(value) <= largestWeightMagnitude
  }

  /// Writes `pipeline` and `metadata` to `path`: a file atomically, a device or standard
  /// output (`-`) in place (see ``OutputFile``).
  ///
  /// The sections go to the file straight from the model's arrays (no copy of the whole
  /// file is built in memory), and the checksum is computed on several threads; the bytes
  /// are those of ``encode(_:metadata:)``.
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
    let file = try EncodedFile(pipeline, metadata: metadata)
    let result = file.withParts { parts -> OutputError? in
      let checksum = CRC32C.checksum(concatenating: parts, threads: checksumThreads)
      let trailer = withUnsafeBytes(of: checksum.littleEndian) { Array($0) }
      do throws(OutputError) {
        let output = try OutputFile(path: path)
        for part in parts { try output.write(part) }
        try output.write(trailer)
        try output.commit()
        return nil
      } catch {
        return error
      }
    }
    if let result { throw .cannotWrite(result) }
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
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      throw ModelFileError(error, path: path)
    }
    let result = file.withBytes { raw in
      Result { () throws(ModelFileError) in try decode(raw, path: path, release: file.release) }
    }
    return try result.get()
  }

  /// The bytes of a model file for `pipeline` and `metadata`.
  ///
  /// - Parameters:
  ///   - pipeline: The fitted pipeline.
  ///   - metadata: Training settings, data summary and tool version.
  /// - Returns: The complete file content.
  /// - Throws: ``ModelFileError/unencodable(detail:)`` for a model with a non-finite
  ///   weight or one beyond ``largestWeightMagnitude``.
  /// - Complexity: O(file size): one copy of each section and a checksum pass on several
  ///   threads.
  public static func encode(_ pipeline: Pipeline, metadata: ModelMetadata)
    throws(ModelFileError) -> [UInt8]
  {
    let file = try EncodedFile(pipeline, metadata: metadata)
    return file.withParts { parts in
      let checked = parts.reduce(0) { $0 + $1.count }
      return [UInt8](unsafeUninitializedCapacity: checked + ModelFileLayout.checksumLength) {
        buffer, initialized in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        for part in parts {
          if let source = part.baseAddress {
            UnsafeMutableRawPointer(base + offset).copyMemory(from: source, byteCount: part.count)
          }
          offset += part.count
        }
        let written = UnsafeRawBufferPointer(start: base, count: checked)
        let checksum = CRC32C.checksum(concatenating: [written], threads: checksumThreads)
        UnsafeMutableRawPointer(base + checked).storeBytes(
          of: checksum.littleEndian, as: UInt32.self)
        initialized = checked + ModelFileLayout.checksumLength
      }
    }
  }

  /// The threads a checksum over a whole file may use: every active core.
  static var checksumThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

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
  ///
  /// The checksum pass over the whole file runs on one thread while the header is parsed
  /// and the vectorizer built on another; the weights are copied and checked after the
  /// checksum on the first thread. Nothing found while parsing is reported, and nothing is
  /// returned, before the checksum has been compared, so the errors are those (and in the
  /// order) of a sequential reading. `release` is told which bytes have been used (by the
  /// checksum pass, and each section once copied), so a mapped file's pages can be given
  /// back as the reading goes.
  private static func decode(
    _ raw: UnsafeRawBufferPointer, path: String,
    release: @escaping @Sendable (Range<Int>) -> Void = { _ in }
  ) throws(ModelFileError) -> (pipeline: Pipeline, metadata: ModelMetadata) {
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
    let checkedBytes = UnsafeRawBufferPointer(rebasing: raw[0..<checked])
    guard storedLength <= UInt64(available) else {
      // The header runs past the end: a cut-off file, unless the length itself is damaged
      // (then the checksum fails too, or, if it holds, the writer was wrong).
      let computed = CRC32C.checksum(checkedBytes)
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
      // A cut-off file whose header survived says how long it should be.
      if let header = try? decodeHeader(headerBytes, path: path),
        let layout = try? sectionLayout(of: header, path: path),
        let expected = layout.fileLength(headerLength: headerLength), expected > size
      {
        throw .truncated(path: path, expected: expected, found: size)
      }
      throw .checksumMismatch(path: path, stored: stored, computed: computed)
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

  /// Puts the checked vectorizer and weights together into a pipeline.
  private static func assemble(
    _ header: ModelFileHeader, vectorizer: Vectorizer,
    weights: (weights: [Double], intercepts: [Double]), path: String
  ) throws(ModelFileError) -> Pipeline {
    let model = LogisticModel(
      labels: header.labels,
      weights: DenseMatrix(
        rows: header.featureCount, columns: header.labels.count, storage: weights.weights),
      intercepts: weights.intercepts)
    do {
      return try Pipeline(
        vectorizer: vectorizer, model: model, report: header.optimization,
        temperature: header.temperature)
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

  /// The encoder for headers: sorted keys, compact, slashes unescaped.
  static func headerEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

}

/// Typed views of the binary sections of a checked file.
///
/// It points into the file's bytes, which stay valid and unchanged while the file is
/// decoded; the threads of ``ModelFile`` only read them.
private struct SectionReader: @unchecked Sendable {
  let raw: UnsafeRawBufferPointer
  let dataStart: Int
  let layout: ModelFileLayout
  /// The checked header the layout comes from.
  let header: ModelFileHeader
  /// Told about each section once it has been copied.
  let release: @Sendable (Range<Int>) -> Void

  /// The byte range of a section within the file.
  private func span(_ name: SectionName) -> (offset: Int, count: Int) {
    let section = layout.section(name)
    return (dataStart + section.offset, section.count)
  }

  /// The bytes of a section where they lie in the file.
  func raw(_ name: SectionName) -> UnsafeRawBufferPointer {
    let section = layout.section(name)
    let offset = dataStart + section.offset
    return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + section.length)])
  }

  /// Tells ``release`` that a section read in place is no longer needed.
  func release(_ name: SectionName) {
    let section = layout.section(name)
    release((dataStart + section.offset)..<(dataStart + section.offset + section.length))
  }

  /// Calls `body` with a UInt64 section as `Int`s (see ``integers(_:)``): the file's own
  /// bytes when they are in the machine's order and aligned, else a copy.
  func withIntegers<Result, Failure: Error>(
    _ name: SectionName, _ body: (UnsafeBufferPointer<Int>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let bytes = raw(name)
    if MemoryLayout<Int>.size == 8 && 1.littleEndian == 1,
      let base = bytes.baseAddress, Int(bitPattern: base) % MemoryLayout<Int>.alignment == 0
    {
      return try body(bytes.bindMemory(to: Int.self))
    }
    let copy = integers(name)
    let result = copy.withUnsafeBufferPointer { buffer in
      Swift.Result { () throws(Failure) in try body(buffer) }
    }
    return try result.get()
  }

  /// A UInt8 section.
  func bytes(_ name: SectionName) -> [UInt8] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + count)) }
    return Array(raw[offset..<(offset + count)])
  }

  /// A UInt64 section as `Int` (values above `Int.max` become negative, which every
  /// consumer refuses).
  func integers(_ name: SectionName) -> [Int] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + 8 * count)) }
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
      if MemoryLayout<Int>.size == 8 && 1.littleEndian == 1, count > 0 {
        // The file's order is the machine's: one copy.
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)]))
      } else {
        for index in 0..<count {
          buffer[index] = Int(
            truncatingIfNeeded: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)
            ))
        }
      }
      initialized = count
    }
  }

  /// A Float64 section.
  func doubles(_ name: SectionName) -> [Double] {
    let (offset, count) = span(name)
    defer { release(offset..<(offset + 8 * count)) }
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
      if 1.littleEndian == 1, count > 0 {
        // The file's order is the machine's: one copy.
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)]))
      } else {
        for index in 0..<count {
          buffer[index] = Double(
            bitPattern: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self)
            ))
        }
      }
      initialized = count
    }
  }
}
