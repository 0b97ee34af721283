/// A dense matrix of `Double` values in row-major order, stored contiguously.
///
/// Element `(i, j)` lives at `storage[i * columns + j]`. The type is a value: copies are
/// cheap until mutated (copy-on-write through the underlying array). Use
/// ``withUnsafeBufferPointer(_:)`` and ``withUnsafeMutableBufferPointer(_:)`` to enter
/// unsafe code once per hot loop rather than subscripting element by element.
public struct DenseMatrix: Equatable, Sendable, Codable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The elements in row-major order; `storage.count == rows * columns`.
  public private(set) var storage: [Double]

  /// Creates a `rows × columns` matrix with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, at least 0.
  ///   - columns: The number of columns, at least 0.
  ///   - value: The initial value of every element.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "DenseMatrix: negative shape \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.storage = [Double](repeating: value, count: rows * columns)
  }

  /// Creates a `rows × columns` matrix from its elements in row-major order.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - storage: `rows * columns` elements, row after row.
  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && storage.count == rows * columns,
      "DenseMatrix: \(storage.count) elements do not fill a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// The element in row `row` and column `column`.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns)
      return storage[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns)
      storage[row * columns + column] = newValue
    }
  }

  /// The elements of row `row`, as a copy.
  ///
  /// - Parameter row: The row index.
  /// - Returns: `columns` values.
  public func row(_ row: Int) -> [Double] {
    precondition(row >= 0 && row < rows, "DenseMatrix.row: \(row) outside 0..<\(rows)")
    return Array(storage[(row * columns)..<((row + 1) * columns)])
  }

  /// Replaces the elements of row `row`.
  ///
  /// - Parameters:
  ///   - row: The row index.
  ///   - values: Exactly `columns` values.
  public mutating func setRow(_ row: Int, to values: [Double]) {
    precondition(row >= 0 && row < rows && values.count == columns)
    storage.replaceSubrange((row * columns)..<((row + 1) * columns), with: values)
  }

  private enum CodingKeys: String, CodingKey {
    case rows
    case columns
    case storage
  }

  /// Decodes a matrix, refusing a shape that does not match the element count.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for a negative shape, a shape whose size
  ///   overflows, or the wrong number of elements.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rows = try container.decode(Int.self, forKey: .rows)
    let columns = try container.decode(Int.self, forKey: .columns)
    let storage = try container.decode([Double].self, forKey: .storage)
    let (size, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard rows >= 0, columns >= 0, !overflow, size == storage.count else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: container.codingPath,
          debugDescription: "a \(rows)×\(columns) matrix cannot hold \(storage.count) elements"))
    }
    self.init(rows: rows, columns: columns, storage: storage)
  }

  /// Calls `body` with the elements in row-major order.
  ///
  /// - Parameter body: A closure that reads the contiguous storage.
  /// - Returns: What `body` returns.
  public func withUnsafeBufferPointer<R>(
    _ body: (UnsafeBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with mutable access to the elements in row-major order.
  ///
  /// - Parameter body: A closure that reads and writes the contiguous storage.
  /// - Returns: What `body` returns.
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeMutableBufferPointer(body)
  }
}
