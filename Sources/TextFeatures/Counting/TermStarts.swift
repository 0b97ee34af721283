/// Where each term of a ``TermTable`` starts in its arena, in 4 bytes per term instead of 8.
///
/// Starts never decrease, so each is stored modulo 2³² and the ids at which they pass
/// another multiple of 2³² are listed apart; that list is empty unless the arena holds
/// 4 GiB or more.
///
/// Reading a start is O(1) while that list is empty, else O(log of its length).
struct TermStarts: Sendable, Equatable {
  /// Each start modulo 2³².
  private var low: [UInt32] = [0]
  /// In ascending order, each id whose start passes one more multiple of 2³² than the
  /// start before it (an id appears more than once if its term alone spans 4 GiB).
  private var wraps: [Int] = []

  /// Starts holding only the first term's start, 0.
  init() {}

  /// Starts equal to `starts`, which must not decrease.
  ///
  /// - Complexity: O(starts.count).
  init(_ starts: [Int]) {
    if let last = starts.last, last <= Int(UInt32.max), starts[0] >= 0 {
      // Non-decreasing from at least 0 to below 2³²: no start wraps.
      low = starts.map { UInt32(truncatingIfNeeded: $0) }
      return
    }
    low = []
    low.reserveCapacity(starts.count)
    for start in starts { append(start) }
  }

  /// Starts whose every value is below 2³², given as they are stored.
  ///
  /// - Parameter low: The starts, non-decreasing from 0.
  init(belowFourGiB low: [UInt32]) {
    self.low = low
  }

  /// The number of starts stored.
  var count: Int { low.count }

  /// The start of term `id`.
  @inline(__always)
  subscript(id: Int) -> Int {
    let base = Int(low[id])
    if wraps.isEmpty { return base }
    var lower = 0
    var upper = wraps.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if wraps[middle] <= id { lower = middle + 1 } else { upper = middle }
    }
    return base + lower << 32
  }

  /// Appends the start of the next term, at least the last start.
  @inline(__always)
  mutating func append(_ start: Int) {
    // No start has wrapped and this one does not either: no wrap to record.
    if wraps.isEmpty && UInt64(truncatingIfNeeded: start) <= UInt64(UInt32.max) {
      low.append(UInt32(truncatingIfNeeded: start))
      return
    }
    appendWrapping(start)
  }

  /// ``append(_:)`` when a start may pass a multiple of 2³².
  private mutating func appendWrapping(_ start: Int) {
    let id = low.count
    let previousHigh = id == 0 ? 0 : self[id - 1] >> 32
    for _ in previousHigh..<(start >> 32) { wraps.append(id) }
    low.append(UInt32(truncatingIfNeeded: start))
  }
}
