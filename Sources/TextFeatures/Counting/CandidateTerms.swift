import StanceSupport

/// The distinct terms counted by the blocks of a fit, merged into sorted term order, with
/// their document frequencies.
///
/// Each block of documents is counted into its own ``TermTable``, whose provisional ids
/// follow first occurrence in that block. Rather than inserting every block's terms into
/// one table and sorting the union, each block sorts its own terms by stored bytes (the
/// blocks run concurrently), and one linear k-way merge of the sorted lists yields the
/// distinct terms in sorted order. A merged index is a term's rank in sorted term order,
/// so it does not depend on how the documents were split into blocks, and neither does
/// anything built from it.
///
/// ```
/// block b:  table_b ─sortedTerms─▶ (keys, length, id) in term order, df_b per position
/// merge:    smallest head first; keys (and lengths) decide, bytes only for long ties;
///           equal terms of several blocks become one merged term, df = Σ df_b
/// ```
///
/// - Complexity: O(T_b + stored bytes) per block (concurrently) for the radix sort, then
///   O(k · T) for the merge, for k blocks and T merged terms.
struct CandidateTerms {
  /// Each block's terms in sorted order; their sort keys are emptied after the merge.
  private var blocks: [SortedTerms]
  /// For each merged term, `block << 32 | position`: the first block that holds it and its
  /// position in that block's sorted terms.
  private var sources: [UInt64] = []
  /// For each merged term, the number of documents (over all blocks) that contain it.
  private(set) var documentFrequencies: [Int] = []
  /// Where each block's sorted terms start in ``mergedIndices``; one more element than
  /// there are blocks.
  private let offsets: [Int]
  /// The merged index of each block's sorted terms, block after block.
  private var mergedIndices: [Int32]

  /// The number of distinct terms.
  var count: Int { documentFrequencies.count }

  /// Sorts each block's terms, counts their document frequencies and merges the blocks.
  ///
  /// The sorted terms hold copies of everything later steps read, so the tables are
  /// emptied once sorted, before the merge and the vocabulary need memory of their own.
  ///
  /// - Parameters:
  ///   - tables: Each block's table; emptied.
  ///   - rows: Each block's counted rows, whose columns are ids of that block's table (each
  ///     at most once per row).
  init(tables: inout [TermTable], rows: [CountedRows]) {
    precondition(tables.count == rows.count, "CandidateTerms: one table per block")
    let counted = tables
    let sorted = Parallel.map(counted.count) { block in
      let table = counted[block]
      var counts = [Int32](repeating: 0, count: table.count)
      counts.withUnsafeMutableBufferPointer { counts in
        rows[block].columns.withUnsafeBufferPointer { columns in
          for id in columns { counts[Int(id & ~CountedRows.repeatFlag)] &+= 1 }
        }
      }
      let terms = table.sortedTerms()
      return (terms: terms, frequencies: terms.ids.map { Int(counts[Int($0)]) })
    }
    tables = []
    blocks = sorted.map(\.terms)
    var offsets = [0]
    for terms in blocks { offsets.append(offsets[offsets.count - 1] + terms.count) }
    self.offsets = offsets
    let total = offsets[offsets.count - 1]
    guard blocks.count > 1 else {
      mergedIndices = (0..<total).map { Int32(truncatingIfNeeded: $0) }
      sources = (0..<total).map { UInt64(truncatingIfNeeded: $0) }
      documentFrequencies = sorted.first?.frequencies ?? []
      return
    }
    mergedIndices = [Int32](repeating: 0, count: total)
    var cursors: [Cursor] = []
    Self.withCursors(blocks, sorted.map(\.frequencies), &cursors) { merge($0) }
    // Only the merge compares terms.
    for block in blocks.indices {
      blocks[block].keys = []
      blocks[block].secondKeys = []
    }
  }

  /// Counts every n-gram of `documents`, one block of documents per range (concurrently),
  /// and merges the blocks' terms.
  ///
  /// - Returns: The merged candidates and each block's counted rows, whose entries are ids
  ///   of that block's table (see ``blockColumns(_:)``).
  static func counting(
    _ documents: [String], _ ranges: [Range<Int>], configuration: VectorizerConfiguration
  ) -> (candidates: CandidateTerms, blocks: [CountedRows]) {
    let counted = Parallel.map(ranges) { range in
      FeatureCounter.countCandidates(documents, range, configuration: configuration)
    }
    var tables = counted.map(\.table)
    let blocks = counted.map(\.rows)
    _ = consume counted
    return (CandidateTerms(tables: &tables, rows: blocks), blocks)
  }

  /// Read access to one block's sorted terms during the merge.
  private struct Cursor {
    /// First sort keys.
    let keys: UnsafeBufferPointer<UInt64>
    /// Second sort keys.
    let secondKeys: UnsafeBufferPointer<UInt64>
    /// Term starts in ``arena``.
    let starts: UnsafeBufferPointer<Int>
    /// Term bytes.
    let arena: UnsafeBufferPointer<UInt8>
    /// Block document frequencies.
    let frequencies: UnsafeBufferPointer<Int>

    /// The stored length of the term at `position`.
    @inline(__always)
    func length(_ position: Int) -> Int { starts[position + 1] - starts[position] }
  }

  /// Calls `body` with a cursor per block, entering each block's arrays once (one nested
  /// scope per block, so every pointer stays valid while `body` runs).
  private static func withCursors(
    _ blocks: [SortedTerms], _ frequencies: [[Int]], _ cursors: inout [Cursor],
    _ body: ([Cursor]) -> Void
  ) {
    let block = cursors.count
    guard block < blocks.count else { return body(cursors) }
    let terms = blocks[block]
    terms.keys.withUnsafeBufferPointer { keys in
      terms.secondKeys.withUnsafeBufferPointer { secondKeys in
        terms.starts.withUnsafeBufferPointer { starts in
          terms.arena.withUnsafeBufferPointer { arena in
            frequencies[block].withUnsafeBufferPointer { blockFrequencies in
              cursors.append(
                Cursor(
                  keys: keys, secondKeys: secondKeys, starts: starts, arena: arena,
                  frequencies: blockFrequencies))
              withCursors(blocks, frequencies, &cursors, body)
            }
          }
        }
      }
    }
  }

  /// The k-way merge of the blocks' sorted terms.
  ///
  /// - Parameter cursors: One per block.
  private mutating func merge(_ cursors: [Cursor]) {
    let blockCount = cursors.count
    let total = offsets[blockCount]
    let largest = blocks.reduce(0) { Swift.max($0, $1.count) }
    let capacity = Swift.min(total, largest + total / 2)
    var sources: [UInt64] = []
    var documentFrequencies: [Int] = []
    sources.reserveCapacity(capacity)
    documentFrequencies.reserveCapacity(capacity)
    var heads = [Int](repeating: 0, count: blockCount)
    let ends = blocks.map(\.count)
    let offsets = self.offsets
    mergedIndices.withUnsafeMutableBufferPointer { merged in
      /// Compares the term at `a` of block `blockA` with the term at `b` of `blockB`.
      @inline(__always)
      func compare(_ blockA: Int, _ a: Int, _ blockB: Int, _ b: Int) -> Int {
        let left = cursors[blockA]
        let right = cursors[blockB]
        if left.keys[a] != right.keys[b] { return left.keys[a] < right.keys[b] ? -1 : 1 }
        if left.secondKeys[a] != right.secondKeys[b] {
          return left.secondKeys[a] < right.secondKeys[b] ? -1 : 1
        }
        let leftLength = left.length(a)
        let rightLength = right.length(b)
        if leftLength <= 16 && rightLength <= 16 { return leftLength - rightLength }
        return TermTable.compare(
          left.arena, left.starts[a]..<left.starts[a + 1], right.arena,
          right.starts[b]..<right.starts[b + 1])
      }
      while true {
        // The first block whose head term is smallest.
        var best = -1
        for block in 0..<blockCount where heads[block] < ends[block] {
          if best < 0 || compare(block, heads[block], best, heads[best]) < 0 { best = block }
        }
        guard best >= 0 else { break }
        let bestHead = heads[best]
        let index = Int32(truncatingIfNeeded: documentFrequencies.count)
        var frequency = 0
        // Earlier blocks hold only larger terms at their heads; later ones may hold this
        // one too.
        for block in best..<blockCount where heads[block] < ends[block] {
          let head = heads[block]
          guard block == best || compare(block, head, best, bestHead) == 0 else { continue }
          merged[offsets[block] + head] = index
          frequency += cursors[block].frequencies[head]
          heads[block] = head + 1
        }
        sources.append(
          UInt64(truncatingIfNeeded: best) << 32 | UInt64(truncatingIfNeeded: bestHead))
        documentFrequencies.append(frequency)
      }
    }
    self.sources = sources
    self.documentFrequencies = documentFrequencies
  }

  /// A table holding the merged terms `selected` as ids `0, 1, …`, without lookup slots
  /// (see ``TermTable/placeSlots(hashes:threads:)``), and the hash of each of its terms.
  ///
  /// Each block copies the bytes of its own selected terms (concurrently); as merged
  /// indices ascend, so do positions within a block, so every block reads its sorted
  /// terms front to back.
  ///
  /// - Parameter selected: Merged indices, ascending.
  /// - Returns: The table, in sorted term order, and its terms' hashes by id.
  func table(selecting selected: [Int]) -> (table: TermTable, hashes: [UInt64]) {
    if blocks.count == 1 && selected.count == count {
      return (
        TermTable(withoutSlotsArena: blocks[0].arena, starts: blocks[0].starts),
        blocks[0].hashes
      )
    }
    let count = selected.count
    var starts = [Int](repeating: 0, count: count + 1)
    var hashes = [UInt64](repeating: 0, count: count)
    starts.withUnsafeMutableBufferPointer { starts in
      hashes.withUnsafeMutableBufferPointer { hashes in
        let targets = UncheckedSendable(value: (starts, hashes))
        _ = Parallel.map(blocks.count) { block in
          let (starts, hashes) = targets.value
          let terms = blocks[block]
          terms.starts.withUnsafeBufferPointer { sourceStarts in
            terms.hashes.withUnsafeBufferPointer { sourceHashes in
              for (index, merged) in selected.enumerated()
              where Int(truncatingIfNeeded: sources[merged] >> 32) == block {
                let position = Int(truncatingIfNeeded: sources[merged] & 0xFFFF_FFFF)
                starts[index + 1] = sourceStarts[position + 1] - sourceStarts[position]
                hashes[index] = sourceHashes[position]
              }
            }
          }
        }
        for index in 0..<count { starts[index + 1] += starts[index] }
      }
    }
    var arena = [UInt8](repeating: 0, count: starts[count])
    arena.withUnsafeMutableBufferPointer { arena in
      let target = UncheckedSendable(value: arena)
      _ = Parallel.map(blocks.count) { block in
        let arena = target.value
        let terms = blocks[block]
        terms.starts.withUnsafeBufferPointer { sourceStarts in
          terms.arena.withUnsafeBufferPointer { source in
            for (index, merged) in selected.enumerated()
            where Int(truncatingIfNeeded: sources[merged] >> 32) == block {
              var from = sourceStarts[Int(truncatingIfNeeded: sources[merged] & 0xFFFF_FFFF)]
              for position in starts[index]..<starts[index + 1] {
                arena[position] = source[from]
                from += 1
              }
            }
          }
        }
      }
    }
    return (TermTable(withoutSlotsArena: arena, starts: starts), hashes)
  }

  /// For each block, the new column of each provisional id, `columns[merged index]`, with
  /// the term's document frequency.
  ///
  /// - Parameter columns: For each merged term, its column or `-1` when pruned.
  /// - Returns: One array per block, indexed by the block table's provisional ids.
  func blockColumns(_ columns: [Int32]) -> [[ProvisionalColumn]] {
    Parallel.map(blocks.count) { block in
      let ids = blocks[block].ids
      var result = [ProvisionalColumn](
        repeating: ProvisionalColumn(column: -1, documentFrequency: 0), count: ids.count)
      for position in ids.indices {
        let merged = Int(mergedIndices[offsets[block] + position])
        result[Int(ids[position])] = ProvisionalColumn(
          column: columns[merged],
          documentFrequency: UInt32(clamping: documentFrequencies[merged]))
      }
      return result
    }
  }
}

/// Where a provisional id of one block's table goes once the vocabulary is known: its
/// column (`-1` when pruned) and its document frequency, read together when rows are
/// finished so that a common document frequency's idf comes from a small table instead of
/// a lookup by column.
struct ProvisionalColumn: Sendable {
  /// The term's column, or `-1` when pruned.
  var column: Int32
  /// The term's document frequency, saturated at `UInt32.max`.
  var documentFrequency: UInt32
}
