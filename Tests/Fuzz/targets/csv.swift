// Fuzz target: the CSV/TSV reader (DelimitedTextReader) and the dataset reader on top of it.
//
// Every input is read as CSV and as TSV, each with 4-byte and 64 KiB chunks: both chunk
// sizes must give the same records or the same error (chunk boundaries must not change
// the result), and every record must start on a line no earlier than the one before.
// Then DatasetReader reads it as a training file (text, label, speaker columns).

import Foundation
import StanceKit

private let scratch = ScratchFile()

/// The records, or the error message, of one full read.
private func readAll(_ bytes: [UInt8], delimiter: UInt8, chunkSize: Int) -> String {
  bytes.withUnsafeBytes { raw in
    var reader = DelimitedTextReader(
      fileHandle: scratch.handle(holding: raw), name: "fuzz.csv", delimiter: delimiter,
      chunkSize: chunkSize)
    var out = ""
    var previousLine = 0
    do throws(DataError) {
      while let record = try reader.next() {
        require(record.line > previousLine, "record lines must increase: \(record.line)")
        require(!record.fields.isEmpty, "a record has at least one field")
        previousLine = record.line
        out += "\(record.line):\(record.fields.map { $0.debugDescription })\n"
      }
      return out + "end"
    } catch {
      require(!error.description.isEmpty, "an error has a message")
      return out + "error: \(error.description)"
    }
  }
}

private func readDataset(_ bytes: [UInt8], format: DataFormat) {
  bytes.withUnsafeBytes { raw in
    do throws(DataError) {
      var reader = try DatasetReader(
        fileHandle: scratch.handle(holding: raw), name: "fuzz", format: format,
        columns: .training, chunkSize: 7)
      while let record = try reader.next() {
        require(record.label != nil, "a training record has a label")
        require(record.speaker?.isEmpty != true, "an empty speaker is no speaker")
      }
    } catch {
      require(!error.description.isEmpty, "an error has a message")
    }
  }
}

/// libFuzzer's entry point: runs one input through the CSV/TSV readers.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = inputBytes(data, size)
  for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t")] {
    let small = readAll(bytes, delimiter: delimiter, chunkSize: 4)
    let large = readAll(bytes, delimiter: delimiter, chunkSize: 1 << 16)
    require(small == large, "chunk size changed the result:\n\(small)\n---\n\(large)")
  }
  readDataset(bytes, format: .csv)
  readDataset(bytes, format: .tsv)
  return 0
}
