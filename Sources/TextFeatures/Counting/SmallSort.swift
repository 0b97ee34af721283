/// An allocation-free in-place sort for the short arrays of the per-document hot loops
/// (a document's term ids, a row's packed columns).
///
/// Quicksort with a median-of-three pivot partitions down to slices of at most 16
/// elements, which one final insertion sort pass finishes (Sedgewick 1978, "Implementing
/// Quicksort Programs"). Unlike the standard library's sort it never allocates a merge
/// buffer; it is not stable, which does not matter for integers.
enum SmallSort {
  /// Sorts `items` ascending.
  ///
  /// - Parameter items: The values to sort.
  /// - Complexity: O(n log n) expected, O(n²) in the worst case.
  @inline(__always)
  static func sort<Element: FixedWidthInteger>(_ items: inout [Element]) {
    items.withUnsafeMutableBufferPointer { sort($0) }
  }

  /// Sorts the elements of `items` ascending, in place.
  ///
  /// - Parameter items: The values to sort.
  /// - Complexity: O(n log n) expected, O(n²) in the worst case.
  @inline(__always)
  static func sort<Element: FixedWidthInteger>(_ items: UnsafeMutableBufferPointer<Element>) {
    guard let base = items.baseAddress, items.count > 1 else { return }
    quicksort(base, 0, items.count - 1)
    insertionSort(base, items.count)
  }

  /// Partitions `items[low ... high]` until every slice is at most 16 long; the slices
  /// are then in order relative to each other.
  private static func quicksort<Element: FixedWidthInteger>(
    _ items: UnsafeMutablePointer<Element>, _ low: Int, _ high: Int
  ) {
    var low = low
    var high = high
    while high - low >= 16 {
      let middle = low + (high - low) / 2
      if items[middle] < items[low] { exchange(items, middle, low) }
      if items[high] < items[low] { exchange(items, high, low) }
      if items[high] < items[middle] { exchange(items, high, middle) }
      let pivot = items[middle]
      var left = low
      var right = high
      while left <= right {
        while items[left] < pivot { left += 1 }
        while items[right] > pivot { right -= 1 }
        if left <= right {
          exchange(items, left, right)
          left += 1
          right -= 1
        }
      }
      // Recurse into the smaller side, loop on the larger one.
      if right - low < high - left {
        quicksort(items, low, right)
        low = left
      } else {
        quicksort(items, left, high)
        high = right
      }
    }
  }

  /// Swaps `items[a]` and `items[b]`.
  @inline(__always)
  private static func exchange<Element>(_ items: UnsafeMutablePointer<Element>, _ a: Int, _ b: Int)
  {
    let item = items[a]
    items[a] = items[b]
    items[b] = item
  }

  /// Insertion sort of `items[0 ..< count]`.
  @inline(__always)
  private static func insertionSort<Element: FixedWidthInteger>(
    _ items: UnsafeMutablePointer<Element>, _ count: Int
  ) {
    for index in 1..<count {
      let item = items[index]
      var hole = index
      while hole > 0 && items[hole - 1] > item {
        items[hole] = items[hole - 1]
        hole -= 1
      }
      items[hole] = item
    }
  }
}
