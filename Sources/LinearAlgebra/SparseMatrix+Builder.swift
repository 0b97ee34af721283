extension SparseMatrix {
  /// Builds a ``SparseMatrix`` row by row into one contiguous arena.
  ///
  /// Each appended row is sorted by column and duplicate columns are summed, so callers
  /// may append entries in any order (for example hashed features). Reserve capacity up
  /// front when the number of entries is known to avoid regrowth.
  ///
  /// ```swift
  /// var builder = SparseMatrix.Builder(columnCount: 5)
  /// builder.appendRow(columns: [3, 1, 3], values: [1, 2, 4])   // → (1: 2), (3: 5)
  /// let matrix = builder.build()
  /// ```
  public struct Builder: Sendable {
    /// The number of columns of the matrix being built.
    public let columnCount: Int
    private var rowStarts: [Int] = [0]
    private var columnIndices: [Int32] = []
    private var values: [Float] = []
    private var scratch: [(Int32, Float)] = []

    /// Creates an empty builder.
    ///
    /// - Parameters:
    ///   - columnCount: The number of columns; every column index must be below it.
    ///   - rowCapacity: Rows to reserve space for.
    ///   - entryCapacity: Entries to reserve space for.
    public init(columnCount: Int, rowCapacity: Int = 0, entryCapacity: Int = 0) {
      precondition(columnCount >= 0 && columnCount <= Int(Int32.max))
      self.columnCount = columnCount
      rowStarts.reserveCapacity(rowCapacity + 1)
      columnIndices.reserveCapacity(entryCapacity)
      values.reserveCapacity(entryCapacity)
    }

    /// The number of rows appended so far.
    public var rowCount: Int { rowStarts.count - 1 }

    /// Appends one row given as parallel arrays of columns and values.
    ///
    /// - Parameters:
    ///   - columns: Column indices in `0 ..< columnCount`, in any order, repeats allowed.
    ///   - values: The value of each entry; repeated columns are summed.
    /// - Complexity: O(m log m) for m entries; O(m) when already strictly increasing.
    public mutating func appendRow(columns: [Int32], values: [Float]) {
      precondition(columns.count == values.count, "Builder.appendRow: length mismatch")
      var sorted = true
      var previous = Int32(-1)
      for column in columns {
        precondition(
          column >= 0 && Int(column) < columnCount,
          "Builder.appendRow: column \(column) outside 0..<\(columnCount)")
        if column <= previous { sorted = false }
        previous = column
      }
      if sorted {
        columnIndices.append(contentsOf: columns)
        self.values.append(contentsOf: values)
      } else {
        scratch.removeAll(keepingCapacity: true)
        for index in columns.indices { scratch.append((columns[index], values[index])) }
        scratch.sort { $0.0 < $1.0 }
        var index = 0
        while index < scratch.count {
          let column = scratch[index].0
          var sum = scratch[index].1
          index += 1
          while index < scratch.count && scratch[index].0 == column {
            sum += scratch[index].1
            index += 1
          }
          columnIndices.append(column)
          self.values.append(sum)
        }
      }
      rowStarts.append(self.values.count)
    }

    /// Appends a row with no stored entries.
    public mutating func appendEmptyRow() {
      rowStarts.append(values.count)
    }

    /// Finishes building.
    ///
    /// - Returns: The matrix of every appended row.
    public func build() -> SparseMatrix {
      SparseMatrix(
        rowCount: rowCount, columnCount: columnCount, rowStarts: rowStarts,
        columnIndices: columnIndices, values: values)
    }
  }
}
