import StanceSupport

/// Fixed-size chunks of a long vector, for elementwise passes and sums that run on several
/// threads yet give the same bits for every thread count.
///
/// The vector `0 ..< count` is cut into chunks of ``chunkLength`` elements; the cut depends
/// only on `count`. Threads take contiguous runs of chunks. A sum is formed inside each
/// chunk in index order, and the chunks' partial sums are then added in chunk order on the
/// calling thread, so how the chunks are spread over threads never changes a result. Used
/// by the optimizers for the vector work between Hessian or gradient evaluations, which on
/// a few million parameters is memory-bound and as costly as the sparse products.
///
/// ```
/// let chunks = VectorChunks(count: n, threads: 2)
/// let (dot, _, _, _) = chunks.sums { range in ... return (Σ over range, 0, 0, 0) }
/// ```
public struct VectorChunks: Sendable {
  /// Elements per chunk (the last chunk may be shorter): large enough that a chunk's work
  /// dwarfs scheduling, small enough that the chunks spread evenly over the threads.
  public static let chunkLength = 32_768

  /// The vector length.
  public let count: Int
  /// The number of threads the chunks are spread over, at least 1.
  public let threads: Int

  /// Describes passes over `0 ..< count` on up to `threads` threads.
  ///
  /// - Parameters:
  ///   - count: The vector length, at least 0.
  ///   - threads: The number of threads, at least 1; it changes the speed, never a result.
  public init(count: Int, threads: Int) {
    precondition(count >= 0 && threads >= 1, "VectorChunks: bad count or thread count")
    self.count = count
    self.threads = threads
  }

  /// The number of chunks.
  public var chunkCount: Int { (count + Self.chunkLength - 1) / Self.chunkLength }

  /// The index range of chunk `chunk`.
  @inline(__always)
  func range(ofChunk chunk: Int) -> Range<Int> {
    let start = chunk * Self.chunkLength
    return start..<Swift.min(start + Self.chunkLength, count)
  }

  /// Runs `body` once per chunk, concurrently on up to ``threads`` threads.
  ///
  /// - Parameter body: Work on one chunk's index range; it must write only inside it.
  /// - Complexity: O(count) plus one fork and join.
  public func forEachChunk(_ body: (Range<Int>) -> Void) {
    _ = sums { range in
      body(range)
      return (0, 0, 0, 0)
    }
  }

  /// Up to four sums over the whole vector: `body` returns its chunk's sums (formed in index
  /// order), and the chunks' results are added in chunk order.
  ///
  /// - Parameter body: Work on one chunk's index range, returning up to four partial sums;
  ///   it may also write elementwise inside its range.
  /// - Returns: The four totals.
  /// - Complexity: O(count) plus one fork and join.
  public func sums(
    _ body: (Range<Int>) -> (Double, Double, Double, Double)
  ) -> (Double, Double, Double, Double) {
    let chunkCount = self.chunkCount
    guard chunkCount > 0 else { return (0, 0, 0, 0) }
    let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4 * chunkCount)
    defer { partials.deallocate() }
    let workers = Swift.min(threads, chunkCount)
    withoutActuallyEscaping(body) { body in
      let shared = ChunkWork(body: body, partials: partials, chunks: self)
      Parallel.forEach(workers) { worker in shared.run(worker: worker, of: workers) }
    }
    var totals = (0.0, 0.0, 0.0, 0.0)
    for chunk in 0..<chunkCount {
      totals.0 += partials[4 * chunk]
      totals.1 += partials[4 * chunk + 1]
      totals.2 += partials[4 * chunk + 2]
      totals.3 += partials[4 * chunk + 3]
    }
    return totals
  }
}

extension VectorChunks {
  /// `Σᵢ aᵢ·bᵢ` over the first ``count`` elements, summed chunk by chunk.
  ///
  /// - Complexity: O(count).
  public func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
    precondition(a.count >= count && b.count >= count, "VectorChunks.dot: vectors too short")
    return sums { range in
      var sum = 0.0
      for i in range { sum += a[i] * b[i] }
      return (sum, 0, 0, 0)
    }.0
  }

  /// `Σᵢ aᵢ·bᵢ` over the first ``count`` elements, summed chunk by chunk.
  ///
  /// - Complexity: O(count).
  public func dot(_ a: [Double], _ b: [Double]) -> Double {
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in dot(a, b) } }
  }

  /// `Σᵢ aᵢ·bᵢ` of single-precision vectors over the first ``count`` elements: each
  /// product and every sum in `Double`, summed chunk by chunk.
  ///
  /// - Complexity: O(count).
  public func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
    precondition(a.count >= count && b.count >= count, "VectorChunks.dot: vectors too short")
    return sums { range in
      var sum = 0.0
      for i in range { sum += Double(a[i]) * Double(b[i]) }
      return (sum, 0, 0, 0)
    }.0
  }

  /// `‖v‖₂` of the first ``count`` elements.
  ///
  /// - Complexity: O(count).
  public func norm(_ v: [Double]) -> Double {
    dot(v, v).squareRoot()
  }
}

/// One fork's work: a worker's contiguous run of chunks.
///
/// Each chunk's sums go to its own slot; workers write disjoint chunks and disjoint slots.
private struct ChunkWork {
  let body: (Range<Int>) -> (Double, Double, Double, Double)
  let partials: UnsafeMutableBufferPointer<Double>
  let chunks: VectorChunks

  func run(worker: Int, of workers: Int) {
    let chunkCount = chunks.chunkCount
    for chunk in (chunkCount * worker / workers)..<(chunkCount * (worker + 1) / workers) {
      let (a, b, c, d) = body(chunks.range(ofChunk: chunk))
      partials[4 * chunk] = a
      partials[4 * chunk + 1] = b
      partials[4 * chunk + 2] = c
      partials[4 * chunk + 3] = d
    }
  }
}
