import Foundation
import StanceSupport

/// What identifies one evaluation data file in a report: its size, a checksum of its bytes,
/// the rows used and the fingerprint of those rows.
///
/// The checksum is CRC-32C over the file's bytes (a guard against mix-ups, not a
/// cryptographic hash). The rows' fingerprint is ``TrainingDataSummary``'s, the one a model
/// header records for its training data, so equal values mean the same texts and labels
/// in the same order.
public struct DataFileFingerprint: Equatable, Sendable {
  /// The file as given on the command line.
  public var path: String
  /// Its size in bytes; `nil` for standard input or a file that cannot be read again.
  public var bytes: Int?
  /// CRC-32C of its bytes; `nil` when ``bytes`` is.
  public var crc32c: UInt32?
  /// The rows used (after any row filter).
  public var rows: Int
  /// ``TrainingDataSummary/fingerprint(texts:labels:)`` of the rows used.
  public var fingerprint: UInt64

  /// Creates a fingerprint from known values.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - bytes: Its size in bytes, if known.
  ///   - crc32c: CRC-32C of its bytes, if known.
  ///   - rows: The rows used.
  ///   - fingerprint: The rows' fingerprint.
  public init(path: String, bytes: Int?, crc32c: UInt32?, rows: Int, fingerprint: UInt64) {
    self.path = path
    self.bytes = bytes
    self.crc32c = crc32c
    self.rows = rows
    self.fingerprint = fingerprint
  }

  /// Fingerprints a data file and the examples read from it.
  ///
  /// The file is read again for its checksum; standard input (`-`) and a file that cannot
  /// be read again get no size or checksum.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - dataset: The examples read from it.
  /// - Complexity: O(file size + total text length).
  public init(path: String, dataset: Dataset) {
    let examples = dataset.examples
    let fingerprint =
      (try? TrainingDataSummary.fingerprint(
        texts: examples.map(\.text), labels: examples.map(\.label))) ?? 0
    var size: Int?
    var checksum: UInt32?
    if path != "-", let contents = FileManager.default.contents(atPath: path) {
      size = contents.count
      checksum = contents.withUnsafeBytes { CRC32C.checksum($0) }
    }
    self.init(
      path: path, bytes: size, crc32c: checksum, rows: examples.count, fingerprint: fingerprint)
  }
}
