import LinearAlgebra

/// A training matrix prepared for the solver: the features that occur in one row folded
/// into one feature per row, and the folded matrix transposed along a row partition, which
/// is all the loss keeps of it.
///
/// ``Trainer/train(features:labels:labelNames:sampleWeights:warmStart:progress:)``
/// prepares one and trains on it in a single call. Preparing it apart lets the transpose
/// live outside the process's memory: the out-of-core training cache writes its arrays to
/// a file (``design``'s transposed CSR arrays, ``PartitionedTranspose/blockCuts``, the
/// partition and ``foldingState``), maps them back with
/// ``PartitionedTranspose/init(mapped:owner:partition:cuts:)`` and
/// ``init(design:foldingState:)``, and ``Trainer/train(design:labels:labelNames:sampleWeights:progress:)``
/// then runs the same solver over the same numbers, giving the same model bit for bit.
public struct TrainingDesign: Sendable {
  /// The folding's arrays, as stored beside the folded matrix.
  public struct FoldingState: Sendable, Equatable {
    /// `d`, the features before folding.
    public var originalColumnCount: Int
    /// The features kept as they are (the first columns of the folded matrix).
    public var keptColumnCount: Int
    /// For every original feature, its folded column or −1; empty when nothing folds.
    public var targets: [Int32]
    /// For every folded original feature, its single value; 0 for the others.
    public var singletonValues: [Float]
    /// For every folded column, the sum of its features' squared values.
    public var foldedSquares: [Double]

    /// Creates the state from its stored arrays.
    ///
    /// - Parameters:
    ///   - originalColumnCount: `d`.
    ///   - keptColumnCount: The kept features, at most `d`.
    ///   - targets: `d` targets, or none when nothing folds.
    ///   - singletonValues: `d` values, or none when nothing folds.
    ///   - foldedSquares: One per folded column.
    public init(
      originalColumnCount: Int, keptColumnCount: Int, targets: [Int32], singletonValues: [Float],
      foldedSquares: [Double]
    ) {
      self.originalColumnCount = originalColumnCount
      self.keptColumnCount = keptColumnCount
      self.targets = targets
      self.singletonValues = singletonValues
      self.foldedSquares = foldedSquares
    }

    /// Whether the arrays fit together and a folded matrix of `columns` columns.
    ///
    /// - Parameter columns: The folded matrix's columns.
    /// - Returns: `true` when the state can unfold that matrix's solutions.
    public func isConsistent(withFoldedColumns columns: Int) -> Bool {
      let identity = keptColumnCount == originalColumnCount
      let arrays =
        identity
        ? targets.isEmpty && singletonValues.isEmpty && foldedSquares.isEmpty
        : targets.count == originalColumnCount && singletonValues.count == originalColumnCount
      return keptColumnCount >= 0 && keptColumnCount <= originalColumnCount && arrays
        && keptColumnCount + foldedSquares.count == columns
        && targets.allSatisfy { $0 >= -1 && Int($0) < columns }
    }
  }

  /// `Xᵀ` of the folded matrix, with the row partition of the loss's first phase.
  public let design: PartitionedTranspose
  /// How the features were folded.
  let folding: SingletonColumnFolding

  /// Folds and transposes `features`.
  ///
  /// - Parameters:
  ///   - features: `X`, `n × d`, finite values (see ``Trainer/checkFinite(_:)``); handed
  ///     over, so only the transpose is kept.
  ///   - threads: The row blocks of the partition (and the threads that build it).
  /// - Complexity: O(n + threads·d + nnz).
  public init(features: consuming SparseMatrix, threads: Int) {
    let (folded, folding) = SingletonColumnFolding.fold(consume features, threads: threads)
    let partition = RowPartition(copy folded, blockCount: threads)
    self.design = PartitionedTranspose(folded, partition: partition)
    self.folding = folding
  }

  /// Reassembles a design from a transpose (possibly mapped) and its folding's arrays.
  ///
  /// - Parameters:
  ///   - design: `Xᵀ` of the folded matrix with its partition.
  ///   - foldingState: The folding's arrays; ``FoldingState/isConsistent(withFoldedColumns:)``
  ///     must hold for `design`'s columns.
  public init(design: PartitionedTranspose, foldingState: FoldingState) {
    precondition(
      foldingState.isConsistent(withFoldedColumns: design.columnCount),
      "TrainingDesign: the folding does not fit the matrix")
    self.design = design
    self.folding = SingletonColumnFolding(state: foldingState)
  }

  /// The folding's arrays, for storing them.
  public var foldingState: FoldingState { folding.state }
  /// `n`, the training rows.
  public var rowCount: Int { design.rowCount }
  /// `d`, the features before folding (the model's feature count).
  public var featureCount: Int { folding.originalColumnCount }
}
