import Foundation
import StanceSupport

/// Why stored vectorizer state was refused: it breaks an invariant that every fitted
/// vectorizer keeps, so it was not written by a fit (or was altered afterwards).
public struct VectorizerStateError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Which invariant is broken, in words.
  public let description: String

  /// Creates an error.
  ///
  /// - Parameter description: Which invariant is broken.
  public init(_ description: String) {
    self.description = description
  }
}

extension Vocabulary {
  /// The terms as flat arrays, the form a binary model file stores.
  ///
  /// ```
  /// term i = kinds[i], UTF-8 bytes bytes[starts[i] ..< starts[i + 1]]
  /// ```
  /// `starts` has `count + 1` elements, begins at 0 and ends at `bytes.count`. The bytes
  /// carry no kind prefix. Terms are in index order (word n-grams, then character n-grams,
  /// each by UTF-8 bytes).
  ///
  /// - Returns: The concatenated term bytes, the start of each term and each term's kind.
  /// - Complexity: O(total term bytes).
  public func flattenedTerms() -> (bytes: [UInt8], starts: [Int], kinds: [FeatureKind]) {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]
    var kinds: [FeatureKind] = []
    bytes.reserveCapacity(table.arena.count)
    starts.reserveCapacity(count + 1)
    kinds.reserveCapacity(count)
    table.arena.withUnsafeBufferPointer { arena in
      for id in 0..<count {
        var start = table.starts[id]
        let end = table.starts[id + 1]
        if start < end && arena[start] == FeatureKind.characterNGramPrefix {
          kinds.append(.characterNGram)
          start += 1
        } else {
          kinds.append(.wordNGram)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: arena[start..<end]))
        starts.append(bytes.count)
      }
    }
    return (bytes, starts, kinds)
  }

  /// Rebuilds a vocabulary from the flat arrays of ``flattenedTerms()``.
  ///
  /// The terms must be in vocabulary order (word n-grams before character n-grams, each
  /// strictly ascending by UTF-8 bytes, hence unique) and every document frequency in
  /// `1 ... documentCount`. Term bytes are not checked to be valid UTF-8; a term that is
  /// not simply never matches a token.
  ///
  /// The order check, the hashing and the copy into the table's arena run on `threads`
  /// contiguous ranges of terms, and the table's slots are filled on as many threads; the
  /// vocabulary (and any error) is the same for every thread count.
  ///
  /// - Parameters:
  ///   - bytes: The concatenated term bytes.
  ///   - starts: `count + 1` non-decreasing offsets into `bytes`, from 0 to `bytes.count`.
  ///   - kinds: Each term's kind.
  ///   - documentFrequencies: Each term's document frequency.
  ///   - documentCount: The number of training documents, at least 1.
  ///   - threads: Threads that check, hash and place the terms.
  /// - Throws: ``VectorizerStateError`` naming the first broken invariant.
  /// - Complexity: O(total term bytes), no `String` and no allocation per term.
  public init(
    flattenedBytes bytes: [UInt8], starts: [Int], kinds: [FeatureKind],
    documentFrequencies: [Int], documentCount: Int, threads: Int = 1
  ) throws(VectorizerStateError) {
    let codes = kinds.map { $0 == .wordNGram ? UInt8(0) : 1 }
    let result = bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        codes.withUnsafeBufferPointer { codes in
          Result { () throws(VectorizerStateError) in
            try Vocabulary(
              flattenedBytes: bytes, starts: starts, kindCodes: codes,
              documentFrequencies: documentFrequencies, documentCount: documentCount,
              threads: threads)
          }
        }
      }
    }
    self = try result.get()
  }

  /// Rebuilds a vocabulary from flat buffers, such as the sections of a mapped model file,
  /// copying each term's bytes once; otherwise as
  /// ``init(flattenedBytes:starts:kinds:documentFrequencies:documentCount:threads:)``.
  ///
  /// - Parameters:
  ///   - bytes: The concatenated term bytes.
  ///   - starts: `count + 1` non-decreasing offsets into `bytes`, from 0 to `bytes.count`.
  ///   - kinds: Each term's kind code: 0 for a word n-gram, 1 for a character n-gram.
  ///   - documentFrequencies: Each term's document frequency.
  ///   - documentCount: The number of training documents, at least 1.
  ///   - threads: Threads that check, hash and place the terms.
  ///   - afterCopying: Called once `bytes`, `starts` and `kinds` are no longer read, before
  ///     the lookup table is built (a mapped file can then give their pages back).
  /// - Throws: ``VectorizerStateError`` naming the first broken invariant.
  /// - Complexity: O(total term bytes), no `String` and no allocation per term.
  package init(
    flattenedBytes bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>,
    kindCodes kinds: UnsafeBufferPointer<UInt8>, documentFrequencies: [Int],
    documentCount: Int, threads: Int, afterCopying: () -> Void = {}
  ) throws(VectorizerStateError) {
    try Self.checkFlatParts(
      bytes: bytes, starts: starts, kinds: kinds, documentFrequencies: documentFrequencies,
      documentCount: documentCount)
    let count = kinds.count
    let regions = Swift.max(1, Swift.min(threads, count / 4096))
    let ranges = (0..<regions).map { (count * $0 / regions)..<(count * ($0 + 1) / regions) }
    let hashes = try Self.orderedHashes(bytes: bytes, starts: starts, kinds: kinds, ranges: ranges)
    let (arena, tableStarts) = Self.storedArena(
      bytes: bytes, starts: starts, kinds: kinds, ranges: ranges)
    afterCopying()
    self.init(
      table: TermTable(arena: arena, starts: tableStarts, hashes: hashes, threads: threads),
      documentFrequencies: documentFrequencies, documentCount: documentCount)
  }

  /// Checks the shapes and ranges of flat vocabulary parts: at least one term, as many
  /// offsets (plus one) and document frequencies as kinds, a document count of at least 1,
  /// offsets spanning the bytes without decreasing, kind codes 0 or 1, and every document
  /// frequency in `1 ... documentCount`.
  ///
  /// - Throws: ``VectorizerStateError`` naming the first broken invariant.
  private static func checkFlatParts(
    bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>,
    kinds: UnsafeBufferPointer<UInt8>, documentFrequencies: [Int], documentCount: Int
  ) throws(VectorizerStateError) {
    let count = kinds.count
    guard count >= 1 else { throw VectorizerStateError("the vocabulary has no terms") }
    guard starts.count == count + 1, documentFrequencies.count == count else {
      throw VectorizerStateError(
        "\(count) term kinds, \(starts.count) term offsets and \(documentFrequencies.count) "
          + "document frequencies do not describe the same terms")
    }
    guard documentCount >= 1 else {
      throw VectorizerStateError("the document count is \(documentCount); it must be at least 1")
    }
    guard starts[0] == 0, starts[count] == bytes.count else {
      throw VectorizerStateError("the term offsets do not span the \(bytes.count) term bytes")
    }
    for id in 0..<count where starts[id + 1] < starts[id] {
      throw VectorizerStateError("the term offsets decrease at term \(id)")
    }
    for id in 0..<count where kinds[id] > 1 {
      throw VectorizerStateError("the kind code of term \(id) is \(kinds[id]); it must be 0 or 1")
    }
    for frequency in documentFrequencies where frequency < 1 || frequency > documentCount {
      throw VectorizerStateError(
        "a document frequency of \(frequency) lies outside 1...\(documentCount)")
    }
  }

  /// Checks that the terms are sorted and unique within their kind, word n-grams first,
  /// and hashes every term, one contiguous range of ids per thread; the first failing range
  /// holds the first failing term.
  ///
  /// - Returns: The feature hash of each term.
  /// - Throws: ``VectorizerStateError`` naming the first term out of order.
  private static func orderedHashes(
    bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>,
    kinds: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]
  ) throws(VectorizerStateError) -> [UInt64] {
    let count = kinds.count
    var failure: VectorizerStateError?
    let hashes = [UInt64](unsafeUninitializedCapacity: count) { hashBuffer, initialized in
      let shared = UncheckedSendable(value: (hashBuffer, bytes, starts, kinds))
      let failures = Parallel.map(ranges) { range -> VectorizerStateError? in
        let (hashes, buffer, starts, kinds) = shared.value
        FreshPages.prefault(
          UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: hashes[range])))
        for id in range {
          let termRange = starts[id]..<starts[id + 1]
          let kind = kinds[id]
          if id > 0 {
            let previousKind = kinds[id - 1]
            if kind == previousKind {
              guard Self.precedes(buffer, starts[id - 1]..<starts[id], termRange) else {
                return VectorizerStateError("the terms are not sorted and unique at term \(id)")
              }
            } else if kind < previousKind {
              return VectorizerStateError(
                "a word n-gram follows a character n-gram at term \(id); word n-grams "
                  + "come first")
            }
          }
          hashes.initializeElement(
            at: id,
            to: FeatureHasher.hash(
              buffer, termRange, kind: kind == 0 ? .wordNGram : .characterNGram))
        }
        return nil
      }
      failure = failures.lazy.compactMap { $0 }.first
      // Every element is initialized unless a range failed, and then the array is dropped.
      initialized = failure == nil ? count : 0
    }
    if let failure { throw failure }
    return hashes
  }

  /// Copies the terms into a table's arena, each character n-gram behind its prefix byte,
  /// one contiguous range of ids per thread, with the start of each term.
  private static func storedArena(
    bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>,
    kinds: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]
  ) -> (arena: [UInt8], starts: TermStarts) {
    let count = kinds.count
    // Word n-grams come first, so character n-gram `id` gains `id - firstCharacter`
    // prefix bytes before its own.
    let firstCharacter = kinds.firstIndex(of: 1) ?? count
    let arenaCount = bytes.count + (count - firstCharacter)
    // Starts below 4 GiB go straight into the table's compact form.
    let compact = arenaCount <= Int(UInt32.max)
    var lowStarts = [UInt32](unsafeUninitializedCapacity: compact ? count + 1 : 0) {
      buffer, initialized in
      FreshPages.prefault(UnsafeMutableRawBufferPointer(buffer))
      buffer.initialize(repeating: 0)
      initialized = buffer.count
    }
    var wideStarts = [Int](repeating: 0, count: compact ? 0 : count + 1)
    let arena = [UInt8](unsafeUninitializedCapacity: arenaCount) { arenaBuffer, initialized in
      lowStarts.withUnsafeMutableBufferPointer { lowStarts in
        wideStarts.withUnsafeMutableBufferPointer { wideStarts in
          let shared = UncheckedSendable(value: (arenaBuffer, lowStarts, wideStarts, bytes, starts))
          _ = Parallel.map(ranges) { range in
            let (arena, lowStarts, wideStarts, buffer, starts) = shared.value
            let firstByte =
              starts[range.lowerBound] + Swift.max(0, range.lowerBound - firstCharacter)
            let endByte = starts[range.upperBound] + Swift.max(0, range.upperBound - firstCharacter)
            FreshPages.prefault(
              UnsafeMutableRawBufferPointer(
                UnsafeMutableBufferPointer(rebasing: arena[firstByte..<endByte])))
            for id in range {
              var start = starts[id] + Swift.max(0, id - firstCharacter)
              if compact {
                lowStarts[id] = UInt32(truncatingIfNeeded: start)
              } else {
                wideStarts[id] = start
              }
              if id >= firstCharacter {
                arena.initializeElement(at: start, to: FeatureKind.characterNGramPrefix)
                start += 1
              }
              let length = starts[id + 1] - starts[id]
              if length > 0, let target = arena.baseAddress, let source = buffer.baseAddress {
                (target + start).initialize(from: source + starts[id], count: length)
              }
            }
          }
          if compact {
            lowStarts[count] = UInt32(truncatingIfNeeded: arenaCount)
          } else {
            wideStarts[count] = arenaCount
          }
        }
      }
      initialized = arenaCount
    }
    return (arena, compact ? TermStarts(belowFourGiB: lowStarts) : TermStarts(wideStarts))
  }
}

extension Vocabulary {
  /// Whether `buffer[a]` sorts strictly before `buffer[b]` by bytes.
  @inline(__always)
  fileprivate static func precedes(
    _ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>
  ) -> Bool {
    guard let base = buffer.baseAddress else { return a.count < b.count }
    let shared = min(a.count, b.count)
    let order = shared == 0 ? 0 : memcmp(base + a.lowerBound, base + b.lowerBound, shared)
    return order < 0 || (order == 0 && a.count < b.count)
  }
}

extension Vectorizer {
  /// The document frequency of every column, in column order.
  ///
  /// In vocabulary mode this is ``Vocabulary/documentFrequencies``; in hashing mode it
  /// has one entry per bucket, 0 for buckets no training document reached.
  ///
  /// - Complexity: O(``featureCount``).
  public var columnDocumentFrequencies: [Int] {
    if let vocabulary { return vocabulary.documentFrequencies }
    var frequencies = [Int](repeating: 0, count: featureCount)
    for (column, frequency) in zip(hashedColumns, hashedDocumentFrequencies) {
      frequencies[Int(column)] = frequency
    }
    return frequencies
  }

  /// Rebuilds a fitted vocabulary-mode vectorizer from stored parts; idf is recomputed.
  ///
  /// - Parameters:
  ///   - configuration: The settings it was fitted with; `hashBits` must be `nil`.
  ///   - vocabulary: The learned vocabulary (its document count is the corpus size).
  /// - Throws: ``VectorizerStateError`` when the settings are invalid or ask for hashing.
  public init(configuration: VectorizerConfiguration, vocabulary: Vocabulary)
    throws(VectorizerStateError)
  {
    try self.init(
      restoring: configuration, documentCount: vocabulary.documentCount,
      learned: .vocabulary(vocabulary))
  }

  /// Rebuilds a fitted hashing-mode vectorizer from stored parts; idf is recomputed.
  ///
  /// - Parameters:
  ///   - configuration: The settings it was fitted with; `hashBits` must be set.
  ///   - documentCount: The number of training documents, at least 1.
  ///   - columnDocumentFrequencies: One document frequency per bucket (`2^hashBits`
  ///     values), each in `0 ... documentCount`, as ``columnDocumentFrequencies`` returns.
  /// - Throws: ``VectorizerStateError`` when the settings are invalid, do not ask for
  ///   hashing, or the frequencies do not fit them.
  /// - Complexity: O(`2^hashBits`).
  public init(
    configuration: VectorizerConfiguration, documentCount: Int, columnDocumentFrequencies: [Int]
  ) throws(VectorizerStateError) {
    try self.init(
      restoring: configuration, documentCount: documentCount,
      learned: .bucketTable(columnDocumentFrequencies))
  }

  /// What a fit learned, in one of the forms it is stored in.
  enum LearnedState {
    /// Vocabulary mode: the vocabulary.
    case vocabulary(Vocabulary)
    /// Hashing mode as the JSON coding stores it: the buckets seen in training,
    /// ascending, and the document frequency of each.
    case bucketList(columns: [Int32], frequencies: [Int])
    /// Hashing mode as a model file stores it: one document frequency per bucket, 0 for
    /// buckets no training document reached.
    case bucketTable([Int])
  }

  /// The one way back from stored state: every other (the JSON coding, the two public
  /// initializers from stored parts, and so a model file's reading) comes here, so the
  /// invariants of a fitted vectorizer are checked in one place; idf is recomputed.
  ///
  /// Checked in order: the settings are valid; they ask for the mode of `learned`; the
  /// document count is at least 1; then the vocabulary's document count is `documentCount`
  /// and it has terms, or the buckets are exactly the table's, ascending and each seen in
  /// `1 ... documentCount` documents. (A vocabulary's own invariants were checked when it
  /// was built, by ``Vocabulary/init(flattenedBytes:starts:kindCodes:documentFrequencies:documentCount:threads:afterCopying:)``.)
  ///
  /// - Parameters:
  ///   - configuration: The settings it was fitted with.
  ///   - documentCount: The number of training documents.
  ///   - learned: The vocabulary or the buckets' document frequencies.
  /// - Throws: ``VectorizerStateError`` naming the first broken invariant.
  /// - Complexity: O(columns).
  init(restoring configuration: VectorizerConfiguration, documentCount: Int, learned: LearnedState)
    throws(VectorizerStateError)
  {
    do {
      try configuration.validate()
    } catch {
      throw VectorizerStateError(error.description)
    }
    if case .vocabulary(let vocabulary) = learned {
      guard configuration.hashBits == nil else {
        throw VectorizerStateError(
          "the settings ask for feature hashing but a vocabulary is given")
      }
      guard documentCount >= 1 else { throw Self.documentCountError(documentCount) }
      guard vocabulary.documentCount == documentCount, vocabulary.count > 0 else {
        throw VectorizerStateError(
          "the vocabulary does not match the document count or is empty")
      }
      self.init(
        configuration: configuration, vocabulary: vocabulary, hasher: nil,
        documentCount: documentCount)
      return
    }
    guard let bits = configuration.hashBits, let hasher = try? FeatureHasher(bits: bits) else {
      throw VectorizerStateError("the settings ask for a vocabulary but bucket counts are given")
    }
    guard documentCount >= 1 else { throw Self.documentCountError(documentCount) }
    let (columns, frequencies) = try Self.checkedBuckets(
      learned, bucketCount: hasher.bucketCount, documentCount: documentCount)
    self.init(
      configuration: configuration, vocabulary: nil, hasher: hasher,
      documentCount: documentCount, hashedColumns: columns,
      hashedDocumentFrequencies: frequencies)
  }

  /// The error for a document count below 1.
  private static func documentCountError(_ documentCount: Int) -> VectorizerStateError {
    VectorizerStateError("the document count is \(documentCount); it must be at least 1")
  }

  /// The buckets seen in training, ascending, and their document frequencies, from either
  /// stored form, checked.
  private static func checkedBuckets(_ learned: LearnedState, bucketCount: Int, documentCount: Int)
    throws(VectorizerStateError) -> (columns: [Int32], frequencies: [Int])
  {
    switch learned {
    case .vocabulary:
      return ([], [])
    case .bucketList(let columns, let frequencies):
      guard columns.count == frequencies.count,
        zip(columns, columns.dropFirst()).allSatisfy({ $0 < $1 }),
        columns.allSatisfy({ $0 >= 0 && Int($0) < bucketCount }),
        frequencies.allSatisfy({ $0 >= 1 && $0 <= documentCount })
      else { throw VectorizerStateError("inconsistent hashed document frequencies") }
      return (columns, frequencies)
    case .bucketTable(let table):
      guard table.count == bucketCount else {
        throw VectorizerStateError(
          "\(table.count) bucket document frequencies for \(bucketCount) buckets")
      }
      var columns: [Int32] = []
      var frequencies: [Int] = []
      for (column, frequency) in table.enumerated() where frequency != 0 {
        guard frequency > 0 && frequency <= documentCount else {
          throw VectorizerStateError(
            "a document frequency of \(frequency) lies outside 0...\(documentCount)")
        }
        columns.append(Int32(truncatingIfNeeded: column))
        frequencies.append(frequency)
      }
      return (columns, frequencies)
    }
  }
}
