import Foundation

/// An open-addressing hash table from term bytes to dense ids `0, 1, 2, …` in insertion
/// order, keyed by the frozen ``FeatureHasher`` hash so lookups never build a `String`.
///
/// Terms live in one byte arena; a character n-gram is stored with the prefix byte `0xFF`
/// (``FeatureKind/characterNGramPrefix``). Slots use linear probing and the table doubles
/// when it is half full, so a lookup costs one hash of the term's bytes plus, on average,
/// about one byte comparison.
struct TermTable: Sendable, Equatable {
  /// Every stored term's bytes, back to back.
  private(set) var arena: [UInt8] = []
  /// Where term `id` starts in ``arena``; `count + 1` elements.
  private(set) var starts: [Int] = [0]
  /// The feature hash of each term.
  private(set) var hashes: [UInt64] = []
  /// Term ids by slot (`-1` marks an empty slot); the length is a power of two.
  private var slots: [Int32]

  /// Creates an empty table.
  ///
  /// - Parameter capacity: Terms to make room for without growing.
  init(capacity: Int = 8) {
    var slotCount = 16
    while slotCount < 2 * capacity { slotCount <<= 1 }
    slots = [Int32](repeating: -1, count: slotCount)
  }

  /// The number of terms.
  var count: Int { hashes.count }

  /// The stored bytes of term `id` (with the `0xFF` prefix for a character n-gram).
  func storedBytes(of id: Int) -> ArraySlice<UInt8> {
    arena[starts[id]..<starts[id + 1]]
  }

  /// The kind and text of term `id`.
  func term(at id: Int) -> Term {
    let bytes = storedBytes(of: id)
    if bytes.first == FeatureKind.characterNGramPrefix {
      return Term(String(decoding: bytes.dropFirst(), as: UTF8.self), kind: .characterNGram)
    }
    return Term(String(decoding: bytes, as: UTF8.self), kind: .wordNGram)
  }

  /// Tables are equal when they hold the same terms in the same order.
  static func == (lhs: TermTable, rhs: TermTable) -> Bool {
    lhs.starts == rhs.starts && lhs.arena == rhs.arena
  }

  /// The id of `buffer[range]` of the given kind, or `-1` when absent.
  ///
  /// - Parameters:
  ///   - buffer: Bytes holding the term.
  ///   - range: The term's bytes.
  ///   - kind: The term's kind.
  ///   - hash: `FeatureHasher.hash(buffer, range, kind: kind)`.
  /// - Returns: The id, or `-1`.
  @inline(__always)
  func find(
    _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind, hash: UInt64
  )
    -> Int32
  {
    slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while true {
        let id = slots[slot]
        if id < 0 { return -1 }
        if hashes[Int(id)] == hash && matches(Int(id), buffer, range, kind: kind) { return id }
        slot = (slot + 1) & mask
      }
    }
  }

  /// The id of `buffer[range]` of the given kind, inserting it when absent.
  ///
  /// - Parameters:
  ///   - buffer: Bytes holding the term.
  ///   - range: The term's bytes.
  ///   - kind: The term's kind.
  ///   - hash: `FeatureHasher.hash(buffer, range, kind: kind)`.
  /// - Returns: The id.
  @inline(__always)
  mutating func insert(
    _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind, hash: UInt64
  ) -> Int32 {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if hashes[Int(id)] == hash && matches(Int(id), buffer, range, kind: kind) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(truncatingIfNeeded: hashes.count)
    if kind == .characterNGram { arena.append(FeatureKind.characterNGramPrefix) }
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = id
    if 2 * hashes.count > slots.count { grow() }
    return id
  }

  /// Inserts a term given in its stored form (as ``storedBytes(of:)`` returns it).
  ///
  /// - Returns: Its id.
  mutating func insert(stored bytes: ArraySlice<UInt8>) -> Int32 {
    let kind: FeatureKind =
      bytes.first == FeatureKind.characterNGramPrefix ? .characterNGram : .wordNGram
    let payload = kind == .characterNGram ? bytes.dropFirst() : bytes
    return payload.withUnsafeBufferPointer { buffer in
      let range = 0..<buffer.count
      return insert(buffer, range, kind: kind, hash: FeatureHasher.hash(buffer, range, kind: kind))
    }
  }

  /// Whether term `id` equals `buffer[range]` of the given kind.
  @inline(__always)
  private func matches(
    _ id: Int, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind
  ) -> Bool {
    var start = starts[id]
    let end = starts[id + 1]
    if kind == .characterNGram {
      guard start < end && arena[start] == FeatureKind.characterNGramPrefix else { return false }
      start += 1
    }
    guard end - start == range.count else { return false }
    guard let base = buffer.baseAddress, !range.isEmpty else { return true }
    return arena.withUnsafeBufferPointer { arena in
      guard let stored = arena.baseAddress else { return false }
      return memcmp(stored + start, base + range.lowerBound, range.count) == 0
    }
  }

  /// Doubles the slot array and re-inserts every id.
  private mutating func grow() {
    var newSlots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = newSlots.count - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
      newSlots[slot] = Int32(truncatingIfNeeded: id)
    }
    slots = newSlots
  }
}
