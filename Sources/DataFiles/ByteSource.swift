import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor, closed when the last reader using it goes away.
final class InputFile {
  let descriptor: Int32
  private let ownsDescriptor: Bool
  /// Keeps a caller's `FileHandle` alive while its descriptor is in use.
  private let handle: FileHandle?

  init(descriptor: Int32, ownsDescriptor: Bool, handle: FileHandle? = nil) {
    self.descriptor = descriptor
    self.ownsDescriptor = ownsDescriptor
    self.handle = handle
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Opens `path` for reading, telling a missing file, a directory and an unreadable file
  /// apart.
  static func openForReading(path: String) throws(DataError) -> InputFile {
    let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw .missingFile(file: path) }
      throw .unreadable(file: path, reason: String(cString: strerror(code)))
    }
    let file = InputFile(descriptor: descriptor, ownsDescriptor: true)
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      throw .isDirectory(file: path)
    }
    return file
  }

  /// Standard input, left open when the reader is done with it.
  static func standardInput() -> InputFile {
    InputFile(descriptor: STDIN_FILENO, ownsDescriptor: false)
  }

  /// Reads everything from the current position to the end.
  ///
  /// - Parameter name: The name shown in error messages, such as `<stdin>`.
  /// - Returns: The bytes.
  /// - Throws: ``DataError/readFailed(file:reason:)`` with the system's reason, for
  ///   example `Bad file descriptor` for a closed standard input.
  /// - Complexity: O(bytes read); the buffer grows by doubling.
  func readAll(name: String) throws(DataError) -> [UInt8] {
    var bytes: [UInt8] = []
    var status = stat()
    let chunk = 1 << 16
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG {
      bytes.reserveCapacity(Int(status.st_size) + 1)
    }
    while true {
      let count = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: chunk))
      var failure: Int32 = 0
      let result = bytes.withUnsafeMutableBytes { raw -> Int in
        let base = raw.baseAddress.map { $0 + count }
        while true {
          let result = read(descriptor, base, chunk)
          if result < 0 && errno == EINTR { continue }
          if result < 0 { failure = errno }
          return result
        }
      }
      guard result >= 0 else {
        throw .readFailed(file: name, reason: String(cString: strerror(failure)))
      }
      bytes.removeLast(chunk - result)
      if result == 0 { return bytes }
    }
  }
}

/// Bytes of one input, read in chunks, checked as UTF-8 as they arrive.
///
/// The readers parse `buffer[position..<end]`. A chunk is cut so that `end` always falls on
/// a code point boundary: an incomplete sequence at the end of a chunk is carried into the
/// next one, and an ill-formed sequence ends the usable bytes just before it, so a reader
/// meets it as a ``Refill/invalidUTF8(offset:byte:)`` exactly when it reaches it and can
/// name its own line. A UTF-8 byte-order mark at the very start is skipped.
struct ByteSource {
  /// What ``refill()`` found.
  enum Refill: Equatable {
    /// More bytes are in `buffer[position..<end]`.
    case more
    /// The input has ended.
    case end
    /// The next byte, at file offset `offset`, starts an ill-formed UTF-8 sequence.
    case invalidUTF8(offset: Int, byte: UInt8)
  }

  /// The name shown in error messages.
  let name: String
  private let file: InputFile
  private let chunkSize: Int

  /// The bytes read so far from this chunk; only `position..<end` is unread and valid.
  private(set) var buffer: [UInt8] = []
  /// The next byte to parse.
  var position = 0
  /// One past the last byte a reader may parse.
  private(set) var end = 0
  /// The file offset of `buffer[0]`.
  private var bufferOffset = 0
  /// A valid but incomplete sequence at the end of the last chunk.
  private var carry: [UInt8] = []
  private var invalid: (offset: Int, byte: UInt8)?
  private var atEndOfInput = false
  private var started = false
  /// Whether any byte (other than a byte-order mark) was seen.
  private(set) var sawContent = false

  init(name: String, file: InputFile, chunkSize: Int) {
    self.name = name
    self.file = file
    self.chunkSize = max(chunkSize, 4)
  }

  /// The file offset of the next byte to parse.
  var offset: Int { bufferOffset + position }

  /// The largest capacity a reader's reused record buffer keeps between records.
  static let retainedCapacity = 1 << 20

  /// Empties a reader's reused record buffer, keeping its storage unless an unusually long
  /// record made it larger than ``retainedCapacity`` (that storage is freed, so one long
  /// record does not hold its size in memory for the rest of the input).
  static func empty(_ buffer: inout [UInt8]) {
    if buffer.capacity > retainedCapacity {
      buffer = []
    } else {
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Makes unread bytes available, if any remain.
  ///
  /// Call it when `position == end`.
  mutating func refill() throws(DataError) -> Refill {
    while position == end {
      if let invalid { return .invalidUTF8(offset: invalid.offset, byte: invalid.byte) }
      if atEndOfInput {
        guard let lead = carry.first else { return .end }
        // A sequence cut off by the end of the input.
        invalid = (bufferOffset + end, lead)
        continue
      }
      try readChunk()
    }
    return .more
  }

  /// The byte after the unread position, reading on if needed; `nil` at the end of the input
  /// or before an ill-formed sequence.
  mutating func peek() throws(DataError) -> UInt8? {
    if position == end, try refill() != .more { return nil }
    return buffer[position]
  }

  /// Appends unread bytes to `field` up to (not including) the first of three stop bytes or
  /// the end of the usable bytes.
  ///
  /// - Complexity: O(bytes appended).
  mutating func appendRun(
    to field: inout [UInt8], stoppingAt first: UInt8, _ second: UInt8, _ third: UInt8
  ) {
    let start = position
    let limit = end
    let stop = buffer.withUnsafeBufferPointer { bytes -> Int in
      var index = start
      while index < limit {
        let byte = bytes[index]
        if byte == first || byte == second || byte == third { break }
        index += 1
      }
      return index
    }
    if stop > start { field.append(contentsOf: buffer[start..<stop]) }
    position = stop
  }

  private mutating func readChunk() throws(DataError) {
    let consumedOffset = bufferOffset + end
    var next = carry
    carry.removeAll()
    let carried = next.count
    next.reserveCapacity(carried + chunkSize)
    next.append(contentsOf: repeatElement(0, count: chunkSize))
    var failure: Int32 = 0
    let count = next.withUnsafeMutableBytes { raw -> Int in
      let base = raw.baseAddress.map { $0 + carried }
      while true {
        let result = read(file.descriptor, base, chunkSize)
        if result < 0 && errno == EINTR { continue }
        if result < 0 { failure = errno }
        return result
      }
    }
    guard count >= 0 else {
      throw .readFailed(file: name, reason: String(cString: strerror(failure)))
    }
    next.removeLast(chunkSize - count)
    if count == 0 { atEndOfInput = true }
    buffer = next
    bufferOffset = consumedOffset
    position = 0
    check(from: 0)
    if !started && end > 0 {
      started = true
      if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }
    if position < end { sawContent = true }
  }

  /// Checks `buffer[start...]` and sets `end` (and the carry or the ill-formed sequence).
  private mutating func check(from start: Int) {
    switch UTF8Validation.scan(buffer, from: start, atEndOfInput: atEndOfInput) {
    case .valid:
      end = buffer.count
    case .incomplete(let index):
      end = index
      carry = Array(buffer[index...])
    case .invalid(let index):
      end = index
      invalid = (bufferOffset + index, buffer[index])
    }
  }

  /// Lets a lenient reader pass the ill-formed byte it has reached as an ordinary byte.
  ///
  /// Call it after ``refill()`` returned ``Refill/invalidUTF8(offset:byte:)``: the byte at
  /// `position` becomes usable and the rest of the chunk is checked again, so a following
  /// ill-formed byte is reported in turn. Bytes of an ill-formed sequence are never ASCII,
  /// so they cannot be taken for a delimiter, quote or line end, and
  /// `String(decoding:as:)` later turns each maximal subpart into one U+FFFD.
  ///
  /// - Complexity: O(bytes up to the next ill-formed sequence); a reader that never meets
  ///   invalid UTF-8 never calls it.
  mutating func admitInvalidByte() {
    guard invalid != nil, position == end, end < buffer.count else { return }
    invalid = nil
    sawContent = true
    started = true
    check(from: end + 1)
  }
}

/// A UTF-8 well-formedness check (Unicode 15, table 3-7) over a chunk of bytes.
enum UTF8Validation {
  /// The outcome of checking one chunk.
  enum Scan: Equatable {
    /// Every byte belongs to a complete, well-formed sequence.
    case valid
    /// The chunk ends inside a sequence that is well formed so far, starting at the index.
    case incomplete(Int)
    /// The sequence starting at the index is ill-formed.
    case invalid(Int)
  }

  /// Checks `bytes[start...]`; a sequence cut off by the end is `incomplete` unless the
  /// input ended.
  ///
  /// Indices in the result count from the start of `bytes`.
  static func scan(_ bytes: [UInt8], from start: Int = 0, atEndOfInput: Bool) -> Scan {
    bytes.withUnsafeBufferPointer { bytes in
      var index = start
      let count = bytes.count
      while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
          index += 1
          continue
        }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
          length = 3
          low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
          length = 3
          high = 0x9F
        case 0xF0:
          length = 4
          low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
          length = 4
          high = 0x8F
        default: return .invalid(index)
        }
        for step in 1..<length {
          guard index + step < count else {
            return atEndOfInput ? .invalid(index) : .incomplete(index)
          }
          let byte = bytes[index + step]
          let (minimum, maximum) = step == 1 ? (low, high) : (0x80, 0xBF)
          guard byte >= minimum && byte <= maximum else { return .invalid(index) }
        }
        index += length
      }
      return .valid
    }
  }
}
