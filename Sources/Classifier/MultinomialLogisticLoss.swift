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
/// buffers (one `n × K` block, one `d·K + K` accumulator per row block) are allocated once
/// and reused; the storage is copy-on-write, so a copy of the loss evaluates independently.
///
/// Threads: the rows are split by ``RowPartition`` into at most `threads` blocks; each
/// block accumulates its part of `Xᵀ·R` (and its loss) into its own buffer, and the buffers
/// are added in block order with BLAS `axpy`. The result is therefore deterministic for a
/// given thread count (and BLAS); different thread counts agree to rounding.
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
  /// The row blocks evaluated concurrently.
  public let partition: RowPartition

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
  ///   - threads: The number of row blocks to evaluate concurrently, at least 1.
  /// - Complexity: O(n + nnz) to partition; O(n·K + threads·(d·K + K)) memory.
  public init(
    features: SparseMatrix, labels: [Int], sampleWeights: [Double], c: Double, classCount: Int,
    threads: Int
  ) {
    precondition(classCount >= 2, "MultinomialLogisticLoss: need at least 2 classes")
    precondition(labels.count == features.rowCount && sampleWeights.count == features.rowCount)
    precondition(labels.allSatisfy { $0 >= 0 && $0 < classCount }, "label out of range")
    precondition(c > 0 && c.isFinite && threads >= 1)
    self.features = features
    self.labels = labels
    self.sampleWeights = sampleWeights
    self.c = c
    self.classCount = classCount
    let partition = RowPartition(features, blockCount: threads)
    self.partition = partition
    self.workspace = Workspace(
      rows: features.rowCount, classes: classCount,
      dimension: (features.columnCount + 1) * classCount, blocks: max(partition.blocks.count, 1))
  }

  /// The number of features `d`.
  public var featureCount: Int { features.columnCount }

  /// The number of parameters, `d·K + K`.
  public var dimension: Int { (features.columnCount + 1) * classCount }

  /// Evaluates `f` and `∇f` at `point` and caches the row probabilities.
  ///
  /// - Parameters:
  ///   - point: `W` (row-major, `d × K`) followed by `b`.
  ///   - gradient: Overwritten with `∇f`, in the same layout.
  /// - Returns: `f(point)`.
  /// - Complexity: O(K·nnz + n·K + threads·(d·K + K)).
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
    let sums = work.blockSums
    let losses = work.blockLosses
    point.withUnsafeBufferPointer { w in
      labels.withUnsafeBufferPointer { y in
        sampleWeights.withUnsafeBufferPointer { s in
          partition.forEachBlock { block, rows in
            let out = UnsafeMutableBufferPointer(
              rebasing: sums[(block * dimension)..<((block + 1) * dimension)])
            out.update(repeating: 0)
            features.multiply(w, classes: classes, rows: rows, into: probabilities)
            var loss = 0.0
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
              loss += weight * (logSumExp - probabilities[base + label])
              for k in 0..<classes {
                let p = exp(probabilities[base + k] - logSumExp)
                probabilities[base + k] = p
                residuals[base + k] = weight * p
              }
              residuals[base + label] -= weight
              for k in 0..<classes { out[weightCount + k] += residuals[base + k] }
            }
            losses[block] = loss
            features.transposeMultiply(
              UnsafeBufferPointer(residuals), classes: classes, rows: rows,
              accumulatingInto: out)
          }
        }
      }
    }
    work.hasPoint = true
    return point.withUnsafeBufferPointer { w in
      gradient.withUnsafeMutableBufferPointer { g in
        let penalised = UnsafeBufferPointer(rebasing: w[0..<weightCount])
        _ = g.initialize(from: w)
        UnsafeMutableBufferPointer(rebasing: g[weightCount...]).update(repeating: 0)
        var loss = 0.0
        for block in 0..<partition.blocks.count {
          BLAS.axpy(
            1, UnsafeBufferPointer(rebasing: sums[(block * dimension)..<((block + 1) * dimension)]),
            g)
          loss += losses[block]
        }
        return 0.5 * BLAS.dot(penalised, penalised) + loss
      }
    }
  }

  /// Multiplies the Hessian at the last evaluated point by `direction = (V, v)`.
  ///
  /// ```
  /// uᵢ = xᵢ·V + v,   qᵢ = C·sᵢ·(pᵢ ⊙ uᵢ − pᵢ·(pᵢᵀuᵢ)),   result = (V + Xᵀ·Q, Σᵢ qᵢ)
  /// ```
  ///
  /// - Parameters:
  ///   - direction: `V` (row-major, `d × K`) followed by `v` (`K`).
  ///   - result: Overwritten with the product, in the same layout.
  /// - Complexity: O(K·nnz + n·K + threads·(d·K + K)).
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
    let sums = work.blockSums
    direction.withUnsafeBufferPointer { v in
      sampleWeights.withUnsafeBufferPointer { s in
        partition.forEachBlock { block, rows in
          let out = UnsafeMutableBufferPointer(
            rebasing: sums[(block * dimension)..<((block + 1) * dimension)])
          out.update(repeating: 0)
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
              let q = weight * probabilities[base + k] * (scratch[base + k] - projection)
              scratch[base + k] = q
              out[weightCount + k] += q
            }
          }
          features.transposeMultiply(
            UnsafeBufferPointer(scratch), classes: classes, rows: rows, accumulatingInto: out)
        }
      }
    }
    direction.withUnsafeBufferPointer { v in
      result.withUnsafeMutableBufferPointer { r in
        _ = r.initialize(from: v)
        UnsafeMutableBufferPointer(rebasing: r[weightCount...]).update(repeating: 0)
        for block in 0..<partition.blocks.count {
          BLAS.axpy(
            1, UnsafeBufferPointer(rebasing: sums[(block * dimension)..<((block + 1) * dimension)]),
            r)
        }
      }
    }
  }

  /// The diagonal of the Hessian at the last evaluated point.
  ///
  /// ```
  /// H[(j,k),(j,k)] = 1 + Σᵢ C·sᵢ·xᵢⱼ²·pᵢₖ(1 − pᵢₖ),   H[bₖ,bₖ] = Σᵢ C·sᵢ·pᵢₖ(1 − pᵢₖ)
  /// ```
  ///
  /// The squared design matrix is built (in `Float`) on the first call and kept.
  ///
  /// - Returns: `d·K + K` non-negative values.
  /// - Complexity: O(K·nnz + n·K + threads·(d·K + K)).
  public mutating func diagonalPreconditioner() -> [Double] {
    let dimension = self.dimension
    let work = uniqueWorkspace()
    precondition(work.hasPoint, "diagonalPreconditioner called before valueAndGradient")
    let squared: SparseMatrix
    if let cached = work.squaredFeatures {
      squared = cached
    } else {
      var copy = features
      copy.transformValues { $0 * $0 }
      work.squaredFeatures = copy
      squared = copy
    }
    let classes = classCount
    let weightCount = features.columnCount * classes
    let c = self.c
    let probabilities = work.probabilities
    let scratch = work.scratch
    let sums = work.blockSums
    sampleWeights.withUnsafeBufferPointer { s in
      partition.forEachBlock { block, rows in
        let out = UnsafeMutableBufferPointer(
          rebasing: sums[(block * dimension)..<((block + 1) * dimension)])
        out.update(repeating: 0)
        for row in rows {
          let base = row * classes
          let weight = c * s[row]
          for k in 0..<classes {
            let p = probabilities[base + k]
            let h = weight * p * (1 - p)
            scratch[base + k] = h
            out[weightCount + k] += h
          }
        }
        squared.transposeMultiply(
          UnsafeBufferPointer(scratch), classes: classes, rows: rows, accumulatingInto: out)
      }
    }
    var diagonal = [Double](repeating: 1, count: dimension)
    for k in weightCount..<dimension { diagonal[k] = 0 }
    diagonal.withUnsafeMutableBufferPointer { r in
      for block in 0..<partition.blocks.count {
        BLAS.axpy(
          1, UnsafeBufferPointer(rebasing: sums[(block * dimension)..<((block + 1) * dimension)]),
          r)
      }
    }
    return diagonal
  }

  private mutating func uniqueWorkspace() -> Workspace {
    if !isKnownUniquelyReferenced(&workspace) { workspace = workspace.copy() }
    return workspace
  }
}

/// The loss's cache and scratch memory, allocated once; copied when a loss value that
/// shares it is about to write (copy-on-write).
private final class Workspace {
  /// `n × K`: the probabilities of the last evaluated point.
  let probabilities: UnsafeMutableBufferPointer<Double>
  /// `n × K`: residuals or Hessian-product rows, overwritten by every call.
  let scratch: UnsafeMutableBufferPointer<Double>
  /// `blocks × (d·K + K)`: one accumulator per row block.
  let blockSums: UnsafeMutableBufferPointer<Double>
  /// One partial loss per row block.
  let blockLosses: UnsafeMutableBufferPointer<Double>
  /// Whether `probabilities` belongs to an evaluated point.
  var hasPoint = false
  /// `X` with squared values, built on the first preconditioner request.
  var squaredFeatures: SparseMatrix?

  init(rows: Int, classes: Int, dimension: Int, blocks: Int) {
    probabilities = .allocate(capacity: rows * classes)
    probabilities.initialize(repeating: 0)
    scratch = .allocate(capacity: rows * classes)
    scratch.initialize(repeating: 0)
    blockSums = .allocate(capacity: blocks * dimension)
    blockSums.initialize(repeating: 0)
    blockLosses = .allocate(capacity: blocks)
    blockLosses.initialize(repeating: 0)
  }

  private init(copying other: Workspace) {
    probabilities = .allocate(capacity: other.probabilities.count)
    _ = probabilities.initialize(from: other.probabilities)
    scratch = .allocate(capacity: other.scratch.count)
    scratch.initialize(repeating: 0)
    blockSums = .allocate(capacity: other.blockSums.count)
    blockSums.initialize(repeating: 0)
    blockLosses = .allocate(capacity: other.blockLosses.count)
    blockLosses.initialize(repeating: 0)
    hasPoint = other.hasPoint
    squaredFeatures = other.squaredFeatures
  }

  func copy() -> Workspace { Workspace(copying: self) }

  deinit {
    probabilities.deallocate()
    scratch.deallocate()
    blockSums.deallocate()
    blockLosses.deallocate()
  }
}
