import Dispatch
import Synchronization

/// The one way StanceKit spreads work over threads: run independent tasks `0 ..< count`
/// concurrently and wait for all of them.
///
/// Every parallel loop in the package goes through here (row blocks of a sparse product,
/// chunks of a long vector, document blocks of the vectorizer, blocks of a checksum, the
/// fits of a grid search). The callers choose the blocks; this type only runs them, so a
/// result never depends on how tasks are scheduled: each task writes only its own output
/// and ``map(_:threads:_:)`` returns results in index order.
///
/// ```swift
/// let counts = Parallel.map(blocks.count) { block in count(blocks[block]) }
/// Parallel.forEach(blocks.count) { block in fill(output, rows: blocks[block]) }
/// ```
///
/// Tasks run on Dispatch's shared pool (`DispatchQueue.concurrentPerform`), at most one per
/// core at a time; a single task, or a limit of one thread, runs on the calling thread.
/// The closures need not be `Sendable`: the caller promises that concurrent tasks write
/// disjoint memory (the same promise ``UncheckedSendable`` records).
public enum Parallel {
  /// Runs `body(index)` for every index in `0 ..< count`, concurrently, and returns when all
  /// have finished.
  ///
  /// With `threads` left out (or at least `count`), each index is its own task. With fewer
  /// `threads`, that many tasks each take the next index nobody has taken until none is
  /// left, so long and short tasks even out.
  ///
  /// - Parameters:
  ///   - count: The number of tasks, at least 0.
  ///   - threads: The most tasks to run at once, at least 1; `nil` for `count`.
  ///   - body: The work for one index; concurrent calls must write disjoint memory.
  /// - Complexity: The tasks' own work plus one fork and join.
  public static func forEach(_ count: Int, threads: Int? = nil, _ body: (Int) -> Void) {
    precondition(count >= 0 && (threads ?? 1) >= 1, "Parallel: bad count or thread count")
    let workers = min(count, threads ?? count)
    guard workers > 1 else {
      for index in 0..<count { body(index) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let task = UncheckedSendable(value: body)
      if workers == count {
        DispatchQueue.concurrentPerform(iterations: count) { index in task.value(index) }
        return
      }
      let next = Atomic<Int>(0)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < count else { return }
          task.value(index)
        }
      }
    }
  }

  /// `(0 ..< count).map(body)`, with the indices run as ``forEach(_:threads:_:)`` runs them.
  ///
  /// - Parameters:
  ///   - count: The number of tasks, at least 0.
  ///   - threads: The most tasks to run at once, at least 1; `nil` for `count`.
  ///   - body: The work for one index; it must not write memory another task writes.
  /// - Returns: The results in index order, whatever the scheduling.
  /// - Complexity: The tasks' own work plus one fork and join.
  public static func map<Result>(
    _ count: Int, threads: Int? = nil, _ body: (Int) -> Result
  ) -> [Result] {
    guard count > 1, threads != 1 else { return (0..<count).map(body) }
    var results = [Result?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      let slots = UncheckedSendable(value: buffer)
      forEach(count, threads: threads) { index in slots.value[index] = body(index) }
    }
    return results.compactMap { $0 }
  }

  /// `blocks.map(body)`, with the blocks run as ``forEach(_:threads:_:)`` runs indices:
  /// each block its own task.
  ///
  /// - Parameters:
  ///   - blocks: The blocks (row ranges, document ranges, …).
  ///   - body: The work for one block; it must not write memory another block writes.
  /// - Returns: The results in block order.
  /// - Complexity: The blocks' own work plus one fork and join.
  public static func map<Block, Result>(_ blocks: [Block], _ body: (Block) -> Result) -> [Result] {
    map(blocks.count) { body(blocks[$0]) }
  }

  /// Runs `first` and `second` at the same time, and returns when both are done.
  ///
  /// - Parameters:
  ///   - onTwoThreads: Whether to use two threads at all; when false, `first` runs and then
  ///     `second`, both on the calling thread.
  ///   - first: One piece of work.
  ///   - second: The other; the two must not write the same memory.
  public static func both(onTwoThreads: Bool = true, _ first: () -> Void, _ second: () -> Void) {
    forEach(2, threads: onTwoThreads ? 2 : 1) { index in
      if index == 0 { first() } else { second() }
    }
  }
}

/// Carries a value (a closure, a buffer pointer) into concurrent tasks that the compiler
/// cannot prove safe.
///
/// Safe only under the promise ``Parallel`` states: the tasks that share it write disjoint
/// elements, and nothing frees the memory it points to before they finish. It is the one
/// `@unchecked Sendable` wrapper of the package; give a real type its own conformance
/// instead when it owns what it guards.
public struct UncheckedSendable<Value>: @unchecked Sendable {
  /// The wrapped value.
  public let value: Value

  /// Wraps `value`.
  ///
  /// - Parameter value: What the tasks share.
  @inlinable
  public init(value: Value) {
    self.value = value
  }
}
