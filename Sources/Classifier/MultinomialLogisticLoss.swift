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
/// Storage: only `Xᵀ` is kept, as a ``PartitionedTranspose`` built once; `X·W` is formed
/// from it by scattering, block of rows by block of rows. A caller that hands `X` over
/// (its last use) gets that copy's memory back.
///
/// Threads and determinism: each evaluation runs in two parallel phases. The first splits
/// the rows of `X` into blocks and computes every row's scores, probabilities, loss and
/// residual; the second splits the rows of `Xᵀ` into feature blocks and computes `Xᵀ·R`
/// there, so every gradient entry is summed by one thread over its column's entries in row
/// order. Every score is summed over its row's features in feature order, and row losses
/// and intercept sums are added sequentially in row order. No sum therefore depends on how
/// the work is split: the value, gradient and Hessian products are bit-identical for every
/// thread count; no BLAS routine is involved.
public struct MultinomialLogisticLoss: Objective {
  /// The number of rows (examples) `n`.
  public let rowCount: Int
  /// The number of features `d`.
  public let featureCount: Int
  /// The class index `yᵢ ∈ 0 ..< K` of every row.
  public let labels: [Int]
  /// The weight `sᵢ ≥ 0` of every row.
  public let sampleWeights: [Double]
  /// The inverse regularisation strength `C > 0`.
  public let c: Double
  /// The number of classes `K ≥ 2`.
  public let classCount: Int
  /// The row blocks of `X` evaluated concurrently in the first phase.
  public var partition: RowPartition { design.partition }

  /// `Xᵀ`, for both phases.
  private let design: PartitionedTranspose
  /// The row blocks of `Xᵀ` (feature ranges) evaluated concurrently in the second phase.
  private let featurePartition: RowPartition
  private var workspace: Workspace

  /// Creates the objective.
  ///
  /// Inputs are expected to be validated by the caller (``Trainer`` does); violations here
  /// are programming errors and stop with a precondition.
  ///
  /// - Parameters:
  ///   - features: `X`, one row per example; only its transpose is kept.
  ///   - labels: `n` class indices in `0 ..< classCount`.
  ///   - sampleWeights: `n` non-negative, finite row weights.
  ///   - c: The inverse regularisation strength, finite and positive.
  ///   - classCount: `K`, at least 2.
  ///   - threads: The number of blocks to evaluate concurrently, at least 1; it changes the
  ///     speed, never the result.
  /// - Complexity: O(n + threads·d + nnz) to transpose and partition; O(nnz + threads·d +
  ///   n·K) memory.
  public init(
    features: consuming SparseMatrix, labels: [Int], sampleWeights: [Double], c: Double,
    classCount: Int,
    threads: Int
  ) {
    precondition(labels.count == features.rowCount && sampleWeights.count == features.rowCount)
    precondition(threads >= 1)
    let partition = RowPartition(copy features, blockCount: threads)
    // The last use of `X`: once transposed it is released.
    self.init(
      design: PartitionedTranspose(features, partition: partition), labels: labels,
      sampleWeights: sampleWeights, c: c, classCount: classCount, threads: threads)
  }

  /// Creates the objective over an already transposed `X`, wherever it lives (in memory,
  /// or mapped from an out-of-core training cache); the same objective, bit for bit, as
  /// ``init(features:labels:sampleWeights:c:classCount:threads:)`` over the matrix it was
  /// built from with the same partition.
  ///
  /// - Parameters:
  ///   - design: `Xᵀ` with the row partition of the first phase.
  ///   - labels: `n` class indices in `0 ..< classCount`.
  ///   - sampleWeights: `n` non-negative, finite row weights.
  ///   - c: The inverse regularisation strength, finite and positive.
  ///   - classCount: `K`, at least 2.
  ///   - threads: The feature blocks of the second phase, at least 1.
  /// - Complexity: O(d) to partition the features; O(n·K) memory for the workspace.
  public init(
    design: PartitionedTranspose, labels: [Int], sampleWeights: [Double], c: Double,
    classCount: Int, threads: Int
  ) {
    precondition(classCount >= 2, "MultinomialLogisticLoss: need at least 2 classes")
    precondition(labels.count == design.rowCount && sampleWeights.count == design.rowCount)
    precondition(labels.allSatisfy { $0 >= 0 && $0 < classCount }, "label out of range")
    precondition(c > 0 && c.isFinite && threads >= 1)
    BLAS.useCallingThreadOnly()
    self.rowCount = design.rowCount
    self.featureCount = design.columnCount
    self.labels = labels
    self.sampleWeights = sampleWeights
    self.c = c
    self.classCount = classCount
    self.design = design
    self.featurePartition = design.withTransposed { RowPartition($0, blockCount: threads) }
    self.workspace = Workspace(rows: rowCount, classes: classCount)
  }

  /// `d·K + K`.
  public var dimension: Int { (featureCount + 1) * classCount }

  /// The objective value and its gradient at `point`; caches the probabilities there.
  ///
  /// - Parameters:
  ///   - point: `d·K + K` parameters (`W` feature-major, then `b`).
  ///   - gradient: Receives `∇f(point)`; must have `dimension` elements.
  /// - Returns: `f(point)`; not finite only if `point` is not.
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double {
    precondition(point.count == dimension && gradient.count == dimension)
    let (value, residuals) = evaluate(at: point)
    point.withUnsafeBufferPointer { w in
      gradient.withUnsafeMutableBufferPointer { g in
        accumulate(residuals, penalty: .vector(w), into: g)
      }
    }
    return value
  }

  /// ``valueAndGradient(at:gradient:)`` with the gradient rounded to single precision
  /// (every sum is still formed in `Double`), for the trust-region Newton method.
  ///
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func valueAndGradient(
    at point: [Double], gradient: UnsafeMutableBufferPointer<Float>
  ) -> Double {
    precondition(point.count == dimension && gradient.count == dimension)
    let (value, residuals) = evaluate(at: point)
    point.withUnsafeBufferPointer { w in
      accumulate(residuals, penalty: .vector(w), into: gradient)
    }
    return value
  }

  /// The first phase of an evaluation: every row's probabilities (cached) and residual,
  /// and the objective value.
  ///
  /// - Returns: `f(point)` and the `n × K` residuals `rᵢ`.
  private mutating func evaluate(at point: [Double]) -> (Double, UnsafeBufferPointer<Double>) {
    let work = uniqueWorkspace()
    let design = self.design
    let classes = classCount
    let weightCount = featureCount * classes
    let c = self.c
    let probabilities = work.probabilities
    let residuals = work.scratch
    let rowLosses = work.rowLosses
    point.withUnsafeBufferPointer { w in
      labels.withUnsafeBufferPointer { y in
        sampleWeights.withUnsafeBufferPointer { s in
          partition.forEachBlock { block, rows in
            design.multiply(w, classes: classes, block: block, into: probabilities)
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
    let squaredNorm = point.withUnsafeBufferPointer { w in
      VectorChunks(count: weightCount, threads: partition.blocks.count).dot(w, w)
    }
    return (0.5 * squaredNorm + loss, UnsafeBufferPointer(residuals))
  }

  /// The Hessian at the last evaluated point applied to `direction`.
  ///
  /// - Parameters:
  ///   - direction: `(V, v)`, `dimension` values.
  ///   - result: Receives `H·(V, v)`; must have `dimension` elements.
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double]) {
    precondition(direction.count == dimension && result.count == dimension)
    let design = self.design
    let classes = classCount
    let scores = uniqueWorkspace().scratch
    direction.withUnsafeBufferPointer { v in
      let scratch = hessianRows(
        bias: v[(v.count - classes)...].map { $0 }, score: { scores[$0] },
        multiply: { design.multiply(v, classes: classes, block: $0, into: scores) })
      result.withUnsafeMutableBufferPointer { r in
        accumulate(scratch, penalty: .vector(v), into: r)
      }
    }
  }

  /// The Hessian product in single precision, for CG's work vectors.
  ///
  /// The direction is read as it is stored, and the result is rounded to `Float` once,
  /// after its sum and penalty are formed in `Double`. Both sparse passes read or write
  /// `n × K` rows at random, so their rows are kept in `Float`, half the cache: the scores
  /// `X·V` are accumulated in `Float` (relative error about `√m·6·10⁻⁸` for a row of `m`
  /// entries), and the rows `qᵢ`, formed in `Double`, are rounded to `Float` before `Xᵀ·Q`
  /// reads them. Conjugate gradients needs its residual cut only tenfold and every outer
  /// step is judged by the `Double` objective and gradient, so this changes the speed, not
  /// the optimum (the gain is measured in
  /// `Benchmarks/results/2026-12-07-doc-comment-figures.md`).
  ///
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func hessianVectorProduct(
    _ direction: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(direction.count == dimension && result.count == dimension)
    let design = self.design
    let classes = classCount
    let bias = direction[(direction.count - classes)...].map { Double($0) }
    let single = uniqueWorkspace().singleRows
    let scratch = hessianRows(
      bias: bias, score: { Double(single[$0]) }, single: single,
      multiply: { design.multiply(direction, classes: classes, block: $0, into: single) })
    accumulate(
      scratch, single: UnsafeBufferPointer(single), penalty: .singleVector(direction),
      into: result)
  }

  /// The first phase of a Hessian product: `qᵢ = C·sᵢ·(pᵢ ⊙ uᵢ − pᵢ·(pᵢᵀuᵢ))` with
  /// `uᵢ = xᵢ·V + v` for every row, into the workspace's scratch block.
  ///
  /// - Parameters:
  ///   - bias: `v`, the direction's `K` intercept entries.
  ///   - score: Reads element `i·K + k` of `X·V` once `multiply` has filled its block.
  ///   - single: If given, also receives the rows rounded to single precision (it may be
  ///     the buffer `score` reads: each row is read before it is written).
  ///   - multiply: Fills rows `block` of `X·V` where `score` reads them.
  /// - Returns: The `n × K` rows `qᵢ`.
  @inline(__always)
  private mutating func hessianRows(
    bias: [Double], score: (Int) -> Double, single: UnsafeMutableBufferPointer<Float>? = nil,
    multiply: (Int) -> Void
  ) -> UnsafeBufferPointer<Double> {
    let work = uniqueWorkspace()
    precondition(work.hasPoint, "hessianVectorProduct called before valueAndGradient")
    let classes = classCount
    let c = self.c
    let probabilities = work.probabilities
    let scratch = work.scratch
    sampleWeights.withUnsafeBufferPointer { s in
      partition.forEachBlock { block, rows in
        multiply(block)
        for row in rows {
          let base = row * classes
          var projection = 0.0
          for k in 0..<classes {
            let u = score(base + k) + bias[k]
            scratch[base + k] = u
            projection += probabilities[base + k] * u
          }
          let weight = c * s[row]
          for k in 0..<classes {
            scratch[base + k] =
              weight * probabilities[base + k] * (scratch[base + k] - projection)
          }
          if let single {
            for k in 0..<classes { single[base + k] = Float(scratch[base + k]) }
          }
        }
      }
    }
    return UnsafeBufferPointer(scratch)
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
    let rows = diagonalRows()
    return [Double](unsafeUninitializedCapacity: dimension) { r, initialized in
      accumulate(rows, penalty: .constant(1), into: r, squaringValues: true)
      initialized = dimension
    }
  }

  /// The Hessian diagonal in single precision, written into `result`.
  ///
  /// Each element is summed in `Double`, then rounded. Its rows `C·sᵢ·pᵢₖ(1 − pᵢₖ)` are
  /// read in `Float`, as a Hessian product's are: a preconditioner needs no more.
  ///
  /// - Complexity: O(K·nnz + n·K + d·K).
  public mutating func diagonalPreconditioner(into result: UnsafeMutableBufferPointer<Float>) {
    precondition(result.count == dimension)
    let single = uniqueWorkspace().singleRows
    let rows = diagonalRows(single: single)
    accumulate(
      rows, single: UnsafeBufferPointer(single), penalty: .constant(1), into: result,
      squaringValues: true)
  }

  /// `C·sᵢ·pᵢₖ(1 − pᵢₖ)` for every row and class, into the workspace's scratch block (and
  /// rounded into `single` when given).
  private mutating func diagonalRows(
    single: UnsafeMutableBufferPointer<Float>? = nil
  ) -> UnsafeBufferPointer<Double> {
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
          if let single {
            for k in 0..<classes { single[base + k] = Float(scratch[base + k]) }
          }
        }
      }
    }
    return UnsafeBufferPointer(scratch)
  }

  /// The second phase, shared by the gradient, the Hessian product and the diagonal.
  ///
  /// ```
  /// out[W] = penalty[W] + Aᵀ·rows,   out[b] = Σᵢ rowsᵢ   (in row order)
  /// ```
  ///
  /// with `A = X`, computed over feature blocks of `Aᵀ` so each entry is summed by one
  /// thread in a fixed order.
  private func accumulate(
    _ rows: UnsafeBufferPointer<Double>, penalty: ProductAddend,
    into out: UnsafeMutableBufferPointer<Double>, squaringValues: Bool = false
  ) {
    let classes = classCount
    accumulate(
      rows,
      weights: { features, transposed in
        transposed.multiply(
          rows, classes: classes, rows: features, into: out, squaringValues: squaringValues)
        // The penalty is added in the same block, while its entries are still in cache.
        let entries = (features.lowerBound * classes)..<(features.upperBound * classes)
        switch penalty {
        case .vector(let values):
          for entry in entries { out[entry] += values[entry] }
        case .singleVector(let values):
          for entry in entries { out[entry] += Double(values[entry]) }
        case .constant(let value):
          for entry in entries { out[entry] += value }
        }
      },
      set: { out[$0] = $1 })
  }

  /// ``accumulate(_:penalty:into:squaringValues:)`` into single precision.
  ///
  /// Each element is summed in `Double`, has its penalty added in `Double` (the two nearly
  /// cancel in a gradient near the optimum), and is rounded once. With `single`, a copy of
  /// `rows` in single precision, `Aᵀ·rows` reads that copy instead (half the bytes at
  /// random); the intercepts still sum `rows`.
  private func accumulate(
    _ rows: UnsafeBufferPointer<Double>, single: UnsafeBufferPointer<Float>? = nil,
    penalty: ProductAddend, into out: UnsafeMutableBufferPointer<Float>,
    squaringValues: Bool = false
  ) {
    let classes = classCount
    accumulate(
      rows,
      weights: { features, transposed in
        if let single {
          transposed.multiply(
            single, classes: classes, rows: features, into: out, adding: penalty,
            squaringValues: squaringValues)
        } else {
          transposed.multiply(
            rows, classes: classes, rows: features, into: out, adding: penalty,
            squaringValues: squaringValues)
        }
      },
      set: { out[$0] = Float($1) })
  }

  /// The body of both `accumulate`s: `weights` fills a feature block's entries with
  /// `Aᵀ·rows` plus the penalty (every feature lies in some block) from the `Aᵀ` it is
  /// given, `set` stores an intercept.
  @inline(__always)
  private func accumulate(
    _ rows: UnsafeBufferPointer<Double>, weights: (Range<Int>, SparseRowsView) -> Void,
    set: (Int, Double) -> Void
  ) {
    let classes = classCount
    let weightCount = featureCount * classes
    design.withTransposed { transposed in
      featurePartition.forEachBlock { _, features in weights(features, transposed) }
    }
    var intercepts = [Double](repeating: 0, count: classes)
    for row in 0..<rowCount {
      let base = row * classes
      for k in 0..<classes { intercepts[k] += rows[base + k] }
    }
    for k in 0..<classes { set(weightCount + k, intercepts[k]) }
  }

  private mutating func uniqueWorkspace() -> Workspace {
    if !isKnownUniquelyReferenced(&workspace) { workspace = workspace.copy() }
    return workspace
  }
}

/// The scratch memory of one loss: probabilities at the last point, one `n × K` block for
/// residuals and Hessian rows, the Hessian rows again in single precision, and the row
/// losses.
private final class Workspace {
  let probabilities: UnsafeMutableBufferPointer<Double>
  let scratch: UnsafeMutableBufferPointer<Double>
  let rowLosses: UnsafeMutableBufferPointer<Double>
  /// Single-precision rows for the products that read or write them at random: a Hessian
  /// product's scores and then its rows `qᵢ`, or the diagonal's rows.
  let singleRows: UnsafeMutableBufferPointer<Float>
  var hasPoint = false

  init(rows: Int, classes: Int) {
    probabilities = .allocate(capacity: rows * classes)
    probabilities.initialize(repeating: 0)
    scratch = .allocate(capacity: rows * classes)
    scratch.initialize(repeating: 0)
    rowLosses = .allocate(capacity: rows)
    rowLosses.initialize(repeating: 0)
    singleRows = .allocate(capacity: rows * classes)
    singleRows.initialize(repeating: 0)
  }

  private init(copying other: Workspace) {
    probabilities = .allocate(capacity: other.probabilities.count)
    _ = probabilities.initialize(from: other.probabilities)
    scratch = .allocate(capacity: other.scratch.count)
    scratch.initialize(repeating: 0)
    rowLosses = .allocate(capacity: other.rowLosses.count)
    rowLosses.initialize(repeating: 0)
    singleRows = .allocate(capacity: other.singleRows.count)
    singleRows.initialize(repeating: 0)
    hasPoint = other.hasPoint
  }

  func copy() -> Workspace { Workspace(copying: self) }

  deinit {
    probabilities.deallocate()
    scratch.deallocate()
    rowLosses.deallocate()
    singleRows.deallocate()
  }
}
