import StanceSupport

/// Sorting a ``TermTable`` into term order: what a fit needs to number its terms the same
/// way for any split of the documents into blocks (see ``CandidateTerms``).
extension TermTable {
  /// Every id of this table in sorted term order (stored bytes, unsigned lexicographic
  /// order, a proper prefix first), with the keys and lengths that
  /// order them.
  ///
  /// A term's first key is its first eight stored bytes read big-endian and zero-padded,
  /// its second key the next eight. Keys order terms exactly as their bytes do whenever
  /// they differ; when both agree, terms of at most 16 bytes order by length, and only
  /// longer terms compare their bytes. Each term becomes one record (keys, start, length,
  /// id) that the sort moves as a whole, so it never looks a term up by id: the records are
  /// radix-sorted by first key, then each run of equal first keys is sorted by the rest.
  /// Only copying the bytes and hashes into sorted order reads by id, with prefetching.
  ///
  /// - Returns: The terms in sorted order.
  /// - Complexity: O(T) for the radix sort plus O(r log r) for each run of r terms sharing
  ///   a first key.
  func sortedTerms() -> SortedTerms {
    let count = self.count
    var records = [SortRecord](unsafeUninitializedCapacity: count) { records, initialized in
      arena.withUnsafeBufferPointer { arena in
        let starts = self.starts
        for id in 0..<count {
          let start = starts[id]
          let length = starts[id + 1] - start
          let (key, secondKey) = Self.sortKeys(arena, start, length)
          records.initializeElement(
            at: id,
            to: SortRecord(
              key: key, secondKey: secondKey, start: start,
              id: UInt32(truncatingIfNeeded: id), length: UInt32(clamping: length)))
        }
      }
      initialized = count
    }
    Self.radixSort(&records)
    arena.withUnsafeBufferPointer { arena in
      records.withUnsafeMutableBufferPointer { records in
        // Terms sharing a first key are adjacent now; order each such run.
        var first = 0
        while first < records.count {
          var last = first + 1
          while last < records.count && records[last].key == records[first].key { last += 1 }
          if last - first > 1 {
            Self.sortRun(
              UnsafeMutableBufferPointer(rebasing: records[first..<last]), arena, starts)
          }
          first = last
        }
      }
    }
    // Copy everything the merge and the final table read, in sorted order.
    var sortedStarts = [Int](repeating: 0, count: count + 1)
    var sortedArena = [UInt8](repeating: 0, count: arena.count)
    let hashes = self.hashes.count == count ? self.hashes : (0..<count).map { hash(of: $0) }
    var sortedHashes = [UInt64](repeating: 0, count: count)
    records.withUnsafeBufferPointer { records in
      arena.withUnsafeBufferPointer { arena in
        hashes.withUnsafeBufferPointer { hashes in
          sortedStarts.withUnsafeMutableBufferPointer { sortedStarts in
            sortedArena.withUnsafeMutableBufferPointer { sortedArena in
              sortedHashes.withUnsafeMutableBufferPointer { sortedHashes in
                let starts = self.starts
                let distance = 16
                var end = 0
                for position in 0..<records.count {
                  if position + distance < records.count, let arenaBase = arena.baseAddress,
                    let hashBase = hashes.baseAddress
                  {
                    let ahead = records[position + distance]
                    CacheLine.prefetch(arenaBase + ahead.start)
                    CacheLine.prefetch(hashBase + Int(ahead.id))
                  }
                  let record = records[position]
                  let length = Self.termLength(record, starts)
                  if length > 0, let source = arena.baseAddress,
                    let target = sortedArena.baseAddress
                  {
                    (target + end).update(from: source + record.start, count: length)
                  }
                  end += length
                  sortedStarts[position + 1] = end
                  sortedHashes[position] = hashes[Int(record.id)]
                }
              }
            }
          }
        }
      }
    }
    return SortedTerms(
      keys: records.map(\.key), secondKeys: records.map(\.secondKey),
      ids: records.map { Int32(truncatingIfNeeded: $0.id) }, arena: sortedArena,
      starts: sortedStarts, hashes: sortedHashes)
  }

  /// One term while ``sortedTerms()`` sorts: its two sort keys, where its bytes start, its
  /// id and its stored length.
  private struct SortRecord {
    /// Stored bytes 0 to 7, big-endian, zero-padded.
    var key: UInt64
    /// Stored bytes 8 to 15, big-endian, zero-padded.
    var secondKey: UInt64
    /// Where the term starts in the arena.
    var start: Int
    /// The term's id.
    var id: UInt32
    /// The term's stored length, saturated at `UInt32.max` (see ``termLength(_:_:)``).
    var length: UInt32
  }

  /// The two sort keys of the `length` bytes at `start`: bytes 0 to 7 and 8 to 15, each read
  /// big-endian and zero-padded.
  @inline(__always)
  private static func sortKeys(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int)
    -> (UInt64, UInt64)
  {
    guard let base = arena.baseAddress, start + 16 <= arena.count else {
      let end = start + length
      return (
        sortKey(arena, start..<Swift.min(start + 8, end)),
        sortKey(arena, Swift.min(start + 8, end)..<end)
      )
    }
    let raw = UnsafeRawPointer(base + start)
    let first = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
    let second = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    return (first & keyMask(length), second & keyMask(length - 8))
  }

  /// The mask that keeps the first `length` bytes (all eight when `length >= 8`, none when
  /// `length <= 0`) of a big-endian key.
  @inline(__always)
  private static func keyMask(_ length: Int) -> UInt64 {
    if length >= 8 { return UInt64.max }
    if length <= 0 { return 0 }
    return ~(UInt64.max >> UInt64(8 * length))
  }

  /// Sorts a run of records that share their first key: by second key, then by length
  /// when both terms are at most 16 bytes long, else by bytes.
  private static func sortRun(
    _ run: UnsafeMutableBufferPointer<SortRecord>, _ arena: UnsafeBufferPointer<UInt8>,
    _ starts: TermStarts
  ) {
    @inline(__always)
    func precedes(_ left: SortRecord, _ right: SortRecord) -> Bool {
      if left.secondKey != right.secondKey { return left.secondKey < right.secondKey }
      if left.length <= 16 && right.length <= 16 { return left.length < right.length }
      return compare(
        arena, left.start..<(left.start + termLength(left, starts)), arena,
        right.start..<(right.start + termLength(right, starts))) < 0
    }
    if run.count <= 24 {
      for index in 1..<run.count {
        let item = run[index]
        var hole = index
        while hole > 0 && precedes(item, run[hole - 1]) {
          run[hole] = run[hole - 1]
          hole -= 1
        }
        run[hole] = item
      }
    } else {
      var run = run
      run.sort(by: precedes)
    }
  }

  /// The stored length of `record`'s term: the record's, unless saturated.
  @inline(__always)
  private static func termLength(_ record: SortRecord, _ starts: TermStarts) -> Int {
    if record.length < UInt32.max { return Int(record.length) }
    let id = Int(record.id)
    return starts[id + 1] - starts[id]
  }

  /// The sort key of `arena[range]`: its first eight bytes read big-endian, zero-padded.
  @inline(__always)
  private static func sortKey(_ arena: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> UInt64
  {
    var key: UInt64 = 0
    let length = Swift.min(range.count, 8)
    for offset in 0..<length {
      key |= UInt64(arena[range.lowerBound + offset]) << UInt64(56 - 8 * offset)
    }
    return key
  }

  /// Compares `leftArena[left]` with `rightArena[right]` by bytes: negative when the left
  /// bytes sort first, zero when they are equal.
  ///
  /// - Complexity: O(shorter length).
  static func compare(
    _ leftArena: [UInt8], _ left: Range<Int>, _ rightArena: [UInt8], _ right: Range<Int>
  ) -> Int {
    leftArena.withUnsafeBufferPointer { leftArena in
      rightArena.withUnsafeBufferPointer { rightArena in
        compare(leftArena, left, rightArena, right)
      }
    }
  }

  /// Compares `leftArena[left]` with `rightArena[right]` by bytes: negative when the left
  /// bytes sort first, zero when they are equal.
  @inline(__always)
  static func compare(
    _ leftArena: UnsafeBufferPointer<UInt8>, _ left: Range<Int>,
    _ rightArena: UnsafeBufferPointer<UInt8>, _ right: Range<Int>
  ) -> Int {
    let common = Swift.min(left.count, right.count)
    var offset = 0
    while offset < common {
      let a = leftArena[left.lowerBound + offset]
      let b = rightArena[right.lowerBound + offset]
      if a != b { return Int(a) - Int(b) }
      offset += 1
    }
    return left.count - right.count
  }

  /// Sorts records by ``SortRecord/key``, least significant 16-bit digit first (a stable
  /// LSD radix sort); a digit that is the same in every key is skipped.
  ///
  /// - Complexity: O(4 · (k + 65,536)).
  private static func radixSort(_ items: inout [SortRecord]) {
    guard items.count > 1 else { return }
    var other = items
    var counts = [Int](repeating: 0, count: 1 << 16)
    for shift in stride(from: UInt64(0), to: 64, by: 16) {
      let moved: Bool = items.withUnsafeBufferPointer { items in
        other.withUnsafeMutableBufferPointer { other in
          counts.withUnsafeMutableBufferPointer { counts in
            counts.update(repeating: 0)
            for item in items { counts[Int(truncatingIfNeeded: (item.key >> shift) & 0xFFFF)] += 1 }
            let firstDigit = Int(truncatingIfNeeded: (items[0].key >> shift) & 0xFFFF)
            if counts[firstDigit] == items.count { return false }
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
            return true
          }
        }
      }
      if moved { swap(&items, &other) }
    }
  }
}

/// The terms of one ``TermTable`` in sorted term order (see ``TermTable/sortedTerms()``):
/// their sort keys, their ids in the table, and a copy of their bytes and hashes in that
/// order, so that readers in term order read memory front to back.
struct SortedTerms: Sendable {
  /// The first eight stored bytes of each term, big-endian, zero-padded.
  var keys: [UInt64]
  /// Stored bytes 8 to 15 of each term, big-endian, zero-padded.
  var secondKeys: [UInt64]
  /// The table's id of each term.
  var ids: [Int32]
  /// The stored bytes of every term, back to back, in sorted order.
  var arena: [UInt8]
  /// Where each term starts in ``arena``; one more element than there are terms.
  var starts: [Int]
  /// The feature hash of each term.
  var hashes: [UInt64]

  /// The number of terms.
  var count: Int { ids.count }
}
