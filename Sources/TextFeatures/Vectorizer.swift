import LinearAlgebra
import StanceSupport

/// A fitted text vectorizer: documents in, one CSR row of weighted n-gram features per
/// document out.
///
/// ```
/// text ─Tokenizer─▶ tokens ─n-grams─▶ terms ─Vocabulary | FeatureHasher─▶ columns
///      ─counts─▶ tf(c) · idf(t) ─L2─▶ SparseMatrix row
/// ```
///
/// There is no unfitted vectorizer: ``fit(_:configuration:)`` and
/// ``fitTransform(_:configuration:)`` are the only ways to get one, so `transform` on an
/// unfitted value cannot compile. With the default ``VectorizerConfiguration`` and the same
/// tokens, the output equals scikit-learn's
/// `TfidfVectorizer(lowercase=False, tokenizer=<spec v1>, token_pattern=None)`.
///
/// The value is `Codable` (configuration, vocabulary or hashed document frequencies, and
/// the corpus size; idf is recomputed), so a model file can store it.
public struct Vectorizer: Sendable, Equatable, Codable {
  /// The settings this vectorizer was fitted with.
  public let configuration: VectorizerConfiguration
  /// The learned vocabulary; `nil` in hashing mode.
  public private(set) var vocabulary: Vocabulary?
  /// The feature hasher; `nil` in vocabulary mode.
  public let hasher: FeatureHasher?
  /// The number of training documents `n`.
  public let documentCount: Int
  /// The per-column inverse document frequencies, or `nil` unless the weighting is tf-idf.
  ///
  /// Each is `ln((1 + n) / (1 + df)) + 1`. In hashing mode `df` is the number of training
  /// documents with at least one term in the bucket. Derived from the document
  /// frequencies, so equality ignores it; empty between ``releaseLookups()`` and
  /// ``restoreLookups()`` in vocabulary mode.
  public private(set) var inverseDocumentFrequencies: [Double]?
  /// Hashing mode: the buckets seen in training, ascending.
  let hashedColumns: [Int32]
  /// Hashing mode: the document frequency of each bucket in ``hashedColumns``.
  let hashedDocumentFrequencies: [Int]

  /// Assembles a vectorizer from checked parts and derives idf.
  init(
    configuration: VectorizerConfiguration, vocabulary: Vocabulary?, hasher: FeatureHasher?,
    documentCount: Int, hashedColumns: [Int32] = [], hashedDocumentFrequencies: [Int] = []
  ) {
    self.configuration = configuration
    self.vocabulary = vocabulary
    self.hasher = hasher
    self.documentCount = documentCount
    self.hashedColumns = hashedColumns
    self.hashedDocumentFrequencies = hashedDocumentFrequencies
    inverseDocumentFrequencies = Self.inverseDocumentFrequencies(
      configuration: configuration, vocabulary: vocabulary, hasher: hasher,
      documentCount: documentCount, hashedColumns: hashedColumns,
      hashedDocumentFrequencies: hashedDocumentFrequencies)
  }

  /// The idf of every column, or `nil` unless the weighting is tf-idf.
  ///
  /// - Complexity: O(columns); a `log` per distinct small document frequency.
  private static func inverseDocumentFrequencies(
    configuration: VectorizerConfiguration, vocabulary: Vocabulary?, hasher: FeatureHasher?,
    documentCount: Int, hashedColumns: [Int32], hashedDocumentFrequencies: [Int]
  ) -> [Double]? {
    guard configuration.weighting.usesInverseDocumentFrequency else { return nil }
    if let vocabulary {
      // Most terms share a few small document frequencies: compute each idf once.
      var known = [Double](repeating: -1, count: Swift.min(documentCount, 4096) + 1)
      return vocabulary.documentFrequencies.map { frequency in
        if frequency < known.count && known[frequency] >= 0 { return known[frequency] }
        let idf = TermWeighting.inverseDocumentFrequency(
          documentFrequency: frequency, documentCount: documentCount)
        if frequency < known.count { known[frequency] = idf }
        return idf
      }
    } else {
      var idf = [Double](
        repeating: TermWeighting.inverseDocumentFrequency(
          documentFrequency: 0, documentCount: documentCount),
        count: hasher?.bucketCount ?? 0)
      for (column, frequency) in zip(hashedColumns, hashedDocumentFrequencies) {
        idf[Int(column)] = TermWeighting.inverseDocumentFrequency(
          documentFrequency: frequency, documentCount: documentCount)
      }
      return idf
    }
  }

  /// Equal configuration, vocabulary (or hasher and bucket frequencies) and corpus size;
  /// idf, derived from those, and the lookup slots are not compared.
  public static func == (lhs: Vectorizer, rhs: Vectorizer) -> Bool {
    lhs.configuration == rhs.configuration && lhs.vocabulary == rhs.vocabulary
      && lhs.hasher == rhs.hasher && lhs.documentCount == rhs.documentCount
      && lhs.hashedColumns == rhs.hashedColumns
      && lhs.hashedDocumentFrequencies == rhs.hashedDocumentFrequencies
  }

  /// Learns the vocabulary (or bucket document frequencies) and idf from `documents`.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  /// - Returns: The fitted vectorizer.
  /// - Throws: A ``VectorizerError``: an invalid configuration, no documents, no tokens,
  ///   `max-df` below `min-df` for this corpus size, or nothing left after pruning.
  /// - Complexity: O(total text length + T log T) for T distinct terms.
  public static func fit(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError) -> Vectorizer
  {
    var fitted = try fitCounting(documents, configuration: configuration)
    fitted.vectorizer.placeLookupSlots(hashes: fitted.hashes)
    return fitted.vectorizer
  }

  /// Fits on `documents` and returns their matrix too, tokenizing each document once.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  /// - Returns: The fitted vectorizer and the `documents.count × featureCount` matrix,
  ///   equal to `vectorizer.transform(documents)`.
  /// - Throws: As ``fit(_:configuration:)``.
  public static func fitTransform(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError) -> (vectorizer: Vectorizer, matrix: SparseMatrix)
  {
    try fitTransform(documents, configuration: configuration, buildsLookups: true)
  }

  /// Fits on `documents` and returns their matrix too, building the vocabulary's lookup
  /// table only when asked.
  ///
  /// A caller that only trains on the matrix for a while (as `Pipeline.fit` does) can pass
  /// `buildsLookups: false`: the vectorizer then comes back as after ``releaseLookups()``,
  /// without the vocabulary's lookup slots (16 bytes per slot, about 270 MB for 6.5
  /// million terms), which are neither built nor held until ``restoreLookups()``.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  ///   - buildsLookups: Whether the returned vectorizer can ``transform(_:)`` right away.
  /// - Returns: The fitted vectorizer and the `documents.count × featureCount` matrix,
  ///   equal to `vectorizer.transform(documents)`.
  /// - Throws: As ``fit(_:configuration:)``.
  public static func fitTransform(
    _ documents: [String], configuration: VectorizerConfiguration, buildsLookups: Bool
  ) throws(VectorizerError) -> (vectorizer: Vectorizer, matrix: SparseMatrix) {
    var (vectorizer, blocks, newIndices, hashes) = try fitCounting(
      documents, configuration: configuration)
    let matrix = vectorizer.matrix(from: blocks, newIndices: newIndices, rowCount: documents.count)
    // The counted rows are gone before the lookup slots take their memory.
    _ = consume blocks
    _ = consume newIndices
    if buildsLookups {
      vectorizer.placeLookupSlots(hashes: hashes)
    } else {
      vectorizer.releaseLookups()
    }
    return (vectorizer, matrix)
  }

  /// The weighted, normalised feature rows of `documents`; terms the vocabulary does not
  /// know are skipped, so a document of unknown words is an all-zero row.
  ///
  /// - Parameter documents: Any documents (possibly none).
  /// - Returns: A `documents.count × featureCount` CSR matrix with `Float` values.
  /// - Complexity: O(total text length); runs on ``VectorizerConfiguration/threads``
  ///   threads with the same result for any thread count.
  public func transform(_ documents: [String]) -> SparseMatrix {
    precondition(
      vocabulary?.table.hasSlots ?? true,
      "Vectorizer.transform after releaseLookups(); call restoreLookups() first")
    let blocks = DocumentBlocks.ranges(documents, count: configuration.threads)
    let counted = Parallel.map(blocks) { range in
      if let vocabulary {
        return FeatureCounter.countKnown(
          documents, range, vocabulary: vocabulary, configuration: configuration)
      } else if let hasher {
        return FeatureCounter.countHashed(
          documents, range, hasher: hasher, configuration: configuration)
      }
      var rows = CountedRows()
      for _ in range { rows.endRow() }
      return rows
    }
    return matrix(from: counted, newIndices: nil, rowCount: documents.count)
  }

  /// Frees the vocabulary's lookup table while this vectorizer is not used to transform.
  ///
  /// For example while a model trains on the matrix ``fitTransform(_:configuration:)``
  /// returned: the slots (about 270 MB for 6.5 million terms) and the idf (8 bytes a term,
  /// recomputed from the document frequencies). ``transform(_:)`` must not be called, nor
  /// ``inverseDocumentFrequencies`` read, until ``restoreLookups()``. Terms, equality and
  /// encoding are unaffected; in hashing mode there is nothing to free.
  public mutating func releaseLookups() {
    guard vocabulary != nil else { return }
    vocabulary?.dropLookupSlots()
    if inverseDocumentFrequencies != nil { inverseDocumentFrequencies = [] }
  }

  /// Builds the vocabulary's lookup slots, which a fit builds last, from its terms' hashes.
  private mutating func placeLookupSlots(hashes: [UInt64]) {
    vocabulary?.placeLookupSlots(hashes: hashes, threads: configuration.threads)
  }

  /// Rebuilds what ``releaseLookups()`` freed, on ``VectorizerConfiguration/threads``
  /// threads.
  ///
  /// - Complexity: O(total term bytes / threads + term count).
  public mutating func restoreLookups() {
    guard vocabulary != nil else { return }
    vocabulary?.restoreLookupSlots(threads: configuration.threads)
    // Released idf is empty; nil (no tf-idf) and kept idf stay as they are.
    if inverseDocumentFrequencies?.isEmpty == true {
      inverseDocumentFrequencies = Self.inverseDocumentFrequencies(
        configuration: configuration, vocabulary: vocabulary, hasher: hasher,
        documentCount: documentCount, hashedColumns: hashedColumns,
        hashedDocumentFrequencies: hashedDocumentFrequencies)
    }
  }

  /// The number of columns: the vocabulary size, or `2^hashBits`.
  public var featureCount: Int {
    vocabulary?.count ?? hasher?.bucketCount ?? 0
  }

  /// A readable name for column `column`: the term (``Term/description``) in vocabulary
  /// mode, `hash:<column>` in hashing mode (a bucket has no single term).
  ///
  /// - Parameter column: A column in `0 ..< featureCount`.
  /// - Returns: The name.
  public func featureName(at column: Int) -> String {
    if let vocabulary { return vocabulary.term(at: column).description }
    return "hash:\(column)"
  }

  /// The number of training documents that contain column `column`'s term (vocabulary
  /// mode) or at least one term of bucket `column` (hashing mode).
  ///
  /// - Parameter column: A column in `0 ..< featureCount`.
  /// - Returns: The document frequency.
  public func documentFrequency(ofColumn column: Int) -> Int {
    if let vocabulary { return vocabulary.documentFrequencies[column] }
    var low = 0
    var high = hashedColumns.count
    while low < high {
      let middle = (low + high) / 2
      if Int(hashedColumns[middle]) < column { low = middle + 1 } else { high = middle }
    }
    return low < hashedColumns.count && Int(hashedColumns[low]) == column
      ? hashedDocumentFrequencies[low] : 0
  }

  /// Counts the training documents and learns the features, keeping the counted rows of
  /// each block of documents and, in vocabulary mode, each block's map from provisional ids
  /// to columns and the hash of each term.
  ///
  /// In vocabulary mode the vocabulary's lookup slots are not built yet: the caller builds
  /// them from `hashes` (``placeLookupSlots(hashes:)``) once it needs less memory.
  private static func fitCounting(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError)
    -> (
      vectorizer: Vectorizer, blocks: [CountedRows], newIndices: [[ProvisionalColumn]]?,
      hashes: [UInt64]
    )
  {
    try configuration.validate()
    guard !documents.isEmpty else { throw VectorizerError.noDocuments }
    let ranges = DocumentBlocks.ranges(documents, count: configuration.threads)
    if let bits = configuration.hashBits {
      let hasher = try FeatureHasher(bits: bits)
      let blocks = Parallel.map(ranges) { range in
        FeatureCounter.countHashed(documents, range, hasher: hasher, configuration: configuration)
      }
      let (columns, frequencies) = bucketDocumentFrequencies(blocks)
      guard !columns.isEmpty else {
        throw VectorizerError.noTerms(documentCount: documents.count)
      }
      let vectorizer = Vectorizer(
        configuration: configuration, vocabulary: nil, hasher: hasher,
        documentCount: documents.count, hashedColumns: columns,
        hashedDocumentFrequencies: frequencies)
      return (vectorizer, blocks, nil, [])
    }
    let counted = Parallel.map(ranges) { range in
      FeatureCounter.countCandidates(documents, range, configuration: configuration)
    }
    var tables = counted.map(\.table)
    let blocks = counted.map(\.rows)
    _ = consume counted
    let candidates = CandidateTerms(tables: &tables, rows: blocks)
    let (vocabulary, hashes, columns) = try Vocabulary.pruning(
      candidates, documentCount: documents.count, configuration: configuration)
    let vectorizer = Vectorizer(
      configuration: configuration, vocabulary: vocabulary, hasher: nil,
      documentCount: documents.count)
    return (vectorizer, blocks, candidates.blockColumns(columns), hashes)
  }

  /// The buckets that occur in `blocks`, ascending, and the number of rows holding each.
  ///
  /// Each block's columns are sorted on their own (concurrently), then the sorted runs are
  /// merged.
  private static func bucketDocumentFrequencies(_ blocks: [CountedRows])
    -> (columns: [Int32], frequencies: [Int])
  {
    let sorted = Parallel.map(blocks.count) { blocks[$0].columns.sorted() }
    var heads = [Int](repeating: 0, count: sorted.count)
    var columns: [Int32] = []
    var frequencies: [Int] = []
    while true {
      var smallest = Int32.max
      var found = false
      for block in sorted.indices where heads[block] < sorted[block].count {
        smallest = min(smallest, sorted[block][heads[block]])
        found = true
      }
      guard found else { break }
      var frequency = 0
      for block in sorted.indices {
        var head = heads[block]
        while head < sorted[block].count && sorted[block][head] == smallest {
          frequency += 1
          head += 1
        }
        heads[block] = head
      }
      columns.append(smallest)
      frequencies.append(frequency)
    }
    return (columns, frequencies)
  }

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
  private func matrix(from blocks: [CountedRows], newIndices: [[ProvisionalColumn]]?, rowCount: Int)
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

  /// Finishes one block of counted rows into the given buffers.
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
    let rowCount = rows.rowCount
    var longest = 0
    for row in 0..<rowCount {
      longest = Swift.max(longest, rows.rowStarts[row + 1] - rows.rowStarts[row])
    }
    // While fitting, a row's columns come out of the id map unordered: each entry is packed
    // as `column << 32 | position` and the row sorted by that.
    var order = [UInt64](repeating: 0, count: longest)
    var weighted = [Double](repeating: 0, count: longest)
    let idf = inverseDocumentFrequencies ?? []
    let weights = !idf.isEmpty
    let normalizes = configuration.weighting.normalization == .l2
    let map = newIndex ?? []
    let remaps = newIndex != nil
    let hashed = hasher != nil
    // tf of the small counts, computed once (the same `Double`s as computing each).
    let weighting = configuration.weighting
    let smallCounts = (0..<256).map { weighting.termFrequency(count: Swift.max($0, 1)) }
    // idf of the small document frequencies (the same `Double`s as in
    // ``inverseDocumentFrequencies``): while fitting, most terms take theirs from here
    // instead of a cache miss on `idf[column]`.
    let smallFrequencies =
      remaps && weights
      ? (0..<Swift.min(documentCount + 1, 4096)).map {
        TermWeighting.inverseDocumentFrequency(documentFrequency: $0, documentCount: documentCount)
      } : []
    var written = 0
    var repeats = 0
    rows.columns.withUnsafeBufferPointer { columns in
      rows.repeatCounts.withUnsafeBufferPointer { repeatCounts in
        rows.values.withUnsafeBufferPointer { values in
          rows.rowStarts.withUnsafeBufferPointer { starts in
            idf.withUnsafeBufferPointer { idf in
              map.withUnsafeBufferPointer { map in
                smallCounts.withUnsafeBufferPointer { smallCounts in
                  smallFrequencies.withUnsafeBufferPointer { smallFrequencies in
                    order.withUnsafeMutableBufferPointer { order in
                      weighted.withUnsafeMutableBufferPointer { weighted in
                        for row in 0..<rowCount {
                          var count = 0
                          for entry in starts[row]..<starts[row + 1] {
                            // The id map is read at random: ask for the entry needed a few
                            // entries on, so its cache miss overlaps with this work.
                            if remaps, entry + Self.finishLookahead < columns.count,
                              let mapBase = map.baseAddress
                            {
                              let ahead = columns[entry + Self.finishLookahead]
                              CacheLine.prefetch(
                                mapBase + Int(ahead & ~CountedRows.repeatFlag))
                            }
                            var column = columns[entry]
                            var occurrences = 1
                            if !hashed && column < 0 {
                              column &= ~CountedRows.repeatFlag
                              occurrences = Int(repeatCounts[repeats])
                              repeats += 1
                            }
                            var frequency = Int.max
                            if remaps {
                              let target = map[Int(column)]
                              column = target.column
                              if column < 0 { continue }
                              frequency = Int(target.documentFrequency)
                            }
                            var value: Double
                            if hashed {
                              value = values[entry]
                            } else {
                              value =
                                occurrences < smallCounts.count
                                ? smallCounts[occurrences]
                                : weighting.termFrequency(count: occurrences)
                            }
                            if weights {
                              value *=
                                frequency < smallFrequencies.count
                                ? smallFrequencies[frequency] : idf[Int(column)]
                            }
                            if value != 0 {
                              order[count] =
                                UInt64(truncatingIfNeeded: column) << 32
                                | UInt64(truncatingIfNeeded: count)
                              weighted[count] = value
                              count += 1
                            }
                          }
                          let entries = UnsafeMutableBufferPointer(rebasing: order[0..<count])
                          if remaps { SmallSort.sort(entries) }
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
                            outColumns.initializeElement(
                              at: written, to: Int32(truncatingIfNeeded: packed >> 32))
                            outValues.initializeElement(
                              at: written,
                              to: Float(
                                weighted[Int(truncatingIfNeeded: packed & 0xFFFF_FFFF)] / norm))
                            written += 1
                          }
                          rowEnds[row] = firstEntry + written
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
    }
    return written
  }

  /// How many entries ahead ``finish(_:newIndex:columns:values:rowEnds:firstEntry:)``
  /// prefetches a provisional id's column.
  private static let finishLookahead = 16

  // MARK: - Codable

  /// The tokenizer spec version this code implements; a stored vectorizer with another
  /// version is refused.
  public static let tokenizerSpecVersion = 1
  /// The feature hash version this code implements (see ``FeatureHasher``).
  public static let featureHashVersion = 1

  private enum CodingKeys: String, CodingKey {
    case tokenizerSpec
    case featureHash
    case configuration
    case documentCount
    case vocabulary
    case hashedColumns
    case hashedDocumentFrequencies
  }

  /// Encodes the settings and the learned state (idf is derived on decoding).
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.tokenizerSpecVersion, forKey: .tokenizerSpec)
    try container.encode(Self.featureHashVersion, forKey: .featureHash)
    try container.encode(configuration, forKey: .configuration)
    try container.encode(documentCount, forKey: .documentCount)
    try container.encodeIfPresent(vocabulary, forKey: .vocabulary)
    if hasher != nil {
      try container.encode(hashedColumns, forKey: .hashedColumns)
      try container.encode(hashedDocumentFrequencies, forKey: .hashedDocumentFrequencies)
    }
  }

  /// Decodes a fitted vectorizer, checking versions and consistency.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for another spec version or inconsistent
  ///   state.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func corrupted(_ message: String) -> DecodingError {
      .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
    }
    let spec = try container.decode(Int.self, forKey: .tokenizerSpec)
    let hash = try container.decode(Int.self, forKey: .featureHash)
    guard spec == Self.tokenizerSpecVersion, hash == Self.featureHashVersion else {
      throw corrupted(
        "this vectorizer uses tokenizer spec \(spec) and feature hash \(hash); this StanceKit "
          + "reads spec \(Self.tokenizerSpecVersion) and hash \(Self.featureHashVersion); "
          + "upgrade StanceKit or retrain the model")
    }
    let configuration = try container.decode(VectorizerConfiguration.self, forKey: .configuration)
    let documentCount = try container.decode(Int.self, forKey: .documentCount)
    guard documentCount >= 1 else { throw corrupted("documentCount must be at least 1") }
    if let bits = configuration.hashBits {
      let hasher = try FeatureHasher(bits: bits)
      let columns = try container.decode([Int32].self, forKey: .hashedColumns)
      let frequencies = try container.decode([Int].self, forKey: .hashedDocumentFrequencies)
      guard columns.count == frequencies.count,
        zip(columns, columns.dropFirst()).allSatisfy({ $0 < $1 }),
        columns.allSatisfy({ $0 >= 0 && Int($0) < hasher.bucketCount }),
        frequencies.allSatisfy({ $0 >= 1 && $0 <= documentCount })
      else { throw corrupted("inconsistent hashed document frequencies") }
      self.init(
        configuration: configuration, vocabulary: nil, hasher: hasher,
        documentCount: documentCount, hashedColumns: columns,
        hashedDocumentFrequencies: frequencies)
    } else {
      let vocabulary = try container.decode(Vocabulary.self, forKey: .vocabulary)
      guard vocabulary.documentCount == documentCount, vocabulary.count > 0 else {
        throw corrupted("the vocabulary does not match the document count or is empty")
      }
      self.init(
        configuration: configuration, vocabulary: vocabulary, hasher: nil,
        documentCount: documentCount)
    }
  }
}
