internal import CBLAS

/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix, for
/// solving the small dense systems of Newton-type steps (`LAPACKE_dpotrf`/`dpotrs`).
///
/// Only the lower triangle of the input is read. The factor is kept so several
/// right-hand sides can be solved against it.
///
/// ```swift
/// let factor = try CholeskyFactorization(matrix)   // O(n³/3)
/// let x = factor.solve(b)                          // O(n²) per right-hand side
/// ```
public struct CholeskyFactorization: Sendable {
  /// The lower-triangular factor `L` in row-major order; the strict upper triangle holds
  /// whatever LAPACK left there and is never read.
  public let factor: DenseMatrix

  /// Factorises `matrix`.
  ///
  /// - Parameter matrix: A square, symmetric positive definite matrix.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a leading minor is not
  ///   positive definite (LAPACK `info > 0`).
  /// - Complexity: O(n³).
  public init(_ matrix: DenseMatrix) throws(LinearAlgebraError) {
    precondition(
      matrix.rows == matrix.columns,
      "CholeskyFactorization: matrix is \(matrix.rows)×\(matrix.columns), not square")
    var a = matrix
    let n = matrix.rows
    if n > 0 {
      let info = a.withUnsafeMutableBufferPointer { pa in
        LAPACKE_dpotrf(
          LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), blasInt(n, "dpotrf: n"), pa.baseAddress,
          blasInt(n, "dpotrf: lda"))
      }
      precondition(info >= 0, "LAPACKE_dpotrf: argument \(-info) is invalid")
      if info > 0 {
        throw .notPositiveDefinite(routine: "dpotrf", order: Int(info))
      }
    }
    self.factor = a
  }

  /// Solves `A·X = B` for `X` using the stored factor.
  ///
  /// - Parameter rightHandSides: `B`, with as many rows as `A`; one column per system.
  /// - Returns: `X`, of the same shape as `B`.
  /// - Complexity: O(n²·columns).
  public func solve(_ rightHandSides: DenseMatrix) -> DenseMatrix {
    let n = factor.rows
    precondition(
      rightHandSides.rows == n,
      "CholeskyFactorization.solve: B has \(rightHandSides.rows) rows, A has \(n)")
    var x = rightHandSides
    guard n > 0, x.columns > 0 else { return x }
    let columns = x.columns
    let info = factor.withUnsafeBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        LAPACKE_dpotrs(
          LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), blasInt(n, "dpotrs: n"),
          blasInt(columns, "dpotrs: nrhs"), pa.baseAddress, blasInt(n, "dpotrs: lda"),
          px.baseAddress, blasInt(columns, "dpotrs: ldb"))
      }
    }
    precondition(info == 0, "LAPACKE_dpotrs: argument \(-info) is invalid")
    return x
  }

  /// Solves `A·x = b` for one right-hand side.
  ///
  /// - Parameter rightHandSide: `b`, with as many elements as `A` has rows.
  /// - Returns: `x`.
  /// - Complexity: O(n²).
  public func solve(_ rightHandSide: [Double]) -> [Double] {
    solve(DenseMatrix(rows: rightHandSide.count, columns: 1, storage: rightHandSide)).storage
  }
}
