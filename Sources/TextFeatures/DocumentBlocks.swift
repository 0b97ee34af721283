import Dispatch

/// Splits a list of documents into contiguous blocks of similar size, one per thread.
///
/// Blocks are combined in order by the callers, so results never depend on the
/// number of threads.
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

  /// `ranges.map(body)`, with the blocks run concurrently when there are several.
  ///
  /// - Parameters:
  ///   - ranges: The blocks.
  ///   - body: The work for one block; it must not write shared state.
  /// - Returns: The results in block order.
  static func map<Result>(_ ranges: [Range<Int>], _ body: (Range<Int>) -> Result) -> [Result] {
    map(count: ranges.count) { body(ranges[$0]) }
  }

  /// `(0 ..< count).map(body)`, with the indices run concurrently when there are several.
  ///
  /// - Parameters:
  ///   - count: The number of tasks.
  ///   - body: The work for one index; it must not write shared state.
  /// - Returns: The results in index order.
  static func map<Result>(count: Int, _ body: (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(body) }
    var results = [Result?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(value: (body, buffer))
        DispatchQueue.concurrentPerform(iterations: count) { index in
          shared.value.1[index] = shared.value.0(index)
        }
      }
    }
    return results.compactMap { $0 }
  }
}

/// Carries values into `concurrentPerform` or ``DocumentBlocks/map(count:_:)``; safe only
/// when the tasks write disjoint elements.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
}
