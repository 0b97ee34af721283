internal import CBLAS

/// Whether a BLAS routine reads a matrix as stored or as its transpose.
public enum Transpose: Sendable {
  /// Use the matrix as stored.
  case none
  /// Use the transpose of the stored matrix.
  case transposed
}

/// Checked Swift wrappers over the level-1, 2 and 3 CBLAS routines StanceKit uses.
///
/// Every wrapper checks shapes with a precondition naming the routine and converts each
/// dimension to the 32-bit `CBLAS_INT` with `Int32(exactly:)`, so an oversized problem
/// stops with a message rather than silently wrapping. All routines work in `Double`.
///
/// Results may differ in the last bits between BLAS implementations (reference BLAS
/// sums in order, OpenBLAS in vectorised blocks); callers compare within a tolerance.
public enum BLAS {
  /// The inner product `Σᵢ xᵢ·yᵢ` (`cblas_ddot`).
  ///
  /// - Parameters:
  ///   - x: The first vector.
  ///   - y: The second vector, of the same length.
  /// - Returns: The dot product; 0 for empty vectors.
  /// - Complexity: O(n).
  public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>)
    -> Double
  {
    precondition(x.count == y.count, "BLAS.dot: lengths \(x.count) and \(y.count) differ")
    guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return 0 }
    return cblas_ddot(blasInt(x.count, "dot: n"), px, 1, py, 1)
  }

  /// The inner product `Σᵢ xᵢ·yᵢ` of two arrays (`cblas_ddot`).
  ///
  /// - Parameters:
  ///   - x: The first vector.
  ///   - y: The second vector, of the same length.
  /// - Returns: The dot product; 0 for empty vectors.
  /// - Complexity: O(n).
  public static func dot(_ x: [Double], _ y: [Double]) -> Double {
    x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dot(px, py) } }
  }

  /// `y ← α·x + y` (`cblas_daxpy`).
  ///
  /// - Parameters:
  ///   - alpha: The multiplier of `x`.
  ///   - x: The vector to add.
  ///   - y: The vector updated in place, of the same length as `x`.
  /// - Complexity: O(n).
  public static func axpy(
    _ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(x.count == y.count, "BLAS.axpy: lengths \(x.count) and \(y.count) differ")
    guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return }
    cblas_daxpy(blasInt(x.count, "axpy: n"), alpha, px, 1, py, 1)
  }

  /// `y ← α·x + y` on arrays (`cblas_daxpy`).
  ///
  /// - Parameters:
  ///   - alpha: The multiplier of `x`.
  ///   - x: The vector to add.
  ///   - y: The vector updated in place, of the same length as `x`.
  /// - Complexity: O(n).
  public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in axpy(alpha, px, py) }
    }
  }

  /// `x ← α·x` (`cblas_dscal`).
  ///
  /// - Parameters:
  ///   - alpha: The scale factor.
  ///   - x: The vector scaled in place.
  /// - Complexity: O(n).
  public static func scal(_ alpha: Double, _ x: UnsafeMutableBufferPointer<Double>) {
    guard let px = x.baseAddress, !x.isEmpty else { return }
    cblas_dscal(blasInt(x.count, "scal: n"), alpha, px, 1)
  }

  /// `x ← α·x` on an array (`cblas_dscal`).
  ///
  /// - Parameters:
  ///   - alpha: The scale factor.
  ///   - x: The vector scaled in place.
  /// - Complexity: O(n).
  public static func scal(_ alpha: Double, _ x: inout [Double]) {
    x.withUnsafeMutableBufferPointer { scal(alpha, $0) }
  }

  /// `y ← x` into existing storage, without allocating (`cblas_dcopy`).
  ///
  /// - Parameters:
  ///   - x: The source vector.
  ///   - y: The destination, of the same length; its storage is reused.
  /// - Complexity: O(n).
  public static func copy(_ x: [Double], into y: inout [Double]) {
    precondition(x.count == y.count, "BLAS.copy: lengths \(x.count) and \(y.count) differ")
    guard !x.isEmpty else { return }
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in
        cblas_dcopy(blasInt(px.count, "copy: n"), px.baseAddress, 1, py.baseAddress, 1)
      }
    }
  }

  /// The Euclidean norm `√(Σᵢ xᵢ²)`, computed without overflow (`cblas_dnrm2`).
  ///
  /// - Parameter x: The vector.
  /// - Returns: The norm; 0 for an empty vector.
  /// - Complexity: O(n).
  public static func nrm2(_ x: UnsafeBufferPointer<Double>) -> Double {
    guard let px = x.baseAddress, !x.isEmpty else { return 0 }
    return cblas_dnrm2(blasInt(x.count, "nrm2: n"), px, 1)
  }

  /// The Euclidean norm of an array (`cblas_dnrm2`).
  ///
  /// - Parameter x: The vector.
  /// - Returns: The norm; 0 for an empty vector.
  /// - Complexity: O(n).
  public static func nrm2(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { nrm2($0) }
  }

  /// `y ← α·op(A)·x + β·y` for a row-major matrix (`cblas_dgemv`).
  ///
  /// - Parameters:
  ///   - transpose: Whether `op(A)` is `A` or `Aᵀ`.
  ///   - alpha: The multiplier of the product.
  ///   - a: The matrix.
  ///   - x: A vector with as many elements as `op(A)` has columns.
  ///   - beta: The multiplier of the old `y`; with 0, `y`'s old contents are ignored.
  ///   - y: A vector with as many elements as `op(A)` has rows, updated in place.
  /// - Complexity: O(rows·columns).
  public static func gemv(
    _ transpose: Transpose, alpha: Double = 1, _ a: DenseMatrix, _ x: [Double],
    beta: Double = 0, _ y: inout [Double]
  ) {
    let (outRows, inColumns) = transpose == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    precondition(
      x.count == inColumns && y.count == outRows,
      "BLAS.gemv: op(A) is \(outRows)×\(inColumns) but x has \(x.count) and y \(y.count) elements"
    )
    guard outRows > 0 else { return }
    guard inColumns > 0 else {
      // op(A)·x is empty: y ← β·y, where β = 0 clears y (even of NaN), as BLAS defines it.
      if beta == 0 {
        y.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      } else {
        scal(beta, &y)
      }
      return
    }
    a.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          cblas_dgemv(
            CblasRowMajor, cblasTranspose(transpose), blasInt(a.rows, "gemv: m"),
            blasInt(a.columns, "gemv: n"), alpha, pa.baseAddress, blasInt(a.columns, "gemv: lda"),
            px.baseAddress, 1, beta, py.baseAddress, 1)
        }
      }
    }
  }

  /// `C ← α·op(A)·op(B) + β·C` for row-major matrices (`cblas_dgemm`).
  ///
  /// - Parameters:
  ///   - transposeA: Whether `op(A)` is `A` or `Aᵀ`.
  ///   - transposeB: Whether `op(B)` is `B` or `Bᵀ`.
  ///   - alpha: The multiplier of the product.
  ///   - a: The left matrix; `op(A)` is `m × k`.
  ///   - b: The right matrix; `op(B)` is `k × n`.
  ///   - beta: The multiplier of the old `C`; with 0, its old contents are ignored.
  ///   - c: The `m × n` result, updated in place.
  /// - Complexity: O(m·n·k).
  public static func gemm(
    _ transposeA: Transpose, _ transposeB: Transpose, alpha: Double = 1,
    _ a: DenseMatrix, _ b: DenseMatrix, beta: Double = 0, _ c: inout DenseMatrix
  ) {
    let (m, k) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (kb, n) = transposeB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    precondition(
      k == kb && c.rows == m && c.columns == n,
      "BLAS.gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
    guard m > 0 && n > 0 else { return }
    guard k > 0 else {
      // op(A)·op(B) is zero: C ← β·C, where β = 0 clears C (even of NaN).
      c.withUnsafeMutableBufferPointer { beta == 0 ? $0.update(repeating: 0) : scal(beta, $0) }
      return
    }
    let lda = blasInt(max(a.columns, 1), "gemm: lda")
    let ldb = blasInt(max(b.columns, 1), "gemm: ldb")
    let ldc = blasInt(max(c.columns, 1), "gemm: ldc")
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
            blasInt(m, "gemm: m"), blasInt(n, "gemm: n"), blasInt(k, "gemm: k"), alpha,
            pa.baseAddress, lda, pb.baseAddress, ldb, beta, pc.baseAddress, ldc)
        }
      }
    }
  }

  private static func cblasTranspose(_ t: Transpose) -> CBLAS_TRANSPOSE {
    t == .none ? CblasNoTrans : CblasTrans
  }
}

/// Converts a dimension to the 32-bit integer BLAS and LAPACK take, stopping with a
/// message naming the routine and argument if it does not fit.
func blasInt(_ value: Int, _ what: @autoclosure () -> String) -> Int32 {
  guard let converted = Int32(exactly: value) else {
    // Cannot fail: every vector handed to BLAS has the optimizer's dimension, which
    // Trainer.fit caps at Int32.max ((features + 1) × classes, refused beforehand as
    // TrainingError.tooManyParameters); a longer one would be a bug of ours.
    preconditionFailure("\(what()) = \(value) does not fit the 32-bit BLAS/LAPACK integer")
  }
  return converted
}
