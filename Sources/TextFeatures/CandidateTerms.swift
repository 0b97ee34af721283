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
  /// Each block's terms in sorted order.
  private let blocks: [SortedTerms]
  /// For each merged term, the first block that holds it.
  private var sourceBlocks: [Int32] = []
  /// For each merged term, its position in the sorted terms of ``sourceBlocks``.
  private var sourcePositions: [Int32] = []
  /// For each merged term, the number of documents (over all blocks) that contain it.
  private(set) var documentFrequencies: [Int] = []
  /// For each block, the merged index of each of its sorted terms.
  private var mergedIndices: [[Int32]]

  /// The number of distinct terms.
  var count: Int { documentFrequencies.count }

  /// Sorts each block's terms, counts their document frequencies and merges the blocks.
  ///
  /// - Parameter counted: Each block's table and counted rows, whose columns are ids of
  ///   that table (each at most once per row).
  init(_ counted: [(table: TermTable, rows: CountedRows)]) {
    let sorted = DocumentBlocks.map(count: counted.count) { block in
      let (table, rows) = counted[block]
      var counts = [Int](repeating: 0, count: table.count)
      for id in rows.columns { counts[Int(id)] += 1 }
      let terms = table.sortedTerms()
      return (terms: terms, frequencies: terms.ids.map { counts[Int($0)] })
    }
    blocks = sorted.map(\.terms)
    guard blocks.count > 1 else {
      let total = blocks.first?.count ?? 0
      mergedIndices = [(0..<total).map { Int32(truncatingIfNeeded: $0) }]
      sourceBlocks = [Int32](repeating: 0, count: total)
      sourcePositions = mergedIndices[0]
      documentFrequencies = sorted.first?.frequencies ?? []
      return
    }
    mergedIndices = blocks.map { [Int32](repeating: 0, count: $0.count) }
    merge(frequencies: sorted.map(\.frequencies))
  }

  /// The k-way merge of the blocks' sorted terms.
  ///
  /// - Parameter blockFrequencies: Each block's document frequency of each of its sorted
  ///   terms.
  private mutating func merge(frequencies blockFrequencies: [[Int]]) {
    let blockCount = blocks.count
    // The merge reads keys, lengths and frequencies of all blocks one after another.
    var offsets = [0]
    var keys: [UInt64] = []
    var secondKeys: [UInt64] = []
    var lengths: [Int32] = []
    var frequencies: [Int] = []
    for (block, terms) in blocks.enumerated() {
      offsets.append(offsets[block] + terms.count)
      keys.append(contentsOf: terms.keys)
      secondKeys.append(contentsOf: terms.secondKeys)
      lengths.append(
        contentsOf: zip(terms.starts, terms.starts.dropFirst()).lazy.map {
          Int32(truncatingIfNeeded: $1 - $0)
        })
      frequencies.append(contentsOf: blockFrequencies[block])
    }
    let total = keys.count
    let largest = blocks.reduce(0) { Swift.max($0, $1.count) }
    let capacity = Swift.min(total, largest + total / 2)
    var sourceBlocks: [Int32] = []
    var sourcePositions: [Int32] = []
    var documentFrequencies: [Int] = []
    var merged = [Int32](repeating: 0, count: total)
    sourceBlocks.reserveCapacity(capacity)
    sourcePositions.reserveCapacity(capacity)
    documentFrequencies.reserveCapacity(capacity)
    var heads = Array(offsets.dropLast())
    let ends = Array(offsets.dropFirst())
    let blocks = self.blocks
    keys.withUnsafeBufferPointer { keys in
      secondKeys.withUnsafeBufferPointer { secondKeys in
        lengths.withUnsafeBufferPointer { lengths in
          frequencies.withUnsafeBufferPointer { frequencies in
            merged.withUnsafeMutableBufferPointer { merged in
              /// Compares the terms at positions `a` (of `blockA`) and `b` (of `blockB`).
              func compare(_ a: Int, _ blockA: Int, _ b: Int, _ blockB: Int) -> Int {
                if keys[a] != keys[b] { return keys[a] < keys[b] ? -1 : 1 }
                if secondKeys[a] != secondKeys[b] { return secondKeys[a] < secondKeys[b] ? -1 : 1 }
                if lengths[a] <= 16 && lengths[b] <= 16 { return Int(lengths[a] - lengths[b]) }
                let left = blocks[blockA]
                let right = blocks[blockB]
                let leftPosition = a - offsets[blockA]
                let rightPosition = b - offsets[blockB]
                return TermTable.compare(
                  left.arena, left.starts[leftPosition]..<left.starts[leftPosition + 1],
                  right.arena, right.starts[rightPosition]..<right.starts[rightPosition + 1])
              }
              while true {
                // The first block whose head term is smallest.
                var best = -1
                for block in 0..<blockCount where heads[block] < ends[block] {
                  if best < 0 || compare(heads[block], block, heads[best], best) < 0 {
                    best = block
                  }
                }
                guard best >= 0 else { break }
                let bestHead = heads[best]
                let index = Int32(truncatingIfNeeded: documentFrequencies.count)
                var frequency = 0
                // Earlier blocks hold only larger terms at their heads; later ones may hold
                // this one too.
                for block in best..<blockCount where heads[block] < ends[block] {
                  let head = heads[block]
                  guard block == best || compare(head, block, bestHead, best) == 0 else {
                    continue
                  }
                  merged[head] = index
                  frequency += frequencies[head]
                  heads[block] = head + 1
                }
                sourceBlocks.append(Int32(truncatingIfNeeded: best))
                sourcePositions.append(Int32(truncatingIfNeeded: bestHead - offsets[best]))
                documentFrequencies.append(frequency)
              }
            }
          }
        }
      }
    }
    self.sourceBlocks = sourceBlocks
    self.sourcePositions = sourcePositions
    self.documentFrequencies = documentFrequencies
    mergedIndices = (0..<blockCount).map { Array(merged[offsets[$0]..<offsets[$0 + 1]]) }
  }

  /// A table holding the merged terms `selected` as ids `0, 1, …`.
  ///
  /// Each block copies the bytes of its own selected terms (concurrently); as merged
  /// indices ascend, so do positions within a block, so every block reads its sorted
  /// terms front to back.
  ///
  /// - Parameter selected: Merged indices, ascending.
  /// - Returns: The table, in sorted term order.
  func table(selecting selected: [Int]) -> TermTable {
    if blocks.count == 1 && selected.count == count {
      return TermTable(arena: blocks[0].arena, starts: blocks[0].starts, hashes: blocks[0].hashes)
    }
    let count = selected.count
    var starts = [Int](repeating: 0, count: count + 1)
    var hashes = [UInt64](repeating: 0, count: count)
    starts.withUnsafeMutableBufferPointer { starts in
      hashes.withUnsafeMutableBufferPointer { hashes in
        let targets = UncheckedSendable(value: (starts, hashes))
        _ = DocumentBlocks.map(count: blocks.count) { block in
          let (starts, hashes) = targets.value
          let terms = blocks[block]
          terms.starts.withUnsafeBufferPointer { sourceStarts in
            terms.hashes.withUnsafeBufferPointer { sourceHashes in
              for (index, merged) in selected.enumerated() where Int(sourceBlocks[merged]) == block
              {
                let position = Int(sourcePositions[merged])
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
      _ = DocumentBlocks.map(count: blocks.count) { block in
        let arena = target.value
        let terms = blocks[block]
        terms.starts.withUnsafeBufferPointer { sourceStarts in
          terms.arena.withUnsafeBufferPointer { source in
            for (index, merged) in selected.enumerated() where Int(sourceBlocks[merged]) == block {
              var from = sourceStarts[Int(sourcePositions[merged])]
              for position in starts[index]..<starts[index + 1] {
                arena[position] = source[from]
                from += 1
              }
            }
          }
        }
      }
    }
    return TermTable(arena: arena, starts: starts, hashes: hashes)
  }

  /// For each block, the new column of each provisional id: `columns[merged index]`.
  ///
  /// - Parameter columns: For each merged term, its column or `-1` when pruned.
  /// - Returns: One array per block, indexed by the block table's provisional ids.
  func blockColumns(_ columns: [Int32]) -> [[Int32]] {
    DocumentBlocks.map(count: blocks.count) { block in
      let ids = blocks[block].ids
      let merged = mergedIndices[block]
      var result = [Int32](repeating: -1, count: ids.count)
      for position in ids.indices {
        result[Int(ids[position])] = columns[Int(merged[position])]
      }
      return result
    }
  }
}
