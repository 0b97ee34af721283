import DataFiles
import Foundation
import TextFeatures

/// A spill file of term counts: distinct terms in sorted term order, each with a document
/// frequency, written while a vocabulary is fitted chunk by chunk (``SpilledVocabularyFit``)
/// and read back once by a k-way merge.
///
/// Each record is the term's stored-byte length (LEB128), its stored bytes (see
/// ``ChunkTermCounts``), then its document frequency (LEB128). The file is private to one
/// build: no header, and it is deleted once merged.
enum TermSpill {
  /// The buffer size of a spill file's reader or writer.
  static let bufferSize = 1 << 20

  /// Writes records to a new file through a buffer.
  final class Writer {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []

    /// Creates (or replaces) `path`.
    ///
    /// - Throws: ``OutputError/cannotCreate(path:reason:)``.
    init(path: String) throws(OutputError) {
      self.path = path
      guard let file = fopen(path, "wb") else {
        throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
      }
      self.file = file
      buffer.reserveCapacity(TermSpill.bufferSize)
    }

    deinit { fclose(file) }

    /// Appends the record `(storedBytes, documentFrequency)`.
    func append(_ storedBytes: UnsafeBufferPointer<UInt8>, _ documentFrequency: Int)
      throws(OutputError)
    {
      appendNumber(storedBytes.count)
      buffer.append(contentsOf: storedBytes)
      appendNumber(documentFrequency)
      if buffer.count >= TermSpill.bufferSize { try flush() }
    }

    /// Writes what is buffered and flushes the file.
    ///
    /// - Throws: ``OutputError/cannotCreate(path:reason:)`` (for example a full disk).
    func finish() throws(OutputError) {
      try flush()
      guard fflush(file) == 0 else {
        throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
      }
    }

    private func appendNumber(_ value: Int) {
      var value = UInt64(truncatingIfNeeded: value)
      while value >= 0x80 {
        buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
        value >>= 7
      }
      buffer.append(UInt8(truncatingIfNeeded: value))
    }

    private func flush() throws(OutputError) {
      let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
      guard written == buffer.count else {
        throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
      }
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Reads a spill file's records in order, one current record at a time.
  final class Reader {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    /// The current record's stored bytes; valid after ``advance()`` returned true.
    private(set) var term: [UInt8] = []
    /// The current record's document frequency.
    private(set) var documentFrequency = 0

    /// Opens `path`; call ``advance()`` for the first record.
    ///
    /// - Throws: ``TrainingCacheError/corrupt(file:problem:)`` when it cannot be opened.
    init(path: String) throws(TrainingCacheError) {
      self.path = path
      guard let file = fopen(path, "rb") else {
        throw .corrupt(file: path, problem: String(cString: strerror(errno)))
      }
      self.file = file
      buffer = [UInt8](repeating: 0, count: TermSpill.bufferSize)
    }

    deinit { fclose(file) }

    /// Reads the next record into ``term`` and ``documentFrequency``.
    ///
    /// - Returns: False at the end of the file.
    /// - Throws: ``TrainingCacheError/corrupt(file:problem:)`` for a truncated record.
    func advance() throws(TrainingCacheError) -> Bool {
      guard let length = try number(atRecordStart: true) else { return false }
      term.removeAll(keepingCapacity: true)
      var missing = length
      while missing > 0 {
        guard try refillIfEmpty() else { throw truncated() }
        let taken = min(missing, end - position)
        term.append(contentsOf: buffer[position..<(position + taken)])
        position += taken
        missing -= taken
      }
      guard let frequency = try number(atRecordStart: false) else { throw truncated() }
      documentFrequency = frequency
      return true
    }

    /// A LEB128 number, or `nil` at the end of the file before its first byte.
    private func number(atRecordStart: Bool) throws(TrainingCacheError) -> Int? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        guard try refillIfEmpty() else {
          if shift == 0 && atRecordStart { return nil }
          throw truncated()
        }
        let byte = buffer[position]
        position += 1
        guard shift < 63 else { throw truncated() }
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return Int(truncatingIfNeeded: value) }
        shift += 7
      }
    }

    /// Makes a byte available; false at the end of the file.
    private func refillIfEmpty() throws(TrainingCacheError) -> Bool {
      guard position == end else { return true }
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 && ferror(file) != 0 {
        throw .corrupt(file: path, problem: String(cString: strerror(errno)))
      }
      position = 0
      end = count
      return count > 0
    }

    private func truncated() -> TrainingCacheError {
      .corrupt(file: path, problem: "a term-count spill file ends inside a record")
    }
  }

  /// Merges the spill files `paths` (each in sorted term order) into one sorted stream of
  /// distinct terms, handing each to `body` with the sum of its document frequencies.
  ///
  /// A heap of the readers ordered by their current term: O(log k) comparisons per record
  /// for k files; one record and one buffer per file in memory.
  ///
  /// - Throws: What the readers and `body` throw.
  static func merge(
    _ paths: [String], into body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
  ) throws {
    var readers: [Reader] = []
    for path in paths {
      let reader = try Reader(path: path)
      if try reader.advance() { readers.append(reader) }
    }
    var heap = ReaderHeap(readers)
    var term: [UInt8] = []
    while let first = heap.top {
      term.removeAll(keepingCapacity: true)
      term.append(contentsOf: first.term)
      var frequency = 0
      while let top = heap.top, top.term == term {
        frequency += top.documentFrequency
        if try top.advance() { heap.topChanged() } else { heap.removeTop() }
      }
      try term.withUnsafeBufferPointer { try body($0, frequency) }
    }
  }

  /// A binary min-heap of readers by current term.
  private struct ReaderHeap {
    private var readers: [Reader]

    init(_ readers: [Reader]) {
      self.readers = readers
      for position in stride(from: readers.count / 2 - 1, through: 0, by: -1) {
        siftDown(position)
      }
    }

    var top: Reader? { readers.first }

    mutating func topChanged() { siftDown(0) }

    mutating func removeTop() {
      readers.swapAt(0, readers.count - 1)
      readers.removeLast()
      if !readers.isEmpty { siftDown(0) }
    }

    private func precedes(_ left: Int, _ right: Int) -> Bool {
      readers[left].term.withUnsafeBufferPointer { leftBytes in
        readers[right].term.withUnsafeBufferPointer { rightBytes in
          ChunkTermCounts.compare(leftBytes, rightBytes) < 0
        }
      }
    }

    private mutating func siftDown(_ position: Int) {
      var parent = position
      while true {
        var first = parent
        let left = 2 * parent + 1
        if left < readers.count && precedes(left, first) { first = left }
        if left + 1 < readers.count && precedes(left + 1, first) { first = left + 1 }
        guard first != parent else { return }
        readers.swapAt(parent, first)
        parent = first
      }
    }
  }
}
