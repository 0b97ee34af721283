#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole content of a file (a model file, in practice), mapped into memory read-only.
///
/// Mapping costs no copy and no zero-filled buffer: the pages come straight from the page
/// cache, and the kernel is asked to read the whole file ahead. A file that cannot be
/// mapped (an empty file, a pipe, a file system without `mmap`) is read into a buffer
/// instead, with the same result.
///
/// Not guaranteed: a regular file truncated by another process while it is mapped makes
/// the reading process fail with `SIGBUS`. Model files are replaced by renaming a new
/// file over them (``AtomicFileWriter``), which leaves a mapped old file intact.
///
/// The value is immutable once created, and ``release(_:)`` may be called from any thread.
package final class MappedFile: @unchecked Sendable {
  /// The start of the mapping, or `nil` when the content was read into ``buffer``.
  private let mapping: UnsafeRawPointer?
  /// The length of the file.
  private let count: Int
  /// The content, when it was read rather than mapped.
  private let buffer: [UInt8]

  /// Opens and maps (or reads) the file at `path`.
  ///
  /// - Parameter path: The file.
  /// - Throws: ``MappedFileError`` when the file is missing, a folder, or cannot be read;
  ///   the caller names the file and says what to do.
  package init(path: String) throws(MappedFileError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .cannotOpen(code: errno)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .cannotRead(code: errno)
    }
    guard status.st_mode & mode_t(S_IFMT) != mode_t(S_IFDIR) else {
      throw .folder
    }
    let expected = Int(status.st_size)
    if status.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) && expected > 0,
      let address = mmap(nil, expected, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    {
      _ = madvise(address, expected, MADV_WILLNEED)
      mapping = UnsafeRawPointer(address)
      count = expected
      buffer = []
      return
    }
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      initialized = 0
      guard let base = buffer.baseAddress else { return }
      while initialized < expected {
        let result = read(descriptor, base + initialized, expected - initialized)
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
      throw .cannotRead(code: failure)
    }
    mapping = nil
    count = bytes.count
    buffer = bytes
  }

  deinit {
    if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping), count) }
  }

  /// Calls `body` with the file's bytes, valid only during the call.
  package func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    if let mapping { return body(UnsafeRawBufferPointer(start: mapping, count: count)) }
    return buffer.withUnsafeBytes(body)
  }

  /// Lets the kernel take back the pages of `range` from this process.
  ///
  /// The bytes stay readable: touching them again maps them back from the page cache.
  /// This only keeps the pages already read from counting towards the process's resident
  /// memory while the rest of the file is decoded. A file that was read rather than mapped
  /// keeps its buffer.
  ///
  /// - Parameter range: Byte offsets within the file.
  package func release(_ range: Range<Int>) {
    guard let mapping, !range.isEmpty, range.lowerBound >= 0, range.upperBound <= count else {
      return
    }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = range.lowerBound / page * page
    _ = madvise(
      UnsafeMutableRawPointer(mutating: mapping) + start, range.upperBound - start,
      MADV_DONTNEED)
  }
}

/// Why ``MappedFile`` could not open or read a file.
///
/// It carries the system's error code, not a message: the caller names the file and knows
/// what the user should do.
package enum MappedFileError: Error, Equatable, Sendable {
  /// `open` failed with this `errno`.
  case cannotOpen(code: Int32)
  /// `fstat` or `read` failed with this `errno`.
  case cannotRead(code: Int32)
  /// The path names a folder.
  case folder
}
