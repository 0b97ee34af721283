import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The L2-regularised multinomial logistic (softmax cross-entropy) objective over a sparse
/// design matrix, scikit-learn's `LogisticRegression(C=…)` multinomial objective.
///
/// ```
/// f(W, b) = ½‖W‖²_F + C · Σᵢ sᵢ · (logsumexp(zᵢ) − zᵢ[yᵢ]),   zᵢ = xᵢ·W + b
/// ∇_W f   = W + Xᵀ·R,   ∇_b f = Σᵢ rᵢ,   rᵢ = C·sᵢ·(pᵢ − e_yᵢ),   pᵢ = softmax(zᵢ)
/// H·(V, v) : uᵢ = xᵢ·V + v,   qᵢ = C·sᵢ·(pᵢ ⊙ uᵢ − pᵢ·(pᵢᵀuᵢ)),
///            (V + Xᵀ·Q,  Σᵢ qᵢ)
/// ```
///
/// `W` is `d × K` and feature-major (row `j` holds the `K` class weights of feature `j`,
/// the layout of LinearAlgebra's sparse kernels); `b` holds `K` intercepts and is not
/// penalised; `sᵢ` is the row's weight (sample weight times class weight). The parameter
/// vector is flat, `d·K + K` values: `W` row by row, then `b`.
///
/// Softmax is invariant to adding a constant to all of `zᵢ`, and `b` is unpenalised, so
/// the intercepts are determined only up to a common shift (the Hessian is singular in that
/// direction). ``Trainer`` centres them afterwards so that `Σₖ bₖ = 0`. With `K = 2` this
/// is the symmetric two-column parametrisation, which equals binary logistic regression
/// with `2C` (`w = W₁ − W₀`), not scikit-learn's binary `C`.
///
/// Numerics: every row's loss uses the max-shifted `logsumexp`, so no exponential of a raw
/// margin is ever formed and separable data cannot overflow; probabilities are
/// `exp(zₖ − logsumexp(z))`, which lie in `[0, 1]`.
///
/// Caching: ``valueAndGradient(at:gradient:)`` keeps the `n × K` probabilities of the
/// evaluated point; ``hessianVectorProduct(_:into:)`` and ``diagonalPreconditioner()``
/// read them, so they refer to the last evaluated point (see ``Objective``). Scratch
/// buffers (two `n × K` blocks and the `n` row losses) are allocated once and reused; the
/// storage is copy-on-write, so a copy of the loss evaluates independently.
///
/// Threads and determinism: each evaluation runs in two parallel phases. The first splits
/// the rows of `X` into blocks and computes every row's scores, probabilities, loss and
/// residual; the second splits the rows of `Xᵀ` (kept as a second CSR copy, built once)
/// into feature blocks and computes `Xᵀ·R` there, so every gradient entry is summed by one
/// thread over its column's entries in row order. Row losses and intercept sums are added
/// sequentially in row order. No sum therefore depends on how the work is split: the value,
/// gradient and Hessian products are bit-identical for every thread count; no BLAS routine
/// is involved.
public struct MultinomialLogisticLoss: Objective {
  /// The design matrix `X`, `n × d`.
  public let features: SparseMatrix
  /// The class index `yᵢ ∈ 0 ..< K` of every row.
  public let labels: [Int]
  /// The weight `sᵢ ≥ 0` of every row.
  public let sampleWeights: [Double]
  /// The inverse regularisation strength `C > 0`.
  public let c: Double
  /// The number of classes `K ≥ 2`.
  public let classCount: Int
  /// The row blocks of `X` evaluated concurrently in the first phase.
  public let partition: RowPartition

  /// `Xᵀ` in CSR form, for the per-feature sums of the second phase.
  private let transposedFeatures: SparseMatrix
  /// The row blocks of `Xᵀ` (feature ranges) evaluated concurrently in the second phase.
  private let featurePartition: RowPartition
  private var workspace: Workspace

  /// Creates the objective.
  ///
  /// Inputs are expected to be validated by the caller (``Trainer`` does); violations here
  /// are programming errors and stop with a precondition.
  ///
  /// - Parameters:
  ///   - features: `X`, one row per example.
  ///   - labels: `n` class indices in `0 ..< classCount`.
  ///   - sampleWeights: `n` non-negative, finite row weights.
  ///   - c: The inverse regularisation strength, finite and positive.
  ///   - classCount: `K`, at least 2.
  ///   - threads: The number of blocks to evaluate concurrently, at least 1; it changes the
  ///     speed, never the result.
  /// - Complexity: O(n + d + nnz) to transpose and partition; O(nnz + n·K) extra memory.
  public init(
    features: SparseMatrix, labels: [Int], sampleWeights: [Double], c: Double, classCount: Int,
    threads: Int
  ) {
    precondition(classCount >= 2, "MultinomialLogisticLoss: need at least 2 classes")
    precondition(labels.count == features.rowCount && sampleWeights.count == features.rowCount)
    precondition(labels.allSatisfy { $0 >= 0 && $0 < classCount }, "label out of range")
    precondition(c > 0 && c.isFinite && threads >= 1)
    BLAS.useCallingThreadOnly()
    self.features = features
    self.labels = labels
    self.sampleWeights = sampleWeights
    self.c = c
    self.classCount = classCount
    self.partition = RowPartition(features, blockCount: threads)
    let transposed = features.transposed(blockCount: threads)
    self.transposedFeatures = transposed
    self.featurePartition = RowPartition(transposed, blockCount: threads)
    self.workspace = Workspace(rows: features.rowCount, classes: classCount)
  }

  /// The number of features `d`.
  public var featureCount: Int { features.columnCount }

  /// `d·K + K`.
  public var dimension: Int { (features.columnCount + 1) * classCount }

  /// The objective value and its gradient at `point`; caches the probabilities there.
  ///
  /// - Parameters:
  ///   - point: `d·K + K` parameters (`W` feature-major, then `b`).
  ///   - gradient: Receives `∇f(point)`; must have `dimension` elements.
  /// - Returns: `f(point)`; not finite only if `point` is not.
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double {
    let dimension = self.dimension
    precondition(point.count == dimension && gradient.count == dimension)
    let work = uniqueWorkspace()
    let features = self.features
    let classes = classCount
    let weightCount = features.columnCount * classes
    let c = self.c
    let probabilities = work.probabilities
    let residuals = work.scratch
    let rowLosses = work.rowLosses
    point.withUnsafeBufferPointer { w in
      labels.withUnsafeBufferPointer { y in
        sampleWeights.withUnsafeBufferPointer { s in
          partition.forEachBlock { _, rows in
            features.multiply(w, classes: classes, rows: rows, into: probabilities)
            for row in rows {
              let base = row * classes
              var largest = -Double.infinity
              for k in 0..<classes {
                let z = probabilities[base + k] + w[weightCount + k]
                probabilities[base + k] = z
                largest = Swift.max(largest, z)
              }
              var total = 0.0
              for k in 0..<classes { total += exp(probabilities[base + k] - largest) }
              let logSumExp = largest + log(total)
              let weight = c * s[row]
              let label = y[row]
              rowLosses[row] = weight * (logSumExp - probabilities[base + label])
              for k in 0..<classes {
                let p = exp(probabilities[base + k] - logSumExp)
                probabilities[base + k] = p
                residuals[base + k] = weight * p
              }
              residuals[base + label] -= weight
            }
          }
        }
      }
    }
    work.hasPoint = true
    let loss = rowLosses.reduce(0, +)
    point.withUnsafeBufferPointer { w in
      gradient.withUnsafeMutableBufferPointer { g in
        accumulate(UnsafeBufferPointer(residuals), penalty: .vector(w), into: g)
      }
    }
    let squaredNorm = point.withUnsafeBufferPointer { w in
      VectorChunks(count: weightCount, threads: partition.blocks.count).dot(w, w)
    }
    return 0.5 * squaredNorm + loss
  }

  /// The Hessian at the last evaluated point applied to `direction`.
  ///
  /// - Parameters:
  ///   - direction: `(V, v)`, `dimension` values.
  ///   - result: Receives `H·(V, v)`; must have `dimension` elements.
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double]) {
    let dimension = self.dimension
    precondition(direction.count == dimension && result.count == dimension)
    let work = uniqueWorkspace()
    precondition(work.hasPoint, "hessianVectorProduct called before valueAndGradient")
    let features = self.features
    let classes = classCount
    let weightCount = features.columnCount * classes
    let c = self.c
    let probabilities = work.probabilities
    let scratch = work.scratch
    direction.withUnsafeBufferPointer { v in
      sampleWeights.withUnsafeBufferPointer { s in
        partition.forEachBlock { _, rows in
          features.multiply(v, classes: classes, rows: rows, into: scratch)
          for row in rows {
            let base = row * classes
            var projection = 0.0
            for k in 0..<classes {
              let u = scratch[base + k] + v[weightCount + k]
              scratch[base + k] = u
              projection += probabilities[base + k] * u
            }
            let weight = c * s[row]
            for k in 0..<classes {
              scratch[base + k] =
                weight * probabilities[base + k] * (scratch[base + k] - projection)
            }
          }
        }
      }
    }
    direction.withUnsafeBufferPointer { v in
      result.withUnsafeMutableBufferPointer { r in
        accumulate(UnsafeBufferPointer(scratch), penalty: .vector(v), into: r)
      }
    }
  }

  /// The diagonal of the Hessian at the last evaluated point (for preconditioned CG).
  ///
  /// ```
  /// H_(jk, jk) = 1 + Σᵢ C·sᵢ·pᵢₖ(1 − pᵢₖ)·xᵢⱼ²,   H_(bₖ, bₖ) = Σᵢ C·sᵢ·pᵢₖ(1 − pᵢₖ)
  /// ```
  ///
  /// - Returns: `dimension` non-negative values.
  /// - Complexity: O(K·nnz + n·K + d·K); values are squared on the fly, never stored.
  public mutating func diagonalPreconditioner() -> [Double] {
    let work = uniqueWorkspace()
    precondition(work.hasPoint, "diagonalPreconditioner called before valueAndGradient")
    let classes = classCount
    let c = self.c
    let probabilities = work.probabilities
    let scratch = work.scratch
    sampleWeights.withUnsafeBufferPointer { s in
      partition.forEachBlock { _, rows in
        for row in rows {
          let base = row * classes
          let weight = c * s[row]
          for k in 0..<classes {
            let p = probabilities[base + k]
            scratch[base + k] = weight * p * (1 - p)
          }
        }
      }
    }
    return [Double](unsafeUninitializedCapacity: dimension) { r, initialized in
      accumulate(
        UnsafeBufferPointer(scratch), penalty: .constant(1), into: r, squaringValues: true)
      initialized = dimension
    }
  }

  /// The second phase, shared by the gradient, the Hessian product and the diagonal.
  ///
  /// ```
  /// out[W] = penalty[W] + Aᵀ·rows,   out[b] = Σᵢ rowsᵢ   (in row order)
  /// ```
  ///
  /// with `A = X` (or the matrix whose transpose is given), computed over feature blocks of
  /// `Aᵀ` so each entry is summed by one thread in a fixed order.
  private func accumulate(
    _ rows: UnsafeBufferPointer<Double>, penalty: Penalty,
    into out: UnsafeMutableBufferPointer<Double>, squaringValues: Bool = false
  ) {
    let transposed = transposedFeatures
    let classes = classCount
    let weightCount = features.columnCount * classes
    featurePartition.forEachBlock { _, features in
      transposed.multiply(
        rows, classes: classes, rows: features, into: out, squaringValues: squaringValues)
      // The penalty is added in the same block, while its entries are still in cache.
      let entries = (features.lowerBound * classes)..<(features.upperBound * classes)
      switch penalty {
      case .vector(let penalty):
        for entry in entries { out[entry] += penalty[entry] }
      case .constant(let value):
        for entry in entries { out[entry] += value }
      }
    }
    if featurePartition.blocks.isEmpty {
      for entry in 0..<weightCount { out[entry] = penalty[entry] }
    }
    for k in 0..<classes { out[weightCount + k] = 0 }
    for row in 0..<features.rowCount {
      let base = row * classes
      for k in 0..<classes { out[weightCount + k] += rows[base + k] }
    }
  }

  private mutating func uniqueWorkspace() -> Workspace {
    if !isKnownUniquelyReferenced(&workspace) { workspace = workspace.copy() }
    return workspace
  }
}

/// What ``MultinomialLogisticLoss`` adds to `Aᵀ·rows` in its second phase: a vector (the
/// weights or the direction) or a constant (the preconditioner's 1).
private enum Penalty {
  case vector(UnsafeBufferPointer<Double>)
  case constant(Double)

  /// The value added to entry `index`.
  subscript(index: Int) -> Double {
    switch self {
    case .vector(let values): return values[index]
    case .constant(let value): return value
    }
  }
}

/// The scratch memory of one loss: probabilities at the last point, one `n × K` block for
/// residuals and Hessian rows, and the row losses.
private final class Workspace {
  let probabilities: UnsafeMutableBufferPointer<Double>
  let scratch: UnsafeMutableBufferPointer<Double>
  let rowLosses: UnsafeMutableBufferPointer<Double>
  var hasPoint = false

  init(rows: Int, classes: Int) {
    probabilities = .allocate(capacity: rows * classes)
    probabilities.initialize(repeating: 0)
    scratch = .allocate(capacity: rows * classes)
    scratch.initialize(repeating: 0)
    rowLosses = .allocate(capacity: rows)
    rowLosses.initialize(repeating: 0)
  }

  private init(copying other: Workspace) {
    probabilities = .allocate(capacity: other.probabilities.count)
    _ = probabilities.initialize(from: other.probabilities)
    scratch = .allocate(capacity: other.scratch.count)
    scratch.initialize(repeating: 0)
    rowLosses = .allocate(capacity: other.rowLosses.count)
    rowLosses.initialize(repeating: 0)
    hasPoint = other.hasPoint
  }

  func copy() -> Workspace { Workspace(copying: self) }

  deinit {
    probabilities.deallocate()
    scratch.deallocate()
    rowLosses.deallocate()
  }
}
