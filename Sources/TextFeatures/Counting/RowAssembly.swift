import LinearAlgebra
import StanceSupport

/// Row assembly: counted rows become the matrix's rows.
///
/// ```
/// counted entry ─(fit: provisional id → column, pruned dropped)─▶ tf(count) · idf(column)
///               ─zeros dropped─▶ (fit: sort by column) ─L2─▶ Float
/// ```
///
/// ``Vectorizer/matrix(from:newIndices:rowCount:)`` lays the blocks out in the matrix's
/// arrays; each block is assembled by one loop per mode (``RowAssembly``).
extension Vectorizer {
  /// The matrix of counted blocks of rows: applies tf and idf, drops zeros, L2-normalises
  /// and converts to `Float`, row by row, writing every block straight into the matrix's
  /// arrays.
  ///
  /// Block `b` writes its rows at the position where its counted entries start (it writes
  /// at most that many); when pruning dropped entries, the gaps are closed afterwards, in
  /// block order. So there is no second copy of the entries, and the result does not
  /// depend on how the rows were split into blocks.
  ///
  /// - Parameters:
  ///   - blocks: Counted rows, block after block.
  ///   - newIndices: While fitting, for each block the column of each provisional id (`-1`
  ///     when pruned); `nil` when the rows already hold final columns.
  ///   - rowCount: The total number of rows.
  /// - Returns: The `rowCount × featureCount` matrix.
  /// - Complexity: O(entries · log(longest row)) when remapping, else O(entries); blocks
  ///   run concurrently.
  func matrix(from blocks: [CountedRows], newIndices: [[ProvisionalColumn]]?, rowCount: Int)
    -> SparseMatrix
  {
    var entryOffsets = [0]
    var rowOffsets = [0]
    for block in blocks {
      entryOffsets.append(entryOffsets[entryOffsets.count - 1] + block.columns.count)
      rowOffsets.append(rowOffsets[rowOffsets.count - 1] + block.rowCount)
    }
    precondition(rowOffsets[blocks.count] == rowCount, "Vectorizer: row count mismatch")
    let capacity = entryOffsets[blocks.count]
    var rowStarts = [Int](repeating: 0, count: rowCount + 1)
    var written = [Int](repeating: 0, count: blocks.count)
    var values: [Float] = []
    let columns = [Int32](unsafeUninitializedCapacity: capacity) { outColumns, columnCount in
      values = [Float](unsafeUninitializedCapacity: capacity) { outValues, valueCount in
        rowStarts.withUnsafeMutableBufferPointer { rowStarts in
          written.withUnsafeMutableBufferPointer { written in
            let targets = UncheckedSendable(value: (outColumns, outValues, rowStarts, written))
            _ = Parallel.map(blocks.count) { block in
              let (outColumns, outValues, rowStarts, written) = targets.value
              let offset = entryOffsets[block]
              let end = entryOffsets[block + 1]
              written[block] = finish(
                blocks[block], newIndex: newIndices?[block],
                columns: UnsafeMutableBufferPointer(rebasing: outColumns[offset..<end]),
                values: UnsafeMutableBufferPointer(rebasing: outValues[offset..<end]),
                rowEnds: UnsafeMutableBufferPointer(
                  rebasing: rowStarts[(rowOffsets[block] + 1)..<(rowOffsets[block + 1] + 1)]),
                firstEntry: offset)
            }
            // Close the gaps that dropped entries left, block by block.
            var total = 0
            for block in blocks.indices {
              let offset = entryOffsets[block]
              let count = written[block]
              if offset != total, count > 0, let columnBase = outColumns.baseAddress,
                let valueBase = outValues.baseAddress
              {
                (columnBase + total).moveInitialize(from: columnBase + offset, count: count)
                (valueBase + total).moveInitialize(from: valueBase + offset, count: count)
              }
              if offset != total {
                for row in (rowOffsets[block] + 1)..<(rowOffsets[block + 1] + 1) {
                  rowStarts[row] -= offset - total
                }
              }
              total += count
            }
            valueCount = total
          }
        }
      }
      columnCount = values.count
    }
    return SparseMatrix(
      rowCount: rowCount, columnCount: featureCount, rowStarts: rowStarts,
      columnIndices: columns, values: values)
  }

  /// Finishes one block of counted rows into the given buffers, with the loop of its mode.
  ///
  /// - Parameters:
  ///   - rows: Counted rows.
  ///   - newIndex: While fitting, the column (`-1` when pruned) and document frequency of
  ///     each provisional id; `nil` when the rows already hold final columns.
  ///   - outColumns: Room for at least `rows.columns.count` columns; initialised from the
  ///     front.
  ///   - outValues: Room for as many values.
  ///   - rowEnds: Receives, for each row, `firstEntry` plus the number of entries written up
  ///     to its end.
  ///   - firstEntry: Where `outColumns` starts in the whole matrix.
  /// - Returns: The number of entries written.
  private func finish(
    _ rows: CountedRows, newIndex: [ProvisionalColumn]?,
    columns outColumns: UnsafeMutableBufferPointer<Int32>,
    values outValues: UnsafeMutableBufferPointer<Float>, rowEnds: UnsafeMutableBufferPointer<Int>,
    firstEntry: Int
  ) -> Int {
    let output = AssembledRows(
      columns: outColumns, values: outValues, rowEnds: rowEnds, firstEntry: firstEntry)
    let assembly = RowAssembly(
      weighting: configuration.weighting, inverseDocumentFrequencies: inverseDocumentFrequencies,
      documentCount: documentCount, fitting: newIndex != nil)
    if let newIndex { return assembly.assembleFitted(rows, newIndex: newIndex, into: output) }
    if hasher != nil { return assembly.assembleHashed(rows, into: output) }
    return assembly.assembleKnown(rows, into: output)
  }
}

/// Where one block's assembled rows go: the block's part of the matrix's arrays.
struct AssembledRows {
  /// Room for the block's columns; initialised from the front.
  let columns: UnsafeMutableBufferPointer<Int32>
  /// Room for as many values.
  let values: UnsafeMutableBufferPointer<Float>
  /// Receives, for each row, ``firstEntry`` plus the entries written up to its end.
  let rowEnds: UnsafeMutableBufferPointer<Int>
  /// Where ``columns`` starts in the whole matrix.
  let firstEntry: Int
}

/// The weights of one block's rows, and the three assembly loops: one per mode, each
/// entering unsafe code once (``withInputs(_:newIndex:_:)``).
///
/// Every loop computes a value the same way, `tf(count) · idf(column)` (hashing mode:
/// the bucket's signed sum of tf, times idf), in the same order, so a matrix does not
/// depend on which loop built it:
///
/// - ``assembleFitted(_:newIndex:into:)``: the fit's rows, holding provisional ids that
///   map to columns (or are pruned), in no order, so each row is sorted by column;
/// - ``assembleKnown(_:into:)``: transform's rows in vocabulary mode, already by column;
/// - ``assembleHashed(_:into:)``: hashing mode's rows of bucket sums, already by bucket.
struct RowAssembly {
  /// How counts become tf.
  let weighting: TermWeighting
  /// The idf of every column; empty unless the weighting is tf-idf.
  let idf: [Double]
  /// tf of the counts below 256, computed once (the same `Double`s as computing each).
  let smallCounts: [Double]
  /// While fitting with idf: the idf of the document frequencies below 4096 (the same
  /// `Double`s as in ``idf``), so that most terms take theirs from here instead of a cache
  /// miss on `idf[column]`; empty otherwise.
  let smallFrequencies: [Double]

  /// How many entries ahead ``assembleFitted(_:newIndex:into:)`` prefetches a provisional
  /// id's column.
  static let lookahead = 16

  /// The weights for a vectorizer's settings.
  ///
  /// - Parameters:
  ///   - weighting: The tf, idf and normalisation settings.
  ///   - inverseDocumentFrequencies: The vectorizer's idf, `nil` unless tf-idf.
  ///   - documentCount: The number of training documents.
  ///   - fitting: Whether the rows are the fit's (provisional ids with document
  ///     frequencies).
  init(
    weighting: TermWeighting, inverseDocumentFrequencies: [Double]?, documentCount: Int,
    fitting: Bool
  ) {
    self.weighting = weighting
    idf = inverseDocumentFrequencies ?? []
    smallCounts = (0..<256).map { weighting.termFrequency(count: Swift.max($0, 1)) }
    smallFrequencies =
      fitting && !idf.isEmpty
      ? (0..<Swift.min(documentCount + 1, 4096)).map {
        TermWeighting.inverseDocumentFrequency(documentFrequency: $0, documentCount: documentCount)
      } : []
  }

  /// Assembles the fit's rows: provisional ids become columns through `newIndex` (pruned
  /// ones are dropped) and each row is sorted by column.
  ///
  /// - Returns: The number of entries written.
  /// - Complexity: O(entries · log(longest row)).
  func assembleFitted(
    _ rows: CountedRows, newIndex: [ProvisionalColumn], into output: AssembledRows
  )
    -> Int
  {
    withInputs(rows, newIndex: newIndex) { input in
      var written = 0
      var repeats = 0
      for row in 0..<rows.rowCount {
        var count = 0
        for entry in input.rowStarts[row]..<input.rowStarts[row + 1] {
          // The id map is read at random: ask for the entry needed a few entries on, so
          // its cache miss overlaps with this work.
          if entry + Self.lookahead < input.columns.count, let mapBase = input.map.baseAddress {
            let ahead = input.columns[entry + Self.lookahead]
            CacheLine.prefetch(mapBase + Int(ahead & ~CountedRows.repeatFlag))
          }
          var column = input.columns[entry]
          var occurrences = 1
          if column < 0 {
            column &= ~CountedRows.repeatFlag
            occurrences = Int(input.repeatCounts[repeats])
            repeats += 1
          }
          let target = input.map[Int(column)]
          column = target.column
          if column < 0 { continue }
          let frequency = Int(target.documentFrequency)
          var value =
            occurrences < input.smallCounts.count
            ? input.smallCounts[occurrences] : weighting.termFrequency(count: occurrences)
          if !input.idf.isEmpty {
            value *=
              frequency < input.smallFrequencies.count
              ? input.smallFrequencies[frequency] : input.idf[Int(column)]
          }
          input.keep(column, value, &count)
        }
        let entries = UnsafeMutableBufferPointer(rebasing: input.order[0..<count])
        SmallSort.sort(entries)
        input.write(entries, to: output, row: row, &written)
      }
      return written
    }
  }

  /// Assembles transform's rows in vocabulary mode, whose ids are columns already in
  /// order.
  ///
  /// - Returns: The number of entries written.
  /// - Complexity: O(entries).
  func assembleKnown(_ rows: CountedRows, into output: AssembledRows) -> Int {
    withInputs(rows, newIndex: []) { input in
      var written = 0
      var repeats = 0
      for row in 0..<rows.rowCount {
        var count = 0
        for entry in input.rowStarts[row]..<input.rowStarts[row + 1] {
          var column = input.columns[entry]
          var occurrences = 1
          if column < 0 {
            column &= ~CountedRows.repeatFlag
            occurrences = Int(input.repeatCounts[repeats])
            repeats += 1
          }
          var value =
            occurrences < input.smallCounts.count
            ? input.smallCounts[occurrences] : weighting.termFrequency(count: occurrences)
          if !input.idf.isEmpty { value *= input.idf[Int(column)] }
          input.keep(column, value, &count)
        }
        let entries = UnsafeMutableBufferPointer(rebasing: input.order[0..<count])
        input.write(entries, to: output, row: row, &written)
      }
      return written
    }
  }

  /// Assembles hashing mode's rows, whose entries are signed sums of tf per bucket,
  /// already in bucket order; a bucket whose terms cancelled to 0 is dropped here.
  ///
  /// - Returns: The number of entries written.
  /// - Complexity: O(entries).
  func assembleHashed(_ rows: CountedRows, into output: AssembledRows) -> Int {
    withInputs(rows, newIndex: []) { input in
      var written = 0
      for row in 0..<rows.rowCount {
        var count = 0
        for entry in input.rowStarts[row]..<input.rowStarts[row + 1] {
          let column = input.columns[entry]
          var value = input.values[entry]
          if !input.idf.isEmpty { value *= input.idf[Int(column)] }
          input.keep(column, value, &count)
        }
        let entries = UnsafeMutableBufferPointer(rebasing: input.order[0..<count])
        input.write(entries, to: output, row: row, &written)
      }
      return written
    }
  }

  /// Calls `body` with every array a loop reads as a buffer, and scratch room for the
  /// longest row: the one place row assembly enters unsafe code.
  @inline(__always)
  private func withInputs(
    _ rows: CountedRows, newIndex: [ProvisionalColumn], _ body: (AssemblyInputs) -> Int
  ) -> Int {
    var longest = 0
    for row in 0..<rows.rowCount {
      longest = Swift.max(longest, rows.rowStarts[row + 1] - rows.rowStarts[row])
    }
    // A row's entries are packed as `column << 32 | position` (so that sorting them sorts
    // by column) next to their values by position.
    let order = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: longest)
    let weighted = UnsafeMutableBufferPointer<Double>.allocate(capacity: longest)
    defer {
      order.deallocate()
      weighted.deallocate()
    }
    return rows.rowStarts.withUnsafeBufferPointer { rowStarts in
      rows.columns.withUnsafeBufferPointer { columns in
        rows.repeatCounts.withUnsafeBufferPointer { repeatCounts in
          rows.values.withUnsafeBufferPointer { values in
            idf.withUnsafeBufferPointer { idf in
              smallCounts.withUnsafeBufferPointer { smallCounts in
                smallFrequencies.withUnsafeBufferPointer { smallFrequencies in
                  newIndex.withUnsafeBufferPointer { map in
                    body(
                      AssemblyInputs(
                        rowStarts: rowStarts, columns: columns, repeatCounts: repeatCounts,
                        values: values, idf: idf, smallCounts: smallCounts,
                        smallFrequencies: smallFrequencies, map: map, order: order,
                        weighted: weighted, normalizes: weighting.normalization == .l2))
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// What the loops of ``RowAssembly`` read and their scratch room, as buffers valid only
/// inside ``RowAssembly/withInputs(_:newIndex:_:)``.
private struct AssemblyInputs {
  /// Where each counted row starts.
  let rowStarts: UnsafeBufferPointer<Int>
  /// The counted entries (see ``CountedRows/columns``).
  let columns: UnsafeBufferPointer<Int32>
  /// The counts of entries marked as repeated.
  let repeatCounts: UnsafeBufferPointer<UInt32>
  /// Hashing mode: each entry's signed tf sum.
  let values: UnsafeBufferPointer<Double>
  /// The idf of every column; empty unless tf-idf.
  let idf: UnsafeBufferPointer<Double>
  /// See ``RowAssembly/smallCounts``.
  let smallCounts: UnsafeBufferPointer<Double>
  /// See ``RowAssembly/smallFrequencies``.
  let smallFrequencies: UnsafeBufferPointer<Double>
  /// While fitting: the column and document frequency of each provisional id.
  let map: UnsafeBufferPointer<ProvisionalColumn>
  /// The current row's kept entries, `column << 32 | position`.
  let order: UnsafeMutableBufferPointer<UInt64>
  /// The current row's values, by position.
  let weighted: UnsafeMutableBufferPointer<Double>
  /// Whether rows are L2-normalised.
  let normalizes: Bool

  /// Keeps the entry `(column, value)` of the current row unless its value is 0.
  @inline(__always)
  func keep(_ column: Int32, _ value: Double, _ count: inout Int) {
    guard value != 0 else { return }
    order[count] = UInt64(truncatingIfNeeded: column) << 32 | UInt64(truncatingIfNeeded: count)
    weighted[count] = value
    count += 1
  }

  /// Normalises the kept entries, in the order given, and writes them as row `row`.
  @inline(__always)
  func write(
    _ entries: UnsafeMutableBufferPointer<UInt64>, to output: AssembledRows, row: Int,
    _ written: inout Int
  ) {
    var norm = 1.0
    if normalizes {
      var sum = 0.0
      for packed in entries {
        let value = weighted[Int(truncatingIfNeeded: packed & 0xFFFF_FFFF)]
        sum += value * value
      }
      if sum > 0 { norm = sum.squareRoot() }
    }
    for packed in entries {
      output.columns.initializeElement(at: written, to: Int32(truncatingIfNeeded: packed >> 32))
      output.values.initializeElement(
        at: written, to: Float(weighted[Int(truncatingIfNeeded: packed & 0xFFFF_FFFF)] / norm))
      written += 1
    }
    output.rowEnds[row] = output.firstEntry + written
  }
}
