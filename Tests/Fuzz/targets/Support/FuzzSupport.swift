// Shared helpers of the fuzz targets: an in-memory input file and a checked assertion.

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One unlinked temporary file whose content is replaced for every input, so the readers
/// are fuzzed through their real `read(2)` path.
final class ScratchFile: @unchecked Sendable {
  /// The file's descriptor; it stays open for the life of the process.
  let descriptor: Int32

  /// Creates the file under `$TMPDIR` (or `/tmp`) and unlinks it at once.
  init() {
    let folder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(folder)/stancekit-fuzz-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      let descriptor = mkstemp(base)
      if descriptor >= 0 { unlink(base) }
      return descriptor
    }
    guard descriptor >= 0 else { fatalError("cannot create a scratch file in \(folder)") }
    self.descriptor = descriptor
  }

  /// Replaces the content with `bytes` and returns a handle positioned at the start; the
  /// handle does not close the descriptor.
  func handle(holding bytes: UnsafeRawBufferPointer) -> FileHandle {
    guard ftruncate(descriptor, 0) == 0 else { fatalError("ftruncate failed") }
    var written = 0
    while written < bytes.count, let base = bytes.baseAddress {
      let result = pwrite(descriptor, base + written, bytes.count - written, off_t(written))
      guard result > 0 else { fatalError("pwrite failed") }
      written += result
    }
    guard lseek(descriptor, 0, SEEK_SET) == 0 else { fatalError("lseek failed") }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
  }
}

/// Stops the fuzzer with `message` when `condition` is false: a broken property is a
/// finding just like a crash.
@inline(__always)
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fatalError("property violated: \(message())", file: file, line: line) }
}

/// The input as a byte array.
func inputBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
  Array(UnsafeBufferPointer(start: data, count: size))
}
