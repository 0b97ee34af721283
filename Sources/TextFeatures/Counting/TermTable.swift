import Foundation
import StanceSupport

/// An open-addressing hash table from term bytes to dense ids `0, 1, 2, …` in insertion
/// order, keyed by the frozen ``FeatureHasher`` hash so lookups never build a `String`.
///
/// Terms live in one byte arena; a character n-gram is stored with the prefix byte `0xFF`
/// (``FeatureKind/characterNGramPrefix``). Slots use linear probing and the table doubles
/// when it is half full. Each slot holds 24 more bits of the term's hash, where its bytes
/// start, its id and its byte length, so a probe touches one slot and, only when those
/// hash bits and the length agree, the term's bytes: a lookup costs one hash of the term's
/// bytes plus, on average, about one slot read and one byte comparison (two cache misses
/// in a large table).
struct TermTable: Sendable, Equatable {
  /// Every stored term's bytes, back to back.
  private(set) var arena: [UInt8] = []
  /// Where term `id` starts in ``arena``; `count + 1` elements, 4 bytes each.
  private(set) var starts = TermStarts()
  /// The feature hash of each term, kept only while the table can grow.
  ///
  /// Empty in a table built complete by ``init(arena:starts:hashes:threads:)`` (a
  /// vocabulary's), whose slots already hold what lookups need; ``hash(of:)`` recomputes
  /// a dropped hash.
  private(set) var hashes: [UInt64] = []
  /// The slots, two words each: the top 24 bits of the term's hash over its 40-bit start
  /// in ``arena``, then `(id + 1) << 32 | storedLength`.
  ///
  /// A second word of 0 marks an empty slot. The slot count is a power of two; a term's
  /// home slot is given by the low bits of its hash.
  private var slots: [UInt64]

  /// Creates an empty table.
  ///
  /// - Parameter capacity: Terms to make room for without growing.
  init(capacity: Int = 8) {
    slots = [UInt64](repeating: 0, count: 2 * Self.slotCount(for: capacity))
  }

  /// A table holding the given distinct terms as ids `0, 1, …`.
  ///
  /// Equal to inserting the terms in turn, but reuses their hashes instead of hashing and
  /// comparing again. The hashes are not kept (8 bytes per term): such a table is looked
  /// up, not grown, and an ``insert(_:_:kind:hash:)`` recomputes them first.
  ///
  /// - Parameters:
  ///   - arena: The stored bytes of every term, back to back.
  ///   - starts: Where each term starts in `arena`; one more element than there are terms,
  ///     the last being `arena.count`.
  ///   - hashes: The feature hash of each term.
  ///   - threads: Threads that fill the slots; the table behaves the same for any number.
  /// - Complexity: O(count), plus O(threads · count) sequential reads of the hashes.
  init(arena: [UInt8], starts: [Int], hashes: [UInt64], threads: Int = 1) {
    precondition(starts.count == hashes.count + 1 && starts.last == arena.count)
    self.init(arena: arena, starts: TermStarts(starts), hashes: hashes, threads: threads)
  }

  /// A table holding the given distinct terms as ids `0, 1, …`, their starts already in
  /// compact form; otherwise as ``init(arena:starts:hashes:threads:)``.
  init(arena: [UInt8], starts: TermStarts, hashes: [UInt64], threads: Int = 1) {
    precondition(starts.count == hashes.count + 1 && starts[hashes.count] == arena.count)
    self.arena = arena
    self.starts = starts
    slots = []
    placeAll(hashes: hashes, threads: threads)
  }

  /// A table holding the given distinct terms as ids `0, 1, …`, without lookup slots yet:
  /// its terms and bytes can be read, but it must not be looked up or grown until
  /// ``placeSlots(hashes:threads:)``.
  ///
  /// Lets a fit build the slots last, once its larger temporary arrays are gone.
  ///
  /// - Parameters:
  ///   - arena: The stored bytes of every term, back to back.
  ///   - starts: Where each term starts in `arena`; one more element than there are terms,
  ///     the last being `arena.count`.
  /// - Complexity: O(count).
  init(withoutSlotsArena arena: [UInt8], starts: [Int]) {
    precondition(starts.last == arena.count)
    self.arena = arena
    self.starts = TermStarts(starts)
    slots = []
  }

  /// Builds the slots of a table that has none, from the known hash of every term.
  ///
  /// Lookups then answer as for a table built by ``init(arena:starts:hashes:threads:)``.
  ///
  /// - Parameters:
  ///   - hashes: The feature hash of each term, by id.
  ///   - threads: Threads that fill the slots; the table behaves the same for any number.
  /// - Complexity: O(count), plus O(threads · count) sequential reads of the hashes.
  mutating func placeSlots(hashes: [UInt64], threads: Int) {
    precondition(slots.isEmpty && hashes.count == count)
    placeAll(hashes: hashes, threads: threads)
  }

  /// Whether the table can be looked up or grown: false after ``dropSlots()`` until
  /// ``restoreSlots(threads:)``.
  var hasSlots: Bool { !slots.isEmpty }

  /// Frees the slots of a complete table that will not be looked up for a while.
  ///
  /// For example a vocabulary while a model trains on its matrix: 16 bytes per slot, two to
  /// four slots per term. Until ``restoreSlots(threads:)`` the table must not be looked up or grown;
  /// its terms, bytes and equality are unaffected.
  mutating func dropSlots() {
    slots = []
  }

  /// Rebuilds dropped slots from the stored bytes, hashing on `threads` threads.
  ///
  /// Lookups then give the same answers as before the drop. Does nothing when slots are
  /// present.
  ///
  /// - Complexity: O(arena.count / threads + count).
  mutating func restoreSlots(threads: Int) {
    guard slots.isEmpty else { return }
    let count = self.count
    let parts = Swift.max(1, Swift.min(threads, count / 4096))
    let table = self
    let hashes = Array(
      Parallel.map(parts) { part in
        ((count * part / parts)..<(count * (part + 1) / parts)).map { table.hash(of: $0) }
      }.joined())
    placeAll(hashes: hashes, threads: threads)
  }

  /// Fills a fresh slot array for every id, whose hash is `hashes[id]`: by regions on
  /// `threads` threads when the table is large enough, in id order otherwise.
  private mutating func placeAll(hashes: [UInt64], threads: Int) {
    let slotCount = Self.slotCount(for: hashes.count)
    let regions = Swift.min(threads, slotCount / 4096)
    if regions > 1 {
      fillSlots(slotCount: slotCount, regions: regions, hashes: hashes)
    } else {
      rebuildSlots(slotCount: slotCount, hashes: hashes)
    }
    assertInvariants()
  }

  /// The smallest power of two, at least 16, that holds `capacity` terms at half load.
  private static func slotCount(for capacity: Int) -> Int {
    var slotCount = 16
    while slotCount < 2 * capacity { slotCount <<= 1 }
    return slotCount
  }

  /// The number of terms.
  var count: Int { starts.count - 1 }

  /// The feature hash of term `id`: the stored one, or recomputed from its stored bytes
  /// when the table keeps none.
  ///
  /// - Complexity: O(1) with stored hashes, else O(term length).
  func hash(of id: Int) -> UInt64 {
    if hashes.count == count { return hashes[id] }
    return computedHash(of: id)
  }

  /// The feature hash of term `id`, computed from its stored bytes.
  ///
  /// - Complexity: O(term length).
  private func computedHash(of id: Int) -> UInt64 {
    arena.withUnsafeBufferPointer { arena in
      var range = starts[id]..<starts[id + 1]
      var kind = FeatureKind.wordNGram
      if !range.isEmpty && arena[range.lowerBound] == FeatureKind.characterNGramPrefix {
        kind = .characterNGram
        range = (range.lowerBound + 1)..<range.upperBound
      }
      return FeatureHasher.hash(arena, range, kind: kind)
    }
  }

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

  /// Prefetches the home slot of each of `hashes`, the first thing a lookup reads; with
  /// ``prefetchTerms(_:)`` some time later, the cache misses of a batch of lookups overlap
  /// instead of following one another.
  ///
  /// - Parameter hashes: Feature hashes about to be looked up.
  func prefetchSlots(_ hashes: UnsafeBufferPointer<UInt64>) {
    slots.withUnsafeBufferPointer { slots in
      guard let slotBase = slots.baseAddress else { return }
      let mask = slots.count / 2 - 1
      for hash in hashes {
        CacheLine.prefetch(slotBase + 2 * (Int(truncatingIfNeeded: hash) & mask))
      }
    }
  }

  /// Prefetches, for each of `hashes` whose home slot holds a term with matching hash bits,
  /// the first stored byte of that term: what a lookup reads second.
  ///
  /// - Parameter hashes: Feature hashes about to be looked up, whose slots were prefetched.
  func prefetchTerms(_ hashes: UnsafeBufferPointer<UInt64>) {
    slots.withUnsafeBufferPointer { slots in
      arena.withUnsafeBufferPointer { arena in
        guard slots.count > 0, let arenaBase = arena.baseAddress else { return }
        let mask = slots.count / 2 - 1
        for hash in hashes {
          let slot = Int(truncatingIfNeeded: hash) & mask
          let location = slots[2 * slot]
          if slots[2 * slot + 1] != 0 && (location ^ hash) & Self.hashBitsMask == 0 {
            CacheLine.prefetch(arenaBase + Int(truncatingIfNeeded: location & Self.startMask))
          }
        }
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
    let (found, slot) = probe(buffer, range, kind: kind, hash: hash)
    if found >= 0 { return found }
    if hashes.count != count { hashes = (0..<count).map { self.hash(of: $0) } }
    let id = Int32(truncatingIfNeeded: hashes.count)
    if kind == .characterNGram { arena.append(FeatureKind.characterNGramPrefix) }
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    let length = arena.count - starts[starts.count - 1]
    starts.append(arena.count)
    hashes.append(hash)
    slots[2 * slot] = Self.locationWord(hash: hash, start: starts[starts.count - 2])
    slots[2 * slot + 1] = Self.slotWord(id: Int(id), length: length)
    if 4 * hashes.count > slots.count {
      rebuildSlots(slotCount: slots.count, hashes: hashes)
      assertInvariants()
    }
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

  /// The bits of the first slot word that hold the term's start in ``arena``.
  private static let startMask: UInt64 = (1 << 40) - 1
  /// The bits of the first slot word that hold the top 24 bits of the term's hash.
  private static let hashBitsMask: UInt64 = ~startMask

  /// The first slot word of a term: the top 24 bits of its hash over its 40-bit start in
  /// ``arena``, so a probe reads the term's bytes without a second lookup.
  @inline(__always)
  private static func locationWord(hash: UInt64, start: Int) -> UInt64 {
    precondition(UInt64(truncatingIfNeeded: start) <= startMask, "TermTable: arena over 1 TiB")
    return hash & hashBitsMask | UInt64(truncatingIfNeeded: start)
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
        let location = slots[2 * slot]
        if (location ^ hash) & Self.hashBitsMask == 0 && word & 0xFFFF_FFFF == wanted
          && matches(Int(truncatingIfNeeded: location & Self.startMask), buffer, range, kind: kind)
        {
          return (Int32(truncatingIfNeeded: (word >> 32) &- 1), slot)
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Whether the term stored at `start`, whose stored length is known to match, equals
  /// `buffer[range]`.
  @inline(__always)
  private func matches(
    _ start: Int, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind
  ) -> Bool {
    arena.withUnsafeBufferPointer { arena in
      var stored = start
      if kind == .characterNGram {
        guard arena[stored] == FeatureKind.characterNGramPrefix else { return false }
        stored += 1
      }
      var index = range.lowerBound
      // Eight bytes at a time while both sides hold that many (the stored term has the
      // same length, so it does whenever the wanted one does); a shorter rest, when eight
      // bytes can be read on both sides, with the bytes past it masked off (the low bytes
      // of a little-endian load come first); else byte by byte.
      if let arenaBase = arena.baseAddress, let bufferBase = buffer.baseAddress {
        while index + 8 <= range.upperBound {
          let left = UnsafeRawPointer(arenaBase + stored).loadUnaligned(as: UInt64.self)
          let right = UnsafeRawPointer(bufferBase + index).loadUnaligned(as: UInt64.self)
          if left != right { return false }
          stored += 8
          index += 8
        }
        let rest = range.upperBound - index
        if rest > 0 && stored + 8 <= arena.count && index + 8 <= buffer.count {
          let left = UnsafeRawPointer(arenaBase + stored).loadUnaligned(as: UInt64.self)
          let right = UnsafeRawPointer(bufferBase + index).loadUnaligned(as: UInt64.self)
          let mask: UInt64 = (1 << UInt64(8 * rest)) &- 1
          return (left ^ right) & mask == 0
        }
      }
      while index < range.upperBound {
        if arena[stored] != buffer[index] { return false }
        stored += 1
        index += 1
      }
      return true
    }
  }

  /// Fills a fresh slot array of `slotCount` slots for the ids whose hashes are `hashes`,
  /// split into `regions` contiguous regions filled concurrently.
  ///
  /// Each region takes the ids whose home slot lies in it, in id order, probing linearly
  /// but never past the region's end; an id that reaches the end spills. The spilled ids
  /// are placed afterwards, region by region, probing on from their home slot across
  /// regions. Every slot between an id's home slot and its slot is occupied either way,
  /// which is all lookups need; only which of several colliding ids sits where depends on
  /// `regions`, and nothing observable depends on that.
  private mutating func fillSlots(slotCount: Int, regions: Int, hashes: [UInt64]) {
    let starts = self.starts
    let mask = slotCount - 1
    let newSlots = [UInt64](unsafeUninitializedCapacity: 2 * slotCount) { buffer, initialized in
      let shared = UncheckedSendable(value: buffer)
      let spilled = Parallel.map(regions) { region in
        let slots = shared.value
        let first = slotCount * region / regions
        let end = slotCount * (region + 1) / regions
        let own = UnsafeMutableBufferPointer(rebasing: slots[(2 * first)..<(2 * end)])
        FreshPages.prefault(UnsafeMutableRawBufferPointer(own))
        own.initialize(repeating: 0)
        var spilled: [Int] = []
        hashes.withUnsafeBufferPointer { hashes in
          guard let slotBase = slots.baseAddress else { return }
          for id in hashes.indices {
            // The slots are hit at random: ask for the one needed a few ids on in advance,
            // so the cache misses overlap.
            if id + Self.fillLookahead < hashes.count {
              let ahead = Int(truncatingIfNeeded: hashes[id + Self.fillLookahead]) & mask
              if ahead >= first && ahead < end { CacheLine.prefetch(slotBase + 2 * ahead) }
            }
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            guard slot >= first && slot < end else { continue }
            while slot < end && slots[2 * slot + 1] != 0 { slot += 1 }
            guard slot < end else {
              spilled.append(id)
              continue
            }
            slots[2 * slot] = Self.locationWord(hash: hashes[id], start: starts[id])
            slots[2 * slot + 1] = Self.slotWord(id: id, length: starts[id + 1] - starts[id])
          }
        }
        return spilled
      }
      for id in spilled.joined() {
        var slot = Int(truncatingIfNeeded: hashes[id]) & mask
        while buffer[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
        buffer[2 * slot] = Self.locationWord(hash: hashes[id], start: starts[id])
        buffer[2 * slot + 1] = Self.slotWord(id: id, length: starts[id + 1] - starts[id])
      }
      initialized = 2 * slotCount
    }
    slots = newSlots
  }

  /// How many ids ahead ``fillSlots(slotCount:regions:hashes:)`` and
  /// ``rebuildSlots(slotCount:hashes:)`` prefetch a slot.
  private static let fillLookahead = 32

  /// Rebuilds the slot array with at least `slotCount` slots (doubling while more than
  /// half full), placing every id, whose hash is `hashes[id]`, in order.
  ///
  /// The slots are hit at random, so the one needed ``fillLookahead`` ids on is prefetched.
  private mutating func rebuildSlots(slotCount: Int, hashes: [UInt64]) {
    var count = slotCount
    while 2 * hashes.count > count { count <<= 1 }
    var newSlots = [UInt64](repeating: 0, count: 2 * count)
    let mask = count - 1
    let starts = self.starts
    newSlots.withUnsafeMutableBufferPointer { slots in
      hashes.withUnsafeBufferPointer { hashes in
        guard let slotBase = slots.baseAddress else { return }
        var start = starts[0]
        for id in hashes.indices {
          if id + Self.fillLookahead < hashes.count {
            let ahead = Int(truncatingIfNeeded: hashes[id + Self.fillLookahead]) & mask
            CacheLine.prefetch(slotBase + 2 * ahead)
          }
          let end = starts[id + 1]
          var slot = Int(truncatingIfNeeded: hashes[id]) & mask
          while slots[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
          slots[2 * slot] = Self.locationWord(hash: hashes[id], start: start)
          slots[2 * slot + 1] = Self.slotWord(id: id, length: end - start)
          start = end
        }
      }
    }
    slots = newSlots
  }

  // MARK: - Invariants

  /// Checks ``invariantViolation()`` in debug builds; compiled out of release builds
  /// (`assert`), so the hot paths pay nothing for it.
  ///
  /// Called wherever slots are (re)built: after a fill and after growth.
  @inline(__always)
  func assertInvariants() {
    assert(invariantViolation() == nil, "TermTable: \(invariantViolation() ?? "")")
  }

  /// The first broken invariant of this table, in words, or `nil` when it is sound.
  ///
  /// - The starts begin at 0, never decrease and end at the arena's length.
  /// - Kept hashes are one per term, each the hash of the term's stored bytes.
  /// - With slots: there are a power of two of them, at least 16 and at most half full;
  ///   each term sits in exactly one slot, which holds its hash bits, start, id and
  ///   length; and every slot from the term's home slot to its own is occupied (all a
  ///   linear-probing lookup needs to find it).
  ///
  /// - Complexity: O(arena.count + slot count), plus the probe distances.
  func invariantViolation() -> String? {
    let count = self.count
    guard starts.count >= 1, starts[0] == 0 else { return "the first start is not 0" }
    for id in 0..<count where starts[id + 1] < starts[id] {
      return "the starts decrease at term \(id)"
    }
    guard starts[count] == arena.count else {
      return "the last start is \(starts[count]), not the arena's length \(arena.count)"
    }
    let computed = (0..<count).map { computedHash(of: $0) }
    if !hashes.isEmpty {
      guard hashes.count == count else { return "\(hashes.count) hashes for \(count) terms" }
      for id in 0..<count where hashes[id] != computed[id] {
        return "the kept hash of term \(id) is not the hash of its bytes"
      }
    }
    guard !slots.isEmpty else { return nil }
    let slotCount = slots.count / 2
    guard slots.count % 2 == 0, slotCount >= 16, slotCount & (slotCount - 1) == 0 else {
      return "\(slotCount) slots: not a power of two of at least 16"
    }
    guard 2 * count <= slotCount else {
      return "\(count) terms fill more than half of \(slotCount) slots"
    }
    let mask = slotCount - 1
    var placed = [Bool](repeating: false, count: count)
    for slot in 0..<slotCount where slots[2 * slot + 1] != 0 {
      let word = slots[2 * slot + 1]
      let id = Int(truncatingIfNeeded: word >> 32) - 1
      guard id >= 0 && id < count, !placed[id] else {
        return "slot \(slot) holds an unknown or repeated id \(id)"
      }
      placed[id] = true
      let location = slots[2 * slot]
      let length = UInt64(truncatingIfNeeded: starts[id + 1] - starts[id]) & 0xFFFF_FFFF
      guard Int(truncatingIfNeeded: location & Self.startMask) == starts[id],
        word & 0xFFFF_FFFF == length, (location ^ computed[id]) & Self.hashBitsMask == 0
      else { return "slot \(slot) does not describe term \(id)" }
      var probe = Int(truncatingIfNeeded: computed[id]) & mask
      while probe != slot {
        guard slots[2 * probe + 1] != 0 else {
          return "term \(id) lies past an empty slot on its probe path"
        }
        probe = (probe + 1) & mask
      }
    }
    if let missing = placed.firstIndex(of: false) { return "term \(missing) has no slot" }
    return nil
  }
}
