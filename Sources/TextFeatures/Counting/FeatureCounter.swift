/// Per-document sparse rows before tf, idf and normalisation: the column (or, while
/// fitting, the provisional term id) of each entry and what its value is made from.
///
/// Vocabulary mode keeps each term's count, and since most terms occur once in a
/// document, an entry costs 4 bytes: its id, with the sign bit set when the count is more
/// than 1, in which case the count is the next one in ``repeatCounts`` (`tf(count)` is
/// applied when rows are finished). Hashing mode keeps each bucket's signed sum of `tf`,
/// which is not a count.
struct CountedRows: Sendable {
  /// Where each row starts; `rowCount + 1` elements.
  var rowStarts: [Int] = [0]
  /// Columns (or provisional ids), each at most once per row.
  ///
  /// Strictly increasing within a row in hashing mode and in transform's rows. In
  /// vocabulary mode the sign bit (``repeatFlag``) marks an entry that occurs more than
  /// once.
  var columns: [Int32] = []
  /// Vocabulary mode: the count of each marked entry, in entry order, saturated at
  /// `UInt32.max` (reached only by a document of more than 8 GiB).
  var repeatCounts: [UInt32] = []
  /// Hashing mode: `Σ sign(term) · tf(term)` for each entry's bucket.
  var values: [Double] = []

  /// The bit of a column entry that marks a count above 1.
  static let repeatFlag = Int32.min

  /// The number of rows.
  var rowCount: Int { rowStarts.count - 1 }

  /// Ends the current row.
  @inline(__always)
  mutating func endRow() {
    rowStarts.append(columns.count)
  }

  /// Appends the entry `(id, count)`.
  @inline(__always)
  mutating func append(id: Int32, count: Int) {
    if count > 1 {
      columns.append(id | Self.repeatFlag)
      repeatCounts.append(UInt32(clamping: count))
    } else {
      columns.append(id)
    }
  }

  /// Appends `(id, count)` for every run of equal ids in `sortedIDs`.
  @inline(__always)
  mutating func appendCounts(of sortedIDs: UnsafeBufferPointer<Int32>) {
    var start = 0
    while start < sortedIDs.count {
      let id = sortedIDs[start]
      var end = start + 1
      while end < sortedIDs.count && sortedIDs[end] == id { end += 1 }
      append(id: id, count: end - start)
      start = end
    }
  }
}

/// Counts the occurrences of each distinct id of one document without sorting: a small
/// open-addressing table from id to the row entry that counts it, reused across documents.
///
/// Linear probing at most half full, keyed by a multiplicative hash of the id (Knuth,
/// TAOCP vol. 3, §6.4); the table is sized to the document, so it stays in the L1 cache.
/// The distinct ids are gathered at the front of the document's own buffer, and the row's
/// entries appended from there in one copy.
struct OccurrenceCounter {
  /// The id held by each slot, `-1` when empty.
  private var keys: [Int32] = []
  /// The position among the document's distinct ids of each slot's id.
  private var entries: [Int32] = []
  /// How often each of the document's distinct ids occurs, by position.
  private var counts: [Int] = []

  /// Appends `(id, count)` to `rows` for every distinct id of `ids`, in order of first
  /// occurrence.
  ///
  /// - Parameters:
  ///   - ids: One document's ids, each non-negative; reordered (the distinct ids end up at
  ///     the front).
  ///   - rows: Receives the entries of the current row.
  /// - Complexity: O(ids.count) expected.
  @inline(__always)
  mutating func appendCounts(of ids: UnsafeMutableBufferPointer<Int32>, to rows: inout CountedRows)
  {
    guard ids.count > 1 else {
      if let id = ids.first { rows.append(id: id, count: 1) }
      return
    }
    var slotCount = 16
    var shift: UInt32 = 28
    while slotCount < 2 * ids.count {
      slotCount <<= 1
      shift -= 1
    }
    if keys.count < slotCount {
      keys = [Int32](repeating: -1, count: slotCount)
      entries = [Int32](repeating: 0, count: slotCount)
    }
    if counts.count < ids.count { counts = [Int](repeating: 0, count: slotCount) }
    var distinctCount = 0
    keys.withUnsafeMutableBufferPointer { keys in
      entries.withUnsafeMutableBufferPointer { entries in
        counts.withUnsafeMutableBufferPointer { counts in
          let mask = slotCount - 1
          for position in ids.indices {
            let id = ids[position]
            var slot = Int(truncatingIfNeeded: (UInt32(bitPattern: id) &* 0x9E37_79B1) >> shift)
            while true {
              let key = keys[slot]
              if key == id {
                counts[Int(entries[slot])] += 1
                break
              }
              if key < 0 {
                keys[slot] = id
                entries[slot] = Int32(truncatingIfNeeded: distinctCount)
                // At or before `position`, which has been read.
                ids[distinctCount] = id
                counts[distinctCount] = 1
                distinctCount += 1
                break
              }
              slot = (slot + 1) & mask
            }
          }
          // Empty the slots for the next document (at most four per id).
          UnsafeMutableBufferPointer(rebasing: keys[0..<slotCount]).update(repeating: -1)
          for position in 0..<distinctCount where counts[position] > 1 {
            ids[position] |= CountedRows.repeatFlag
            rows.repeatCounts.append(UInt32(clamping: counts[position]))
          }
        }
      }
    }
    rows.columns.append(contentsOf: UnsafeBufferPointer(rebasing: ids[0..<distinctCount]))
  }
}

/// The counting passes of ``Vectorizer``: tokenize, enumerate n-grams, map, count.
///
/// Each pass reuses its buffers across documents.
enum FeatureCounter {
  /// Counts every n-gram of `documents[range]`, growing a new term table.
  static func countCandidates(
    _ documents: [String], _ range: Range<Int>, configuration: VectorizerConfiguration
  ) -> (table: TermTable, rows: CountedRows) {
    var table = TermTable(capacity: 4096)
    var rows = CountedRows()
    var counter = OccurrenceCounter()
    rows.rowStarts.reserveCapacity(range.count + 1)
    forEachDocument(documents, range, configuration) { hashes in
      table.prefetchSlots(hashes)
    } prefetchTerms: { hashes in
      table.prefetchTerms(hashes)
    } identify: { buffer, ngram, kind, hash in
      table.insert(buffer, ngram, kind: kind, hash: hash)
    } finishRow: { ids in
      // Entries in first-occurrence order: finishing sorts each row by column anyway.
      if ids.count > LongDocument.sortedCountingLimit {
        SmallSort.sort(ids)
        rows.appendCounts(of: UnsafeBufferPointer(ids))
      } else {
        counter.appendCounts(of: ids, to: &rows)
      }
      rows.endRow()
    }
    // Nothing is inserted any more: only the terms, their bytes and hashes are read from
    // here on, so the slots (the table's largest part) go now.
    table.dropSlots()
    return (table, rows)
  }

  /// Counts the n-grams of `documents[range]` that `vocabulary` knows; others are skipped.
  static func countKnown(
    _ documents: [String], _ range: Range<Int>, vocabulary: Vocabulary,
    configuration: VectorizerConfiguration
  ) -> CountedRows {
    var rows = CountedRows()
    rows.rowStarts.reserveCapacity(range.count + 1)
    let table = vocabulary.table
    forEachDocument(documents, range, configuration) { hashes in
      table.prefetchSlots(hashes)
    } prefetchTerms: { hashes in
      table.prefetchTerms(hashes)
    } identify: { buffer, ngram, kind, hash in
      table.find(buffer, ngram, kind: kind, hash: hash)
    } finishRow: { ids in
      SmallSort.sort(ids)
      rows.appendCounts(of: UnsafeBufferPointer(ids))
      rows.endRow()
    }
    return rows
  }

  /// Hashes the n-grams of `documents[range]` into signed buckets.
  ///
  /// Occurrences are grouped by their 64-bit hash (one group per distinct term, barring a
  /// 64-bit collision within one document), `tf` is applied per term, and each bucket
  /// holds `Σ sign(term) · tf(term)`. A bucket whose terms cancel to 0 is kept here (it
  /// counts towards the bucket's document frequency) and dropped when rows are finished.
  static func countHashed(
    _ documents: [String], _ range: Range<Int>, hasher: FeatureHasher,
    configuration: VectorizerConfiguration
  ) -> CountedRows {
    var rows = CountedRows()
    rows.rowStarts.reserveCapacity(range.count + 1)
    var tokenized = TokenizedText()
    var scalarStarts: [Int] = []
    var hashes: [UInt64] = []
    var buckets: [(column: Int32, value: Double)] = []
    for index in range {
      hashes.removeAll(keepingCapacity: true)
      appendHashes(
        of: documents[index], configuration, &tokenized, &scalarStarts, to: &hashes)
      hashes.sort()
      buckets.removeAll(keepingCapacity: true)
      var start = 0
      while start < hashes.count {
        let hash = hashes[start]
        var end = start + 1
        while end < hashes.count && hashes[end] == hash { end += 1 }
        let value =
          Double(hasher.sign(of: hash)) * configuration.weighting.termFrequency(count: end - start)
        buckets.append((Int32(truncatingIfNeeded: hasher.bucket(of: hash)), value))
        start = end
      }
      buckets.sort { $0.column < $1.column || ($0.column == $1.column && $0.value < $1.value) }
      start = 0
      while start < buckets.count {
        let column = buckets[start].column
        var sum = 0.0
        while start < buckets.count && buckets[start].column == column {
          sum += buckets[start].value
          start += 1
        }
        rows.columns.append(column)
        rows.values.append(sum)
      }
      rows.endRow()
    }
    return rows
  }

  /// Appends the feature hash of every n-gram occurrence of `document` to `hashes`,
  /// reading a long document (``LongDocument``) in segments.
  @inline(__always)
  private static func appendHashes(
    of document: String, _ configuration: VectorizerConfiguration,
    _ tokenized: inout TokenizedText, _ scalarStarts: inout [Int], to hashes: inout [UInt64]
  ) {
    let tokenizer = configuration.tokenizer
    guard LongDocument.isLong(document) else {
      tokenizer.tokenize(document, into: &tokenized)
      tokenized.forEachNGram(
        words: configuration.wordNGrams, characters: configuration.characterNGrams,
        scalarStarts: &scalarStarts
      ) { buffer, ngram, kind in
        hashes.append(FeatureHasher.hash(buffer, ngram, kind: kind))
      }
      appendLexiconHashes(configuration.lexicon, tokenized, from: 0, to: &hashes)
      return
    }
    let carried = (configuration.wordNGrams?.upperBound ?? 1) - 1
    tokenized.keepLastTokens(0)
    LongDocument.forEachSegment(of: document) { segment in
      let firstNew = tokenizer.tokenize(segment: segment, after: &tokenized, keepingLast: carried)
      tokenized.forEachNGram(
        words: configuration.wordNGrams, characters: configuration.characterNGrams,
        scalarStarts: &scalarStarts, firstNewToken: firstNew
      ) { buffer, ngram, kind in
        hashes.append(FeatureHasher.hash(buffer, ngram, kind: kind))
      }
      appendLexiconHashes(configuration.lexicon, tokenized, from: firstNew, to: &hashes)
    }
  }

  /// Appends the hash of one lexicon pseudo-term per unit of valence of each listed token
  /// from `firstToken` on (``Lexicon``); nothing without a lexicon.
  private static func appendLexiconHashes(
    _ lexicon: Lexicon?, _ tokenized: TokenizedText, from firstToken: Int,
    to hashes: inout [UInt64]
  ) {
    guard let lexicon else { return }
    var hits: [Int] = []
    lexicon.appendHits(in: tokenized, from: firstToken, to: &hits)
    for hit in hits { hashes.append(Lexicon.pseudoTermHashes[hit]) }
  }

  /// Tokenizes each document, hashes its n-gram occurrences, maps each occurrence to an id
  /// with `identify` (negative ids are skipped), and hands the ids of each document, in
  /// occurrence order, to `finishRow` (which may reorder them).
  ///
  /// The loop is software-pipelined by one document, so that the table's cache misses
  /// overlap with useful work instead of stalling `identify`:
  ///
  /// ```
  /// iteration i:  prefetchTerms(hashes of i)        (its slots were warmed a document ago)
  ///               tokenize + hash i + 1, prefetchSlots(hashes of i + 1)
  ///               identify every occurrence of i, finishRow(i)
  /// ```
  ///
  /// Prefetches have no effect beyond the cache, so the results are those of the plain
  /// loop, in the same order. A long document (``LongDocument``) is not read ahead; it is
  /// read segment by segment when its turn comes, without prefetching.
  @inline(__always)
  private static func forEachDocument(
    _ documents: [String], _ range: Range<Int>, _ configuration: VectorizerConfiguration,
    prefetchSlots: (UnsafeBufferPointer<UInt64>) -> Void,
    prefetchTerms: (UnsafeBufferPointer<UInt64>) -> Void,
    identify: (UnsafeBufferPointer<UInt8>, Range<Int>, FeatureKind, UInt64) -> Int32,
    finishRow: (UnsafeMutableBufferPointer<Int32>) -> Void
  ) {
    var current = DocumentOccurrences()
    var next = DocumentOccurrences()
    var scalarStarts: [Int] = []
    var ids: [Int32] = []
    guard !range.isEmpty else { return }
    current.read(documents[range.lowerBound], configuration, &scalarStarts)
    current.withHashes { prefetchSlots($0) }
    for index in range {
      current.withHashes { prefetchTerms($0) }
      if index + 1 < range.upperBound {
        next.read(documents[index + 1], configuration, &scalarStarts)
        next.withHashes { prefetchSlots($0) }
      }
      ids.removeAll(keepingCapacity: true)
      current.withHashes { hashes in
        current.tokenized.bytes.withUnsafeBufferPointer { buffer in
          current.occurrences.withUnsafeBufferPointer { occurrences in
            for position in hashes.indices {
              let occurrence = occurrences[position]
              let id = identify(buffer, occurrence.range, occurrence.kind, hashes[position])
              if id >= 0 { ids.append(id) }
            }
          }
        }
      }
      current.identifyLexiconHits(identify, into: &ids)
      if current.isLong {
        current.readSegments(documents[index], configuration, &scalarStarts) { segment in
          segment.identifyLexiconHits(identify, into: &ids)
          segment.withHashes { hashes in
            segment.tokenized.bytes.withUnsafeBufferPointer { buffer in
              segment.occurrences.withUnsafeBufferPointer { occurrences in
                for position in hashes.indices {
                  let occurrence = occurrences[position]
                  let id = identify(buffer, occurrence.range, occurrence.kind, hashes[position])
                  if id >= 0 { ids.append(id) }
                }
              }
            }
          }
        }
      }
      ids.withUnsafeMutableBufferPointer { finishRow($0) }
      swap(&current, &next)
    }
  }
}

/// One document's tokens and n-gram occurrences with their hashes, reused across
/// documents by ``FeatureCounter``.
private struct DocumentOccurrences {
  /// The document's tokens.
  var tokenized = TokenizedText()
  /// The number of occurrences: the valid prefix of ``hashes`` and ``occurrences``, which
  /// keep the length of the longest document read so far.
  private(set) var count = 0
  /// The feature hash of each occurrence.
  private(set) var hashes: [UInt64] = []
  /// Each occurrence's bytes in ``tokenized`` and kind.
  private(set) var occurrences: [(range: Range<Int>, kind: FeatureKind)] = []
  /// Scratch FNV-1a states for hashing word n-grams.
  private var states: [UInt64] = []
  /// Whether the last document given to ``read(_:_:_:)`` is long (``LongDocument``): it was
  /// not read, and holds no occurrences until ``readSegments(_:_:_:_:)``.
  private(set) var isLong = false

  /// The lexicon pseudo-terms (indices into ``Lexicon/pseudoTerms``) of the tokens read,
  /// one per unit of valence; empty without a lexicon.
  private(set) var lexiconHits: [Int] = []

  /// Maps each lexicon hit to an id with `identify`, as the n-gram occurrences are, and
  /// appends the non-negative ids to `ids`.
  @inline(__always)
  func identifyLexiconHits(
    _ identify: (UnsafeBufferPointer<UInt8>, Range<Int>, FeatureKind, UInt64) -> Int32,
    into ids: inout [Int32]
  ) {
    guard !lexiconHits.isEmpty else { return }
    Lexicon.pseudoTermBytes.bytes.withUnsafeBufferPointer { buffer in
      for hit in lexiconHits {
        let id = identify(
          buffer, Lexicon.pseudoTermBytes.ranges[hit], .wordNGram, Lexicon.pseudoTermHashes[hit])
        if id >= 0 { ids.append(id) }
      }
    }
  }

  /// Calls `body` with the hashes of the occurrences.
  @inline(__always)
  func withHashes<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
    hashes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
  }

  /// Tokenizes `document` and hashes its n-gram occurrences, replacing the contents.
  ///
  /// Word n-grams come first, hashed incrementally
  /// (``TokenizedText/forEachWordNGramHash(_:states:_:)``) and written in place, then
  /// character n-grams: the order of
  /// ``TokenizedText/forEachNGram(words:characters:scalarStarts:firstNewToken:_:)``, with the same hashes.
  @inline(__always)
  mutating func read(
    _ document: String, _ configuration: VectorizerConfiguration, _ scalarStarts: inout [Int]
  ) {
    count = 0
    lexiconHits.removeAll(keepingCapacity: true)
    isLong = LongDocument.isLong(document)
    if isLong { return }
    configuration.tokenizer.tokenize(document, into: &tokenized)
    findOccurrences(configuration, &scalarStarts, firstNewToken: 0)
  }

  /// Reads a long document segment by segment, calling `body` with this value holding
  /// each segment's occurrences (word n-grams ending in the segment, character n-grams of
  /// its tokens).
  mutating func readSegments(
    _ document: String, _ configuration: VectorizerConfiguration, _ scalarStarts: inout [Int],
    _ body: (DocumentOccurrences) -> Void
  ) {
    let carried = (configuration.wordNGrams?.upperBound ?? 1) - 1
    tokenized.keepLastTokens(0)
    LongDocument.forEachSegment(of: document) { segment in
      let firstNew = configuration.tokenizer.tokenize(
        segment: segment, after: &tokenized, keepingLast: carried)
      findOccurrences(configuration, &scalarStarts, firstNewToken: firstNew)
      body(self)
    }
    count = 0
    lexiconHits.removeAll(keepingCapacity: true)
  }

  /// Hashes the n-gram occurrences of ``tokenized`` whose last token is at or after
  /// `firstNewToken`, replacing the contents.
  @inline(__always)
  private mutating func findOccurrences(
    _ configuration: VectorizerConfiguration, _ scalarStarts: inout [Int], firstNewToken: Int
  ) {
    count = 0
    lexiconHits.removeAll(keepingCapacity: true)
    configuration.lexicon?.appendHits(in: tokenized, from: firstNewToken, to: &lexiconHits)
    if let words = configuration.wordNGrams {
      // Written in place: appending in the loop would check each array's uniqueness per
      // occurrence.
      let needed = tokenized.wordNGramCount(words, firstNewToken: firstNewToken)
      if hashes.count < needed {
        hashes.append(contentsOf: repeatElement(0, count: needed - hashes.count))
        occurrences.append(
          contentsOf: repeatElement((0..<0, .wordNGram), count: needed - occurrences.count))
      }
      var scratch: [UInt64] = []
      swap(&scratch, &states)
      hashes.withUnsafeMutableBufferPointer { hashes in
        occurrences.withUnsafeMutableBufferPointer { occurrences in
          var position = 0
          tokenized.forEachWordNGramHash(words, states: &scratch, firstNewToken: firstNewToken) {
            ngram, hash in
            hashes[position] = hash
            occurrences[position] = (ngram, .wordNGram)
            position += 1
          }
        }
      }
      swap(&scratch, &states)
      count = needed
    }
    guard configuration.characterNGrams != nil else { return }
    // Character n-grams are appended: their number is known only once they are enumerated.
    hashes.removeLast(hashes.count - count)
    occurrences.removeLast(occurrences.count - count)
    tokenized.forEachNGram(
      words: nil, characters: configuration.characterNGrams, scalarStarts: &scalarStarts,
      firstNewToken: firstNewToken
    ) { buffer, ngram, kind in
      hashes.append(FeatureHasher.hash(buffer, ngram, kind: kind))
      occurrences.append((ngram, kind))
    }
    count = hashes.count
  }
}
