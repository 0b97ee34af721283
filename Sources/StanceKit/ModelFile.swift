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

  /// The encoder for headers: sorted keys, compact, slashes unescaped.
  static func headerEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

}
