import DataFiles
import Foundation

/// A new file of a fixed length, mapped for writing, renamed into place when complete: how
/// ``ChunkedDesignWriter`` writes `design.bin` section by section without holding it.
///
/// The file is created zero-filled (`ftruncate`), so padding needs no writes. Pages written
/// through the mapping are the kernel's to write back: they count towards the resident size
/// while cached but are not the process's own memory.
final class WritableMapping {
  /// The file being written.
  let path: String
  /// The mapped bytes.
  let bytes: UnsafeMutableRawBufferPointer
  /// The open file.
  private let descriptor: Int32

  /// Creates `path` (replacing it) with `length` zero bytes and maps it.
  ///
  /// - Throws: ``OutputError/cannotCreate(path:reason:)`` when the file cannot be created,
  ///   sized or mapped (for example a full disk).
  init(path: String, length: Int) throws(OutputError) {
    self.path = path
    descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    guard ftruncate(descriptor, off_t(length)) == 0,
      let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0),
      base != MAP_FAILED
    else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      unlink(path)
      throw .cannotCreate(path: path, reason: reason)
    }
    bytes = UnsafeMutableRawBufferPointer(start: base, count: length)
  }

  /// Copies `values` into the file at `offset`.
  func store<T>(_ values: [T], at offset: Int) {
    values.withUnsafeBytes { source in
      UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<(offset + source.count)])
        .copyMemory(from: source)
    }
  }

  /// The file's elements of type `T` from `offset`, `count` of them, for writing in place.
  func elements<T>(_ type: T.Type, at offset: Int, count: Int) -> UnsafeMutableBufferPointer<T> {
    let end = offset + count * MemoryLayout<T>.stride
    return UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<end]).bindMemory(to: T.self)
  }

  /// Unmaps, flushes the file to disk and renames it to `target`; on failure the file is
  /// removed (do not call ``discard()`` after this).
  ///
  /// - Throws: ``OutputError/writeFailed(path:reason:)`` when the flush or rename fails.
  func finish(renamingTo target: String) throws(OutputError) {
    munmap(bytes.baseAddress, bytes.count)
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard synced, rename(path, target) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(path)
      throw .writeFailed(path: target, reason: reason)
    }
  }

  /// Unmaps and removes the unfinished file.
  func discard() {
    munmap(bytes.baseAddress, bytes.count)
    close(descriptor)
    unlink(path)
  }
}
