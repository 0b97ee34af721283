/// Splits a list of documents into contiguous blocks of similar size, one per thread.
///
/// Blocks are combined in order by the callers, so results never depend on the
/// number of threads. StanceSupport's `Parallel.map` runs them.
enum DocumentBlocks {
  /// Up to `count` contiguous ranges covering `documents.indices`, balanced by UTF-8 length
  /// (plus one per document).
  ///
  /// - Complexity: O(documents.count).
  static func ranges(_ documents: [String], count: Int) -> [Range<Int>] {
    guard count > 1, documents.count > 1 else { return [0..<documents.count] }
    let total = documents.reduce(0) { $0 + $1.utf8.count + 1 }
    var ranges: [Range<Int>] = []
    var start = 0
    var done = 0
    for (index, document) in documents.enumerated() {
      done += document.utf8.count + 1
      let target = total * (ranges.count + 1) / count
      if done >= target && ranges.count < count - 1 {
        ranges.append(start..<(index + 1))
        start = index + 1
      }
    }
    if start < documents.count { ranges.append(start..<documents.count) }
    return ranges
  }
}
