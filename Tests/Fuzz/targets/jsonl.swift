// Fuzz target: the JSON Lines reader, the plain-lines reader and DatasetReader on them.
//
// Every input is read with 4-byte and 64 KiB chunks, which must give the same objects or
// the same error, and an accepted object must have distinct keys. Then DatasetReader
// reads it as a JSONL training file and as a plain-lines prediction file.

import Foundation
import StanceKit

private let scratch = ScratchFile()

private func readAll(_ bytes: [UInt8], chunkSize: Int) -> String {
  bytes.withUnsafeBytes { raw in
    var reader = JSONLinesReader(
      fileHandle: scratch.handle(holding: raw), name: "fuzz.jsonl", chunkSize: chunkSize)
    var out = ""
    var previousLine = 0
    do throws(DataError) {
      while let record = try reader.next() {
        require(record.line > previousLine, "record lines must increase")
        previousLine = record.line
        require(
          Set(record.members.map(\.key)).count == record.members.count, "keys are distinct")
        for member in record.members {
          out += "\(record.line):\(member.key.debugDescription)=\(member.kind):"
          out += member.value.debugDescription + "\n"
        }
      }
      return out + "end"
    } catch {
      require(!error.description.isEmpty, "an error has a message")
      return out + "error: \(error.description)"
    }
  }
}

private func readDataset(_ bytes: [UInt8], format: DataFormat, columns: ColumnSelection) {
  bytes.withUnsafeBytes { raw in
    do throws(DataError) {
      var reader = try DatasetReader(
        fileHandle: scratch.handle(holding: raw), name: "fuzz", format: format,
        columns: columns, chunkSize: 5)
      while let record = try reader.next() {
        require(record.speaker?.isEmpty != true, "an empty speaker is no speaker")
        if format == .lines {
          require(!record.text.isEmpty, "a lines record is not blank")
        }
      }
    } catch {
      require(!error.description.isEmpty, "an error has a message")
    }
  }
}

/// libFuzzer's entry point: runs one input through the JSONL and lines readers.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = inputBytes(data, size)
  let small = readAll(bytes, chunkSize: 4)
  let large = readAll(bytes, chunkSize: 1 << 16)
  require(small == large, "chunk size changed the result:\n\(small)\n---\n\(large)")
  readDataset(bytes, format: .jsonl, columns: .training)
  readDataset(bytes, format: .lines, columns: .prediction)
  return 0
}
