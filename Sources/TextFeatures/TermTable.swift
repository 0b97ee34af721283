import Foundation

/// An open-addressing hash table from term bytes to dense ids `0, 1, 2, …` in insertion
/// order, keyed by the frozen ``FeatureHasher`` hash so lookups never build a `String`.
///
/// Terms live in one byte arena; a character n-gram is stored with the prefix byte `0xFF`
/// (``FeatureKind/characterNGramPrefix``). Slots use linear probing and the table doubles
/// when it is half full. Each slot holds the term's full 64-bit hash next to its id and
/// byte length, so a probe touches one slot and, only when hash and length agree, the
/// term's bytes: a lookup costs one hash of the term's bytes plus, on average, about one
/// slot read and one byte comparison.
struct TermTable: Sendable, Equatable {
  /// Every stored term's bytes, back to back.
  private(set) var arena: [UInt8] = []
  /// Where term `id` starts in ``arena``; `count + 1` elements.
  private(set) var starts: [Int] = [0]
  /// The feature hash of each term.
  private(set) var hashes: [UInt64] = []
  /// The slots, two words each: the term's hash, then `(id + 1) << 32 | storedLength`.
  ///
  /// A second word of 0 marks an empty slot. The slot count is a power of two.
  private var slots: [UInt64]

  /// Creates an empty table.
  ///
  /// - Parameter capacity: Terms to make room for without growing.
  init(capacity: Int = 8) {
    slots = [UInt64](repeating: 0, count: 2 * Self.slotCount(for: capacity))
  }

  /// A table holding the terms `order[0], order[1], …` of `other`, as ids `0, 1, …`.
  ///
  /// Equal to inserting `other.storedBytes(of: order[i])` for each `i` in turn, but reuses
  /// the stored hashes instead of hashing and comparing again.
  ///
  /// - Parameters:
  ///   - order: Distinct ids of `other`.
  ///   - other: The source table.
  init(selecting order: [Int], from other: TermTable) {
    var arena: [UInt8] = []
    var starts: [Int] = [0]
    var hashes: [UInt64] = []
    starts.reserveCapacity(order.count + 1)
    hashes.reserveCapacity(order.count)
    var total = 0
    for id in order { total += other.starts[id + 1] - other.starts[id] }
    arena.reserveCapacity(total)
    other.arena.withUnsafeBufferPointer { source in
      for id in order {
        arena.append(
          contentsOf: UnsafeBufferPointer(rebasing: source[other.starts[id]..<other.starts[id + 1]])
        )
        starts.append(arena.count)
        hashes.append(other.hashes[id])
      }
    }
    self.arena = arena
    self.starts = starts
    self.hashes = hashes
    slots = []
    rebuildSlots(slotCount: Self.slotCount(for: order.count))
  }

  /// The smallest power of two, at least 16, that holds `capacity` terms at half load.
  private static func slotCount(for capacity: Int) -> Int {
    var slotCount = 16
    while slotCount < 2 * capacity { slotCount <<= 1 }
    return slotCount
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
    let (id, _) = probe(buffer, range, kind: kind, hash: hash)
    return id
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
    let (found, slot) = probe(buffer, range, kind: kind, hash: hash)
    if found >= 0 { return found }
    let id = Int32(truncatingIfNeeded: hashes.count)
    if kind == .characterNGram { arena.append(FeatureKind.characterNGramPrefix) }
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    let length = arena.count - starts[starts.count - 1]
    starts.append(arena.count)
    hashes.append(hash)
    slots[2 * slot] = hash
    slots[2 * slot + 1] = Self.slotWord(id: Int(id), length: length)
    if 4 * hashes.count > slots.count { rebuildSlots(slotCount: slots.count) }
    return id
  }

  /// Inserts term `id` of `other`, reusing its stored hash.
  ///
  /// - Parameters:
  ///   - id: A term id of `other`.
  ///   - other: Another table.
  /// - Returns: The term's id in this table.
  mutating func insert(_ id: Int, of other: TermTable) -> Int32 {
    var start = other.starts[id]
    let end = other.starts[id + 1]
    var kind = FeatureKind.wordNGram
    if start < end && other.arena[start] == FeatureKind.characterNGramPrefix {
      kind = .characterNGram
      start += 1
    }
    return other.arena.withUnsafeBufferPointer { buffer in
      insert(buffer, start..<end, kind: kind, hash: other.hashes[id])
    }
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

  /// The ids `ids`, sorted by their stored bytes (unsigned lexicographic order, a proper
  /// prefix first).
  ///
  /// Each id is keyed by its first eight bytes read big-endian and zero-padded; keys order
  /// terms exactly as their bytes do whenever they differ, so bytes are compared (from the
  /// ninth on) only between terms that share their first eight.
  ///
  /// - Parameter ids: Distinct term ids.
  /// - Returns: The same ids in sorted term order.
  /// - Complexity: O(k log k) for k ids.
  func sortedByStoredBytes(_ ids: [Int]) -> [Int] {
    arena.withUnsafeBufferPointer { arena in
      starts.withUnsafeBufferPointer { starts in
        var keyed: [(key: UInt64, id: Int)] = []
        keyed.reserveCapacity(ids.count)
        for id in ids {
          var key: UInt64 = 0
          let start = starts[id]
          let length = Swift.min(starts[id + 1] - start, 8)
          for offset in 0..<length {
            key |= UInt64(arena[start + offset]) << UInt64(56 - 8 * offset)
          }
          keyed.append((key, id))
        }
        Self.radixSort(&keyed)
        // Terms sharing their first eight bytes are adjacent now; order each such run.
        var first = 0
        while first < keyed.count {
          var last = first + 1
          while last < keyed.count && keyed[last].key == keyed[first].key { last += 1 }
          if last - first > 1 {
            keyed[first..<last].sort { left, right in
              let leftStart = starts[left.id] + 8
              let rightStart = starts[right.id] + 8
              let leftCount = Swift.max(starts[left.id + 1] - leftStart, 0)
              let rightCount = Swift.max(starts[right.id + 1] - rightStart, 0)
              let common = Swift.min(leftCount, rightCount)
              var offset = 0
              while offset < common {
                let a = arena[leftStart + offset]
                let b = arena[rightStart + offset]
                if a != b { return a < b }
                offset += 1
              }
              return leftCount < rightCount
            }
          }
          first = last
        }
        return keyed.map(\.id)
      }
    }
  }

  /// Sorts by `key`, least significant 16-bit digit first (a stable LSD radix sort); a
  /// digit that is the same in every key is skipped.
  ///
  /// - Complexity: O(4 · (k + 65,536)).
  private static func radixSort(_ items: inout [(key: UInt64, id: Int)]) {
    guard items.count > 1 else { return }
    var other = items
    var counts = [Int](repeating: 0, count: 1 << 16)
    for shift in stride(from: UInt64(0), to: 64, by: 16) {
      for index in counts.indices { counts[index] = 0 }
      for item in items { counts[Int(truncatingIfNeeded: (item.key >> shift) & 0xFFFF)] += 1 }
      let firstDigit = Int(truncatingIfNeeded: (items[0].key >> shift) & 0xFFFF)
      if counts[firstDigit] == items.count { continue }
      var total = 0
      for index in counts.indices {
        let count = counts[index]
        counts[index] = total
        total += count
      }
      for item in items {
        let digit = Int(truncatingIfNeeded: (item.key >> shift) & 0xFFFF)
        other[counts[digit]] = item
        counts[digit] += 1
      }
      swap(&items, &other)
    }
  }

  /// The second slot word of a term.
  @inline(__always)
  private static func slotWord(id: Int, length: Int) -> UInt64 {
    UInt64(truncatingIfNeeded: id + 1) << 32 | UInt64(truncatingIfNeeded: length) & 0xFFFF_FFFF
  }

  /// Finds `buffer[range]`: its id and slot, or `-1` and the empty slot where it would go.
  @inline(__always)
  private func probe(
    _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind, hash: UInt64
  ) -> (id: Int32, slot: Int) {
    let storedLength = range.count + (kind == .characterNGram ? 1 : 0)
    let wanted = UInt64(truncatingIfNeeded: storedLength) & 0xFFFF_FFFF
    return slots.withUnsafeBufferPointer { slots in
      let mask = slots.count / 2 - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while true {
        let word = slots[2 * slot + 1]
        if word == 0 { return (-1, slot) }
        if slots[2 * slot] == hash && word & 0xFFFF_FFFF == wanted {
          let id = Int(truncatingIfNeeded: word >> 32) - 1
          if matches(id, buffer, range, kind: kind) {
            return (Int32(truncatingIfNeeded: id), slot)
          }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Whether term `id`, whose stored length is known to match, equals `buffer[range]`.
  @inline(__always)
  private func matches(
    _ id: Int, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind
  ) -> Bool {
    arena.withUnsafeBufferPointer { arena in
      var stored = starts[id]
      if kind == .characterNGram {
        guard arena[stored] == FeatureKind.characterNGramPrefix else { return false }
        stored += 1
      }
      var index = range.lowerBound
      while index < range.upperBound {
        if arena[stored] != buffer[index] { return false }
        stored += 1
        index += 1
      }
      return true
    }
  }

  /// Rebuilds the slot array with at least `slotCount` slots (doubling while more than
  /// half full), placing every id in order.
  private mutating func rebuildSlots(slotCount: Int) {
    var count = slotCount
    while 2 * hashes.count > count { count <<= 1 }
    var newSlots = [UInt64](repeating: 0, count: 2 * count)
    let mask = count - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while newSlots[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
      newSlots[2 * slot] = hash
      newSlots[2 * slot + 1] = Self.slotWord(id: id, length: starts[id + 1] - starts[id])
    }
    slots = newSlots
  }
}
