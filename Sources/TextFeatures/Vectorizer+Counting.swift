/// Per-document sparse rows before tf, idf and normalisation: the column (or, while
/// fitting, the provisional term id) of each entry and what its value is made from.
///
/// Vocabulary mode keeps each term's raw count (4 bytes an entry instead of a `Double`'s 8;
/// `tf(count)` is applied when rows are finished); hashing mode keeps each bucket's signed
/// sum of `tf`, which is not a count.
struct CountedRows: Sendable {
  /// Where each row starts; `rowCount + 1` elements.
  var rowStarts: [Int] = [0]
  /// Columns (or provisional ids), strictly increasing within a row in hashing mode and
  /// once finished; while fitting, each id at most once per row.
  var columns: [Int32] = []
  /// Vocabulary mode: how often each entry's term occurs in its document, saturated at
  /// `UInt32.max` (reached only by a document of more than 8 GiB).
  var counts: [UInt32] = []
  /// Hashing mode: `Σ sign(term) · tf(term)` for each entry's bucket.
  var values: [Double] = []

  /// The number of rows.
  var rowCount: Int { rowStarts.count - 1 }

  /// Ends the current row.
  @inline(__always)
  mutating func endRow() {
    rowStarts.append(columns.count)
  }

  /// Appends `(id, count)` for every run of equal ids in `sortedIDs`.
  @inline(__always)
  mutating func appendCounts(of sortedIDs: [Int32]) {
    sortedIDs.withUnsafeBufferPointer { sortedIDs in
      var start = 0
      while start < sortedIDs.count {
        let id = sortedIDs[start]
        var end = start + 1
        while end < sortedIDs.count && sortedIDs[end] == id { end += 1 }
        columns.append(id)
        counts.append(UInt32(clamping: end - start))
        start = end
      }
    }
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
    rows.rowStarts.reserveCapacity(range.count + 1)
    forEachDocument(documents, range, configuration) { hashes in
      table.prefetchSlots(hashes)
    } prefetchTerms: { hashes in
      table.prefetchTerms(hashes)
    } identify: { buffer, ngram, kind, hash in
      table.insert(buffer, ngram, kind: kind, hash: hash)
    } finishRow: { ids in
      rows.appendCounts(of: ids)
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
      rows.appendCounts(of: ids)
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
    let tokenizer = configuration.tokenizer
    for index in range {
      tokenizer.tokenize(documents[index], into: &tokenized)
      hashes.removeAll(keepingCapacity: true)
      tokenized.forEachNGram(
        words: configuration.wordNGrams, characters: configuration.characterNGrams,
        scalarStarts: &scalarStarts
      ) { buffer, ngram, kind in
        hashes.append(FeatureHasher.hash(buffer, ngram, kind: kind))
      }
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

  /// Tokenizes each document, hashes its n-gram occurrences, maps each occurrence to an id
  /// with `identify` (negative ids are skipped), and hands the sorted ids of each document
  /// to `finishRow`.
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
  /// loop, in the same order.
  @inline(__always)
  private static func forEachDocument(
    _ documents: [String], _ range: Range<Int>, _ configuration: VectorizerConfiguration,
    prefetchSlots: (UnsafeBufferPointer<UInt64>) -> Void,
    prefetchTerms: (UnsafeBufferPointer<UInt64>) -> Void,
    identify: (UnsafeBufferPointer<UInt8>, Range<Int>, FeatureKind, UInt64) -> Int32,
    finishRow: ([Int32]) -> Void
  ) {
    var current = DocumentOccurrences()
    var next = DocumentOccurrences()
    var scalarStarts: [Int] = []
    var ids: [Int32] = []
    guard !range.isEmpty else { return }
    current.read(documents[range.lowerBound], configuration, &scalarStarts)
    current.hashes.withUnsafeBufferPointer { prefetchSlots($0) }
    for index in range {
      current.hashes.withUnsafeBufferPointer { prefetchTerms($0) }
      if index + 1 < range.upperBound {
        next.read(documents[index + 1], configuration, &scalarStarts)
        next.hashes.withUnsafeBufferPointer { prefetchSlots($0) }
      }
      ids.removeAll(keepingCapacity: true)
      current.hashes.withUnsafeBufferPointer { hashes in
        current.tokenized.bytes.withUnsafeBufferPointer { buffer in
          current.occurrences.withUnsafeBufferPointer { occurrences in
            for position in occurrences.indices {
              let occurrence = occurrences[position]
              let id = identify(buffer, occurrence.range, occurrence.kind, hashes[position])
              if id >= 0 { ids.append(id) }
            }
          }
        }
      }
      SmallSort.sort(&ids)
      finishRow(ids)
      swap(&current, &next)
    }
  }
}

/// One document's tokens and n-gram occurrences with their hashes, reused across
/// documents by ``FeatureCounter``.
private struct DocumentOccurrences {
  /// The document's tokens.
  var tokenized = TokenizedText()
  /// The feature hash of each occurrence.
  var hashes: [UInt64] = []
  /// Each occurrence's bytes in ``tokenized`` and kind.
  var occurrences: [(range: Range<Int>, kind: FeatureKind)] = []

  /// Tokenizes `document` and hashes its n-gram occurrences, replacing the contents.
  @inline(__always)
  mutating func read(
    _ document: String, _ configuration: VectorizerConfiguration, _ scalarStarts: inout [Int]
  ) {
    configuration.tokenizer.tokenize(document, into: &tokenized)
    hashes.removeAll(keepingCapacity: true)
    occurrences.removeAll(keepingCapacity: true)
    tokenized.forEachNGram(
      words: configuration.wordNGrams, characters: configuration.characterNGrams,
      scalarStarts: &scalarStarts
    ) { buffer, ngram, kind in
      hashes.append(FeatureHasher.hash(buffer, ngram, kind: kind))
      occurrences.append((ngram, kind))
    }
  }
}
