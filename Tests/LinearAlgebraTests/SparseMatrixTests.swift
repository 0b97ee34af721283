import LinearAlgebra
import StanceTestSupport
import Testing

/// The CSR container, its builder and its kernels against a dense reference.
@Suite struct SparseMatrixTests {
  /// A random sparse matrix with about `density` of its entries stored, some rows empty.
  private func randomSparse(
    rows: Int, columns: Int, density: Double, _ rng: inout SplitMix64
  ) -> SparseMatrix {
    var builder = SparseMatrix.Builder(columnCount: columns)
    for _ in 0..<rows {
      var indices: [Int32] = []
      var values: [Float] = []
      for column in 0..<columns where rng.nextUnit() < density {
        indices.append(Int32(column))
        values.append(Float(rng.nextGaussian()))
      }
      builder.appendRow(columns: indices, values: values)
    }
    return builder.build()
  }

  @Test func builderSortsAndSumsDuplicateColumns() {
    var builder = SparseMatrix.Builder(columnCount: 5)
    builder.appendRow(columns: [3, 1, 3], values: [1, 2, 4])
    builder.appendEmptyRow()
    builder.appendRow(columns: [0, 4], values: [7, 8])
    let matrix = builder.build()
    #expect(matrix.rowCount == 3)
    #expect(matrix.rowStarts == [0, 2, 2, 4])
    #expect(matrix.columnIndices == [1, 3, 0, 4])
    #expect(matrix.values == [2, 5, 7, 8])
    #expect(matrix[0, 3] == 5)
    #expect(matrix[0, 2] == 0)
    #expect(matrix[1, 0] == 0)
    #expect(matrix.entries(ofRow: 2).map(\.column) == [0, 4])
  }

  @Test func selectingRowsKeepsOrderAndRepeats() {
    var builder = SparseMatrix.Builder(columnCount: 3)
    builder.appendRow(columns: [0], values: [1])
    builder.appendRow(columns: [1, 2], values: [2, 3])
    builder.appendRow(columns: [], values: [])
    let matrix = builder.build()
    let selected = matrix.selectingRows([1, 2, 1, 0])
    #expect(selected.rowStarts == [0, 2, 2, 4, 5])
    #expect(selected.columnIndices == [1, 2, 1, 2, 0])
    #expect(selected.values == [2, 3, 2, 3, 1])
  }

  @Test(arguments: [1, 3])
  func multiplyAndTransposeMultiplyMatchDenseProducts(classes: Int) {
    var rng = SplitMix64(seed: UInt64(classes))
    let x = randomSparse(rows: 9, columns: 6, density: 0.4, &rng)
    let dense = x.dense()
    let w = DenseMatrix(
      rows: 6, columns: classes, storage: (0..<(6 * classes)).map { _ in rng.nextGaussian() })
    var expected = DenseMatrix(rows: 9, columns: classes)
    BLAS.gemm(.none, .none, dense, w, &expected)
    #expect(maxAbsoluteDifference(x.multiply(w).storage, expected.storage) <= 1e-12)

    let g = DenseMatrix(
      rows: 9, columns: classes, storage: (0..<(9 * classes)).map { _ in rng.nextGaussian() })
    var expectedTranspose = DenseMatrix(rows: 6, columns: classes)
    BLAS.gemm(.transposed, .none, dense, g, &expectedTranspose)
    #expect(
      maxAbsoluteDifference(x.transposeMultiply(g).storage, expectedTranspose.storage) <= 1e-12)
  }

  @Test func rowBlocksAccumulateToTheFullProduct() {
    var rng = SplitMix64(seed: 21)
    let x = randomSparse(rows: 50, columns: 8, density: 0.3, &rng)
    let g = DenseMatrix(rows: 50, columns: 2, storage: (0..<100).map { _ in rng.nextGaussian() })
    let partition = RowPartition(x, blockCount: 3)
    #expect(partition.blocks.count == 3)
    #expect(partition.blocks.first?.lowerBound == 0)
    #expect(partition.blocks.last?.upperBound == 50)
    for (previous, next) in zip(partition.blocks, partition.blocks.dropFirst()) {
      #expect(previous.upperBound == next.lowerBound)
    }
    var partials = [[Double]](repeating: [Double](repeating: 0, count: 16), count: 3)
    g.withUnsafeBufferPointer { gp in
      for (index, rows) in partition.blocks.enumerated() {
        partials[index].withUnsafeMutableBufferPointer { out in
          x.transposeMultiply(gp, classes: 2, rows: rows, accumulatingInto: out)
        }
      }
    }
    var total = [Double](repeating: 0, count: 16)
    for partial in partials { BLAS.axpy(1, partial, &total) }
    #expect(maxAbsoluteDifference(total, x.transposeMultiply(g).storage) <= 1e-12)
  }

  @Test func forEachBlockRunsEveryBlockOnce() {
    var builder = SparseMatrix.Builder(columnCount: 1)
    for _ in 0..<10 { builder.appendRow(columns: [0], values: [1]) }
    let partition = RowPartition(builder.build(), blockCount: 4)
    var seen = [Int](repeating: 0, count: 10)
    seen.withUnsafeMutableBufferPointer { seen in
      partition.forEachBlock { _, rows in
        for row in rows { seen[row] += 1 }
      }
    }
    #expect(seen == [Int](repeating: 1, count: 10))
  }

  @Test(
    "the transpose equals the dense transpose for any block count",
    arguments: [1, 2, 3, 5, 8])
  func transposeForAnyBlockCount(blockCount: Int) {
    var rng = SplitMix64(seed: 23)
    let matrix = randomSparse(rows: 37, columns: 19, density: 0.2, &rng)
    let transposed = matrix.transposed(blockCount: blockCount)
    #expect(transposed == matrix.transposed())
    #expect(transposed.rowCount == 19 && transposed.columnCount == 37)
    for row in 0..<matrix.rowCount {
      for column in 0..<matrix.columnCount {
        #expect(transposed[column, row] == matrix[row, column])
      }
    }
    let empty = SparseMatrix(
      rowCount: 0, columnCount: 4, rowStarts: [0], columnIndices: [], values: [])
    #expect(empty.transposed(blockCount: blockCount).rowStarts == [0, 0, 0, 0, 0])
  }

  @Test(
    "the partitioned transpose's scatter gives the bits of a row-wise sum, in both precisions",
    arguments: [1, 2, 3, 5, 8], [2, 3, 4])
  func partitionedTransposeMatchesGather(blockCount: Int, classes: Int) {
    var rng = SplitMix64(seed: 29 + UInt64(classes))
    let matrix = randomSparse(rows: 41, columns: 23, density: 0.25, &rng)
    let weights = (0..<(23 * classes)).map { _ in rng.nextGaussian() }
    let single = weights.map { Float($0) }
    let partition = RowPartition(matrix, blockCount: blockCount)
    let design = PartitionedTranspose(matrix, partition: partition)
    #expect(design.transposed == matrix.transposed())
    #expect(design.rowCount == 41 && design.columnCount == 23)
    var gathered = [Double](repeating: 0, count: 41 * classes)
    weights.withUnsafeBufferPointer { w in
      gathered.withUnsafeMutableBufferPointer { out in
        matrix.multiply(w, classes: classes, rows: 0..<41, into: out)
      }
    }
    // The single-precision scatter accumulates in Float, each row over its entries in
    // column order.
    var gatheredSingle = [Float](repeating: 0, count: 41 * classes)
    for row in 0..<41 {
      for (column, value) in matrix.entries(ofRow: row) {
        for k in 0..<classes {
          gatheredSingle[row * classes + k] += value * single[column * classes + k]
        }
      }
    }
    // Poisoned, so a row the scatter forgets to write shows.
    var scattered = [Double](repeating: .nan, count: 41 * classes)
    var scatteredSingle = [Float](repeating: .nan, count: 41 * classes)
    for block in partition.blocks.indices {
      weights.withUnsafeBufferPointer { w in
        scattered.withUnsafeMutableBufferPointer { out in
          design.multiply(w, classes: classes, block: block, into: out)
        }
      }
      single.withUnsafeBufferPointer { w in
        scatteredSingle.withUnsafeMutableBufferPointer { out in
          design.multiply(w, classes: classes, block: block, into: out)
        }
      }
    }
    #expect(scattered == gathered)
    #expect(scatteredSingle == gatheredSingle)
    // Against the Double product of the same weights: a few roundings of each row's sum.
    var widened = [Double](repeating: 0, count: 41 * classes)
    single.map { Double($0) }.withUnsafeBufferPointer { w in
      widened.withUnsafeMutableBufferPointer { out in
        matrix.multiply(w, classes: classes, rows: 0..<41, into: out)
      }
    }
    let scale = widened.map(abs).max() ?? 1
    #expect(
      maxAbsoluteDifference(scatteredSingle.map { Double($0) }, widened) <= 1e-6 * scale)
  }

  @Test("the single-precision product adds its addend in Double and rounds once")
  func singlePrecisionProductRoundsOnce() {
    var rng = SplitMix64(seed: 31)
    let matrix = randomSparse(rows: 17, columns: 9, density: 0.4, &rng)
    let weights = (0..<(9 * 3)).map { _ in rng.nextGaussian() }
    for squaring in [false, true] {
      var double = [Double](repeating: 0, count: 17 * 3)
      weights.withUnsafeBufferPointer { w in
        double.withUnsafeMutableBufferPointer { out in
          matrix.multiply(w, classes: 3, rows: 0..<17, into: out, squaringValues: squaring)
        }
      }
      // An addend that cancels the product up to 1e-9: rounding the product to Float
      // first would leave an error of about 1e-8 instead of the exact 1e-9.
      let cancelling = double.map { -$0 + 1e-9 }
      let singleCancelling = cancelling.map { Float($0) }
      for addend in [0.0, 0.25] {
        var single = [Float](repeating: .nan, count: 17 * 3)
        weights.withUnsafeBufferPointer { w in
          single.withUnsafeMutableBufferPointer { out in
            matrix.multiply(
              w, classes: 3, rows: 0..<17, into: out, adding: .constant(addend),
              squaringValues: squaring)
          }
        }
        #expect(single == double.map { Float($0 + addend) })
      }
      var cancelled = [Float](repeating: .nan, count: 17 * 3)
      var cancelledSingle = cancelled
      weights.withUnsafeBufferPointer { w in
        cancelling.withUnsafeBufferPointer { a in
          cancelled.withUnsafeMutableBufferPointer { out in
            matrix.multiply(
              w, classes: 3, rows: 0..<17, into: out, adding: .vector(a),
              squaringValues: squaring)
          }
        }
        singleCancelling.withUnsafeBufferPointer { a in
          cancelledSingle.withUnsafeMutableBufferPointer { out in
            matrix.multiply(
              w, classes: 3, rows: 0..<17, into: out, adding: .singleVector(a),
              squaringValues: squaring)
          }
        }
      }
      #expect(cancelled == zip(double, cancelling).map { Float($0 + $1) })
      #expect(cancelledSingle == zip(double, singleCancelling).map { Float($0 + Double($1)) })
      #expect(cancelled.allSatisfy { abs($0 - 1e-9) < 1e-12 })
    }
  }

  @Test(
    "single-precision weights give the bits of the same weights in Double",
    arguments: [2, 3, 5])
  func singlePrecisionWeights(classes: Int) {
    var rng = SplitMix64(seed: 37)
    let matrix = randomSparse(rows: 23, columns: 11, density: 0.4, &rng)
    let single = (0..<(11 * classes)).map { _ in Float(rng.nextGaussian()) }
    let widened = single.map { Double($0) }
    let addend = (0..<(23 * classes)).map { _ in Float(rng.nextGaussian()) }
    for squaring in [false, true] {
      var fromSingle = [Float](repeating: .nan, count: 23 * classes)
      var fromDouble = fromSingle
      addend.withUnsafeBufferPointer { a in
        single.withUnsafeBufferPointer { w in
          fromSingle.withUnsafeMutableBufferPointer { out in
            // Two row blocks, as the loss's threads run them.
            for rows in [0..<9, 9..<23] {
              matrix.multiply(
                w, classes: classes, rows: rows, into: out, adding: .singleVector(a),
                squaringValues: squaring)
            }
          }
        }
        widened.withUnsafeBufferPointer { w in
          fromDouble.withUnsafeMutableBufferPointer { out in
            matrix.multiply(
              w, classes: classes, rows: 0..<23, into: out, adding: .singleVector(a),
              squaringValues: squaring)
          }
        }
      }
      #expect(fromSingle == fromDouble)
      #expect(!fromSingle.contains { $0.isNaN })
    }
  }

  @Test func partitionOfAnEmptyMatrixHasNoBlocks() {
    let empty = SparseMatrix.Builder(columnCount: 3).build()
    #expect(RowPartition(empty, blockCount: 2).blocks.isEmpty)
  }

  @Test func normsScalingAndDocumentFrequencies() {
    var builder = SparseMatrix.Builder(columnCount: 3)
    builder.appendRow(columns: [0, 2], values: [3, 4])
    builder.appendEmptyRow()
    builder.appendRow(columns: [2], values: [-2])
    var matrix = builder.build()
    #expect(matrix.rowNorms() == [5, 0, 2])
    #expect(matrix.columnNonzeroCounts() == [1, 0, 2])

    matrix.normalizeRows()
    #expect(matrix.values == [0.6, 0.8, -1])

    matrix.scaleColumns(by: [2, 1, 0.5])
    #expect(matrix.values == [1.2, 0.4, -0.5])

    matrix.scaleRows(by: [10, 1, 2])
    #expect(matrix.values == [12, 4, -1])

    matrix.transformValues { abs($0) }
    #expect(matrix.values == [12, 4, 1])
  }
}
